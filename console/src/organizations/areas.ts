import type { OrganizationMessageKey } from './messages';
import type { Organization } from './organizationContext';
import { atLeast } from './ranks';

/**
 * The organization's administration areas, for its navigation and its overview. Client apps, webhooks, the access review,
 * settings and approval policies are for the owner and admins only (identity, notifications and approvals refuse anyone else),
 * so the others do not see the way there.
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
  // Imports are for managers too (by the delegation rules), but not in an archived organization, where nothing changes.
  if (atLeast(organization.myRank, 'manager') && organization.state === 'active') areas.push({ path: 'imports', title: 'org.imports' });
  if (atLeast(organization.myRank, 'admin')) areas.push({ path: 'client-apps', title: 'org.clientApps' }, { path: 'webhooks', title: 'org.webhooks' });
  // Settings and the access review need org.settings, which the owner and admins hold.
  if (atLeast(organization.myRank, 'admin')) areas.push({ path: 'access-review', title: 'org.accessReview' }, { path: 'settings', title: 'org.settings' });
  // Approval policies too: the approvals service lets only the owner and admins read or change them.
  if (atLeast(organization.myRank, 'admin')) areas.push({ path: 'policies', title: 'org.policies' });
  return areas;
}
