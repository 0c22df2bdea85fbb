import { Link, useSearchParams } from 'react-router';
import { CardPage } from '../../components/CardPage';

interface Problem {
  title: string;
  body: string;
}

// The reasons an app sign-in ends here (server/api/oidc.go and forward_auth.go). Nothing on this
// page comes from the address except the app's own wording of a refused request (as text).
const PROBLEMS: Record<string, Problem> = {
  invalid_request: {
    title: 'This sign-in link is not valid',
    body: 'The app that sent you here asked in a way this portal does not accept (it may not be registered, or it asked to send you back to an address it has not registered). Nothing was shared with it. Tell the people who run the app.',
  },
  expired: {
    title: 'This sign-in has expired',
    body: 'The sign-in took too long, was already used, or was started in another browser. Go back to the app and start again.',
  },
  bad_return: {
    title: 'That return address is not allowed',
    body: 'The link asked to send you on to an address that is not one of the protected site’s own. For your safety you were not sent there. Open the site again from its usual address.',
  },
  bad_code: {
    title: 'This sign-in link was already used',
    body: 'The link that carries your sign-in to the site works once, for a minute. Open the site again: you are still signed in here, so it only takes a moment.',
  },
  unknown_app: {
    title: 'This site is not set up here',
    body: 'The site that sent you here is not registered with this portal (or no longer is). Tell the people who run it.',
  },
  invalid_logout: {
    title: 'The app could not sign you out here',
    body: 'The app asked to sign you out and send you on to an address it has not registered. You are still signed in to this portal; sign out from your account menu if you want to.',
  },
};

const FALLBACK: Problem = {
  title: 'We could not sign you in to the app',
  body: 'Something went wrong on the way to the app. Go back to it and try again.',
};

/** Where a refused app sign-in ends: what happened, in words, and where to go next. */
export function AppProblemPage() {
  const [params] = useSearchParams();
  const problem = PROBLEMS[params.get('reason') ?? ''] ?? FALLBACK;
  const detail = params.get('detail');
  return (
    <CardPage title={problem.title}>
      <p>{problem.body}</p>
      {detail && (
        <p className="muted">
          The app’s request was refused with: <q>{detail.slice(0, 300)}</q>
        </p>
      )}
      <p>
        <Link to="/offers">Go to my offers</Link>
      </p>
    </CardPage>
  );
}
