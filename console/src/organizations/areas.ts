import type { OrganizationMessageKey } from './messages';
import type { Organization } from './organizationContext';
import { atLeast } from './ranks';

/**
 * The organization's administration areas, for its navigation and its overview. Client apps, webhooks and approval policies are for the owner
 * and admins only (identity and notifications refuse anyone else), so the others do not see the way there.
 */
export function organizationAreas(organization: Organization): { path: string; title: OrganizationMessageKey }[] {
  const areas: { path: string; title: OrganizationMessageKey }[] = [
    { path: 'members', title: 'org.members' },
    { path: 'invitations', title: 'org.invitations' },
    { path: 'units', title: 'org.units' },
    { path: 'roles', title: 'org.roles' },
    { path: 'groups', title: 'org.groups' },
    { path: 'requests', title: 'org.requests' },
  ];
  // Approval policies too: the approvals service lets only the owner and admins read or change them.
  if (atLeast(organization.myRank, 'admin')) {
    areas.push({ path: 'client-apps', title: 'org.clientApps' }, { path: 'webhooks', title: 'org.webhooks' }, { path: 'policies', title: 'org.policies' });
  }
  return areas;
}
