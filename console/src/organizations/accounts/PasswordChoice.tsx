import { PasswordInput, Radio, Stack } from '@mantine/core';
import { useOrganizationText } from '../text';

export type PasswordWay = 'link' | 'temporary';

interface PasswordChoiceProps {
  label: string;
  /** What each way is called here (creating an account, resetting its password). */
  ways: Record<PasswordWay, string>;
  way: PasswordWay;
  onWay: (way: PasswordWay) => void;
  password: string;
  onPassword: (password: string) => void;
  error?: string;
}

/** An emailed link, or a temporary password the administrator hands over, which must be changed at the next login. */
export function PasswordChoice({ label, ways, way, onWay, password, onPassword, error }: PasswordChoiceProps) {
  const { t } = useOrganizationText();
  const order: PasswordWay[] = Object.keys(ways) as PasswordWay[];
  return (
    <>
      <Radio.Group label={label} value={way} onChange={(value) => onWay(value as PasswordWay)}>
        <Stack gap="xs" mt="xs">
          {order.map((option) => <Radio key={option} value={option} label={ways[option]} />)}
        </Stack>
      </Radio.Group>
      {way === 'temporary' && (
        <PasswordInput label={t('account.temporaryPassword')} description={t('account.temporaryPasswordHint')} value={password}
          error={error} onChange={(e) => onPassword(e.currentTarget.value)} />
      )}
    </>
  );
}
