import { identity } from '../api/client';
import type { ClientAppEndpoints, OpenIdClientEndpoints } from '../organizations/clientApps/clientAppTypes';

/** Platform-wide client apps: the same screens as an organization's, over identity's /admin/client-apps. */
export const platformClientApps: ClientAppEndpoints = {
  list: () => identity.GET('/admin/client-apps'),
  register: (name) => identity.POST('/admin/client-apps', { body: { name } }),
};

export function platformOpenIdClient(id: string): OpenIdClientEndpoints {
  const path = { id };
  return {
    key: id,
    // A platform-wide app belongs to no organization, so its own tokens have nowhere to act: identity refuses permissions.
    servicePermissions: false,
    load: () => identity.GET('/admin/client-apps/{id}/openid-connect', { params: { path } }),
    save: (body) => identity.PUT('/admin/client-apps/{id}/openid-connect', { params: { path }, body }),
  };
}
