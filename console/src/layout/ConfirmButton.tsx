import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

/**
 * A destructive action in two presses: the first shows the confirmation (which names what goes) and a way back,
 * the second acts. No modal, so focus stays where the person is.
 */
interface ConfirmButtonProps {
  label: string;
  confirmLabel: string;
  onConfirm: () => unknown;
  /** Compact inside tables and lists; the regular size beside other buttons. */
  size?: 'compact-sm' | 'sm';
}

export function ConfirmButton({ label, confirmLabel, onConfirm, size = 'compact-sm' }: ConfirmButtonProps) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking) return <Button size={size} color="red" variant="outline" onClick={() => setAsking(true)}>{label}</Button>;
  return (
    <Group gap="xs">
      <Button size={size} color="red" onClick={async () => { await onConfirm(); setAsking(false); }}>{confirmLabel}</Button>
      <Button size={size} variant="subtle" onClick={() => setAsking(false)}>{t('confirm.cancel')}</Button>
    </Group>
  );
}
