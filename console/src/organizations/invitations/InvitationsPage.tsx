import { useState } from 'react';
import { Card, Text, Title } from '@mantine/core';
import { administers, atLeast } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { InvitationsList } from './InvitationsList';
import { InviteForm } from './InviteForm';

/** Invite people (one or a pasted list), then follow, resend or revoke the invitations. */
export default function InvitationsPage() {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [version, setVersion] = useState(0);
  const mayInvite = administers(organization.myRank) && atLeast(organization.myRank, organization.minimumRankToInvite);
  return (
    <>
      <Card withBorder component="section" aria-labelledby="invite-heading">
        <Title order={2} size="h3" id="invite-heading" mb="sm">{t('invite.title')}</Title>
        {mayInvite ? <InviteForm onInvited={() => setVersion((v) => v + 1)} /> : <Text>{t('invite.cannot')}</Text>}
      </Card>
      <Card withBorder component="section" aria-labelledby="invitations-heading">
        <Title order={2} size="h3" id="invitations-heading" mb="sm">{t('invitations.title')}</Title>
        <InvitationsList version={version} />
      </Card>
    </>
  );
}
