import { useEffect, useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { identity } from '../../api/client';
import { Section } from '../../layout/Section';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { AccountDetailsForm } from './AccountDetailsForm';
import { AccountMoves } from './AccountMoves';
import type { ManagedAccount } from './accountTypes';
import { PasswordResetForm } from './PasswordResetForm';

/**
 * The account itself, when the organization manages it: identity answers the account only then (and only to an owner or admin
 * ranked above the member), so its answer decides whether this part shows. Otherwise the organization acts on the membership alone.
 */
export function ManagedAccountCard({ userId }: { userId: string }) {
  const { organization } = useOrganization();
  const { t, word } = useOrganizationText();
  const [account, setAccount] = useState<ManagedAccount | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    void (async () => {
      const { data } = await identity.GET('/organizations/{organizationId}/accounts/{userId}', { params: { path: { organizationId: organization.id, userId } } });
      setAccount(data ?? null);
      setChecked(true);
    })();
  }, [organization.id, userId]);

  if (!checked) return null;
  if (!account) return <Text>{t('account.notManaged')}</Text>;
  return (
    <Section title={t('account.title')}>
      <Stack>
        <Text>{t('account.state', { state: word('account.state', account.state) })}
          {account.passwordChangeRequired && ` · ${t('account.mustChange')}`}</Text>
        {account.state !== 'deleted' && (
          <>
            <AccountDetailsForm key={`${account.firstName}|${account.lastName}|${account.email}`} account={account} onSaved={setAccount} />
            <PasswordResetForm account={account} />
          </>
        )}
        <AccountMoves account={account} onMoved={setAccount} />
      </Stack>
    </Section>
  );
}
