import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createMemoryRouter, Link, Outlet, RouterProvider, useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import { TextField } from '../../../components/Field';
import { createDeskQueryClient } from '../queries/client';
import { DeskForm } from './DeskForm';
import { FormActions } from './FormActions';
import { LEAVE_QUESTION, UnsavedChangesGuard } from './UnsavedChanges';
import { useDeskForm } from './useDeskForm';

type Submit = (name: string) => Promise<{ name: string }>;

/** A desk form with one input, as the pages write them; "Save and open" saves, then leaves. */
function NameForm({ submit }: { submit: Submit }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const form = useDeskForm<{ name: string }, 'save' | 'open'>({
    fields: ['name'],
    dirty: name !== '',
    validate: () => ({ name: name.trim() ? undefined : 'Give it a name.' }),
    submit: () => submit(name),
    invalidates: [['things']],
    onSaved: (saved, mode) => {
      setName('');
      if (mode === 'open') void navigate('/elsewhere');
      return `Saved ${saved.name}.`;
    },
  });
  return (
    <DeskForm form={form}>
      <TextField label="Name" name="name" value={name} onValueChange={setName} error={form.fields.name} />
      <FormActions form={form} submit="Save" busyLabel="Saving…">
        <button type="button" onClick={() => form.run('open')}>
          Save and open
        </button>
      </FormActions>
      <Link to="/elsewhere">Elsewhere</Link>
    </DeskForm>
  );
}

function renderForm(submit: Submit) {
  const client = createDeskQueryClient();
  const invalidated = vi.spyOn(client, 'invalidateQueries');
  const router = createMemoryRouter([
    {
      element: (
        <QueryClientProvider client={client}>
          <UnsavedChangesGuard>
            <Outlet />
          </UnsavedChangesGuard>
        </QueryClientProvider>
      ),
      children: [
        { path: '/', element: <NameForm submit={submit} /> },
        { path: '/elsewhere', element: <h1>Elsewhere</h1> },
      ],
    },
  ]);
  render(<RouterProvider router={router} />);
  return { invalidated, router, user: userEvent.setup() };
}

/** A promise the test settles when it wants to. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => vi.restoreAllMocks());

describe('the desk form pattern', () => {
  it('shows a problem found before sending on its input, focused, and sends nothing', async () => {
    const submit = vi.fn<Submit>();
    const { user } = renderForm(submit);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const input = screen.getByLabelText('Name');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/Give it a name\./);
    expect(input).toHaveFocus();
    expect(submit).not.toHaveBeenCalled();
  });

  it('is busy while sending, then announces the notice and refreshes the queries the change made stale', async () => {
    const answer = deferred<{ name: string }>();
    const submit = vi.fn<Submit>(() => answer.promise);
    const { user, invalidated } = renderForm(submit);
    await user.type(screen.getByLabelText('Name'), 'Kiln');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const busy = screen.getByRole('button', { name: 'Saving…' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    await user.click(busy); // a second press while busy sends nothing more
    expect(submit).toHaveBeenCalledTimes(1);
    expect(submit).toHaveBeenCalledWith('Kiln');

    answer.resolve({ name: 'Kiln' });
    // The live region exists before its words arrive (screen readers need it in place first).
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved Kiln.'));
    expect(screen.getByRole('button', { name: 'Save' })).not.toHaveAttribute('aria-disabled');
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['things'] });
  });

  it('puts the API’s field errors on their inputs and the rest in a summary, focusing the first problem', async () => {
    const submit = vi
      .fn<Submit>()
      .mockRejectedValueOnce(
        new ApiError({ status: 422, code: 'validation_failed', message: 'Please correct the highlighted fields.', fields: { name: 'Already taken.', color: 'Not a colour.' } }),
      )
      .mockRejectedValueOnce(new ApiError({ status: 409, code: 'conflict', message: 'Someone changed it meanwhile.' }));
    const { user, invalidated } = renderForm(submit);
    const input = screen.getByLabelText('Name');
    await user.type(input, 'Kiln');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(/Already taken\./);
    expect(input).toHaveFocus();
    // A field the form has no input for goes to the summary.
    expect(screen.getByRole('alert')).toHaveTextContent('Not a colour.');

    // No field at all: the summary says it, and takes focus so it is read first.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveTextContent('Someone changed it meanwhile.'));
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(summary).toHaveFocus();
    expect(invalidated).not.toHaveBeenCalled();
  });

  it('asks before a link leaves unsaved changes: Stay keeps them, Leave goes', async () => {
    const { user, router } = renderForm(vi.fn<Submit>());
    const link = screen.getByRole('link', { name: 'Elsewhere' });
    await user.click(link); // nothing typed: nothing to lose, no question
    expect(await screen.findByRole('heading', { name: 'Elsewhere' })).toBeInTheDocument();

    await router.navigate('/');
    await user.type(await screen.findByLabelText('Name'), 'Half typed');
    await user.click(screen.getByRole('link', { name: 'Elsewhere' }));
    const dialog = screen.getByRole('dialog', { name: LEAVE_QUESTION });
    expect(within(dialog).getByRole('button', { name: 'Stay' })).toHaveFocus(); // the safe choice first
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Half typed');
    expect(router.state.location.pathname).toBe('/');

    await user.click(screen.getByRole('link', { name: 'Elsewhere' }));
    await user.click(within(screen.getByRole('dialog', { name: LEAVE_QUESTION })).getByRole('button', { name: 'Leave' }));
    expect(await screen.findByRole('heading', { name: 'Elsewhere' })).toBeInTheDocument();
  });

  it('asks the browser before the tab closes only while changes are unsaved', async () => {
    const { user } = renderForm(vi.fn<Submit>());
    const unload = () => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(unload()).toBe(false);
    await user.type(screen.getByLabelText('Name'), 'K');
    expect(unload()).toBe(true);
    await user.clear(screen.getByLabelText('Name'));
    expect(unload()).toBe(false);
  });

  it('lets a save that navigates away go without asking', async () => {
    const { user } = renderForm(vi.fn<Submit>(async (name) => ({ name })));
    await user.type(screen.getByLabelText('Name'), 'Kiln');
    await user.click(screen.getByRole('button', { name: 'Save and open' }));
    expect(await screen.findByRole('heading', { name: 'Elsewhere' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
