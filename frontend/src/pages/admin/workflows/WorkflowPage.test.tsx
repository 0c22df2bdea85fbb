import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn, validationFailed } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';

const OFFER = '6f1c2a57-0000-4000-8000-0000000000aa';
const WF = '6f1c2a57-0000-4000-8000-0000000000f1';
const page = (items: unknown[]) => json(200, { items, next_cursor: '' });
const offer = { id: OFFER, name: 'Pottery 101', archived: false };

const recipe = {
  id: WF,
  name: 'Welcome now, nudge after 3 days if never logged in',
  enabled: true,
  trigger: { type: 'offer_granted', offer_id: OFFER, every_grant: true },
  actions: [{ type: 'send_welcome_email' }, { type: 'wait', minutes: 4320 }, { type: 'send_welcome_email', unless_logged_in: true }],
  version: 1,
  flagged: '',
  created_at: '2026-11-20T10:00:00Z',
  updated_at: '2026-11-20T10:00:00Z',
};

function builderServer(extra: Record<string, Response | Response[]> = {}) {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn('admin')),
    'GET /api/admin/offers': page([offer]),
    'GET /api/admin/communities': page([]),
    ...extra,
  });
}

/** One action of the list (0-based), to look inside it. */
const step = (n: number) => within(document.querySelectorAll<HTMLElement>('.action-step')[n]);

/** The step list items, in order, by their headings. */
function stepTitles() {
  return [...document.querySelectorAll('.action-step-title')].map((h) => h.textContent);
}

