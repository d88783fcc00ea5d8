import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { approvals } from '../api/client';
import type { ApprovalsSchemas } from './types';
import { asProblem, describe, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Fact } from '../layout/Fact';
import { useSession } from '../session/session';
import { Approvers } from './Approvers';
import { DecisionForm } from './DecisionForm';
import { formatAmount, formatTime } from './format';
import { Person } from './people';
import { RequestHistory } from './RequestHistory';
import { StateBadge } from './StateBadge';

type Request = ApprovalsSchemas['RequestResponse'];

/**
 * One request: what is asked, where it stands, who decides; the decision form for someone asked at the current step,
 * cancelling for its requester, the history for those the API shows it to. The emailed "Review the request" link opens it.
 */
export default function RequestPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const { account } = useSession();
  const [request, setRequest] = useState<Request | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    const { data } = await approvals.GET('/requests/{requestId}', { params: { path: { requestId: id } } });
    setRequest(data ?? null);
  }, [id]);
  useEffect(() => { void load(); }, [load]);

  if (request === undefined) return <Text>{t('common.loading')}</Text>;
  if (request === null) {
    return (
      <Stack maw={720} mx="auto">
        <Alert color="red" role="alert">{t('request.notFound')}</Alert>
        <Anchor component={Link} to="/approvals">{t('request.back')}</Anchor>
      </Stack>
    );
  }

  const pending = request.state === 'pending';
  const mayDecide = pending && request.requesterId !== account?.id && request.assignments.some(
    (a) => a.approverId === account?.id && a.state === 'pending' && Number(a.step) === Number(request.step));
  const amount = formatAmount(request.amount, request.currency, language);

  async function cancel() {
    setProblem(null);
    const { data, error } = await approvals.POST('/requests/{requestId}/cancel', { params: { path: { requestId: id } } });
    if (data) {
      setRequest(data);
      setNotice(t('request.cancelled'));
    } else setProblem(asProblem(error));
  }

  return (
    <Stack maw={960} mx="auto">
      <Anchor component={Link} to="/approvals">{t('request.back')}</Anchor>
      <Group justify="space-between">
        <Title order={1}>{request.title}</Title>
        <StateBadge state={request.state} />
      </Group>
      {notice && <Alert color="green" role="status">{notice}</Alert>}
      {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      <Card withBorder component="section" aria-label={request.title}>
        <Stack>
          {request.summary && <Text>{request.summary}</Text>}
          <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
            <Fact label={t('request.type')}>{request.type}</Fact>
            {amount && <Fact label={t('request.amount')}>{amount}</Fact>}
            <Fact label={t('request.requester')}><Person id={request.requesterId} /></Fact>
            <Fact label={t('request.created')}>{formatTime(request.createdAt, language)}</Fact>
            <Fact label={t('approvals.column.step')}>
              {t('approvals.step', { step: String(request.step), count: String(request.stepCount), name: request.stepName })}
            </Fact>
            {pending
              ? <Fact label={t('request.deadline')}>{formatTime(request.stepDeadline, language)}</Fact>
              : <Fact label={t('request.closed')}>{formatTime(request.closedAt, language)}</Fact>}
          </SimpleGrid>
          {request.subject.url && <Anchor href={request.subject.url} target="_blank" rel="noreferrer">{t('request.subject')}</Anchor>}
        </Stack>
      </Card>
      {mayDecide && (
        <Card withBorder component="section" aria-labelledby="decide-heading">
          <Title order={2} size="h3" id="decide-heading" mb="sm">{t('request.decide.title')}</Title>
          <DecisionForm requestId={id} onDecided={(decided) => { setRequest(decided); setNotice(t('request.decide.done')); }} />
        </Card>
      )}
      {pending && request.requesterId === account?.id && (
        <Group><Button variant="default" onClick={cancel}>{t('request.cancel')}</Button></Group>
      )}
      <Card withBorder component="section" aria-labelledby="approvers-heading">
        <Title order={2} size="h3" id="approvers-heading" mb="sm">{t('request.approvers.title')}</Title>
        <Approvers assignments={request.assignments} />
      </Card>
      <RequestHistory requestId={id} version={request} />
    </Stack>
  );
}
