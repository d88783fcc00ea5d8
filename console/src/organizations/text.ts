import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n';
import { de, en, type OrganizationMessageKey } from './messages';

const catalogs = { en, de };

/** The console's language, with this area's own strings. */
export function useOrganizationText() {
  const { language } = useI18n();
  const t = useCallback(
    (key: OrganizationMessageKey, values?: Record<string, string | number>) =>
      catalogs[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? '')),
    [language],
  );
  /** A value the API names (rank, state, unit kind, invitation result, permission, …) in words, or as it came when unknown. */
  const word = useCallback(
    (prefix: 'rank' | 'state' | 'label' | 'result' | 'permission' | 'groups.kind' | 'grants.scope' | 'oidc.grant' | 'tokens.state' | 'webhooks.state' | 'deliveries.state' | 'verdict' | 'account.state', value: string) => {
      const key = `${prefix}.${value}` as OrganizationMessageKey;
      return key in catalogs[language] ? catalogs[language][key] : value;
    },
    [language],
  );
  const date = useCallback((iso: string) => new Date(iso).toLocaleDateString(language), [language]);
  return { t, word, date, language };
}
