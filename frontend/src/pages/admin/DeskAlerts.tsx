import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../api/auth';
import { ApiError, toApiError } from '../../api/client';
import { ApiErrorAlert, ErrorAlert } from '../../components/Alert';
import { PageHeading } from '../../components/PageHeading';
import { roleLabel } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { roleAtLeast } from './permissions';

const ASK = 'If it needs doing, ask an admin or the owner.';

export function isForbidden(err: ApiError | undefined): boolean {
  return err?.status === 403 && err.code === 'forbidden';
}

/** The same error, with a 403's message saying what to do about it (for forms' alerts). */
export function deskError(err: unknown): ApiError {
  const e = toApiError(err);
  if (!isForbidden(e)) return e;
  return new ApiError({ status: e.status, code: e.code, message: deskErrorText(e), fields: e.fields, requestId: e.requestId });
}

/** One line for a failed action, with what to do about a 403 forbidden. */
export function deskErrorText(err: unknown): string {
  const e = toApiError(err);
  return isForbidden(e) ? `Not allowed: ${e.message} ${ASK}` : e.message;
}

/** A failed load or action; a 403 says plainly that the role does not allow it (no retry). */
export function DeskErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  if (isForbidden(error)) {
    return (
      <ErrorAlert>
        <strong>Not allowed.</strong> {error.message} {ASK}
      </ErrorAlert>
    );
  }
  return <ApiErrorAlert error={error} onRetry={error.status === 404 ? undefined : onRetry} />;
}

/** Pages some roles cannot use: a clear page instead of a failed request. */
export function RequireRole({ min, children }: { min: Role; children: ReactNode }) {
  const { session } = useSession();
  const role = session.contact?.role;
  if (roleAtLeast(role, min)) return <>{children}</>;
  return (
    <div className="page page-medium">
      <div className="card">
        <PageHeading title="Not available for your role" />
        <p>
          This page is for {min === 'owner' ? 'owners' : 'admins and owners'}. You are signed in as {roleLabel(role ?? 'member')}. {ASK}
        </p>
        <p>
          <Link to="/admin/contacts">Go to contacts</Link>
        </p>
      </div>
    </div>
  );
}

/** A live region for a section's success message: present before the message, so it is announced. */
export function Notice({ text }: { text: string | null }) {
  return <div role="status">{text && <p className="alert alert-success">{text}</p>}</div>;
}

const carried = (state: unknown) => (state as { notice?: string } | null)?.notice ?? null;

/** A page's notice, starting with the one the page before passed along (navigate(to, {state: {notice}})). */
export function useCarriedNotice(): [string | null, (text: string | null) => void] {
  const location = useLocation();
  // Shown from the first render (the page may appear in one go), and again on each navigation.
  const [notice, setNotice] = useState<string | null>(() => carried(location.state));
  useEffect(() => {
    setNotice(carried(location.state));
  }, [location.state]);
  return [notice, setNotice];
}
