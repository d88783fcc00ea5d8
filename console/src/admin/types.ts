import type { components } from '../api/generated/identity';

export type AdminUser = components['schemas']['AdminUserResponse'];
export type AuditRecord = components['schemas']['AuditRecordResponse'];
