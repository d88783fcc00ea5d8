import type { IdentitySchemas } from '../../api/client';

export type ClientApp = IdentitySchemas['ClientAppResponse'];
export type ApiToken = IdentitySchemas['TokenResponse'];
export type OpenIdClient = IdentitySchemas['OpenIdClientResponse'];
