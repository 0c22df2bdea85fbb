import { render } from '@testing-library/react';
import { BrowserRouter } from 'react-router';
import { App } from '../App';
import { SessionProvider } from '../lib/session';

/** Renders the whole portal at url (path, query and fragment) as the browser would. */
export function renderApp(url: string) {
  window.history.replaceState(null, '', url);
  return render(
    <BrowserRouter>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>,
  );
}
