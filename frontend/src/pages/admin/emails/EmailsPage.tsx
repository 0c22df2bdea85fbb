import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { adminApi } from '../../../api/admin';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeading } from '../../../components/PageHeading';
import { usePagedList } from '../../../lib/usePagedList';
import { useSearchBox, useSetSearchParam } from '../../../lib/useSearchParam';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
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
  const key = JSON.stringify(filters);
  const emails = usePagedList((cursor, signal) => adminApi.emails(filters, cursor, signal), [key]);
  const [refreshes, setRefreshes] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const logTitle = useRef<HTMLHeadingElement>(null);
  const problems = { ...emailFilterProblems(filters), ...(emails.error?.fields ?? {}) };
  const filtered = Object.keys(filters).length > 0;

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
      <div className="page-head">
        <PageHeading title="Emails" />
        <Button
          variant="secondary"
          onClick={() => {
            emails.reload();
            setRefreshes((n) => n + 1);
          }}
          busy={emails.loading}
          busyLabel="Refreshing…"
        >
          Refresh
        </Button>
      </div>
      <p className="muted">Every email the portal has sent or tried to send, with what happened to it. Days are UTC days.</p>
      <DeliveryOverview refreshes={refreshes} />

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
        {emails.loading && <Loading label="Loading emails…" />}
        {!emails.loading && emails.error && <DeskErrorAlert error={emails.error} onRetry={emails.retry} />}
        {!emails.loading && !emails.error && emails.items.length === 0 && (
          <EmptyState title={filtered ? 'No emails match these filters.' : 'No emails yet.'}>
            {filtered && (
              <Button variant="secondary" onClick={clearFilters}>
                Clear the filters
              </Button>
            )}
          </EmptyState>
        )}
        {!emails.loading && emails.items.length > 0 && (
          <>
            <p className="muted" role="status">
              {emails.items.length === 1 ? '1 email' : `${emails.items.length} emails`} shown, newest first{emails.hasMore ? '; more below' : ''}.
            </p>
            <EmailList
              emails={emails.items}
              showRecipient
              onRetried={(message) => {
                setNotice(message);
                emails.reload();
                setRefreshes((n) => n + 1);
              }}
            />
            {emails.error && <DeskErrorAlert error={emails.error} onRetry={emails.retry} />}
            <LoadMore list={emails} />
          </>
        )}
      </section>
    </div>
  );
}
