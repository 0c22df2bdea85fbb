import { useMutation } from '@tanstack/react-query';
import { toApiError } from '../../../api/client';
import type { TestSent } from '../../../api/templates';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { deskErrorText, Notice } from '../DeskAlerts';

/** Why a test was not sent: the template's problems when the server named them. */
function failureText(err: unknown): string {
  const problems = Object.values(toApiError(err).fields);
  return problems.length > 0 ? `The test was not sent: ${problems.join(' ')}` : deskErrorText(err);
}

/** "Send a test to myself": the email as being edited, to the staff member's own address. */
export function TestSend({ send }: { send: () => Promise<TestSent> }) {
  const test = useMutation({ mutationFn: send });
  return (
    <div className="test-send">
      <p className="muted">Sends the email as it is now, saved or not, to your own address. Follow it under Emails (kind “Test”).</p>
      <div>
        <Button variant="secondary" busy={test.isPending} busyLabel="Sending…" onClick={() => test.mutate()}>
          Send a test to myself
        </Button>
      </div>
      <Notice text={test.data ? `Sent to ${test.data.to}. Its link does not work: it is a test.` : null} />
      {test.error && <ErrorAlert>{failureText(test.error)}</ErrorAlert>}
    </div>
  );
}
