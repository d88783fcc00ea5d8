import { identity } from '../../api/client';
import type { ClientAppEndpoints, OpenIdClientEndpoints } from './clientAppTypes';

export function organizationClientApps(organizationId: string): ClientAppEndpoints {
  const path = { organizationId };
  return {
    list: () => identity.GET('/organizations/{organizationId}/client-apps', { params: { path } }),
    register: (name) => identity.POST('/organizations/{organizationId}/client-apps', { params: { path }, body: { name } }),
  };
}

export function organizationOpenIdClient(organizationId: string, appId: string): OpenIdClientEndpoints {
  const path = { organizationId, appId };
  return {
    key: `${organizationId}/${appId}`,
    servicePermissions: true,
    load: () => identity.GET('/organizations/{organizationId}/client-apps/{appId}/openid-connect', { params: { path } }),
    save: (body) => identity.PUT('/organizations/{organizationId}/client-apps/{appId}/openid-connect', { params: { path }, body }),
  };
}
