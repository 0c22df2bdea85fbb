import { useState } from 'react';
import { toApiError } from '../../api/client';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CardPage } from '../../components/CardPage';
import { useSession } from '../../lib/session';

interface Props {
  signedInAs: string;
  linkFor: string;
  onCancel: () => void;
}

// A link opened in a browser signed in as someone else (staff checking a member's email, a
// shared computer): choosing the password would silently swap the signed-in account for the
// link's. Say so, and sign out only when asked to; the form shows once this browser is signed out.
export function SignedInAsOther({ signedInAs, linkFor, onCancel }: Props) {
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function continueAsLinkOwner() {
    setBusy(true);
    setError(null);
    try {
      await signOut();
    } catch (err) {
      setError(toApiError(err).message);
      setBusy(false);
    }
  }

  return (
    <CardPage title="This link is for someone else">
      <p className="lead">
        You are signed in as <strong>{signedInAs}</strong>; this link is for <strong>{linkFor}</strong>.
      </p>
      <p>
        To choose the password for {linkFor}, this browser signs you out first. To look at someone else's link without
        signing out, open it in a private window.
      </p>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <div className="form-actions">
        <Button className="btn-wrap" onClick={continueAsLinkOwner} busy={busy} busyLabel="Signing out…">
          Continue as {linkFor} (signs you out)
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </CardPage>
  );
}
