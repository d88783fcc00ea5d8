import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Group, Table } from '@mantine/core';
import { identity, type IdentitySchemas } from '../api/client';
import { useI18n } from '../i18n/i18n';

type SessionRow = IdentitySchemas['SessionResponse'];

/** My sessions: end one, or every one but this. */
export function SessionsList() {
  const { t, language } = useI18n();
  const [sessions, setSessions] = useState<SessionRow[]>([]);
  const load = useCallback(async () => {
    const { data } = await identity.GET('/sessions');
    if (data) setSessions(data);
  }, []);
  useEffect(() => { void load(); }, [load]);

  const format = (iso: string) => new Date(iso).toLocaleString(language);
  return (
    <>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('account.sessions.device')}</Table.Th>
            <Table.Th>{t('account.sessions.started')}</Table.Th>
            <Table.Th><span className="skip-link">{t('account.sessions.end')}</span></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.userAgent ?? '—'} {s.current && <Badge ml="xs">{t('account.sessions.current')}</Badge>}</Table.Td>
              <Table.Td>{format(s.createdAt)}</Table.Td>
              <Table.Td>
                {!s.current && (
                  <Button size="xs" variant="default" onClick={async () => { await identity.DELETE('/sessions/{id}', { params: { path: { id: s.id } } }); await load(); }}>
                    {t('account.sessions.end')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="sm">
        <Button variant="default" onClick={async () => { await identity.DELETE('/sessions'); await load(); }}>
          {t('account.sessions.endOthers')}
        </Button>
      </Group>
    </>
  );
}
