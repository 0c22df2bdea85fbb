import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { variableHelp, variableName, variableToken } from './templateText';

interface Props {
  variables: string[];
  /** Inserts the variable where the cursor was last (the menu gives focus back to that field). */
  onInsert: (name: string) => void;
}

/**
 * "Insert a variable": a menu button (the WAI-ARIA menu button pattern). Enter, Space or the
 * down arrow open it on its first item, the up arrow on its last; the arrows, Home and End move
 * between items; Enter or a click inserts; Escape closes it and returns to the button; Tab
 * leaves it closed.
 */
export function VariableMenu({ variables, onInsert }: Props) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemsRef = useRef<(HTMLButtonElement | null)[]>([]);
  const rootRef = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (open) itemsRef.current[active]?.focus();
  }, [open, active]);

  // A click anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  function openAt(index: number) {
    setActive((index + variables.length) % variables.length);
    setOpen(true);
  }

  function onButtonKey(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      openAt(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(variables.length - 1);
    }
  }

  function onMenuKey(e: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: variables.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      setActive((moves[e.key] + variables.length) % variables.length);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // not the dialog or page around it
      setOpen(false);
      buttonRef.current?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  }

  function choose(name: string) {
    setOpen(false);
    onInsert(name); // focuses the field it inserted into
  }

  return (
    <div className="variable-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        className="btn btn-secondary btn-small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? setOpen(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        Insert a variable <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul id={`${id}-menu`} role="menu" aria-labelledby={`${id}-button`} className="variable-menu-list" onKeyDown={onMenuKey}>
          {variables.map((name, i) => (
            <li key={name} role="none">
              <button
                ref={(el) => {
                  itemsRef.current[i] = el;
                }}
                type="button"
                role="menuitem"
                aria-label={`${variableName(name)} (${variableToken(name)})`}
                aria-describedby={`${id}-help-${i}`}
                tabIndex={i === active ? 0 : -1}
                className="variable-menu-item"
                onClick={() => choose(name)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="variable-menu-name">{variableName(name)}</span>
                <code>{variableToken(name)}</code>
                <span id={`${id}-help-${i}`} className="variable-menu-help">
                  {variableHelp(name)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
