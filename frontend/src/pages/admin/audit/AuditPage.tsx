import { Link, useSearchParams } from 'react-router';
import { auditCsvUrl, type AuditEntry, type AuditFilters as Filters } from '../../../api/staffAdmin';
import { EmptyState } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { useSearchBox, useSetSearchParam } from '../../../lib/useSearchParam';
import { actionLabel, actorTitle, detailSummary } from '../auditText';
import { emailKindLabel } from '../Badges';
import { ListFooter, ListStatus } from '../ListStatus';
import { usePagedQuery } from '../queries/paged';
import { staffAdminQueries } from '../queries/staffAdmin';
import { TableRegion } from '../TableRegion';
import { AuditFilters, type AuditFilterName } from './AuditFilters';

const NAMES: AuditFilterName[] = ['actor_id', 'action', 'from', 'to'];

const TARGET_PAGES: Record<string, string> = {
  contact: '/admin/contacts/',
  offer: '/admin/offers/',
  community: '/admin/communities/',
  template: '/admin/templates/',
};

/** The target by the name it had when the entry was written ("Mia Rossi (mia@example.com)"), linked to its page. */
function Target({ entry: e }: { entry: AuditEntry }) {
  if (!e.target_type) return <span className="muted">—</span>;
  const page = TARGET_PAGES[e.target_type];
  const text = e.target_label || fallbackName(e);
  const kind = TARGET_KINDS[e.target_type] ?? e.target_type;
  return (
    <>
      {page && e.target_id ? <Link to={page + encodeURIComponent(e.target_id)}>{text}</Link> : <span>{text}</span>}
      {e.target_label && <span className="cell-code">{kind}</span>}
    </>
  );
}

const TARGET_KINDS: Record<string, string> = { contact: 'contact', offer: 'offer', community: 'community', template: 'email template', bulk: 'bulk operation', import: 'import', workflow: 'workflow', settings: 'settings', staff: 'staff' };

/** Entries written before targets had labels: the kind and a short id (a template's kind reads better whole). */
function fallbackName(e: AuditEntry): string {
  if (e.target_type === 'template') return `email template ${emailKindLabel(e.target_id).toLowerCase()}`;
  return `${e.target_type}${e.target_id ? ` ${e.target_id.slice(0, 8)}` : ''}`;
}

/** Every staff action, newest first, filterable and exportable (admin and owner). */
export function AuditPage() {
  const [params] = useSearchParams();
  const search = useSearchBox('q', 400);
  const setFilter = useSetSearchParam<AuditFilterName>();
  const values = Object.fromEntries(NAMES.map((n) => [n, params.get(n) ?? ''])) as Record<AuditFilterName, string>;
  const filters: Filters = { ...values, q: search.settled };
  const audit = usePagedQuery(staffAdminQueries.audit(filters));

  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Audit log" />
        <a className="btn btn-secondary" href={auditCsvUrl(filters)} download>
          Export CSV
        </a>
      </div>
      <p className="muted">
        Every staff action: who did it, to what, when and from where. Entries are never changed or deleted. The export uses the same filters.
      </p>
      <AuditFilters values={{ ...values, q: search.settled }} q={search.text} onQChange={search.setText} onChange={setFilter} />
      <ListStatus
        state={audit}
        count={audit.items.length}
        loading="Loading the audit log…"
        empty={<EmptyState title={filtered ? 'No entries match these filters.' : 'No staff actions yet.'} />}
      />
      {!audit.loading && audit.items.length > 0 && (
        <>
          <TableRegion label="Audit log" className="table-dense" columns={['Time', 'Actor', 'Action', 'Target', 'IP', 'Details']}>
            {audit.items.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">
                  <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time>
                </td>
                <td className="cell-email">{e.actor_email || (e.actor_kind && e.actor_kind !== 'staff') ? actorTitle(e) : <span className="muted">System</span>}</td>
                <td>
                  {actionLabel(e.action)}
                  <span className="cell-code">{e.action}</span>
                </td>
                <td>
                  <Target entry={e} />
                </td>
                <td>{e.ip || '—'}</td>
                <td className="cell-break">{detailSummary(e.detail) || <span className="muted">—</span>}</td>
              </tr>
            ))}
          </TableRegion>
          <ListFooter list={audit} />
        </>
      )}
    </div>
  );
}
