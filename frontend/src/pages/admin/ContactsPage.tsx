import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { adminApi } from '../../api/admin';
import { ApiErrorAlert, EmptyState, Loading } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { formatDate, formatDateTime } from '../../lib/dates';
import { roleLabel } from '../../lib/roles';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { usePagedList } from '../../lib/usePagedList';
import { Badge } from './Badges';
import { NewContactForm } from './NewContactForm';

export function ContactsPage() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [showNew, setShowNew] = useState(false);
  const query = useDebouncedValue(q.trim(), 300);
  const contacts = usePagedList((cursor, signal) => adminApi.contacts({ q: query, cursor }, signal), [query]);

  // Keep the search in the address so "back" from a contact returns to the same list.
  useEffect(() => {
    setParams(query ? { q: query } : {}, { replace: true });
  }, [query, setParams]);

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Contacts" />
        <Button variant={showNew ? 'secondary' : 'primary'} aria-expanded={showNew} aria-controls="new-contact" onClick={() => setShowNew((v) => !v)}>
          {showNew ? 'Close new contact' : 'New contact'}
        </Button>
      </div>
      <div id="new-contact" hidden={!showNew}>
        {showNew && <NewContactForm onCancel={() => setShowNew(false)} />}
      </div>
      <div role="search" className="toolbar">
        <TextField
          label="Search contacts"
          hint="By name or email address."
          type="search"
          name="q"
          autoComplete="off"
          spellCheck={false}
          value={q}
          onValueChange={setQ}
        />
      </div>
      {contacts.loading && <Loading label="Loading contacts…" />}
      {!contacts.loading && contacts.error && <ApiErrorAlert error={contacts.error} onRetry={contacts.reload} />}
      {!contacts.loading && !contacts.error && contacts.items.length === 0 && (
        <EmptyState title={query ? `No contacts match “${query}”.` : 'No contacts yet.'}>
          {!query && <p>Create one with “New contact”, then grant an offer.</p>}
        </EmptyState>
      )}
      {!contacts.loading && contacts.items.length > 0 && (
        <>
          <p className="muted" role="status">
            {contacts.items.length === 1 ? '1 contact' : `${contacts.items.length} contacts`} shown{contacts.hasMore ? ', more available' : ''}.
          </p>
          <div className="table-wrap" role="region" aria-label="Contacts" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {contacts.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/admin/contacts/${encodeURIComponent(c.id)}`}>{c.name || c.email}</Link>
                      {c.role !== 'member' && <Badge tone="info">{roleLabel(c.role)}</Badge>}
                      {c.disabled && <Badge tone="danger">Disabled</Badge>}
                    </td>
                    <td className="cell-break">{c.email}</td>
                    <td>
                      {c.last_login_at ? (
                        <time dateTime={c.last_login_at}>{formatDateTime(c.last_login_at)}</time>
                      ) : (
                        <span className="muted">Never signed in</span>
                      )}
                    </td>
                    <td>
                      <time dateTime={c.created_at}>{formatDate(c.created_at)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {contacts.error && <ApiErrorAlert error={contacts.error} onRetry={contacts.loadMore} />}
          {contacts.hasMore && (
            <p className="load-more">
              <Button variant="secondary" busy={contacts.loadingMore} busyLabel="Loading…" onClick={contacts.loadMore}>
                Load more
              </Button>
            </p>
          )}
        </>
      )}
    </div>
  );
}
