import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { ApiError, api } from '../../../api/client';
import type { Page } from '../../../api/admin';
import { fakeServer, json } from '../../../testing/fakeServer';
import { ListFooter, ListStatus } from '../ListStatus';
import { createDeskQueryClient, shouldRetry } from './client';
import { pagedQuery, usePagedQuery } from './paged';

type Row = { id: string; name: string };

const things = pagedQuery(['things'], (cursor, signal) => api.get<Page<Row>>('/api/things', { query: { cursor }, signal }));

/** A paged list as the desk's pages show one: status, rows, then the footer with "Load more". */
function Things() {
  const list = usePagedQuery(things);
  return (
    <>
      <ListStatus state={list} count={list.items.length} loading="Loading things…" empty={<p>No things.</p>} />
      <ul aria-label="Things">
        {list.items.map((r) => (
          <li key={r.id}>{r.name}</li>
        ))}
      </ul>
      <ListFooter list={list} />
    </>
  );
}

function renderThings() {
  const client = createDeskQueryClient();
  // The desk's own retry rules, without the waits between tries.
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retryDelay: 0 } });
  render(
    <QueryClientProvider client={client}>
      <Things />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const rows = () => within(screen.getByRole('list', { name: 'Things' })).queryAllByRole('listitem').map((li) => li.textContent);
const serverDown = () => json(503, { code: 'unavailable', message: 'The server is busy. Please try again.' });

describe('a paged list through the query layer', () => {
  it('loads the next page from the cursor; a failed next page shows its error and Try again asks for that cursor again', async () => {
    let secondPageAnswers = 0;
    const server = fakeServer({
      'GET /api/things': (req) => {
        if (!req.search.includes('cursor=c2')) return json(200, { items: [{ id: 'a', name: 'Anvil' }], next_cursor: 'c2' });
        secondPageAnswers++;
        // The first read and its two retries fail; the read after "Try again" works.
        return secondPageAnswers <= 3 ? serverDown() : json(200, { items: [{ id: 'b', name: 'Bellows' }], next_cursor: '' });
      },
    });
    const user = renderThings();
    expect(await screen.findByText('Anvil')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The server is busy. Please try again.');
    expect(rows()).toEqual(['Anvil']); // what was read stays
    expect(secondPageAnswers).toBe(3); // a 5xx is tried again twice before it shows

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rows()).toEqual(['Anvil', 'Bellows']));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument(); // no next_cursor: the end
    expect(server.calls('GET', '/api/things').map((r) => r.search)).toEqual(['', '?cursor=c2', '?cursor=c2', '?cursor=c2', '?cursor=c2']);
  });

  it('shows a failed first page in place of the list, and Try again reads it again', async () => {
    const server = fakeServer({
      'GET /api/things': [
        json(429, { code: 'rate_limited', message: 'Too many requests. Please wait a little.' }),
        json(200, { items: [{ id: 'a', name: 'Anvil' }], next_cursor: '' }),
      ],
    });
    const user = renderThings();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many requests. Please wait a little.');
    expect(server.calls('GET', '/api/things')).toHaveLength(1); // a 4xx is never tried again by itself
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Anvil')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the empty state once read, and "Loading…" only before', async () => {
    fakeServer({ 'GET /api/things': json(200, { items: [], next_cursor: '' }) });
    renderThings();
    expect(screen.getByRole('status')).toHaveTextContent('Loading things…');
    expect(await screen.findByText('No things.')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});

describe('retry rules', () => {
  it('never retries a 4xx; retries network failures and 5xx twice', () => {
    const err = (status: number) => new ApiError({ status, code: 'x', message: 'x' });
    for (const status of [400, 401, 403, 404, 409, 422, 429]) expect(shouldRetry(0, err(status))).toBe(false);
    for (const status of [0, 500, 502, 503]) {
      expect(shouldRetry(0, err(status))).toBe(true);
      expect(shouldRetry(1, err(status))).toBe(true);
      expect(shouldRetry(2, err(status))).toBe(false);
    }
  });
});
