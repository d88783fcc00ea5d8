import { useEffect, useState } from 'react';
import { Title } from '@mantine/core';
import { approvals } from '../api/client';
import type { ApprovalsSchemas } from './types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ListTable } from '../layout/ListTable';
import { approvalsEn } from './messages';
import { formatTime } from './format';
import { Person } from './people';

type Entry = ApprovalsSchemas['HistoryEntryResponse'];

/** What happened to a request, in order; the API shows it to the requester and the organization's admins only. */
export function RequestHistory({ requestId, version }: { requestId: string; version: unknown }) {
  const { t, language } = useI18n();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  useEffect(() => {
    void approvals.GET('/requests/{requestId}/history', { params: { path: { requestId } } })
      .then(({ data }) => setEntries(data ?? null));
  }, [requestId, version]);
  if (!entries) return null;

  const what = (event: string) => {
    const key = `request.event.${event}`;
    return key in approvalsEn ? t(key as MessageKey) : event;
  };
  return (
    <section aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading" mb="sm">{t('request.history.title')}</Title>
      <ListTable label={t('request.history.title')} rows={entries} rowKey={(_, index) => index}
        columns={[t('request.history.when'), t('request.history.what'), t('request.history.who'), t('request.history.detail')]}
        cells={(entry) => [formatTime(entry.at, language), what(entry.event), <Person id={entry.actor} />, entry.detail ? <Person id={entry.detail} /> : '']} />
    </section>
  );
}
