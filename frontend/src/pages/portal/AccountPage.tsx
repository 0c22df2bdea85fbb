import { useState } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { useSession } from '../../lib/session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionsSection } from './SessionsSection';
import { SignInMethodsSection } from './SignInMethodsSection';

export function AccountPage() {
  const { session } = useSession();
  // Changing the password signs out the other sessions: the list reloads after it.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const hasPassword = session.has_password !== false;
  // Within 10 minutes of a code sign-in the server sets a password without the current one.
  const fresh = session.fresh_code_sign_in === true;
  const onChanged = () => setSessionsVersion((n) => n + 1);
  return (
    <div className="page page-medium">
      <PageHeading title="Account" />
      <p className="lead">
        Signed in as <strong>{session.contact?.email}</strong>
        {session.contact?.name ? ` (${session.contact.name})` : ''}.
      </p>
      {hasPassword || fresh ? (
        <ChangePasswordForm onChanged={onChanged} withoutCurrent={fresh} firstPassword={!hasPassword} />
      ) : (
        session.code_sign_in && (
          <section className="card section-card" aria-labelledby="password-title">
            <h2 id="password-title">Password</h2>
            <p>
              You don't have a password, and don't need one: you can keep signing in with a code sent to your email. To set a
              password, sign in with a code and come back here within 10 minutes.
            </p>
          </section>
        )
      )}
      <SignInMethodsSection />
      <SessionsSection version={sessionsVersion} />
    </div>
  );
}
