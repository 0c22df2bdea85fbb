import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { toApiError } from '../../../api/client';
import { useSession } from '../../../lib/session';
import { DeskErrorAlert } from '../DeskAlerts';
import { canActOn, roleAtLeast } from '../permissions';
import { contactKeys, contactQueries } from '../queries/contacts';
import { emailKeys } from '../queries/emails';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { AccessStatus } from './AccessStatus';
import { AccountActions } from './AccountActions';
import { AppsSection } from './AppsSection';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { CommunitiesSection } from './CommunitiesSection';
import { ContactHeader } from './ContactHeader';
import { EmailsSection } from './EmailsSection';
import { HistorySection } from './HistorySection';
import { IdentitiesSection } from './IdentitiesSection';
import { OffersSection } from './OffersSection';
import { useDeliveryPolling } from './useDeliveryPolling';
import { WorkflowRunsSection } from './WorkflowRunsSection';

/** Where a success message shows: next to the button that caused it. */
export type NoticeSpot = 'header' | 'offers' | 'actions' | 'groups' | 'emails';

const BACK = { to: '/admin/contacts', label: 'Contacts' };

// The contact record: why a member cannot get in, and the one-click fixes. Every section reads
// the same contact; after any change the record and everything shown on it is read again.
export function ContactPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const client = useQueryClient();
  const delivery = useDeliveryPolling(id);
  const contact = useQuery({ ...contactQueries.record(id), refetchInterval: delivery.interval });
  const [notice, setNotice] = useState<{ spot: NoticeSpot; text: string } | null>(null);
  const [passwordFrom, setPasswordFrom] = useState<NoticeSpot | null>(null);

  const { restart } = delivery;
  const changed = useCallback(() => {
    restart();
    void client.invalidateQueries({ queryKey: contactKeys.all });
    void client.invalidateQueries({ queryKey: emailKeys.all });
  }, [client, restart]);
  const notify = useCallback((spot: NoticeSpot, text: string) => setNotice({ spot, text }), []);

  useEffect(() => setNotice(null), [id]);

  const c = contact.data;
  if (!c) return <RecordPending query={contact} back={BACK} title="Contact" notFound="Contact not found" loading="Loading the contact…" />;

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
      <Breadcrumb {...BACK} />
      <ContactHeader {...access} notice={noticeFor('header')} onNotice={(t) => notify('header', t)} />
      {created && !notice && <p className="alert alert-success">Contact created. Grant an offer to send the welcome email.</p>}
      {contact.error && <DeskErrorAlert error={toApiError(contact.error)} onRetry={() => void contact.refetch()} />}

      <AccessStatus contact={c} />

      <div className="record-grid">
        <OffersSection {...access} notice={noticeFor('offers')} onNotice={(t) => notify('offers', t)} />
        <AccountActions
          {...access}
          notice={noticeFor('actions')}
          onNotice={(t) => notify('actions', t)}
          onChangePassword={() => setPasswordFrom('actions')}
        />
        <CommunitiesSection {...access} notice={noticeFor('groups')} onNotice={(t) => notify('groups', t)} />
        <EmailsSection contactId={c.id} refetchInterval={delivery.interval} notice={noticeFor('emails')} onNotice={(t) => notify('emails', t)} onChanged={changed} />
        <IdentitiesSection {...access} />
        <AppsSection contact={c} />
        <WorkflowRunsSection contactId={c.id} />
        <HistorySection contactId={c.id} />
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
