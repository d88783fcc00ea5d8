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
  // Focus follows the buttons as they swap, so a keyboard user is never dropped back to the top of the page.
  const [step, setStep] = useState<'idle' | 'asking' | 'back'>('idle');
  if (step !== 'asking') {
    return <Button size={size} color="red" variant="outline" autoFocus={step === 'back'} onClick={() => setStep('asking')}>{label}</Button>;
  }
  return (
    <Group gap="xs">
      <Button size={size} color="red" autoFocus onClick={async () => { await onConfirm(); setStep('back'); }}>{confirmLabel}</Button>
      <Button size={size} variant="subtle" onClick={() => setStep('back')}>{t('confirm.cancel')}</Button>
    </Group>
  );
}
