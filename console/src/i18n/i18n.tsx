import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { de, en, type MessageKey } from './messages';

export type Language = 'en' | 'de';
const catalogs: Record<Language, Record<MessageKey, string>> = { en, de };
const storageKey = 'platform.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'de';
}

/**
 * Before anyone signs in, the console speaks the language last used in this browser, else the browser's own. Once the
 * account is known, its language takes over (session.tsx), and a change of language is saved to the account.
 */
function initialLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  if (isLanguage(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string>) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(storageKey, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const t = useCallback(
    (key: MessageKey, values?: Record<string, string>) =>
      catalogs[language][key].replace(/\{(\w+)\}/g, (_, name: string) => values?.[name] ?? ''),
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  document.documentElement.lang = language;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
