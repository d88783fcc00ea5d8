import type { MessageKey } from '../i18n/messages';

export function formatTime(iso: string | null | undefined, language: string): string {
  return iso ? new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

export function formatAmount(amount: number | string | null, currency: string | null, language: string): string | null {
  if (amount === null || currency === null) return null;
  return new Intl.NumberFormat(language, { style: 'currency', currency }).format(Number(amount));
}

const states = ['pending', 'approved', 'rejected', 'cancelled', 'expired', 'withdrawn'] as const;

/** The message for a request's or an assignment's state; an unknown one is shown as the API names it. */
export function stateKey(state: string): MessageKey | null {
  return (states as readonly string[]).includes(state) ? (`approvals.state.${state}` as MessageKey) : null;
}

export const stateColor: Record<string, string> = { pending: 'blue', approved: 'green', rejected: 'red', cancelled: 'gray', expired: 'orange' };
