import { Badge } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import { stateColor, stateKey } from './format';

export function StateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  const key = stateKey(state);
  return <Badge color={stateColor[state] ?? 'gray'} variant="light" c="dark">{key ? t(key) : state}</Badge>;
}
