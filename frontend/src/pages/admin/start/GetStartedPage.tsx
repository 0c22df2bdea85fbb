import { useEffect, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Settings } from '../../../api/staffAdmin';
import { Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { useSession } from '../../../lib/session';
import { DeskErrorAlert } from '../DeskAlerts';
import { useChecklist, useFirstRun, type Step, type StepKey } from './firstRun';

/** The owner's first-run checklist: each step ticks itself off from the data. */
export function GetStartedPage() {
  const { session } = useSession();
  const navigate = useNavigate();
  const { state, set } = useFirstRun();
  const { steps, settings, error, retry } = useChecklist();
  const done = steps?.filter((s) => s.done).length ?? 0;
  const allDone = steps !== undefined && done === steps.length;

  // Finished: it stops opening at sign-in and leaves the navigation.
  useEffect(() => {
    if (allDone && state === null) set('done');
  }, [allDone, state, set]);

  function hide() {
    set('dismissed');
    void navigate('/admin/contacts');
  }

  return (
    <div className="page page-medium get-started">
      <PageHeading title="Get started" />
      <p className="lead">
        A few steps to make {session.portal_name || 'the portal'} yours. Each one ticks itself off when it is done
        {state === 'dismissed' ? '.' : ', and this list goes away when they all are (or when you hide it).'}
      </p>
      {error && <DeskErrorAlert error={error} onRetry={retry} />}
      {!steps && !error && <Loading label="Checking what is set up…" />}
      {steps && (
        <>
          <p role="status" className="get-started-progress">
            {allDone ? 'All done: your portal is set up.' : `${done} of ${steps.length} done.`}
          </p>
          <ol className="checklist">
            {steps.map((s) => (
              <StepItem key={s.key} step={s} settings={settings} />
            ))}
          </ol>
        </>
      )}
      <div className="form-actions">
        {allDone ? (
          <Link className="btn btn-primary" to="/admin/contacts">
            Go to contacts
          </Link>
        ) : (
          state !== 'dismissed' && (
            <Button variant="secondary" onClick={hide}>
              Hide this checklist
            </Button>
          )
        )}
      </div>
      {state === 'dismissed' && !allDone && <p className="muted">You hid this checklist: it no longer opens when you sign in here.</p>}
    </div>
  );
}

const TITLES: Record<StepKey, string> = {
  brand: 'Name your portal and its sender',
  offer: 'Create an offer',
  contacts: 'Add or import your contacts',
  resend: 'Connect Resend to send email',
};

function StepItem({ step, settings }: { step: Step; settings: Settings | undefined }) {
  const id = `step-${step.key}`;
  return (
    <li className={step.done ? 'checklist-item is-done' : 'checklist-item'}>
      <span className="checklist-mark" aria-hidden="true">
        {step.done ? '✓' : ''}
      </span>
      <div>
        <h2 id={`${id}-title`} className="checklist-title">
          {TITLES[step.key]}
          <span className={step.done ? 'badge badge-success' : 'badge badge-neutral'}>{step.done ? 'Done' : 'To do'}</span>
        </h2>
        <StepBody step={step.key} settings={settings} />
      </div>
    </li>
  );
}

function StepBody({ step, settings }: { step: StepKey; settings: Settings | undefined }): ReactNode {
  switch (step) {
    case 'brand': {
      const name = settings?.sender_name || settings?.sender_name_fallback || settings?.portal_name || '';
      const address = settings?.sender_address || settings?.sender_address_fallback || '';
      return (
        <>
          <p>
            Members see the portal’s name on every page and in every email. Give it your business’s name, and give emails a sender address
            on your own domain (the one you will verify with Resend).
          </p>
          {settings && (
            <p className="muted">
              Now: the portal is called “{settings.portal_name}”, and emails come from {name} &lt;{address}&gt;.
            </p>
          )}
          <p>
            <Link to="/admin/settings">Open Settings</Link>
          </p>
        </>
      );
    }
    case 'offer':
      return (
        <>
          <p>An offer is what members get: its content links, the communities it includes, and the welcome email that lets them in.</p>
          <p>
            <Link to="/admin/offers">Go to Offers</Link>
          </p>
        </>
      );
    case 'contacts':
      return (
        <>
          <p>Add members one by one, or import a spreadsheet (CSV). Grant them an offer to send its welcome email.</p>
          <p className="checklist-links">
            <Link to="/admin/contacts">Go to Contacts</Link>
            <Link to="/admin/import">Import a CSV file</Link>
          </p>
        </>
      );
    case 'resend':
      return (
        <>
          <p>
            Right now no email leaves this machine: every email is captured in the <Link to="/admin/mailbox">Mailbox</Link>, where you can
            read it. To send email to members for real:
          </p>
          <ol className="checklist-steps">
            <li>In Resend, verify your sending domain and create an API key with sending access.</li>
            <li>
              Set two environment variables for Gatehouse: <code>GATEHOUSE_RESEND_API_KEY</code> (the key) and{' '}
              <code>GATEHOUSE_MAIL_FROM</code> (the sender, like <code>Acme &lt;hello@acme.example&gt;</code>, on the verified domain).
            </li>
            <li>Restart Gatehouse. This step then disappears.</li>
          </ol>
          <p className="muted">
            For delivery statuses (delivered, bounced) add Resend’s webhook too: the README’s “Connecting Resend” explains it.
          </p>
        </>
      );
  }
}
