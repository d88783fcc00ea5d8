import type { IdentitySchemas } from '../../api/client';

export type ClientApp = IdentitySchemas['ClientAppResponse'];
export type ApiToken = IdentitySchemas['TokenResponse'];
export type OpenIdClient = IdentitySchemas['OpenIdClientResponse'];
export type SaveOpenIdClient = IdentitySchemas['SaveOpenIdClientRequest'];
export type Answer<T> = { data?: T; error?: unknown };

/**
 * Where a client app's OpenID Connect settings live: an organization's app or a platform-wide one. `key` changes when
 * the app does; `servicePermissions` says whether the app may hold permissions of its own (a platform-wide app may not).
 */
export interface OpenIdClientEndpoints {
  key: string;
  servicePermissions: boolean;
  load: () => Promise<Answer<OpenIdClient>>;
  save: (body: SaveOpenIdClient) => Promise<Answer<OpenIdClient>>;
}

/** The list of apps and registering one, for an organization or for the platform. */
export interface ClientAppEndpoints {
  list: () => Promise<Answer<ClientApp[]>>;
  register: (name: string) => Promise<Answer<ClientApp>>;
}
