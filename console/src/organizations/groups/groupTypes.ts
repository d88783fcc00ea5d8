import type { components } from '../../api/generated/membership';

export type MessageGroup = components['schemas']['GroupResponse'];
export type GroupMemberPage = components['schemas']['GroupMemberPage'];
export const groupKinds = ['open', 'restricted', 'automatic'] as const;
export const ruleTypes = ['all-members', 'rank', 'unit'] as const;
