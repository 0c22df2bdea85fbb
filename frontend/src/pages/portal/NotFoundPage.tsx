import { Link } from 'react-router';
import { CardPage } from '../../components/CardPage';
import { isSignedIn, useSession } from '../../lib/session';

export function NotFoundPage() {
  const { session } = useSession();
  return (
    <CardPage title="Page not found">
      <p>There is no page at this address. It may have moved, or the address may be mistyped.</p>
      <p>{isSignedIn(session) ? <Link to="/offers">Go to my offers</Link> : <Link to="/login">Go to sign in</Link>}</p>
    </CardPage>
  );
}
