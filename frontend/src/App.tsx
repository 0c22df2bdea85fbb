import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Loading } from './components/Alert';
import { Layout } from './components/Layout';
import { RequireAuth, RequireStaff } from './components/RouteGuards';
import { isSignedIn, useSession } from './lib/session';
import { AccountPage } from './pages/portal/AccountPage';
import { ChoosePasswordPage } from './pages/portal/ChoosePasswordPage';
import { CommunitiesPage } from './pages/portal/CommunitiesPage';
import { ForgotPasswordPage } from './pages/portal/ForgotPasswordPage';
import { LinkExpiredPage } from './pages/portal/LinkExpiredPage';
import { LoginPage } from './pages/portal/LoginPage';
import { NotFoundPage } from './pages/portal/NotFoundPage';
import { OffersPage } from './pages/portal/OffersPage';
import { ResendAccessPage } from './pages/portal/ResendAccessPage';
import { SetPasswordPage } from './pages/portal/SetPasswordPage';
import { SignInProblemPage } from './pages/portal/SignInProblemPage';

// The staff desk is its own chunk: only staff who open /admin download it.
const AdminApp = lazy(() => import('./pages/admin/AdminApp'));

function Home() {
  const { session } = useSession();
  return <Navigate to={isSignedIn(session) ? '/offers' : '/login'} replace />;
}

/** Every route of the portal. The member pages are here; the admin tree mounts under /admin/*. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="resend-access" element={<ResendAccessPage />} />
        <Route path="reset" element={<SetPasswordPage />} />
        <Route path="set-password" element={<SetPasswordPage />} />
        <Route path="link-expired" element={<LinkExpiredPage />} />
        <Route path="sign-in-problem" element={<SignInProblemPage />} />
        <Route
          path="choose-password"
          element={
            <RequireAuth allowPasswordChange>
              <ChoosePasswordPage />
            </RequireAuth>
          }
        />
        <Route
          path="offers"
          element={
            <RequireAuth>
              <OffersPage />
            </RequireAuth>
          }
        />
        <Route
          path="communities"
          element={
            <RequireAuth>
              <CommunitiesPage />
            </RequireAuth>
          }
        />
        <Route
          path="account"
          element={
            <RequireAuth>
              <AccountPage />
            </RequireAuth>
          }
        />
        <Route
          path="admin/*"
          element={
            <RequireAuth>
              <RequireStaff>
                <Suspense fallback={<Loading label="Loading the staff desk…" />}>
                  <AdminApp />
                </Suspense>
              </RequireStaff>
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
