import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/Field';
import { PageHeading } from '../../components/PageHeading';
import { Notice } from './DeskAlerts';

interface Props {
  title: string;
  /** The thing created, for the button and the panel's id: "offer" → "New offer". */
  noun: string;
  canCreate: boolean;
  /** The button's words when they are not "New …" / "Close new …". */
  labels?: { open: string; close: string };
  /** Below the heading, above the notice (what the page is for). */
  intro?: ReactNode;
  /** The creation form, without its card; done(text) closes it and announces what was created. */
  children: (done: (text: string) => void, close: () => void) => ReactNode;
}

/** A list page's heading with its "New …" button, the form it opens (in a card headed like the button), and the notice of what was created. */
export function ListHead({ title, noun, canCreate, labels, intro, children }: Props) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const id = `new-${noun.replace(/\s+/g, '-')}`;
  const close = () => setOpen(false);
  const openLabel = labels?.open ?? `New ${noun}`;
  return (
    <>
      <div className="page-head">
        <PageHeading title={title} />
        {canCreate && (
          <Button variant={open ? 'secondary' : 'primary'} aria-expanded={open} aria-controls={id} onClick={() => setOpen((v) => !v)}>
            {open ? (labels?.close ?? `Close new ${noun}`) : openLabel}
          </Button>
        )}
      </div>
      {intro}
      <Notice text={created} />
      {canCreate && (
        <div id={id} hidden={!open}>
          {open && (
            <section className="card section-card" aria-labelledby={`${id}-title`}>
              <h2 id={`${id}-title`}>{openLabel}</h2>
              {children((text) => {
                close();
                setCreated(text);
              }, close)}
            </section>
          )}
        </div>
      )}
    </>
  );
}

/** Whether the list shows archived records too (kept in the address). */
export function useShowArchived(): boolean {
  const [params] = useSearchParams();
  return params.get('archived') === 'true';
}

/** The "Show archived …" checkbox of a list, in the address so Back returns to the same list. */
export function ShowArchived({ label }: { label: string }) {
  const [, setParams] = useSearchParams();
  return (
    <div className="toolbar">
      <CheckboxField
        label={label}
        checked={useShowArchived()}
        onCheckedChange={(on) => setParams(on ? { archived: 'true' } : {}, { replace: true })}
      />
    </div>
  );
}
