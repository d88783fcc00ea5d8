import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { organizationAreas } from './areas';
import { OpenToJoinSwitch } from './OpenToJoinSwitch';
import { useOrganization } from './organizationContext';
import { useOrganizationText } from './text';

/** The organization's start page: what it is, and where its administration lives. */
export default function OrganizationHome() {
  const { organization, units } = useOrganization();
  const { t } = useOrganizationText();
  const base = `/organizations/${organization.id}`;
  const areas = organizationAreas(organization).map((area) => ({
    to: `${base}/${area.path}`,
    title: area.path === 'units' ? `${t(area.title)} (${units.length})` : t(area.title),
  }));
  return (
    <>
      <Text>{t('org.slug', { slug: organization.slug })}</Text>
      {(organization.myRank === 'owner' || organization.myRank === 'admin') && organization.state === 'active' && (
        <OpenToJoinSwitch organization={organization} />
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {areas.map((area) => (
          <Card key={area.to} withBorder component={Link} to={area.to}>
            <Title order={2} size="h3">{area.title}</Title>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
