import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { catalogApi } from '../../../api/catalog';
import { Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { useResource } from '../../../lib/useResource';
import { Badge } from '../Badges';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { roleAtLeast } from '../permissions';
import { useDeskAction } from '../useDeskAction';
import { CommunityForm } from './CommunityForm';
import { CommunityMembers } from './CommunityMembers';

/** One community: its details (admin and owner edit), archive or restore, and its members. */
export function CommunityPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const community = useResource((signal) => catalogApi.community(id, signal), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const [saves, setSaves] = useState(0);
  const archive = useDeskAction();
  const c = community.data;

  if (!c) {
    return (
      <div className="page page-wide">
        <p className="breadcrumb">
          <Link to="/admin/communities">Communities</Link>
        </p>
        <PageHeading title={community.error?.status === 404 ? 'Community not found' : 'Community'} />
        {community.loading && <Loading label="Loading the community…" />}
        {community.error && <DeskErrorAlert error={community.error} onRetry={community.reload} />}
      </div>
    );
  }

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/communities">Communities</Link>
      </p>
      <div className="page-head">
        <PageHeading title={c.name}>
          {c.name} {c.archived && <Badge>Archived</Badge>}
        </PageHeading>
        {canEdit && (
          <Button variant={c.archived ? 'secondary' : 'danger'} onClick={archive.start}>
            {c.archived ? 'Restore community' : 'Archive community'}
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
            onSubmit={async (input) => {
              const saved = await catalogApi.updateCommunity(c.id, input);
              community.setData(() => saved);
              setSaves((n) => n + 1);
              setNotice('Saved.');
            }}
          />
        </section>
        <CommunityMembers community={c} />
      </div>
      <ConfirmDialog
        open={archive.open}
        title={c.archived ? `Restore ${c.name}?` : `Archive ${c.name}?`}
        confirmLabel={c.archived ? 'Restore community' : 'Archive community'}
        busyLabel={c.archived ? 'Restoring…' : 'Archiving…'}
        danger={!c.archived}
        busy={archive.busy}
        error={archive.error}
        onCancel={archive.cancel}
        onConfirm={() =>
          archive.run(async () => {
            if (c.archived) await catalogApi.restoreCommunity(c.id);
            else await catalogApi.archiveCommunity(c.id);
            setNotice(c.archived ? `${c.name} is restored.` : `${c.name} is archived.`);
            community.reload();
          })
        }
      >
        {c.archived ? (
          <p>Its members see it again, and it shows in the lists. Nothing is emailed.</p>
        ) : (
          <p>Members stop seeing it on their communities page, and it leaves the lists. Nothing is emailed, and you can restore it at any time.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
