import { useState } from 'react';
import { toApiError } from '../../../api/client';
import type { TestSent } from '../../../api/templates';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { deskErrorText, Notice } from '../DeskAlerts';

/** "Send a test to myself": the email as being edited, to the staff member's own address. */
export function TestSend({ send }: { send: () => Promise<TestSent> }) {
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSend() {
    setBusy(true);
    setSent(null);
    setError(null);
    try {
      const res = await send();
      setSent(`Sent to ${res.to}. Its link does not work: it is a test.`);
    } catch (err) {
      const problems = Object.values(toApiError(err).fields);
      setError(problems.length > 0 ? `The test was not sent: ${problems.join(' ')}` : deskErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="test-send">
      <p className="muted">Sends the email as it is now, saved or not, to your own address. Follow it under Emails (kind “Test”).</p>
      <div>
        <Button variant="secondary" busy={busy} busyLabel="Sending…" onClick={onSend}>
          Send a test to myself
        </Button>
      </div>
      <Notice text={sent} />
      {error && <ErrorAlert>{error}</ErrorAlert>}
    </div>
  );
}
