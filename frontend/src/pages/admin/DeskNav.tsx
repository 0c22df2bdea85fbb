import { useEffect, useId, useRef, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useSession } from '../../lib/session';
import { NAV_GROUPS, roleAtLeast, START_GROUP } from './permissions';
import { useFirstRun } from './start/firstRun';

/**
 * The desk's side navigation: pages grouped by area, only those the role can use. At phone
 * width it folds behind a Menu button; the current page is marked (aria-current) by NavLink.
 */
export function DeskNav() {
  const role = useSession().session.contact?.role;
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const firstRun = useFirstRun();
  const groups = [...(firstRun.pending ? [START_GROUP] : []), ...NAV_GROUPS]
    .map((g) => ({ ...g, items: g.items.filter((i) => roleAtLeast(role, i.min)) }))
    .filter((g) => g.items.length > 0);

  // Choosing a page folds the phone menu again.
  useEffect(() => setOpen(false), [pathname]);

  return (
    <nav
      aria-label="Staff desk"
      className="desk-nav"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          toggleRef.current?.focus();
        }
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="btn btn-secondary desk-nav-toggle"
        aria-expanded={open}
        aria-controls={`${id}-groups`}
        onClick={() => setOpen((v) => !v)}
      >
        Menu
      </button>
      <div id={`${id}-groups`} className={open ? 'desk-nav-groups is-open' : 'desk-nav-groups'}>
        {groups.map((g) => (
          <div key={g.label} className="desk-nav-group">
            {/* The list carries the group's name for screen readers ("Email pages": not to be
                mistaken for an email field); the visible word is for the eye. */}
            <p className="desk-nav-heading" aria-hidden="true">
              {g.label}
            </p>
            <ul aria-label={`${g.label} pages`}>
              {g.items.map((i) => (
                <li key={i.to}>
                  <NavLink to={i.to}>{i.label}</NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
