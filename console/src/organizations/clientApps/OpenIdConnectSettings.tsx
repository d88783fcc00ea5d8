import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { OnceSecret } from '../../layout/OnceSecret';
import { PermissionChecklist, usePermissionCatalogue } from '../roles/PermissionChecklist';
import { useOrganizationText } from '../text';
import type { OpenIdClient, OpenIdClientEndpoints } from './clientAppTypes';

const grantTypes = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
const lines = (text: string) => text.split(/\s+/).map((line) => line.trim()).filter(Boolean);

/** The scopes identity serves, from its discovery document, so the page offers what the provider knows. */
function useSupportedScopes(): string[] {
  const [scopes, setScopes] = useState<string[]>([]);
  useEffect(() => {
    void (async () => {
      const response = await fetch('/.well-known/openid-configuration', { credentials: 'same-origin' });
      const discovery = response.ok ? ((await response.json()) as { scopes_supported?: string[] }) : {};
      setScopes(discovery.scopes_supported ?? []);
    })();
  }, []);
  return scopes;
}

/**
 * How the app signs users in: public or confidential, its exact redirect addresses, grant types and scopes. Saving
 * replaces the settings; a confidential client's secret is in the answer that made it only. The same form serves an
 * organization's apps and the platform-wide ones; only the endpoints differ.
 */
export function OpenIdConnectSettings({ endpoints }: { endpoints: OpenIdClientEndpoints }) {
  const { t, word } = useOrganizationText();
  const supportedScopes = useSupportedScopes();
  const catalogue = usePermissionCatalogue();
  const [saved, setSaved] = useState<OpenIdClient | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [isPublic, setIsPublic] = useState('false');
  const [redirectUris, setRedirectUris] = useState('');
  const [postLogoutUris, setPostLogoutUris] = useState('');
  const [grants, setGrants] = useState<string[]>(['authorization_code']);
  const [scopes, setScopes] = useState<string[]>(['openid']);
  const [thirdParty, setThirdParty] = useState(false);
  const [servicePermissions, setServicePermissions] = useState<string[]>([]);
  const [rotate, setRotate] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);

  function show(client: OpenIdClient) {
    setSaved(client);
    setIsPublic(String(client.public));
    setRedirectUris(client.redirectUris.join('\n'));
    setPostLogoutUris(client.postLogoutRedirectUris.join('\n'));
    setGrants(client.grantTypes);
    setScopes(client.scopes);
    setThirdParty(client.thirdParty);
    setServicePermissions(client.serviceAccountPermissions);
  }

  useEffect(() => {
    void (async () => {
      // 404: the app does not sign users in yet.
      const { data } = await endpoints.load();
      if (data) show(data);
      setLoaded(true);
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [endpoints.key]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSecret(null);
    setDone(false);
    const { data, error } = await endpoints.save({
      public: isPublic === 'true', redirectUris: lines(redirectUris), postLogoutRedirectUris: lines(postLogoutUris),
      grantTypes: grants, scopes, thirdParty, rotateSecret: rotate,
      // What the app may do on its own: only with client credentials (otherwise identity refuses them).
      serviceAccountPermissions: endpoints.servicePermissions && grants.includes('client_credentials') ? servicePermissions : [],
    });
    if (!data) return setProblem(asProblem(error));
    show(data);
    setSecret(data.clientSecret);
    setRotate(false);
    setDone(true);
  }

  if (!loaded) return null;
  return (
    <Stack>
      {!saved && <Text>{t('oidc.none')}</Text>}
      {done && <Alert color="green" role="status">{t('oidc.saved')}</Alert>}
      {secret && <OnceSecret label={t('oidc.secret')} secret={secret} />}
      {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      <form onSubmit={submit} noValidate aria-label={t('oidc.title')}>
        <Stack>
          <Radio.Group label={t('oidc.type')} value={isPublic} onChange={setIsPublic} error={fieldError(problem, 'public')}>
            <Stack gap="xs" mt="xs">
              <Radio value="false" label={t('oidc.confidential')} />
              <Radio value="true" label={t('oidc.public')} />
            </Stack>
          </Radio.Group>
          <Textarea label={t('oidc.redirectUris')} description={t('oidc.urisHint')} autosize minRows={2} value={redirectUris}
            onChange={(e) => setRedirectUris(e.currentTarget.value)} error={fieldError(problem, 'redirectUris')} />
          <Textarea label={t('oidc.postLogoutUris')} description={t('oidc.urisHint')} autosize minRows={2} value={postLogoutUris}
            onChange={(e) => setPostLogoutUris(e.currentTarget.value)} error={fieldError(problem, 'postLogoutRedirectUris')} />
          <Checkbox.Group label={t('oidc.grantTypes')} value={grants} onChange={setGrants} error={fieldError(problem, 'grantTypes')}>
            <Stack gap="xs" mt="xs">
              {grantTypes.map((g) => <Checkbox key={g} value={g} label={word('oidc.grant', g)} />)}
            </Stack>
          </Checkbox.Group>
          <Checkbox.Group label={t('oidc.scopes')} value={scopes} onChange={setScopes} error={fieldError(problem, 'scopes')}>
            <Group gap="md" mt="xs">
              {supportedScopes.map((s) => <Checkbox key={s} value={s} label={s} />)}
            </Group>
          </Checkbox.Group>
          <Checkbox label={t('oidc.thirdParty')} checked={thirdParty} onChange={(e) => setThirdParty(e.currentTarget.checked)} />
          {endpoints.servicePermissions && grants.includes('client_credentials') && (
            <PermissionChecklist label={t('oidc.servicePermissions')} catalogue={catalogue} value={servicePermissions}
              onChange={setServicePermissions} error={fieldError(problem, 'serviceAccountPermissions')} />
          )}
          {saved && !saved.public && isPublic === 'false' && (
            <Checkbox label={t('oidc.rotate')} checked={rotate} onChange={(e) => setRotate(e.currentTarget.checked)} />
          )}
          <Group><Button type="submit">{t('oidc.save')}</Button></Group>
        </Stack>
      </form>
    </Stack>
  );
}
