import type { ReactNode } from 'react';
import { PageHeading } from './PageHeading';

/** A narrow page of one card under its <h1>: the portal's sign-in, link and problem pages. */
export function CardPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page page-narrow">
      <div className="card">
        <PageHeading title={title} />
        {children}
      </div>
    </div>
  );
}
