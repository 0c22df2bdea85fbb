import { EmptyState } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Notice } from '../DeskAlerts';
import { EmailList } from '../emails/EmailList';
import { ListFooter, ListStatus } from '../ListStatus';
import { contactQueries } from '../queries/contacts';
import { usePagedQuery } from '../queries/paged';

interface Props {
  contactId: string;
  /** Polls while an email is on its way (the record's delivery polling). */
  refetchInterval: () => number | false;
  notice: string | null;
  onNotice: (text: string) => void;
  onChanged: () => void;
}

/** Every email sent to the contact, newest first, with its delivery timeline. */
export function EmailsSection({ contactId, refetchInterval, notice, onNotice, onChanged }: Props) {
  const emails = usePagedQuery(contactQueries.emails(contactId), refetchInterval);
  return (
    <section className="card section-card record-emails" aria-labelledby="emails-title">
      <div className="section-head">
        <h2 id="emails-title">Emails</h2>
        <Button variant="secondary" className="btn-small" onClick={emails.reload} busy={emails.loading || emails.refreshing} busyLabel="Refreshing…">
          Refresh<span className="visually-hidden"> emails</span>
        </Button>
      </div>
      <Notice text={notice} />
      <ListStatus state={emails} count={emails.items.length} loading="Loading emails…" empty={<EmptyState title="No emails sent to this contact yet." />} />
      {emails.items.length > 0 && (
        <EmailList
          emails={emails.items}
          onRetried={(message) => {
            onNotice(message);
            onChanged();
          }}
        />
      )}
      <ListFooter list={emails} label="Load more emails" />
    </section>
  );
}
