import { Outlet } from 'react-router';
import { TopBar } from './TopBar';

function SkipLink() {
  return (
    <a
      href="#main"
      className="skip-link"
      onClick={(e) => {
        // Focus the content without putting "#main" in the address (the router owns it).
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}

/** Every page: skip link, the top bar, and one <main> holding the page. */
export function Layout() {
  return (
    <>
      <SkipLink />
      <TopBar />
      <main id="main" tabIndex={-1} className="main">
        <Outlet />
      </main>
    </>
  );
}
