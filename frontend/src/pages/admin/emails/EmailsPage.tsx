import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { adminApi } from '../../../api/admin';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { SelectField } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { usePagedList } from '../../../lib/usePagedList';
import { EMAIL_KIND_VALUES, EMAIL_STATUSES, emailKindLabel, emailStatusLabel } from '../Badges';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { EmailList } from './EmailList';

export function EmailsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const emails = usePagedList((cursor, signal) => adminApi.emails({ status, kind, cursor }, signal), [status, kind]);
  const [notice, setNotice] = useState<string | null>(null);

  function setFilter(name: 'status' | 'kind', value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Emails" />
        <Button variant="secondary" onClick={emails.reload} busy={emails.loading} busyLabel="Refreshing…">
          Refresh
        </Button>
      </div>
      <p className="muted">Every email the portal has sent or tried to send, newest first, with what happened to it.</p>
      <Notice text={notice} />
      <div className="toolbar filters">
        <SelectField label="Status" name="status" value={status} onValueChange={(v) => setFilter('status', v)}>
          <option value="">All statuses</option>
          {EMAIL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {emailStatusLabel(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Kind" name="kind" value={kind} onValueChange={(v) => setFilter('kind', v)}>
          <option value="">All kinds</option>
          {EMAIL_KIND_VALUES.map((k) => (
            <option key={k} value={k}>
              {emailKindLabel(k)}
            </option>
          ))}
        </SelectField>
      </div>
      {emails.loading && emails.items.length === 0 && <Loading label="Loading emails…" />}
      {emails.error && <DeskErrorAlert error={emails.error} onRetry={emails.reload} />}
      {!emails.loading && !emails.error && emails.items.length === 0 && (
        <EmptyState title={status || kind ? 'No emails match these filters.' : 'No emails yet.'} />
      )}
      {emails.items.length > 0 && (
        <EmailList
          emails={emails.items}
          showRecipient
          onRetried={(message) => {
            setNotice(message);
            emails.reload();
          }}
        />
      )}
      {emails.hasMore && (
        <p className="load-more">
          <Button variant="secondary" busy={emails.loadingMore} busyLabel="Loading…" onClick={emails.loadMore}>
            Load more
          </Button>
        </p>
      )}
    </div>
  );
}
