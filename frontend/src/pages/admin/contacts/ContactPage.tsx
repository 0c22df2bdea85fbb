import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { adminApi } from '../../../api/admin';
import { Loading } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { useSession } from '../../../lib/session';
import { usePagedList } from '../../../lib/usePagedList';
import { useResource } from '../../../lib/useResource';
import { DeskErrorAlert } from '../DeskAlerts';
import { canActOn, roleAtLeast } from '../permissions';
import { AccessStatus } from './AccessStatus';
import { AccountActions } from './AccountActions';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { CommunitiesSection } from './CommunitiesSection';
import { ContactHeader } from './ContactHeader';
import { EmailsSection } from './EmailsSection';
import { HistorySection } from './HistorySection';
import { IdentitiesSection } from './IdentitiesSection';
import { OffersSection } from './OffersSection';
import { WorkflowRunsSection } from './WorkflowRunsSection';

/** Where a success message shows: next to the button that caused it. */
export type NoticeSpot = 'header' | 'offers' | 'actions' | 'groups' | 'emails';

const IN_FLIGHT = new Set(['queued', 'sending']);
const POLL_MS = 2500;
const MAX_POLLS = 24;

// The contact record: why a member cannot get in, and the one-click fixes. Every section reads
// the same contact; after any change the record, its emails and its history are read again.
export function ContactPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [version, setVersion] = useState(0);
  const contact = useResource((signal) => adminApi.contact(id, signal), [id, version]);
  const emails = usePagedList((cursor, signal) => adminApi.contactEmails(id, cursor, signal), [id, version]);
  const events = useResource((signal) => adminApi.contactEvents(id, signal), [id, version]);
  const [notice, setNotice] = useState<{ spot: NoticeSpot; text: string } | null>(null);
  const [passwordFrom, setPasswordFrom] = useState<NoticeSpot | null>(null);
  const polls = useRef(0);

  const changed = useCallback(() => {
    polls.current = 0;
    setVersion((v) => v + 1);
  }, []);
  const notify = useCallback((spot: NoticeSpot, text: string) => setNotice({ spot, text }), []);

  // Email status follows what really happened: while an email is on its way, read again.
  const c = contact.data;
  const inFlight =
    (c?.offers ?? []).some((g) => g.welcome_email && IN_FLIGHT.has(g.welcome_email.status)) || emails.items.some((e) => IN_FLIGHT.has(e.status));
  useEffect(() => {
    if (!inFlight || polls.current >= MAX_POLLS) return;
    const t = window.setTimeout(() => {
      polls.current += 1;
      setVersion((v) => v + 1);
    }, POLL_MS);
    return () => window.clearTimeout(t);
  }, [inFlight, version]);

  useEffect(() => {
    setNotice(null);
    polls.current = 0;
  }, [id]);

  if (!c) {
    return (
      <div className="page page-wide">
        <p className="breadcrumb">
          <Link to="/admin/contacts">Contacts</Link>
        </p>
        <PageHeading title={contact.error?.status === 404 ? 'Contact not found' : 'Contact'} />
        {contact.loading && <Loading label="Loading the contact…" />}
        {contact.error && <DeskErrorAlert error={contact.error} onRetry={contact.reload} />}
      </div>
    );
  }

  const role = session.contact?.role;
  const access = {
    contact: c,
    canAct: canActOn(role, c.role),
    isAdmin: roleAtLeast(role, 'admin'),
    self: c.id === session.contact?.id,
    onChanged: changed,
  };
  const noticeFor = (spot: NoticeSpot) => (notice?.spot === spot ? notice.text : null);

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/contacts">Contacts</Link>
      </p>
      <ContactHeader {...access} notice={noticeFor('header')} onNotice={(t) => notify('header', t)} />
      {created && !notice && <p className="alert alert-success">Contact created. Grant an offer to send the welcome email.</p>}
      {contact.error && <DeskErrorAlert error={contact.error} onRetry={contact.reload} />}

      <AccessStatus contact={c} />

      <div className="record-grid">
        <OffersSection {...access} notice={noticeFor('offers')} onNotice={(t) => notify('offers', t)} />
        <AccountActions
          {...access}
          notice={noticeFor('actions')}
          onNotice={(t) => notify('actions', t)}
          onChangePassword={() => setPasswordFrom('actions')}
        />
        <CommunitiesSection
          {...access}
          notice={noticeFor('groups')}
          onNotice={(t) => notify('groups', t)}
          onChangePassword={() => setPasswordFrom('groups')}
        />
        <EmailsSection contact={c} emails={emails} notice={noticeFor('emails')} onNotice={(t) => notify('emails', t)} onChanged={changed} />
        <IdentitiesSection {...access} />
        <WorkflowRunsSection contactId={c.id} version={version} />
        <HistorySection contactId={c.id} events={events} />
      </div>

      <ChangePasswordDialog
        contact={c}
        open={passwordFrom !== null}
        onClose={(message) => {
          if (message && passwordFrom) notify(passwordFrom, message);
          setPasswordFrom(null);
          if (message) changed();
        }}
      />
    </div>
  );
}
