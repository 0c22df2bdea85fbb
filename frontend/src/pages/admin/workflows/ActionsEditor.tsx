import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/Field';
import { ActionFields } from './ActionFields';
import type { Catalog } from '../useCatalog';
import { actionInput, moved, newAction, type DraftAction } from './workflowDraft';
import { actionSummary } from './workflowText';

const MAX_ACTIONS = 20;

type Control = 'up' | 'down' | 'remove' | 'type' | 'add';

interface Props {
  actions: DraftAction[];
  onChange: (actions: DraftAction[]) => void;
  offerTrigger: boolean;
  catalog: Catalog;
  /** Messages by action key (the server's "actions.N", kept with their action). */
  errors: Record<string, string>;
  /** The server's "actions" message (none, or too many). */
  listError?: string;
  readOnly?: boolean;
}

/**
 * The ordered actions: add, remove, move up and down with buttons. Each change is announced in
 * a live region, and focus stays with the action that moved (or goes to its neighbour when the
 * pressed button is gone or disabled), so keyboard users never lose their place.
 */
export function ActionsEditor({ actions, onChange, offerTrigger, catalog, errors, listError, readOnly = false }: Props) {
  const [announcement, setAnnouncement] = useState('');
  const [focusNext, setFocusNext] = useState<{ key: string; control: Control } | null>(null);
  const controls = useRef(new Map<string, HTMLElement | null>());
  const n = actions.length;

  useEffect(() => {
    if (!focusNext) return;
    const el = controls.current.get(`${focusNext.key}:${focusNext.control}`);
    el?.focus();
    setFocusNext(null);
  }, [focusNext]);

  const refFor = (key: string, control: Control) => (el: HTMLElement | null) => {
    controls.current.set(`${key}:${control}`, el);
  };
  const label = (a: DraftAction) => actionSummary(actionInput(a), catalog.names);

  function move(from: number, to: number) {
    const a = actions[from];
    onChange(moved(actions, from, to));
    // The button pressed may now be disabled (top or bottom): keep focus on one that works.
    const control: Control = to < from ? (to === 0 ? 'down' : 'up') : to === n - 1 ? 'up' : 'down';
    setFocusNext({ key: a.key, control });
    setAnnouncement(`Moved “${label(a)}” to step ${to + 1} of ${n}.`);
  }

  function remove(i: number) {
    const a = actions[i];
    const rest = actions.filter((_, j) => j !== i);
    onChange(rest);
    const neighbour = rest[i] ?? rest[i - 1];
    setFocusNext(neighbour ? { key: neighbour.key, control: 'remove' } : { key: '', control: 'add' });
    setAnnouncement(`Removed step ${i + 1}, “${label(a)}”. ${rest.length === 1 ? '1 step' : `${rest.length} steps`} left.`);
  }

  function add() {
    const a = newAction(actions.length === 0 ? 'send_welcome_email' : 'wait');
    onChange([...actions, a]);
    setFocusNext({ key: a.key, control: 'type' });
    setAnnouncement(`Added step ${n + 1}, “${label(a)}”.`);
  }

  return (
    <fieldset className="fieldset" aria-describedby={listError ? 'actions-error' : undefined}>
      <legend>Then do this, in order</legend>
      {listError && <FieldError id="actions-error">{listError}</FieldError>}
      {n === 0 && <p className="muted">No actions yet: add at least one.</p>}
      <ol className="action-steps">
        {actions.map((a, i) => (
          <li key={a.key} className={['action-step', errors[a.key] ? 'action-step-invalid' : ''].filter(Boolean).join(' ')}>
            <div className="action-step-head">
              <h3 className="action-step-title" id={`${a.key}-title`}>
                <span className="action-step-number">Step {i + 1}</span> {label(a)}
              </h3>
              {!readOnly && (
                <div className="action-step-tools" role="group" aria-labelledby={`${a.key}-title`}>
                  <Button ref={refFor(a.key, 'up')} variant="secondary" className="btn-small" disabled={i === 0} onClick={() => move(i, i - 1)}>
                    <span aria-hidden="true">↑</span> Move up <span className="visually-hidden">step {i + 1}</span>
                  </Button>
                  <Button ref={refFor(a.key, 'down')} variant="secondary" className="btn-small" disabled={i === n - 1} onClick={() => move(i, i + 1)}>
                    <span aria-hidden="true">↓</span> Move down <span className="visually-hidden">step {i + 1}</span>
                  </Button>
                  <Button ref={refFor(a.key, 'remove')} variant="quiet" className="btn-small btn-quiet-danger" onClick={() => remove(i)}>
                    Remove <span className="visually-hidden">step {i + 1}</span>
                  </Button>
                </div>
              )}
            </div>
            <div ref={(el) => void controls.current.set(`${a.key}:type`, el?.querySelector('select') ?? null)}>
              <ActionFields
                action={a}
                offerTrigger={offerTrigger}
                catalog={catalog}
                error={errors[a.key]}
                onChange={(patch) => onChange(actions.map((x) => (x.key === a.key ? { ...x, ...patch } : x)))}
              />
            </div>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <div className="action-add">
          <Button ref={refFor('', 'add')} variant="secondary" disabled={n >= MAX_ACTIONS} onClick={add}>
            Add action
          </Button>
          {n >= MAX_ACTIONS && <span className="muted"> A workflow has at most {MAX_ACTIONS} actions.</span>}
        </div>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </fieldset>
  );
}
