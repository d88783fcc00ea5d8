import type { ApprovalsSchemas } from '../types';

export type Policy = ApprovalsSchemas['PolicyResponse'];
type PolicyInput = ApprovalsSchemas['PolicyInput'];

export const sources = ['role', 'unit-managers', 'named-people', 'external-nominee'] as const;
export const escalations = ['next-step', 'organization-admins', 'none'] as const;
const minutesPerDay = 24 * 60;

export interface StepDraft {
  name: string;
  source: string;
  requiredApprovals: number;
  role: string;
  people: string[];
}

/** The editor's state: what the form shows, in the units a person thinks in (days, one domain per line). */
export interface PolicyDraft {
  type: string;
  steps: StepDraft[];
  expiryDays: number;
  escalation: string;
  autoApproveBelow: string;
  currency: string;
  requesterMayNominate: boolean;
  externalDomains: string;
}

export const emptyStep = (): StepDraft => ({ name: '', source: 'role', requiredApprovals: 1, role: 'manager', people: [] });

export const emptyDraft = (): PolicyDraft => ({
  type: '', steps: [emptyStep()], expiryDays: 7, escalation: 'next-step', autoApproveBelow: '', currency: '',
  requesterMayNominate: false, externalDomains: '',
});

export const expiryDays = (policy: Policy) => Number(policy.stepExpiryMinutes) / minutesPerDay;

export function draftOf(policy: Policy): PolicyDraft {
  return {
    type: policy.type,
    steps: policy.steps.map((step) => ({
      name: step.name, source: step.source, requiredApprovals: Number(step.requiredApprovals), role: step.role ?? '', people: [...(step.people ?? [])],
    })),
    expiryDays: expiryDays(policy),
    escalation: policy.escalation,
    autoApproveBelow: policy.autoApproveBelow === null ? '' : String(policy.autoApproveBelow),
    currency: policy.currency ?? '',
    requesterMayNominate: policy.requesterMayNominate,
    externalDomains: policy.externalDomains.join('\n'),
  };
}

/** PUT replaces the whole policy, so every field is sent; the API checks them all and names what is wrong. */
export function inputOf(draft: PolicyDraft): PolicyInput {
  return {
    steps: draft.steps.map((step) => ({
      name: step.name,
      source: step.source,
      requiredApprovals: step.requiredApprovals,
      role: step.source === 'role' ? step.role : null,
      people: step.source === 'named-people' ? step.people : null,
    })),
    stepExpiryMinutes: Math.round(draft.expiryDays * minutesPerDay),
    escalation: draft.escalation,
    autoApproveBelow: draft.autoApproveBelow.trim() === '' ? null : draft.autoApproveBelow.trim(),
    currency: draft.currency.trim() === '' ? null : draft.currency.trim().toUpperCase(),
    requesterMayNominate: draft.requesterMayNominate,
    externalDomains: draft.externalDomains.split(/[\s,;]+/).filter((domain) => domain !== ''),
  };
}
