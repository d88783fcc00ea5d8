import { useCallback } from 'react';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { MessageGroup } from './groupTypes';

/** Who a group reaches, in words: its rule for an automatic group, else "people added by hand". */
export function useGroupAudience() {
  const { units } = useOrganization();
  const { t, word } = useOrganizationText();
  return useCallback((group: MessageGroup) => {
    const rule = group.rule;
    if (!rule) return t('groups.manual');
    if (rule.type === 'rank') return t('groups.rule.describe.rank', { rank: word('rank', rule.rank ?? '') });
    if (rule.type === 'unit') return t('groups.rule.describe.unit', { unit: units.find((u) => u.id === rule.unitId)?.name ?? '' });
    return t('groups.rule.describe.all-members');
  }, [t, word, units]);
}
