import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { useSearchBox, useSetSearchParam } from '../../../lib/useSearchParam';
import { BulkPanel } from '../bulk/BulkPanel';
import { ListHead } from '../ListHead';
import { ListFooter, ListStatus } from '../ListStatus';
import { contactQueries } from '../queries/contacts';
import { usePagedQuery } from '../queries/paged';
import { ContactFilters, type FilterName } from './ContactFilters';
import { ContactsTable } from './ContactsTable';
import { NewContactForm } from './NewContactForm';

const FILTERS: FilterName[] = ['offer_id', 'community_id', 'status', 'sort'];

export function ContactsPage() {
  const [params, setParams] = useSearchParams();
  const search = useSearchBox('q', 300);
  const setFilter = useSetSearchParam<FilterName>();
  const [showBulk, setShowBulk] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const query = search.settled;
  const values = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<FilterName, string>;
  const { offer_id, community_id, status, sort } = values;
  const contacts = usePagedQuery(contactQueries.list({ q: query, offer_id, community_id, status, sort }));
  const filtered = Boolean(query || offer_id || community_id || status);

  // Ticks belong to the list they were made in: another search or filter starts afresh.
  useEffect(() => setSelected(new Set()), [query, offer_id, community_id, status]);

  function tick(ids: string[], on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  function clearFilters() {
    search.setText('');
    setParams(sort ? { sort } : {}, { replace: true });
  }

  return (
    <div className="page page-wide">
      <ListHead title="Contacts" noun="contact" canCreate>
        {(_, close) => <NewContactForm onCancel={close} />}
      </ListHead>
      <ContactFilters q={search.text} onQChange={search.setText} values={values} onChange={setFilter} />
      <div className="bulk-bar">
        <Button variant="secondary" aria-expanded={showBulk} aria-controls="bulk-panel-wrap" onClick={() => setShowBulk((v) => !v)}>
          {showBulk ? 'Close bulk action' : 'Bulk action…'}
        </Button>
        <span className="muted">
          {selected.size > 0 ? `${selected.size} ticked. ` : 'Tick rows, or use the filters, to act on many contacts. '}
          {selected.size > 0 && (
            <Button variant="quiet" className="btn-small" onClick={() => setSelected(new Set())}>
              Clear ticks
            </Button>
          )}
        </span>
        <Link to="/admin/bulk" className="bulk-recent">
          Recent bulk operations
        </Link>
      </div>
      <div id="bulk-panel-wrap" hidden={!showBulk}>
        {showBulk && (
          <BulkPanel
            filter={{ q: query, offer_id, community_id, status }}
            listed={{ count: contacts.items.length, complete: !contacts.loading && !contacts.hasMore }}
            selectedIds={[...selected]}
          />
        )}
      </div>
      <ListStatus
        state={contacts}
        count={contacts.items.length}
        loading="Loading contacts…"
        empty={
          <EmptyState title={filtered ? 'No contacts match these filters.' : 'No contacts yet.'}>
            {filtered ? (
              <Button variant="secondary" onClick={clearFilters}>
                Clear search and filters
              </Button>
            ) : (
              <p>Create one with “New contact”, then grant an offer.</p>
            )}
          </EmptyState>
        }
      />
      {!contacts.loading && contacts.items.length > 0 && (
        <>
          <p className="muted" role="status">
            {contacts.items.length === 1 ? '1 contact' : `${contacts.items.length} contacts`} shown{contacts.hasMore ? ', more available' : ''}.
          </p>
          <ContactsTable contacts={contacts.items} selection={{ selected, onChange: tick }} />
          <ListFooter list={contacts} />
        </>
      )}
    </div>
  );
}
