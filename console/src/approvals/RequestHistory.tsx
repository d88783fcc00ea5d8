import { useEffect, useState } from 'react';
import { Table, Title } from '@mantine/core';
import { approvals } from '../api/client';
import type { ApprovalsSchemas } from './types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
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
      <Table aria-labelledby="history-heading">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('request.history.when')}</Table.Th>
            <Table.Th>{t('request.history.what')}</Table.Th>
            <Table.Th>{t('request.history.who')}</Table.Th>
            <Table.Th>{t('request.history.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry, index) => (
            <Table.Tr key={index}>
              <Table.Td>{formatTime(entry.at, language)}</Table.Td>
              <Table.Td>{what(entry.event)}</Table.Td>
              <Table.Td><Person id={entry.actor} /></Table.Td>
              <Table.Td>{entry.detail ? <Person id={entry.detail} /> : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
