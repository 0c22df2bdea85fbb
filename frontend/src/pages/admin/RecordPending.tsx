import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { toApiError } from '../../api/client';
import { Loading } from '../../components/Alert';
import { PageHeading } from '../../components/PageHeading';
import { DeskErrorAlert } from './DeskAlerts';

/** "← Offers": the way back to the list a record belongs to. */
export function Breadcrumb({ to, label }: { to: string; label: string }) {
  return (
    <p className="breadcrumb">
      <Link to={to}>{label}</Link>
    </p>
  );
}

interface Props {
  query: Pick<UseQueryResult, 'isPending' | 'error' | 'refetch'>;
  back: { to: string; label: string };
  /** The heading while it loads ("Offer"), and when the server says 404 ("Offer not found"). */
  title: string;
  notFound: string;
  /** "Loading the offer…" */
  loading: string;
  width?: 'wide' | 'medium';
}

/** A record's page before it is read: its heading, the loading state, or why it failed. */
export function RecordPending({ query, back, title, notFound, loading, width = 'wide' }: Props) {
  const error = query.error ? toApiError(query.error) : undefined;
  return (
    <div className={`page page-${width}`}>
      <Breadcrumb {...back} />
      <PageHeading title={error?.status === 404 ? notFound : title} />
      {query.isPending && !error && <Loading label={loading} />}
      {error && <DeskErrorAlert error={error} onRetry={() => void query.refetch()} />}
    </div>
  );
}
