import { useEffect, useState } from 'react';
import { Alert, Button, Group, NativeSelect, Pagination, Stack, Table, Text } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { asProblem, describe } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';

type InvitationPage = components['schemas']['InvitationPage'];
const pageSize = 25;

/** The organization's invitations by state, each pending one with resend and revoke. */
export function InvitationsList({ version }: { version: number }) {
  const { organization } = useOrganization();
  const { t, word, date } = useOrganizationText();
  const [state, setState] = useState('pending');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<InvitationPage | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    void (async () => {
      const { data } = await membership.GET('/organizations/{organizationId}/invitations', {
        params: { path: { organizationId: organization.id }, query: { page, pageSize, state: state || undefined } },
      });
      if (data) setResult(data);
    })();
  }, [organization.id, state, page, version, reloads]);

  async function act(invitationId: string, email: string, action: 'resend' | 'revoke') {
    const path = { organizationId: organization.id, invitationId };
    if (action === 'resend') {
      const { data, error } = await membership.POST('/organizations/{organizationId}/invitations/{invitationId}/resend', { params: { path } });
      // The service says what became of the email (queued with the new link), so the page does not claim more.
      setMessage(data ? { ok: true, text: t('invitations.resent', { email, detail: data.sending?.detail ?? '' }) } : { ok: false, text: describe(asProblem(error)) });
    } else {
      const { response, error } = await membership.DELETE('/organizations/{organizationId}/invitations/{invitationId}', { params: { path } });
      setMessage(response.ok ? { ok: true, text: '' } : { ok: false, text: describe(asProblem(error)) });
    }
    setReloads((n) => n + 1);
  }

  const total = Number(result?.total ?? 0);
  return (
    <Stack>
      <NativeSelect label={t('invitations.state')} value={state} onChange={(e) => { setState(e.currentTarget.value); setPage(1); }}
        data={[{ value: '', label: t('filter.any') }, ...['pending', 'accepted', 'revoked', 'expired'].map((s) => ({ value: s, label: word('state', s) }))]} />
      {message?.text && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invitations.email')}</Table.Th>
            <Table.Th>{t('invitations.rank')}</Table.Th>
            <Table.Th>{t('invitations.state')}</Table.Th>
            <Table.Th>{t('invitations.expires')}</Table.Th>
            <Table.Th>{t('invitations.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result?.items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>{i.email}</Table.Td>
              <Table.Td>{word('rank', i.rank)}</Table.Td>
              <Table.Td>{word('state', i.state)}</Table.Td>
              <Table.Td>{date(i.expiresAt)}</Table.Td>
              <Table.Td>
                {i.state === 'pending' && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" aria-label={t('invitations.resend', { email: i.email })} onClick={() => act(i.id, i.email, 'resend')}>↻</Button>
                    <Button size="xs" variant="default" color="red" aria-label={t('invitations.revoke', { email: i.email })} onClick={() => act(i.id, i.email, 'revoke')}>✕</Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result && total === 0 && <Text>{t('invitations.none')}</Text>}
      {total > pageSize && (
        <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} aria-label={t('invitations.pages')}
          getControlProps={(control) => ({ 'aria-label': control })} />
      )}
    </Stack>
  );
}
