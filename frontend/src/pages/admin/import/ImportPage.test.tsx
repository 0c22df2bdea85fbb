import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';

const OFFER = '6f1c2a57-0000-4000-8000-0000000000aa';
const IMP = '6f1c2a57-0000-4000-8000-0000000000d1';
const page = (items: unknown[]) => json(200, { items, next_cursor: '' });
const record = (status: string, extra: Record<string, unknown> = {}) => ({
  id: IMP,
  filename: 'people.csv',
  status,
  dry_run: true,
  total: 4,
  done: 4,
  counts: { new: 2, update: 1, invalid: 1, duplicate: 0 },
  error: '',
  options: { offer_ids: [OFFER], community_ids: [], send_welcome: true },
  created_at: '2026-11-26T10:00:00Z',
  finished_at: null,
  ...extra,
});

function importServer(extra: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn('admin')),
    'GET /api/admin/offers': page([{ id: OFFER, name: 'Pottery 101', archived: false }]),
    'GET /api/admin/communities': page([]),
    'GET /api/admin/imports': page([]),
    ...extra,
  });
}

const csv = () => new File(['\uFEFF"E-mail";Prénom;Nom;Offres\nmia@example.com;Mia;M;Pottery 101\n'], 'people.csv', { type: 'text/csv' });

