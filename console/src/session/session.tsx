import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { identity, onHeld, type HeldState, type IdentitySchemas } from '../api/client';
import { isLanguage, useI18n, type Language } from '../i18n/i18n';

export type Account = IdentitySchemas['AccountResponse'];

interface Session {
  /** undefined while loading, null when nobody is signed in. */
  account: Account | null | undefined;
  held: HeldState | null;
  refresh: () => Promise<void>;
  signedIn: (held: HeldState | null) => Promise<void>;
  signOut: () => Promise<void>;
  /** Switches the console's language, and the account's when someone is signed in (its emails and next sessions follow). */
  chooseLanguage: (language: Language) => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const [held, setHeld] = useState<HeldState | null>(null);
  const { setLanguage } = useI18n();

  const refresh = useCallback(async () => {
    const { data, response } = await identity.GET('/account');
    if (!data) {
      if (response.status === 401) setAccount(null);
      return;
    }
    setAccount(data);
    // The account's language wins over this browser's: the person chose it, and the emails use it too.
    if (isLanguage(data.language)) setLanguage(data.language);
    if (data.passwordChangeRequired) {
      setHeld('password-change-required');
      return;
    }
    // A session held for two-factor enrolment may read its account but not list its sessions: probing tells which.
    const probe = await identity.GET('/sessions');
    setHeld(probe.response.status === 403 ? 'two-factor-enrolment-required' : null);
  }, []);

  const signedIn = useCallback(async (state: HeldState | null) => {
    setHeld(state);
    await refresh();
  }, [refresh]);

  const signOut = useCallback(async () => {
    await identity.DELETE('/sessions/current');
    setHeld(null);
    setAccount(null);
  }, []);

  const chooseLanguage = useCallback(async (language: Language) => {
    setLanguage(language);
    if (!account || account.language === language) return;
    const { data } = await identity.PUT('/account', { body: { firstName: account.firstName, lastName: account.lastName, language } });
    if (data) setAccount(data);
  }, [account, setLanguage]);

  useEffect(() => {
    void refresh();
    return onHeld(setHeld);
  }, [refresh]);

  const value = useMemo(() => ({ account, held, refresh, signedIn, signOut, chooseLanguage }), [account, held, refresh, signedIn, signOut, chooseLanguage]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
