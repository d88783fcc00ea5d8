import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { approvals } from '../../api/client';
import { asProblem, describe, type Problem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useOrganization } from '../../organizations/organizationContext';
import { atLeast, ranks } from '../../organizations/ranks';
import { useSession } from '../../session/session';

/**
 * A member asks for a higher rank: an approval request of type role.elevation for themselves, which the organization's
 * policy for that type routes and membership grants when approved (never ownership).
 */
export function AskForRankForm({ onAsked }: { onAsked: () => Promise<void> }) {
  const { organization } = useOrganization();
  const { account } = useSession();
  const { t } = useI18n();
  const higher = ranks.filter((rank) => rank !== 'owner' && !atLeast(organization.myRank, rank));
  const [rank, setRank] = useState<string>(higher[0] ?? '');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [requestId, setRequestId] = useState<string | null>(null);
  if (!account || higher.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const rankName = t(`rankRequest.rank.${rank}` as MessageKey);
    const { data, error } = await approvals.POST('/organizations/{organizationId}/requests', {
      params: { path: { organizationId: organization.id } },
      body: {
        type: 'role.elevation', title: t('rankRequest.requestTitle', { rank: rankName }), summary: reason.trim() || null,
        subject: { externalId: `user=${account!.id};rank=${rank}`, url: null }, amount: null, currency: null, details: null, externalNominee: null,
      },
    });
    if (!data) return setProblem(asProblem(error));
    setRequestId(data.id);
    setReason('');
    await onAsked();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        {requestId && (
          <Alert color="green" role="status">
            {t('rankRequest.asked')} <Anchor component={Link} to={`/approvals/requests/${requestId}`}>{t('rankRequest.follow')}</Anchor>
          </Alert>
        )}
        <NativeSelect label={t('rankRequest.rank')} value={rank} onChange={(e) => setRank(e.currentTarget.value)}
          data={higher.map((r) => ({ value: r, label: t(`rankRequest.rank.${r}` as MessageKey) }))} />
        <Textarea label={t('rankRequest.reason')} autosize minRows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group><Button type="submit">{t('rankRequest.submit')}</Button></Group>
      </Stack>
    </form>
  );
}
