import { catalogApi } from '../../../api/catalog';
import { EmailPreviewPanel } from '../templates/EmailPreviewPanel';

interface Props {
  offerId: string;
  name: string;
  description: string;
  subject: string;
  body: string;
}

/** The offer's welcome email as it would be sent, following the unsaved edits; and a test send to yourself. */
export function WelcomePreview({ offerId, name, description, subject, body }: Props) {
  return (
    <EmailPreviewPanel
      title="Welcome email preview"
      email={`welcome:${offerId}`}
      draft={{ name, description, welcome_subject: subject, welcome_body: body }}
      render={(req, signal) => catalogApi.previewWelcome(req, signal)}
      sendTest={() => catalogApi.testWelcome(offerId, { welcome_subject: subject, welcome_body: body })}
    />
  );
}
