import { Stack } from '@mantine/core';
import { Section } from '../../layout/Section';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { ArchiveOrganization } from './ArchiveOrganization';
import { OwnershipTransfer } from './OwnershipTransfer';
import { SecuritySettings } from './SecuritySettings';

/** Security settings for the owner and admins (org.settings); handing over ownership and archiving for the owner alone. Once archived, nothing here changes (the layout says so). */
export default function SettingsPage() {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  // Both change the caller's rank or the organization's state: a fresh load shows the organization as it now is.
  const reload = () => window.location.reload();
  const active = organization.state === 'active';
  const owner = organization.myRank === 'owner';
  return (
    <Stack>
      {active && <Section title={t('settings.security')}><SecuritySettings organization={organization} /></Section>}
      {owner && active && <Section title={t('ownership.title')}><OwnershipTransfer organization={organization} onTransferred={reload} /></Section>}
      {owner && active && <Section title={t('archive.title')}><ArchiveOrganization organization={organization} onArchived={reload} /></Section>}
    </Stack>
  );
}
