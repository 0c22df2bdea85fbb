import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { useSearchBox, useSetSearchParam } from '../../../lib/useSearchParam';
import { useSession } from '../../../lib/session';
import { CAPTURED_LABEL, useMailCaptured } from '../Badges';
import { Notice } from '../DeskAlerts';
import { ListFooter, ListStatus } from '../ListStatus';
import { RefreshHead } from '../RefreshHead';
import { emailKeys, emailQueries } from '../queries/emails';
import { usePagedQuery } from '../queries/paged';
import { DeliveryOverview } from './DeliveryOverview';
import { EmailFilters } from './EmailFilters';
import { emailFilterProblems, emailFiltersFrom, type EmailFilterName } from './emailFilters';
import { EmailList } from './EmailList';

/** The delivery overview, then the log of every email with its filters (kept in the address). */
export function EmailsPage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const filters = emailFiltersFrom(params);
  const search = useSearchBox('q', 350); // the list reads q from the address
  const setFilter = useSetSearchParam<EmailFilterName>();
  const emails = usePagedQuery(emailQueries.log(filters));
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: emailKeys.all });
  const [notice, setNotice] = useState<string | null>(null);
  const logTitle = useRef<HTMLHeadingElement>(null);
  const problems = { ...emailFilterProblems(filters), ...(emails.error?.fields ?? {}) };
  const filtered = Object.keys(filters).length > 0;
  const captured = useMailCaptured();
  const isOwner = useSession().session.contact?.role === 'owner';

  // The overview's links lead to the log: start there.
  const focusLog = (location.state as { focus?: string } | null)?.focus === 'log';
  useEffect(() => {
    if (focusLog) logTitle.current?.focus();
  }, [focusLog, location.key]);

  function clearFilters() {
    search.setText('');
    setParams({}, { replace: true });
  }

  return (
    <div className="page page-wide">
      <RefreshHead title="Emails" list={emails} onRefresh={refresh} />
      <p className="muted">Every email the portal has sent or tried to send, with what happened to it. Days are UTC days.</p>
      {captured && (
        <p className="note">
          <strong>Email is captured, not sent:</strong> no Resend API key is set, so no email leaves this machine. Emails that would have
          been sent say “{CAPTURED_LABEL}”{isOwner ? <>; read them in the <Link to="/admin/mailbox">Mailbox</Link></> : ''}.
        </p>
      )}
      <DeliveryOverview />

      <section className="email-log" aria-labelledby="email-log-title">
        <h2 id="email-log-title" ref={logTitle} tabIndex={-1}>
          Email log
        </h2>
        <Notice text={notice} />
        <EmailFilters values={filters} q={search.text} onQChange={search.setText} onChange={setFilter} errors={problems} />
        {filters.contact_id && (
          <p>
            Showing the emails of <Link to={`/admin/contacts/${encodeURIComponent(filters.contact_id)}`}>one contact</Link>.{' '}
            <Button variant="quiet" className="btn-small" onClick={() => setFilter('contact_id', '')}>
              Show every contact’s emails
            </Button>
          </p>
        )}
        <ListStatus
          state={emails}
          count={emails.items.length}
          loading="Loading emails…"
          empty={
            <EmptyState title={filtered ? 'No emails match these filters.' : 'No emails yet.'}>
              {filtered && (
                <Button variant="secondary" onClick={clearFilters}>
                  Clear the filters
                </Button>
              )}
            </EmptyState>
          }
        />
        {!emails.loading && emails.items.length > 0 && (
          <>
            <p className="muted" role="status">
              {emails.items.length === 1 ? '1 email' : `${emails.items.length} emails`} shown, newest first{emails.hasMore ? '; more below' : ''}.
            </p>
            <EmailList
              emails={emails.items}
              showRecipient
              onRetried={setNotice}
            />
            <ListFooter list={emails} />
          </>
        )}
      </section>
    </div>
  );
}
