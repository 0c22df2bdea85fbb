import { useEffect, useState } from 'react';
import { toApiError } from '../../api/client';
import { portalApi, type PortalSession } from '../../api/portal';
import { ApiErrorAlert, ErrorAlert, Loading } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime, formatRelative } from '../../lib/dates';
import { describeUserAgent } from '../../lib/userAgent';
import { useResource } from '../../lib/useResource';

export function SessionsSection({ version }: { version: number }) {
  const sessions = useResource((signal) => portalApi.sessions(signal), [version]);
  const [ending, setEnding] = useState<string | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [endingOthers, setEndingOthers] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => setNotice(null), [version]);

  const items = sessions.data?.items ?? [];
  const sorted = [...items].sort((a, b) => Number(b.current) - Number(a.current) || b.last_seen_at.localeCompare(a.last_seen_at));
  const others = items.filter((s) => !s.current);

  async function endOne(s: PortalSession) {
    if (ending) return;
    setEnding(s.id);
    setActionError(null);
    setNotice(null);
    try {
      await portalApi.endSession(s.id);
      sessions.setData((d) => (d ? { items: d.items.filter((x) => x.id !== s.id) } : d));
      setNotice(`Signed out ${describeUserAgent(s.user_agent)}.`);
    } catch (err) {
      setActionError(toApiError(err).message);
    } finally {
      setEnding(null);
    }
  }

  async function endOthers() {
    setEndingOthers(true);
    setDialogError(null);
    try {
      const res = await portalApi.endOtherSessions();
      setConfirmOpen(false);
      const n = res?.ended ?? others.length;
      setNotice(n === 1 ? 'Signed out of 1 other session.' : `Signed out of ${n} other sessions.`);
      sessions.reload();
    } catch (err) {
      setDialogError(toApiError(err).message);
    } finally {
      setEndingOthers(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you're signed in</h2>
      <p className="muted">If you see a device you don't recognise, sign it out and change your password.</p>
      <div role="status">{notice && <p className="alert alert-success">{notice}</p>}</div>
      {actionError && <ErrorAlert>{actionError}</ErrorAlert>}
      {sessions.loading && !sessions.data && <Loading label="Loading your sessions…" />}
      {sessions.error && <ApiErrorAlert error={sessions.error} onRetry={sessions.reload} />}
      {sorted.length > 0 && (
        <ul className="session-list">
          {sorted.map((s) => (
            <li key={s.id} className="session-item">
              <div className="session-info">
                <p className="session-device">
                  {describeUserAgent(s.user_agent)}
                  {s.current && <span className="badge badge-brand">This device</span>}
                </p>
                <p className="session-meta">
                  {s.ip && <span>IP {s.ip}</span>}
                  <span>
                    Last active <time dateTime={s.last_seen_at} title={formatDateTime(s.last_seen_at)}>{formatRelative(s.last_seen_at)}</time>
                  </span>
                  <span>
                    Signed in <time dateTime={s.created_at}>{formatDateTime(s.created_at)}</time>
                  </span>
                </p>
              </div>
              {!s.current && (
                <Button variant="secondary" className="btn-small" busy={ending === s.id} busyLabel="Signing out…" onClick={() => endOne(s)}>
                  Sign out<span className="visually-hidden"> {describeUserAgent(s.user_agent)}, last active {formatRelative(s.last_seen_at)}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sessions.data && others.length === 0 && <p className="muted">You're not signed in anywhere else.</p>}
      {others.length > 0 && (
        <p>
          <Button
            variant="danger"
            onClick={() => {
              setDialogError(null);
              setConfirmOpen(true);
            }}
          >
            Sign out of all other sessions
          </Button>
        </p>
      )}
      <ConfirmDialog
        open={confirmOpen}
        title="Sign out of all other sessions?"
        confirmLabel="Sign out other sessions"
        busyLabel="Signing out…"
        danger
        busy={endingOthers}
        error={dialogError}
        onConfirm={endOthers}
        onCancel={() => setConfirmOpen(false)}
      >
        <p>
          {others.length === 1 ? '1 other session' : `${others.length} other sessions`} will be signed out. You stay signed in on this
          device.
        </p>
      </ConfirmDialog>
    </section>
  );
}
