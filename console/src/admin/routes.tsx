import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../layout/NotFoundPage';
import AuditPage from './AuditPage';
import ClientAppPage from './ClientAppPage';
import ClientAppsPage from './ClientAppsPage';
import CreateUserPage from './CreateUserPage';
import EmailsPage from './EmailsPage';
import UserPage from './UserPage';
import UsersPage from './UsersPage';

/** Platform administration, mounted at /admin/* (loaded on demand); the API refuses everyone but platform administrators. */
export default function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="users" replace />} />
      <Route path="users" element={<UsersPage />} />
      <Route path="users/new" element={<CreateUserPage />} />
      <Route path="users/:id" element={<UserPage />} />
      <Route path="client-apps" element={<ClientAppsPage />} />
      <Route path="client-apps/:id" element={<ClientAppPage />} />
      <Route path="emails" element={<EmailsPage />} />
      <Route path="audit" element={<AuditPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
