import { useCallback, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { identity, type IdentitySchemas } from '../api/client';
import { describe, fieldError } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { ConfirmButton } from '../layout/ConfirmButton';
import { ListTable } from '../layout/ListTable';
import { OnceSecret } from '../layout/OnceSecret';
import { daysFromNow, endOfDay, tokenState, TokenNameAndExpiry } from '../layout/TokenFields';
import { useIssuedTokens } from '../layout/useIssuedTokens';

type Token = IdentitySchemas['TokenResponse'];

/** My personal access tokens: a script acts as me, limited to the token's permission keys. The secret is shown once. */
export function PersonalTokens() {
  const { t, language } = useI18n();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState('account.read');
  const [expires, setExpires] = useState(() => daysFromNow(30));
  const list = useCallback(async () => (await identity.GET('/account/tokens')).data, []);
  const { tokens, secret, problem, issue, revoke } = useIssuedTokens(list);

  async function create(event: FormEvent) {
    event.preventDefault();
    const issued = await issue(() => identity.POST('/account/tokens', {
      body: { name, scopes: scopes.split(/[\s,]+/).filter((s) => s !== ''), expiresAt: endOfDay(expires) },
    }));
    if (issued) setName('');
  }

  const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(language) : '—');
  const state = (token: Token) => t(`personalTokens.${tokenState(token)}`);
  return (
    <Stack>
      {secret && <OnceSecret label={t('personalTokens.secret')} secret={secret} />}
      {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      {tokens.length === 0 ? <Text>{t('personalTokens.none')}</Text> : (
        <ListTable label={t('personalTokens.title')} rows={tokens} rowKey={(token) => token.id}
          columns={[t('personalTokens.name'), t('personalTokens.prefix'), t('personalTokens.scopes'), t('personalTokens.expires'),
            t('personalTokens.lastUsed'), t('personalTokens.state'), t('personalTokens.actions')]}
          cells={(token) => [token.name, token.prefix, token.scopes.join(', '), day(token.expiresAt), day(token.lastUsedAt), state(token),
            tokenState(token) === 'active'
              ? <ConfirmButton key="revoke" label={t('personalTokens.revoke', { name: token.name })}
                  confirmLabel={t('personalTokens.revokeConfirm', { name: token.name })} onConfirm={() => revoke(() => identity.DELETE('/account/tokens/{id}', { params: { path: { id: token.id } } }))} />
              : null]} />
      )}
      <form onSubmit={create} noValidate aria-label={t('personalTokens.create')}>
        <Stack>
          <TokenNameAndExpiry labels={{ name: t('personalTokens.name'), expires: t('personalTokens.expires') }} name={name} expires={expires}
            onName={setName} onExpires={setExpires} problem={problem} />
          <TextInput label={t('personalTokens.scopes')} description={t('personalTokens.scopesHint')} required value={scopes}
            onChange={(e) => setScopes(e.currentTarget.value)} error={fieldError(problem, 'scopes')} />
          <Group><Button type="submit">{t('personalTokens.createSubmit')}</Button></Group>
        </Stack>
      </form>
    </Stack>
  );
}
