import type { components } from '../api/generated/approvals';

export type ApprovalsSchemas = components['schemas'];
