import { PageHeading } from '../../components/PageHeading';
import { useSession } from '../../lib/session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionsSection } from './SessionsSection';
import { SignInMethodsSection } from './SignInMethodsSection';
import { useState } from 'react';

export function AccountPage() {
  const { session } = useSession();
  // Changing the password signs out the other sessions: the list reloads after it.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <div className="page page-medium">
      <PageHeading title="Account" />
      <p className="lead">
        Signed in as <strong>{session.contact?.email}</strong>
        {session.contact?.name ? ` (${session.contact.name})` : ''}.
      </p>
      {session.has_password !== false && <ChangePasswordForm onChanged={() => setSessionsVersion((n) => n + 1)} />}
      <SignInMethodsSection />
      <SessionsSection version={sessionsVersion} />
    </div>
  );
}
