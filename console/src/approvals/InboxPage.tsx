import { Card, Stack, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import { MyRequests } from './MyRequests';
import { PendingApprovals } from './PendingApprovals';

/** The approvals inbox: what waits for my decision, and the requests I made. */
export function InboxPage() {
  const { t } = useI18n();
  return (
    <Stack maw={960} mx="auto">
      <Title order={1}>{t('approvals.title')}</Title>
      <Card withBorder component="section" aria-labelledby="pending-heading">
        <Title order={2} size="h3" id="pending-heading" mb="sm">{t('approvals.pending.title')}</Title>
        <PendingApprovals />
      </Card>
      <Card withBorder component="section" aria-labelledby="mine-heading">
        <Title order={2} size="h3" id="mine-heading" mb="sm">{t('approvals.mine.title')}</Title>
        <MyRequests />
      </Card>
    </Stack>
  );
}
