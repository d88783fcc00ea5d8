import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { OrganizationLayout } from './OrganizationLayout';
import OrganizationsPage from './OrganizationsPage';

// The area loads as one chunk when a person first opens it; its inner screens load on demand too.
const OrganizationHome = lazy(() => import('./OrganizationHome'));
const MembersPage = lazy(() => import('./members/MembersPage'));
const MemberDetailPage = lazy(() => import('./members/MemberDetailPage'));
const InvitationsPage = lazy(() => import('./invitations/InvitationsPage'));
const UnitsPage = lazy(() => import('./units/UnitsPage'));
const RolesPage = lazy(() => import('./roles/RolesPage'));
const GroupsPage = lazy(() => import('./groups/GroupsPage'));
const GroupPage = lazy(() => import('./groups/GroupPage'));
const ClientAppsPage = lazy(() => import('./clientApps/ClientAppsPage'));
const ClientAppPage = lazy(() => import('./clientApps/ClientAppPage'));
const WebhooksPage = lazy(() => import('./webhooks/WebhooksPage'));
const ImportsPage = lazy(() => import('./imports/ImportsPage'));
const SettingsPage = lazy(() => import('./settings/SettingsPage'));
const AccessReviewPage = lazy(() => import('./settings/AccessReviewPage'));
// The approvals screens of one organization belong to the approvals area; they live under the organization's navigation.
const OrganizationRequestsPage = lazy(() => import('../approvals/organization/OrganizationRequestsPage'));
const PoliciesPage = lazy(() => import('../approvals/policies/PoliciesPage'));

/** Organization administration, mounted at /organizations/*. */
export default function OrganizationRoutes() {
  return (
    <Routes>
      <Route index element={<OrganizationsPage />} />
      <Route path=":organizationId" element={<OrganizationLayout />}>
        <Route index element={<OrganizationHome />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="members/:userId" element={<MemberDetailPage />} />
        <Route path="invitations" element={<InvitationsPage />} />
        <Route path="units" element={<UnitsPage />} />
        <Route path="roles" element={<RolesPage />} />
        <Route path="groups" element={<GroupsPage />} />
        <Route path="groups/:groupId" element={<GroupPage />} />
        <Route path="client-apps" element={<ClientAppsPage />} />
        <Route path="client-apps/:appId" element={<ClientAppPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="imports" element={<ImportsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="access-review" element={<AccessReviewPage />} />
        <Route path="requests" element={<OrganizationRequestsPage />} />
        <Route path="policies" element={<PoliciesPage />} />
      </Route>
    </Routes>
  );
}
