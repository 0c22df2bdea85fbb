import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Loading } from './components/Alert';
import { Layout } from './components/Layout';
import { RequireAuth, RequireStaff } from './components/RouteGuards';
import { RouteError } from './components/RouteError';
import { isSignedIn, useSession } from './lib/session';

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

type Wrap = (page: ReactNode) => ReactNode;

/**
 * A member page in a chunk of its own (route `lazy`): the entry keeps only the portal's frame
 * (router, session, top bar), the part a member downloads before anything shows. The router
 * fetches a page's chunk before showing it: at start in parallel with the session request
 * (the router is made before the session answers), on a link while the current page stays.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, wrap: Wrap = (p) => p) {
  return async () => {
    const Page: ComponentType = (await load())[name];
    return { element: wrap(<Page />) };
  };
}

/** Every route of the portal. The member pages are here; the admin tree mounts under /admin/*. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // Until the first page's chunk is there (it arrives with the session, usually).
    hydrateFallbackElement: <Loading />,
    children: [
      {
        // A page that throws (or whose chunk cannot load) shows an error inside the layout.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Home /> },
          { path: 'login', lazy: page(() => import('./pages/portal/LoginPage'), 'LoginPage') },
          { path: 'forgot-password', lazy: page(() => import('./pages/portal/ForgotPasswordPage'), 'ForgotPasswordPage') },
          { path: 'resend-access', lazy: page(() => import('./pages/portal/ResendAccessPage'), 'ResendAccessPage') },
          { path: 'reset', lazy: page(() => import('./pages/portal/SetPasswordPage'), 'SetPasswordPage') },
          { path: 'set-password', lazy: page(() => import('./pages/portal/SetPasswordPage'), 'SetPasswordPage') },
          { path: 'link-expired', lazy: page(() => import('./pages/portal/LinkExpiredPage'), 'LinkExpiredPage') },
          { path: 'sign-in-problem', lazy: page(() => import('./pages/portal/SignInProblemPage'), 'SignInProblemPage') },
          { path: 'app-problem', lazy: page(() => import('./pages/portal/AppProblemPage'), 'AppProblemPage') },
          { path: 'app-access', lazy: page(() => import('./pages/portal/AppAccessPage'), 'AppAccessPage', signedIn) },
          {
            path: 'choose-password',
            lazy: page(() => import('./pages/portal/ChoosePasswordPage'), 'ChoosePasswordPage', (p) => (
              <RequireAuth allowPasswordChange>{p}</RequireAuth>
            )),
          },
          { path: 'offers', lazy: page(() => import('./pages/portal/OffersPage'), 'OffersPage', signedIn) },
          { path: 'communities', lazy: page(() => import('./pages/portal/CommunitiesPage'), 'CommunitiesPage', signedIn) },
          { path: 'account', lazy: page(() => import('./pages/portal/AccountPage'), 'AccountPage', signedIn) },
          { path: 'admin/*', element: deskArea },
          { path: '*', lazy: page(() => import('./pages/portal/NotFoundPage'), 'NotFoundPage') },
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
