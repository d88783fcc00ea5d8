import { Anchor, Group, Text } from '@mantine/core';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';

/**
 * Every member as a file. A plain link, so the browser downloads the stream itself with the session cookie (same origin)
 * and the service names the file; the service asks for org.settings, as the access review does.
 */
export function ExportMembersLinks() {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const href = (format: 'csv' | 'json') => `/api/membership/organizations/${organization.id}/members/export?format=${format}`;
  return (
    <Group gap="md">
      <Text>{t('export.title')}</Text>
      <Anchor href={href('csv')} download>{t('export.csv')}</Anchor>
      <Anchor href={href('json')} download>{t('export.json')}</Anchor>
    </Group>
  );
}
