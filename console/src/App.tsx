import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { useSession } from './session/session';
import { Shell } from './layout/Shell';
import { SignInPage } from './signin/SignInPage';
import { NotFoundPage } from './layout/NotFoundPage';

// Everything past sign-in loads on demand, so the first screen stays small.
const SignUpPage = lazy(() => import('./signin/SignUpPage'));
const ForgotPasswordPage = lazy(() => import('./signin/ForgotPasswordPage'));
const ChangePasswordHeldPage = lazy(() => import('./held/ChangePasswordHeldPage'));
const EnrolTwoFactorHeldPage = lazy(() => import('./held/EnrolTwoFactorHeldPage'));
const AccountPage = lazy(() => import('./account/AccountPage'));
const OrganizationRoutes = lazy(() => import('./organizations/routes'));
const ApprovalsRoutes = lazy(() => import('./approvals/routes'));
const AdminRoutes = lazy(() => import('./admin/routes'));

const heldRoutes = {
  'password-change-required': '/held/password',
  'two-factor-enrolment-required': '/held/two-factor',
} as const;

function Loading() {
  return (
    <Center p="xl">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Screens for a signed-in person: the anonymous go to sign in, held sessions to what releases them. */
function SignedIn({ children }: { children: ReactNode }) {
  const { account, held } = useSession();
  const location = useLocation();
  if (account === undefined) return <Loading />;
  if (account === null) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (held && location.pathname !== heldRoutes[held]) return <Navigate to={heldRoutes[held]} replace />;
  return <>{children}</>;
}

export function App() {
  return (
    <BrowserRouter>
      <Shell>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<SignedIn><Navigate to="/account" replace /></SignedIn>} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/sign-up" element={<SignUpPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/held/password" element={<SignedIn><ChangePasswordHeldPage /></SignedIn>} />
            <Route path="/held/two-factor" element={<SignedIn><EnrolTwoFactorHeldPage /></SignedIn>} />
            <Route path="/account" element={<SignedIn><AccountPage /></SignedIn>} />
            <Route path="/organizations/*" element={<SignedIn><OrganizationRoutes /></SignedIn>} />
            <Route path="/approvals/*" element={<SignedIn><ApprovalsRoutes /></SignedIn>} />
            <Route path="/admin/*" element={<SignedIn><AdminRoutes /></SignedIn>} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </Shell>
    </BrowserRouter>
  );
}