describe('import', () => {
  it('maps the columns read from the file, uploads it as multipart with the CSRF token, and shows a file problem on the file input', async () => {
    const server = importServer({
      'POST /api/admin/imports': [
        json(422, { code: 'import_invalid', message: 'the file has no column "Courriel" (for email)', fields: { file: 'the file has no column "Courriel" (for email)' } }),
        json(202, record('dry_running', { done: 0, counts: {} })),
      ],
      [`GET /api/admin/imports/${IMP}`]: json(200, record('dry_run_done')),
    });
    renderApp('/admin/import');
    const user = userEvent.setup();
    const input = await screen.findByLabelText('CSV file', {}, { timeout: 3000 });
    await user.upload(input, csv());
    expect(await screen.findByText('people.csv: 4 columns, separated by “;”.')).toBeInTheDocument();

    const email = screen.getByLabelText('Email (required)');
    expect(email).toHaveValue('E-mail'); // guessed
    expect([...(email as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Choose the column', 'E-mail', 'Prénom', 'Nom', 'Offres']);
    expect(screen.getByLabelText('First name')).toHaveValue('');
    await user.selectOptions(screen.getByLabelText('First name'), 'Prénom');
    await user.selectOptions(screen.getByLabelText('Last name'), 'Nom');
    await user.selectOptions(screen.getByLabelText('Offers'), 'Offres');
    await user.click(await screen.findByLabelText('Pottery 101'));
    await user.click(screen.getByLabelText(/Send the welcome email now/));

    await user.click(screen.getByRole('button', { name: 'Dry run' }));
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(/the file has no column "Courriel"/);

    await user.click(screen.getByRole('button', { name: 'Dry run' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Import: people.csv' }, { timeout: 3000 })).toBeInTheDocument();
    const [, sent] = server.fetch.mock.calls.filter(([url, init]) => String(url) === '/api/admin/imports' && init?.method === 'POST');
    const init = sent[1] as RequestInit;
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('csrf-123');
    expect(new Headers(init.headers).get('Content-Type')).toBeNull(); // the browser sets multipart with its boundary
    const form = init.body as FormData;
    expect((form.get('file') as File).name).toBe('people.csv');
    expect(JSON.parse(form.get('mapping') as string)).toEqual({ email: 'E-mail', first_name: 'Prénom', last_name: 'Nom', offers: 'Offres' });
    expect(JSON.parse(form.get('options') as string)).toEqual({ offer_ids: [OFFER], community_ids: [], send_welcome: true });
    expect(form.get('dry_run')).toBe('true');
  }, 15_000);

  it('shows the dry run’s counts and report, and imports the good rows after a confirmation that says what happens', async () => {
    const server = importServer({
      [`GET /api/admin/imports/${IMP}`]: [
        json(200, record('dry_run_done')),
        json(200, record('running', { dry_run: false, done: 2, counts: { created: 1, updated: 1 } })),
        json(200, record('done', { dry_run: false, counts: { created: 2, updated: 1, invalid: 1, duplicate: 0, failed: 0 } })),
      ],
      [`POST /api/admin/imports/${IMP}/run`]: json(200, record('running', { dry_run: false, done: 0, counts: {} })),
    });
    renderApp(`/admin/import/${IMP}`);
    const user = userEvent.setup();
    expect(await screen.findByText('Checked. 3 rows can be imported.', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByText('New contacts').nextElementSibling).toHaveTextContent('2');
    expect(screen.getByText('Invalid rows (skipped)').nextElementSibling).toHaveTextContent('1');
    expect(screen.getByRole('link', { name: 'Download the dry-run report (CSV)' })).toHaveAttribute('href', `/api/admin/imports/${IMP}/report`);

    await user.click(screen.getByRole('button', { name: 'Import 3 rows' }));
    const dialog = screen.getByRole('dialog', { name: 'Import 3 rows?' });
    expect(dialog).toHaveTextContent('Creates 2 new contacts and updates 1 existing one, each row all or nothing.');
    expect(dialog).toHaveTextContent('Every imported row is granted Pottery 101.');
    expect(dialog).toHaveTextContent('The welcome email of each offer newly granted is sent now');
    expect(dialog).toHaveTextContent('1 row is skipped (invalid or duplicate)');
    await user.click(within(dialog).getByRole('button', { name: 'Import now' }));

    expect(await screen.findByRole('progressbar', { name: 'Rows imported' })).toBeInTheDocument();
    expect(server.calls('POST', `/api/admin/imports/${IMP}/run`)).toHaveLength(1);
    expect(await screen.findByText(/^Imported\./, {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText('Created').nextElementSibling).toHaveTextContent('2');
    expect(screen.getByRole('link', { name: 'Download the report (CSV)' })).toBeInTheDocument();
  }, 15_000);

  it('lists the rows the dry run cannot import with their reasons, more on request, and the report for all', async () => {
    const server = importServer({
      [`GET /api/admin/imports/${IMP}`]: json(200, record('dry_run_done', { total: 60, counts: { new: 57, update: 0, invalid: 2, duplicate: 1 } })),
      [`GET /api/admin/imports/${IMP}/problems`]: (req) =>
        req.search.includes('cursor=')
          ? json(200, { items: [{ line: 9, email: 'mia@example.com', outcome: 'duplicate', detail: 'the same address as line 3' }], next_cursor: '' })
          : json(200, {
              items: [
                { line: 4, email: 'not-an-address', outcome: 'invalid', detail: 'Enter an email address like name@example.com' },
                { line: 7, email: '', outcome: 'invalid', detail: 'no email address' },
              ],
              next_cursor: '7',
            }),
    });
    renderApp(`/admin/import/${IMP}`);
    const region = await screen.findByRole('region', { name: 'Problem rows' }, { timeout: 3000 });
    const cells = () => within(region).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells()).toEqual([
      ['4', 'not-an-address', 'Invalid', 'Enter an email address like name@example.com'],
      ['7', '(none)', 'Invalid', 'no email address'],
    ]);
    const section = screen.getByRole('heading', { name: 'Rows that cannot be imported' }).closest('section') as HTMLElement;
    expect(section).toHaveTextContent('3 rows will be skipped.');
    expect(within(section).getByRole('link', { name: 'the CSV report lists every row' })).toHaveAttribute('href', `/api/admin/imports/${IMP}/report`);
    expect(server.calls('GET', `/api/admin/imports/${IMP}/problems`)[0].search).toBe('?limit=50');

    await userEvent.setup().click(within(section).getByRole('button', { name: 'Show more rows' }));
    await waitFor(() => expect(cells()).toHaveLength(3));
    expect(cells()[2]).toEqual(['9', 'mia@example.com', 'Duplicate in the file', 'the same address as line 3']);
    expect(server.calls('GET', `/api/admin/imports/${IMP}/problems`)[1].search).toBe('?cursor=7&limit=50');
  });

  it('shows no problem rows when every row can be imported', async () => {
    const server = importServer({ [`GET /api/admin/imports/${IMP}`]: json(200, record('dry_run_done', { counts: { new: 4, update: 0, invalid: 0, duplicate: 0 } })) });
    renderApp(`/admin/import/${IMP}`);
    expect(await screen.findByText('Checked. 4 rows can be imported.', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Rows that cannot be imported' })).not.toBeInTheDocument();
    expect(server.calls('GET', `/api/admin/imports/${IMP}/problems`)).toHaveLength(0);
  });

  it('says clearly why an import failed', async () => {
    importServer({ [`GET /api/admin/imports/${IMP}`]: json(200, record('failed', { error: 'the file has more than 100,000 rows; split it' })) });
    renderApp(`/admin/import/${IMP}`);
    expect(await screen.findByRole('alert', {}, { timeout: 3000 })).toHaveTextContent('The import stopped. the file has more than 100,000 rows; split it');
  });
});
