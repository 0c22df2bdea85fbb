import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { catalogApi } from '../../../api/catalog';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { Badge } from '../Badges';
import { Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { roleAtLeast } from '../permissions';
import { catalogQueries, communityKeys } from '../queries/catalog';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { CommunityForm } from './CommunityForm';
import { CommunityMembers } from './CommunityMembers';

const BACK = { to: '/admin/communities', label: 'Communities' };

/** One community: its details (admin and owner edit), archive or restore, and its members. */
export function CommunityPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const query = catalogQueries.community(id);
  const community = useQuery(query);
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [saves, setSaves] = useState(0);
  const c = community.data;
  const archive = useConfirmedAction({
    run: (archived: boolean) => (archived ? catalogApi.restoreCommunity(id) : catalogApi.archiveCommunity(id)),
    invalidates: [communityKeys.all],
    onDone: (_, archived) => setNotice(archived ? `${c?.name} is restored.` : `${c?.name} is archived.`),
  });

  if (!c) return <RecordPending query={community} back={BACK} title="Community" notFound="Community not found" loading="Loading the community…" />;

  return (
    <div className="page page-wide">
      <Breadcrumb {...BACK} />
      <div className="page-head">
        <PageHeading title={c.name}>
          {c.name} {c.archived && <Badge>Archived</Badge>}
        </PageHeading>
        {canEdit && (
          <Button variant="secondary" className={c.archived ? undefined : 'btn-danger-outline'} onClick={() => archive.start(c.archived)}>
            {c.archived ? 'Restore community…' : 'Archive community…'}
          </Button>
        )}
      </div>
      <p className="muted">Created {formatDate(c.created_at)}.</p>
      <Notice text={notice} />
      <div className="editor-grid editor-grid-even">
        <section className="card section-card" aria-labelledby="community-form-title">
          <h2 id="community-form-title">{canEdit ? 'Edit community' : 'Community details'}</h2>
          {!canEdit && <p className="note">Communities are edited by admins and owners.</p>}
          <CommunityForm
            key={saves}
            initial={c}
            readOnly={!canEdit}
            submitLabel="Save community"
            busyLabel="Saving…"
            submit={(input) => catalogApi.updateCommunity(c.id, input)}
            invalidates={[['communities', 'list']]}
            onSaved={(saved) => {
              client.setQueryData(query.queryKey, saved);
              setSaves((n) => n + 1);
              setNotice('Saved.');
            }}
          />
        </section>
        <CommunityMembers community={c} />
      </div>
      <ConfirmAction
        action={archive}
        title={c.archived ? `Restore ${c.name}?` : `Archive ${c.name}?`}
        confirmLabel={c.archived ? 'Restore community' : 'Archive community'}
        busyLabel={c.archived ? 'Restoring…' : 'Archiving…'}
        danger={!c.archived}
      >
        {c.archived ? (
          <p>Its members see it again, and it shows in the lists. Nothing is emailed.</p>
        ) : (
          <p>Members stop seeing it on their communities page, and it leaves the lists. Nothing is emailed, and you can restore it at any time.</p>
        )}
      </ConfirmAction>
    </div>
  );
}
