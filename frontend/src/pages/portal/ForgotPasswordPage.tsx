import { Link } from 'react-router';
import { authApi } from '../../api/auth';
import { CardPage } from '../../components/CardPage';
import { EmailRequestForm } from './EmailRequestForm';

export function ForgotPasswordPage() {
  return (
    <CardPage title="Reset your password">
      <p className="lead">Enter the email address you use here. We'll send you a link to choose a new password. The link works once and for 30 minutes.</p>
      <EmailRequestForm submitLabel="Send reset link" busyLabel="Sending…" send={authApi.forgotPassword} />
      <p className="back-link">
        <Link to="/login">Back to sign in</Link>
      </p>
    </CardPage>
  );
}
