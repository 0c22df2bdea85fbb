import { useEffect, useRef, type ReactNode } from 'react';
import { useOptionalSession } from '../lib/session';

// The first heading on the very first page load keeps the browser's natural focus; after that
// every page change moves focus to the new page's <h1>, so keyboard and screen-reader users
// start at the top of the new content instead of wherever the old page left them.
let firstPage = true;

/** The page's one <h1>; also sets document.title. */
export function PageHeading({ title, children, className }: { title: string; children?: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const portal = useOptionalSession()?.session.portal_name || 'Gatehouse';

  useEffect(() => {
    document.title = `${title} · ${portal}`;
  }, [title, portal]);

  useEffect(() => {
    if (firstPage) {
      // Cleared after this commit, so React's development double-mount still sees "first".
      window.setTimeout(() => (firstPage = false), 0);
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className={['page-title', className ?? ''].filter(Boolean).join(' ')}>
      {children ?? title}
    </h1>
  );
}
