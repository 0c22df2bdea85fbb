import { useRouteError } from 'react-router';
import { PageHeading } from './PageHeading';

/** A page that failed to render: say so plainly instead of leaving a blank screen. */
export function RouteError() {
  const error = useRouteError();
  // The details are for developers: the console has them, the page does not.
  console.error(error);
  return (
    <div className="page page-narrow">
      <div className="card">
        <PageHeading title="Something went wrong" />
        <p role="alert">This page could not be shown. Reload it to try again; if it keeps happening, tell the person who runs this portal.</p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    </div>
  );
}
