import { Navigate } from 'react-router';
import { useFirstRun } from './firstRun';

/**
 * /admin: the owner lands on the "Get started" checklist until it is done or hidden (the first
 * sign-in, right after choosing the password, comes here); everyone else on the contacts.
 */
export function DeskHome() {
  const { pending } = useFirstRun();
  return <Navigate to={pending ? 'start' : 'contacts'} replace />;
}
