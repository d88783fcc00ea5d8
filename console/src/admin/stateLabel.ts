import type { MessageKey } from '../i18n/messages';

export const userStates = ['pending', 'active', 'inactive', 'suspended', 'locked', 'archived', 'deleted'] as const;

/** The message for an account state; an unknown one is shown as the API names it. */
export function userStateKey(state: string): MessageKey | null {
  return (userStates as readonly string[]).includes(state) ? (`admin.state.${state}` as MessageKey) : null;
}
