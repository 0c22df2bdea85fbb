import { Button } from './Button';

interface More {
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}

/** "Load more" under a cursor-paged list, shown while another page exists. */
export function LoadMore({ list, label = 'Load more' }: { list: More; label?: string }) {
  if (!list.hasMore) return null;
  return (
    <p className="load-more">
      <Button variant="secondary" busy={list.loadingMore} busyLabel="Loading…" onClick={list.loadMore}>
        {label}
      </Button>
    </p>
  );
}
