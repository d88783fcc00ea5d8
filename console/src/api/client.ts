import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as IdentityPaths, components as IdentityComponents } from './generated/identity';
import type { paths as MembershipPaths } from './generated/membership';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as ApprovalsPaths } from './generated/approvals';

export type IdentitySchemas = IdentityComponents['schemas'];

/** The states the gateway holds a session in until the person acts (README: sessions). */
export type HeldState = 'password-change-required' | 'two-factor-enrolment-required';
const heldTypes: Record<string, HeldState> = {
  'urn:platform:problem:password-change-required': 'password-change-required',
  'urn:platform:problem:two-factor-enrolment-required': 'two-factor-enrolment-required',
};

type HeldListener = (state: HeldState) => void;
const heldListeners = new Set<HeldListener>();
export function onHeld(listener: HeldListener): () => void {
  heldListeners.add(listener);
  return () => heldListeners.delete(listener);
}

// Any call the gateway refuses because the session is held sends the person to the screen that releases it.
const heldSession: Middleware = {
  async onResponse({ response }) {
    if (response.status !== 403) return undefined;
    const problem = (await response.clone().json().catch(() => null)) as { type?: string } | null;
    const held = problem?.type ? heldTypes[problem.type] : undefined;
    if (held) heldListeners.forEach((listener) => listener(held));
    return undefined;
  },
};

// Same origin only: the session cookie goes along, and the gateway's cross-origin defence sees same-origin requests.
function client<Paths extends {}>(service: string) {
  const api = createClient<Paths>({ baseUrl: `/api/${service}`, credentials: 'same-origin' });
  api.use(heldSession);
  return api;
}

export const identity = client<IdentityPaths>('identity');
export const membership = client<MembershipPaths>('membership');
export const notifications = client<NotificationsPaths>('notifications');
export const approvals = client<ApprovalsPaths>('approvals');
