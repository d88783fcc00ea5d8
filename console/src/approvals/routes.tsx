import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../layout/NotFoundPage';
import { InboxPage } from './InboxPage';
import RequestPage from './RequestPage';

/** The approvals area, mounted at /approvals/* (loaded on demand). */
export default function ApprovalsRoutes() {
  return (
    <Routes>
      <Route index element={<InboxPage />} />
      <Route path="requests/:id" element={<RequestPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
