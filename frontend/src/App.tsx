import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Loading } from './components/Alert';
import { Layout } from './components/Layout';
import { RequireAuth, RequireStaff } from './components/RouteGuards';
import { RouteError } from './components/RouteError';
import { isSignedIn, useSession } from './lib/session';
import { AccountPage } from './pages/portal/AccountPage';
import { AppAccessPage } from './pages/portal/AppAccessPage';
import { AppProblemPage } from './pages/portal/AppProblemPage';
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

// The staff desk is its own chunk: only staff who open /admin download it. It is a plain lazy
// component behind the guards (not a route `lazy`), so members never even fetch it.
const AdminApp = lazy(() => import('./pages/admin/AdminApp'));

function Home() {
  const { session } = useSession();
  return <Navigate to={isSignedIn(session) ? '/offers' : '/login'} replace />;
}

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

const deskArea = signedIn(
  <RequireStaff>
    <Suspense fallback={<Loading label="Loading the staff desk…" />}>
      <AdminApp />
    </Suspense>
  </RequireStaff>,
);

/** Every route of the portal. The member pages are here; the admin tree mounts under /admin/*. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      {
        // A page that throws shows an error inside the layout, with the top bar still there.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Home /> },
          { path: 'login', element: <LoginPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'resend-access', element: <ResendAccessPage /> },
          { path: 'reset', element: <SetPasswordPage /> },
          { path: 'set-password', element: <SetPasswordPage /> },
          { path: 'link-expired', element: <LinkExpiredPage /> },
          { path: 'sign-in-problem', element: <SignInProblemPage /> },
          { path: 'app-problem', element: <AppProblemPage /> },
          { path: 'app-access', element: signedIn(<AppAccessPage />) },
          {
            path: 'choose-password',
            element: (
              <RequireAuth allowPasswordChange>
                <ChoosePasswordPage />
              </RequireAuth>
            ),
          },
          { path: 'offers', element: signedIn(<OffersPage />) },
          { path: 'communities', element: signedIn(<CommunitiesPage />) },
          { path: 'account', element: signedIn(<AccountPage />) },
          { path: 'admin/*', element: deskArea },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

/**
 * The portal's router. A data router (not <BrowserRouter>): the desk's forms block leaving a
 * page with unsaved changes through useBlocker, which only data routers offer.
 */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
