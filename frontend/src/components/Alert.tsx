import type { ReactNode, Ref } from 'react';
import type { ApiError } from '../api/client';
import { Button } from './Button';

/**
 * An error the user must notice: announced at once by screen readers. With a ref it can take
 * focus (a form's error summary).
 */
export function ErrorAlert({ children, onRetry, ref }: { children: ReactNode; onRetry?: () => void; ref?: Ref<HTMLDivElement> }) {
  return (
    <div role="alert" className="alert alert-error" ref={ref} tabIndex={ref ? -1 : undefined}>
      <div>{children}</div>
      {onRetry && (
        <Button variant="secondary" className="btn-small" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/** An ApiError with the server's message (and request id, for support). */
export function ApiErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <ErrorAlert onRetry={onRetry}>
      {error.message}
      {error.requestId && <span className="request-id"> (reference {error.requestId})</span>}
    </ErrorAlert>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}
