import type { ReactNode } from 'react';
import { isHttpUrl } from '../lib/safeUrl';

/** Opens in a new tab without giving the other site a handle on this one. */
export function ExternalLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  if (!isHttpUrl(href)) return <span className={className}>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={className}>
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
      <span aria-hidden="true" className="external-mark">
        ↗
      </span>
    </a>
  );
}
