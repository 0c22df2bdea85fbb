import { render } from '@testing-library/react';
import { RouterProvider } from 'react-router';
import { onTestFinished } from 'vitest';
import { createAppRouter } from '../App';
import { SessionProvider } from '../lib/session';

/** Renders the whole portal at url (path, query and fragment) as the browser would. */
export function renderApp(url: string) {
  window.history.replaceState(null, '', url);
  const router = createAppRouter();
  // Each test gets its own router; the old one stops listening to the history afterwards.
  onTestFinished(() => router.dispose());
  return render(
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>,
  );
}
