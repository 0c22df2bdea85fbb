import type { ContactDetail, EmailRecord } from '../../../api/admin';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { LoadMore } from '../../../components/LoadMore';
import type { PagedList } from '../../../lib/usePagedList';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { EmailList } from '../emails/EmailList';

interface Props {
  contact: ContactDetail;
  emails: PagedList<EmailRecord>;
  notice: string | null;
  onNotice: (text: string) => void;
  onChanged: () => void;
}

/** Every email sent to the contact, newest first, with its delivery timeline. */
export function EmailsSection({ emails, notice, onNotice, onChanged }: Props) {
  return (
    <section className="card section-card record-emails" aria-labelledby="emails-title">
      <div className="section-head">
        <h2 id="emails-title">Emails</h2>
        <Button variant="secondary" className="btn-small" onClick={emails.reload} busy={emails.loading} busyLabel="Refreshing…">
          Refresh<span className="visually-hidden"> emails</span>
        </Button>
      </div>
      <Notice text={notice} />
      {emails.loading && emails.items.length === 0 && <Loading label="Loading emails…" />}
      {emails.error && <DeskErrorAlert error={emails.error} onRetry={emails.retry} />}
      {!emails.loading && !emails.error && emails.items.length === 0 && <EmptyState title="No emails sent to this contact yet." />}
      {emails.items.length > 0 && (
        <EmailList
          emails={emails.items}
          onRetried={(message) => {
            onNotice(message);
            onChanged();
          }}
        />
      )}
      <LoadMore list={emails} label="Load more emails" />
    </section>
  );
}
