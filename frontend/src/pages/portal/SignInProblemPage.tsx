import { Link, useSearchParams } from 'react-router';
import { CardPage } from '../../components/CardPage';

interface Problem {
  title: string;
  body: (provider: string) => string;
  /** Offer "request access": the person may simply not have an account yet, or not know it. */
  requestAccess?: boolean;
}

// The reasons /auth/{provider}/callback sends here (server/api/oauth.go).
const PROBLEMS: Record<string, Problem> = {
  no_account: {
    title: 'No account for this email',
    body: (p) =>
      `${p} told us who you are, but no account here uses that email address. If you bought something or were invited, use the address from your receipt or invitation, or ask for your access email.`,
    requestAccess: true,
  },
  unverified_email: {
    title: "We couldn't confirm your email address",
    body: (p) =>
      `${p} did not confirm that the email address on that account is yours, so we can't match it to an account here. Sign in with your password, or verify the address with ${p} and try again.`,
    requestAccess: true,
  },
  disabled: {
    title: 'This account is disabled',
    body: () => 'The account you signed in to has been disabled. Contact the people who run this portal if you think this is a mistake.',
  },
  identity_taken: {
    title: 'That account is connected to someone else',
    body: (p) => `The ${p} account you used is already connected to another account here. Sign in with that account, or use a different ${p} account.`,
  },
  denied: {
    title: 'Sign-in was cancelled',
    body: (p) => `You (or ${p}) cancelled the sign-in. Nothing was changed. You can try again whenever you like.`,
  },
  expired: {
    title: 'This sign-in has expired',
    body: () =>
      'The sign-in took too long, was already used, or was started in another browser. Please start again from the sign-in page.',
  },
  provider_error: {
    title: 'Something went wrong at the provider',
    body: (p) => `${p} sent an answer we couldn't use. Please try again in a moment, or sign in with your password.`,
  },
  unavailable: {
    title: "We couldn't reach the provider",
    body: (p) => `${p} isn't answering right now. Please try again in a moment, or sign in with your password.`,
  },
  unknown_provider: {
    title: 'That sign-in option is not available',
    body: () => 'This portal does not offer that way to sign in. Use one of the options on the sign-in page.',
  },
  rate_limited: {
    title: 'Too many sign-in attempts',
    body: () => 'Too many sign-ins were started from your network. Please wait a few minutes and try again.',
  },
};

const FALLBACK: Problem = {
  title: "We couldn't sign you in",
  body: () => 'Something went wrong on our side. Please try again, or sign in with your password.',
};

/** Where every failed provider sign-in ends: what happened, in words, and what to do next. */
export function SignInProblemPage() {
  const [params] = useSearchParams();
  const problem = PROBLEMS[params.get('reason') ?? ''] ?? FALLBACK;
  const provider = params.get('provider') || 'The provider';
  return (
    <CardPage title={problem.title}>
      <p>{problem.body(provider)}</p>
      <p>
        <Link className="btn btn-primary" to="/login">
          Back to sign in
        </Link>
      </p>
      <ul className="link-list">
        {problem.requestAccess && (
          <li>
            <Link to="/resend-access">Request your access email</Link>
          </li>
        )}
        <li>
          <Link to="/forgot-password">Forgot your password?</Link>
        </li>
      </ul>
    </CardPage>
  );
}
