import type { IdentitySchemas } from '../../api/client';

export type ManagedAccount = IdentitySchemas['ManagedAccountResponse'];
