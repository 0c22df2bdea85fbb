import { Link } from 'react-router';
import { authApi } from '../../api/auth';
import { CardPage } from '../../components/CardPage';
import { EmailRequestForm } from './EmailRequestForm';

export function ResendAccessPage() {
  return (
    <CardPage title="Didn't get your access email?">
      <p className="lead">
        Enter the email address you used when you joined. We'll send the welcome email for each of your offers again, each with a
        fresh link to choose your password.
      </p>
      <EmailRequestForm submitLabel="Send my access email again" busyLabel="Sending…" send={authApi.resendAccess} />
      <p className="back-link">
        Already have a password? <Link to="/login">Sign in</Link> or <Link to="/forgot-password">reset it</Link>.
      </p>
    </CardPage>
  );
}
