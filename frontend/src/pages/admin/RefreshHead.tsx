import { Button } from '../../components/Button';
import { PageHeading } from '../../components/PageHeading';

interface Props {
  title: string;
  /** The list the page shows: the button is busy while it is read. */
  list: { loading: boolean; refreshing: boolean; reload: () => void };
  /** What Refresh reads again, when more than the list (the email log's overview too). */
  onRefresh?: () => void;
}

/** The heading of a page that shows what keeps changing (emails, requests), with Refresh. */
export function RefreshHead({ title, list, onRefresh }: Props) {
  return (
    <div className="page-head">
      <PageHeading title={title} />
      <Button variant="secondary" onClick={onRefresh ?? list.reload} busy={list.loading || list.refreshing} busyLabel="Refreshing…">
        Refresh
      </Button>
    </div>
  );
}