describe('workflow builder', () => {
  it('adds, reorders and removes actions with the keyboard-friendly buttons, announcing each change, and saves them in order', async () => {
    const created = { ...recipe, name: 'Grant then wait', enabled: false };
    const server = builderServer({
      'POST /api/admin/workflows': json(201, created),
      [`GET /api/admin/workflows/${WF}`]: json(200, created),
      [`GET /api/admin/workflows/${WF}/runs`]: page([]),
    });
    renderApp('/admin/workflows/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name', {}, { timeout: 3000 }), 'Grant then wait');
    await screen.findAllByRole('option', { name: 'Pottery 101' }, { timeout: 3000 });
    const status = () => screen.getAllByRole('status').map((s) => s.textContent).join(' ');

    expect(stepTitles()).toEqual(['Step 1 Send the welcome email of the triggering offer']);
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    expect(stepTitles()).toEqual(['Step 1 Send the welcome email of the triggering offer', 'Step 2 Wait 1 day']);
    expect(status()).toContain('Added step 2, “Wait 1 day”.');
    // The new action's first control has focus.
    expect(step(1).getByLabelText('Action')).toHaveFocus();

    await user.selectOptions(step(1).getByLabelText('Action'), 'Grant an offer');
    await user.selectOptions(step(1).getByLabelText('Offer'), 'Pottery 101');
    expect(stepTitles()[1]).toBe('Step 2 Grant Pottery 101');

    await user.click(screen.getByRole('button', { name: 'Move up step 2' }));
    expect(stepTitles()).toEqual(['Step 1 Grant Pottery 101', 'Step 2 Send the welcome email of the triggering offer']);
    expect(status()).toContain('Moved “Grant Pottery 101” to step 1 of 2.');
    // "Move up" is disabled at the top: focus moved to the same action's "Move down".
    expect(screen.getByRole('button', { name: 'Move up step 1' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move down step 1' })).toHaveFocus();

    await user.keyboard('{Enter}'); // and back down, from the keyboard
    expect(stepTitles()[1]).toBe('Step 2 Grant Pottery 101');
    expect(screen.getByRole('button', { name: 'Move up step 2' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Add action' }));
    const amount = screen.getByLabelText('Wait for');
    await user.clear(amount);
    await user.type(amount, '3');
    expect(stepTitles()[2]).toBe('Step 3 Wait 3 days');
    await user.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect(stepTitles()).toEqual(['Step 1 Grant Pottery 101', 'Step 2 Wait 3 days']);
    expect(status()).toContain('Removed step 1, “Send the welcome email of the triggering offer”. 2 steps left.');

    await user.click(screen.getByRole('button', { name: 'Create workflow' }));
    await waitFor(() => expect(server.calls('POST', '/api/admin/workflows')).toHaveLength(1));
    expect(server.calls('POST', '/api/admin/workflows')[0].body).toEqual({
      name: 'Grant then wait',
      enabled: false,
      trigger: { type: 'offer_granted', every_grant: false },
      actions: [
        { type: 'grant_offer', offer_id: OFFER },
        { type: 'wait', minutes: 3 * 24 * 60 },
      ],
    });
    expect(server.calls('POST', '/api/admin/workflows')[0].headers['x-csrf-token']).toBe('csrf-123');
    expect(await screen.findByText(/Workflow created\. It is disabled/, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(window.location.pathname).toBe(`/admin/workflows/${WF}`);
  }, 20_000);

  it('shows the server’s actions.N message on that action, and keeps it there when the list is reordered', async () => {
    builderServer({
      'POST /api/admin/workflows': validationFailed({ 'actions.1': 'Wait from 1 minute to 365 days.', actions: 'Add from 1 to 20 actions.' }),
    });
    renderApp('/admin/workflows/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name', {}, { timeout: 3000 }), 'Nudge');
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    const amount = screen.getByLabelText('Wait for');
    await user.clear(amount);
    await user.type(amount, '0');
    await user.click(screen.getByRole('button', { name: 'Create workflow' }));

    await waitFor(() => expect(amount).toHaveAttribute('aria-invalid', 'true'));
    expect(amount).toHaveAccessibleDescription(/Wait from 1 minute to 365 days\./);
    expect(amount).toHaveFocus();
    expect(screen.getByText('Add from 1 to 20 actions.')).toBeInTheDocument(); // the list's own message
    // The first action has no error.
    expect(step(0).getByLabelText('Action')).not.toHaveAttribute('aria-invalid');
    expect(step(0).getByLabelText('Offer')).not.toHaveAttribute('aria-invalid');

    await user.click(screen.getByRole('button', { name: 'Move up step 2' }));
    expect(stepTitles()[0]).toBe('Step 1 Wait');
    expect(step(0).getByLabelText('Wait for')).toHaveAccessibleDescription(/Wait from 1 minute to 365 days\./);
    expect(step(1).getByLabelText('Offer')).not.toHaveAttribute('aria-invalid');
  });

  it('shows a flagged workflow’s reason, and enabling saves it with enabled true (an error keeps it off)', async () => {
    const flagged = { ...recipe, enabled: false, flagged: 'Stopped: an action of this workflow fired its own trigger (a loop).' };
    const server = builderServer({
      [`GET /api/admin/workflows/${WF}`]: json(200, flagged),
      [`GET /api/admin/workflows/${WF}/runs`]: page([]),
      [`PATCH /api/admin/workflows/${WF}`]: [
        json(422, { code: 'validation_failed', message: 'Please correct the highlighted fields.', fields: { name: 'Give the workflow a name of at most 200 characters.' } }),
        json(200, { ...recipe, flagged: '' }),
      ],
    });
    renderApp(`/admin/workflows/${WF}`);
    const user = userEvent.setup();
    const panel = await screen.findByRole('region', { name: /Stopped and disabled/ }, { timeout: 3000 });
    expect(panel).toHaveTextContent('fired its own trigger (a loop)');
    const toggle = screen.getByRole('switch', { name: 'Enabled' });
    expect(toggle).not.toBeChecked();

    await user.click(toggle);
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true'));
    expect(toggle).not.toBeChecked();
    expect(server.calls('PATCH', `/api/admin/workflows/${WF}`)[0].body).toMatchObject({ enabled: true, actions: recipe.actions, trigger: recipe.trigger });

    await user.click(toggle);
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Enabled' })).toBeChecked());
    expect(screen.getByText('Saved and enabled: it runs for events from now on.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Stopped and disabled/ })).not.toBeInTheDocument();
  });
});

describe('runs', () => {
  const run = (id: string, status: string, steps: unknown[]) => ({
    id,
    workflow_id: WF,
    workflow_version: 1,
    contact_id: '6f1c2a57-0000-4000-8000-000000000c01',
    contact_email: 'rita@example.com',
    contact_name: 'Rita Recipe',
    workflow_name: 'Welcome and nudge',
    total_steps: 3,
    status,
    step: steps.length,
    test: false,
    steps,
    wait_until: status === 'waiting' ? '2026-11-29T10:00:00Z' : null,
    started_at: '2026-11-26T10:00:00Z',
    finished_at: null,
  });
  const welcomeDone = { step: 0, type: 'send_welcome_email', outcome: 'done', detail: 'email 6f1c2a57-0000-4000-8000-0000000000e1', at: '2026-11-26T10:00:01Z' };
  const waiting = { step: 1, type: 'wait', outcome: 'waiting', detail: 'until 2026-11-29T10:00:00Z', at: '2026-11-26T10:00:01Z' };

  it('support reads the workflow and its runs (with whom each is for), expands a run’s steps, and the table refreshes while one is in flight', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      'GET /api/admin/offers': page([offer]),
      'GET /api/admin/communities': page([]),
      [`GET /api/admin/workflows/${WF}`]: json(200, recipe),
      [`GET /api/admin/workflows/${WF}/runs`]: [page([run('r1', 'running', [welcomeDone])]), page([run('r1', 'waiting', [welcomeDone, waiting])])],
    });
    renderApp(`/admin/workflows/${WF}`);
    const user = userEvent.setup();
    const runs = await screen.findByRole('region', { name: `Runs of ${recipe.name}` }, { timeout: 3000 });
    expect(await within(runs).findByRole('link', { name: 'Rita Recipe' })).toHaveAttribute('href', '/admin/contacts/6f1c2a57-0000-4000-8000-000000000c01');
    // Read-only for support: no switch, no save, no step tools; the fields are disabled.
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save workflow' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Move up/ })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toBeDisabled();

    expect(within(runs).getByText('Running')).toBeInTheDocument();
    expect(within(runs).getByText('1 of 3 steps run')).toBeInTheDocument();
    expect(await within(runs).findByText('Waiting', {}, { timeout: 15_000 })).toBeInTheDocument(); // refreshed by itself
    expect(within(runs).getByText('2 of 3 steps run')).toBeInTheDocument();
    const toggle = within(runs).getByRole('button', { name: 'Show steps' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const steps = within(runs).getByRole('list', { name: 'Steps' });
    expect(within(steps).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/Step 1: Send the membership welcome emailDoneemail queued$/),
      expect.stringMatching(/Step 2: WaitWaitinguntil /),
    ]);
    expect(server.calls('GET', `/api/admin/workflows/${WF}/runs`).length).toBeGreaterThanOrEqual(2);
  }, 15_000);

  it('reads older runs a page at a time, and refreshing the first page keeps them', async () => {
    let firstReads = 0;
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      'GET /api/admin/offers': page([offer]),
      'GET /api/admin/communities': page([]),
      [`GET /api/admin/workflows/${WF}`]: json(200, recipe),
      [`GET /api/admin/workflows/${WF}/runs`]: (req) => {
        if (req.search.includes('cursor=c2')) return json(200, { items: [{ ...run('r0', 'done', [welcomeDone]), contact_name: 'Olga Older' }], next_cursor: '' });
        firstReads++;
        return json(200, { items: [run('r1', firstReads > 1 ? 'waiting' : 'running', [welcomeDone])], next_cursor: 'c2' });
      },
    });
    renderApp(`/admin/workflows/${WF}`);
    const user = userEvent.setup();
    const runs = await screen.findByRole('region', { name: `Runs of ${recipe.name}` }, { timeout: 3000 });
    expect(await within(runs).findByText('Running')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show more runs' }));
    expect(await within(runs).findByRole('link', { name: 'Olga Older' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show more runs' })).not.toBeInTheDocument();
    expect(server.calls('GET', `/api/admin/workflows/${WF}/runs`)[0].search).toContain('limit=20');
    expect(await within(runs).findByText('Waiting', {}, { timeout: 15_000 })).toBeInTheDocument(); // the poll read page one again
    expect(within(runs).getByRole('link', { name: 'Olga Older' })).toBeInTheDocument();
    expect(within(runs).getAllByRole('link', { name: 'Rita Recipe' })).toHaveLength(1);
  }, 15_000);
});

describe('workflows list', () => {
  it('creates the recipe in one click for a chosen offer, and opens it', async () => {
    const server = builderServer({
      'GET /api/admin/workflows': page([]),
      'POST /api/admin/workflows/recipes/welcome-nudge': json(201, recipe),
      [`GET /api/admin/workflows/${WF}`]: json(200, recipe),
      [`GET /api/admin/workflows/${WF}/runs`]: page([]),
    });
    renderApp('/admin/workflows');
    const user = userEvent.setup();
    expect(await screen.findByText('No workflows yet.', {}, { timeout: 3000 })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create from recipe…' }));
    const dialog = screen.getByRole('dialog', { name: 'Create from a recipe' });
    expect(dialog).toHaveTextContent('Welcome now, nudge after 3 days if never logged in');
    await user.selectOptions(within(dialog).getByLabelText('For which offer'), 'Pottery 101');
    expect(dialog).toHaveTextContent('When Pottery 101 is granted (every grant), send its welcome email');
    await user.click(within(dialog).getByRole('button', { name: 'Create and enable' }));

    expect(await screen.findByRole('heading', { level: 1, name: recipe.name }, { timeout: 3000 })).toBeInTheDocument();
    expect(server.calls('POST', '/api/admin/workflows/recipes/welcome-nudge')[0].body).toEqual({ offer_id: OFFER });
    expect(screen.getByText(/Created from the recipe, and enabled/)).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Enabled' })).toBeChecked();
    expect(screen.getAllByLabelText('Action').map((s) => (s as HTMLSelectElement).value)).toEqual(['send_welcome_email', 'wait', 'send_welcome_email']);
    expect(screen.getByLabelText('Wait for')).toHaveValue(3);
    expect(screen.getByLabelText('Unit')).toHaveValue('days');
  });

  it('says in words what starts each workflow, and flags one that looped', async () => {
    builderServer({
      'GET /api/admin/workflows': page([
        recipe,
        { ...recipe, id: 'w2', name: 'Bounce alert', enabled: false, trigger: { type: 'email_bounced' }, flagged: 'Stopped: a loop.' },
      ]),
    });
    renderApp('/admin/workflows');
    const table = await screen.findByRole('region', { name: 'Workflows' }, { timeout: 3000 });
    expect(await within(table).findByText('When Pottery 101 is granted (every grant, re-grants too)')).toBeInTheDocument();
    expect(within(table).getByText('When an email to the contact bounces or is marked as spam')).toBeInTheDocument();
    expect(within(table).getByText('Stopped: loop')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Edit and re-enable Bounce alert' })).toHaveAttribute('href', '/admin/workflows/w2');
    expect(within(table).getByRole('switch', { name: `Enabled: ${recipe.name}` })).toBeChecked();
    expect(within(table).getByRole('switch', { name: 'Enabled: Bounce alert' })).not.toBeChecked();
  });
});
