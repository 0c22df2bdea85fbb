import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { EmailTemplate } from '../../../api/templates';
import { EmptyState } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { Badge } from '../Badges';
import { ListStatus, listState } from '../ListStatus';
import { staffAdminQueries } from '../queries/staffAdmin';
import { SIGN_IN_CODE } from './templateText';

export function isBuiltIn(t: { subject: string; body: string }): boolean {
  return !t.subject.trim() && !t.body.trim();
}

/** The kinds of email the portal sends, each with its own words or the built-in ones. */
export function TemplatesPage() {
  const catalog = useQuery(staffAdminQueries.templates());
  const items = catalog.data?.items ?? [];

  return (
    <div className="page page-wide">
      <PageHeading title="Email templates" />
      <p className="muted">
        The subject and text of each email the portal sends, in the portal’s branded layout. Leave them empty to send the built-in email.
        Words in double braces, like <code>{'{{.Name}}'}</code>, are variables, filled in for each recipient; the editor lists them.
        Each offer’s welcome email is written on the offer: see <Link to="/admin/offers">Offers</Link>.
      </p>
      <ListStatus state={listState(catalog)} count={items.length} loading="Loading templates…" empty={<EmptyState title="No editable emails." />} />
      {items.length > 0 && (
        <ul className="template-list">
          {items.map((t) => (
            <TemplateCard key={t.kind} template={t} />
          ))}
        </ul>
      )}
    </div>
  );
}

function TemplateCard({ template: t }: { template: EmailTemplate }) {
  const builtIn = isBuiltIn(t);
  return (
    <li className="card template-card">
      <div className="template-card-head">
        <h2 className="card-title">
          <Link to={`/admin/templates/${encodeURIComponent(t.kind)}`}>{t.label}</Link>
        </h2>
        {builtIn ? <Badge>Built-in email</Badge> : <Badge tone="info">Your own text</Badge>}
      </div>
      <p className="card-text">{t.description}</p>
      <p className="card-meta">
        {builtIn ? 'Using the built-in email.' : `Saved ${formatDateTime(t.updated_at)}.`}
        {t.requires_link && ' Carries a one-time link: the text must include it (the variable {{.Link}}).'}
        {t.kind === SIGN_IN_CODE && ' Carries a sign-in code: the text must include it (the variable {{.Code}}).'}
      </p>
    </li>
  );
}
