import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { identity } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { OnceSecret } from '../../layout/OnceSecret';
import { PermissionChecklist, usePermissionCatalogue } from '../roles/PermissionChecklist';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ApiToken } from './clientAppTypes';

const dayInMs = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function tokenState(token: ApiToken): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  return new Date(token.expiresAt).getTime() <= Date.now() ? 'expired' : 'active';
}

/** A client app's API tokens: issue one (its secret shown in that answer only), revoke one. */
export function ApiTokens({ appId }: { appId: string }) {
  const { organization } = useOrganization();
  const { t, word, date } = useOrganizationText();
  const catalogue = usePermissionCatalogue();
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expires, setExpires] = useState(() => isoDay(new Date(Date.now() + 90 * dayInMs)));
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const path = { organizationId: organization.id, appId };

  const load = useCallback(async () => {
    const { data } = await identity.GET('/organizations/{organizationId}/client-apps/{appId}/tokens', { params: { path } });
    setTokens(data ?? []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.id, appId]);
  useEffect(() => { void load(); }, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSecret(null);
    // The end of the chosen day where the person is.
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
    const { data, error } = await identity.POST('/organizations/{organizationId}/client-apps/{appId}/tokens', {
      params: { path }, body: { name, scopes, expiresAt },
    });
    if (!data) return setProblem(asProblem(error));
    setSecret(data.token);
    setName('');
    setScopes([]);
    await load();
  }

  async function revoke(tokenId: string) {
    const { response, error } = await identity.DELETE('/organizations/{organizationId}/client-apps/{appId}/tokens/{tokenId}', {
      params: { path: { ...path, tokenId } },
    });
    setProblem(response.ok ? null : asProblem(error));
    await load();
  }

  return (
    <Stack>
      {secret && <OnceSecret label={t('tokens.secret')} secret={secret} />}
      {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      {tokens.length === 0 ? <Text>{t('tokens.none')}</Text> : (
        <ListTable label={t('tokens.title')} rows={tokens} rowKey={(token) => token.id}
          columns={[t('tokens.name'), t('tokens.prefix'), t('tokens.scopes'), t('tokens.expires'), t('tokens.state'), t('tokens.actions')]}
          cells={(token) => [token.name, token.prefix, token.scopes.join(', '), date(token.expiresAt), word('tokens.state', tokenState(token)),
            tokenState(token) === 'active'
              ? <ConfirmButton key="revoke" label={t('tokens.revoke', { name: token.name })} confirmLabel={t('tokens.revokeConfirm', { name: token.name })}
                  onConfirm={() => revoke(token.id)} />
              : null]} />
      )}
      <form onSubmit={create} noValidate aria-label={t('tokens.create')}>
        <Stack>
          <Group align="flex-start" grow>
            <TextInput label={t('tokens.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(problem, 'name')} />
            <TextInput type="date" label={t('tokens.expires')} required value={expires} onChange={(e) => setExpires(e.currentTarget.value)}
              error={fieldError(problem, 'expiresAt')} />
          </Group>
          <PermissionChecklist label={t('tokens.scopes')} catalogue={catalogue} value={scopes} onChange={setScopes} error={fieldError(problem, 'scopes')} />
          <Group><Button type="submit">{t('tokens.createSubmit')}</Button></Group>
        </Stack>
      </form>
    </Stack>
  );
}
