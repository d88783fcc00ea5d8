import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { approvals } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { useOrganization } from '../../organizations/organizationContext';
import { atLeast } from '../../organizations/ranks';
import { formatAmount, formatTime } from '../format';
import { Person } from '../people';
import { StateBadge } from '../StateBadge';
import type { ApprovalsSchemas } from '../types';
import { AskForRankForm } from './AskForRankForm';

type RequestPage = ApprovalsSchemas['RequestPage'];
const pageSize = 25;
const requestStates = ['pending', 'approved', 'rejected', 'cancelled', 'expired'] as const;
const knownTypes = ['membership.join', 'role.elevation'];

/**
 * The organization's approval requests: senior readers see every one (join and rank requests among them, decided on the
 * request's page by those its policy asks), anyone else their own and those they were asked to decide. A member below
 * admin may ask for a higher rank here.
 */
export default function OrganizationRequestsPage() {
  const { organization } = useOrganization();
  const { t, language } = useI18n();
  const [state, setState] = useState('pending');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<RequestPage | null>(null);
  const organizationId = organization.id;

  const load = useCallback(async () => {
    const { data } = await approvals.GET('/organizations/{organizationId}/requests', {
      params: { path: { organizationId }, query: { state: state || undefined, page, pageSize } },
    });
    setResult(data ?? null);
  }, [organizationId, state, page]);
  useEffect(() => { void load(); }, [load]);

  const typeName = (type: string) => (knownTypes.includes(type) ? t(`orgRequests.type.${type}` as MessageKey) : type);
  const pages = result ? Math.max(1, Math.ceil(Number(result.total) / pageSize)) : 1;
  return (
    <Stack>
      <Section title={t('orgRequests.title')}>
        {result && <Text mb="sm">{result.allRequests ? t('orgRequests.all') : t('orgRequests.mine')}</Text>}
        <Group mb="sm">
          <NativeSelect label={t('approvals.column.state')} value={state} onChange={(e) => { setState(e.currentTarget.value); setPage(1); }}
            data={[{ value: '', label: t('orgRequests.anyState') }, ...requestStates.map((s) => ({ value: s, label: t(`approvals.state.${s}` as MessageKey) }))]} />
        </Group>
        {result && result.items.length === 0 && <Text>{t('orgRequests.none')}</Text>}
        {result && result.items.length > 0 && (
          <ListTable label={t('orgRequests.title')} rows={result.items} rowKey={(item) => item.id}
            columns={[t('approvals.column.request'), t('request.type'), t('approvals.column.requester'), t('approvals.column.state'), t('approvals.column.step'), t('approvals.column.created')]}
            cells={(item) => [
              <><Anchor component={Link} to={`/approvals/requests/${item.id}`}>{item.title}</Anchor> {formatAmount(item.amount, item.currency, language)}</>,
              typeName(item.type),
              <Person id={item.requesterId} />,
              <StateBadge state={item.state} />,
              t('approvals.step', { step: String(item.step), count: String(item.stepCount), name: item.stepName }),
              formatTime(item.createdAt, language),
            ]} />
        )}
        {pages > 1 && (
          <Group mt="sm">
            <Button variant="default" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('orgRequests.previous')}</Button>
            <Text>{t('orgRequests.page', { page: String(page), pages: String(pages) })}</Text>
            <Button variant="default" disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('orgRequests.next')}</Button>
          </Group>
        )}
      </Section>
      {!atLeast(organization.myRank, 'admin') && (
        <Section title={t('rankRequest.title')}>
          <AskForRankForm onAsked={load} />
        </Section>
      )}
    </Stack>
  );
}
