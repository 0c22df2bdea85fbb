import { useRouteError } from 'react-router';
import { Button } from './Button';
import { CardPage } from './CardPage';

/** A page that failed to render: say so plainly instead of leaving a blank screen. */
export function RouteError() {
  const error = useRouteError();
  // The details are for developers: the console has them, the page does not.
  console.error(error);
  return (
    <CardPage title="Something went wrong">
      <p role="alert">This page could not be shown. Reload it to try again; if it keeps happening, tell the person who runs this portal.</p>
      <Button onClick={() => window.location.reload()}>Reload the page</Button>
    </CardPage>
  );
}
