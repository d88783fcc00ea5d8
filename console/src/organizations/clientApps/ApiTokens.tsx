import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { identity } from '../../api/client';
import { describe, fieldError } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { OnceSecret } from '../../layout/OnceSecret';
import { daysFromNow, endOfDay, tokenState, TokenNameAndExpiry } from '../../layout/TokenFields';
import { useIssuedTokens } from '../../layout/useIssuedTokens';
import { PermissionChecklist, usePermissionCatalogue } from '../roles/PermissionChecklist';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ApiToken } from './clientAppTypes';

/** A client app's API tokens: issue one (its secret shown in that answer only), revoke one. */
export function ApiTokens({ appId }: { appId: string }) {
  const { organization } = useOrganization();
  const { t, word, date } = useOrganizationText();
  const catalogue = usePermissionCatalogue();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expires, setExpires] = useState(() => daysFromNow(90));
  const path = useMemo(() => ({ organizationId: organization.id, appId }), [organization.id, appId]);
  const list = useCallback(async () =>
    (await identity.GET('/organizations/{organizationId}/client-apps/{appId}/tokens', { params: { path } })).data, [path]);
  const { tokens, secret, problem, issue, revoke } = useIssuedTokens<ApiToken>(list);

  async function create(event: FormEvent) {
    event.preventDefault();
    const issued = await issue(() => identity.POST('/organizations/{organizationId}/client-apps/{appId}/tokens', {
      params: { path }, body: { name, scopes, expiresAt: endOfDay(expires) },
    }));
    if (!issued) return;
    setName('');
    setScopes([]);
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
                  onConfirm={() => revoke(() => identity.DELETE('/organizations/{organizationId}/client-apps/{appId}/tokens/{tokenId}', {
                    params: { path: { ...path, tokenId: token.id } },
                  }))} />
              : null]} />
      )}
      <form onSubmit={create} noValidate aria-label={t('tokens.create')}>
        <Stack>
          <TokenNameAndExpiry labels={{ name: t('tokens.name'), expires: t('tokens.expires') }} name={name} expires={expires}
            onName={setName} onExpires={setExpires} problem={problem} />
          <PermissionChecklist label={t('tokens.scopes')} catalogue={catalogue} value={scopes} onChange={setScopes} error={fieldError(problem, 'scopes')} />
          <Group><Button type="submit">{t('tokens.createSubmit')}</Button></Group>
        </Stack>
      </form>
    </Stack>
  );
}
