import { describe, expect, it } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { usePagedList } from './usePagedList';

type Row = { id: string };
type Page = { items: Row[]; next_cursor?: string };

/** A loader that answers from a script, in order, and records the cursors it was asked for. */
function scripted(answers: (Page | Error)[]) {
  const asked: (string | undefined)[] = [];
  const load = (cursor: string | undefined) => {
    asked.push(cursor);
    const next = answers.shift();
    return next instanceof Error || !next ? Promise.reject(next ?? new Error('no more answers')) : Promise.resolve(next);
  };
  return { asked, load };
}

describe('usePagedList', () => {
  it('retries a failed next page from its cursor, not from the first page', async () => {
    const { asked, load } = scripted([{ items: [{ id: 'a' }], next_cursor: 'c2' }, new Error('offline'), { items: [{ id: 'b' }] }]);
    const { result } = renderHook(() => usePagedList<Row>(load, []));
    await waitFor(() => expect(result.current.loading).toBe(false));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.error).toBeDefined());
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual(['a', 'b']));
    expect(asked).toEqual([undefined, 'c2', 'c2']);
    expect(result.current.error).toBeUndefined();
  });

  it('retries a failed first page from the start, and a refresh keeps the pages read after the first', async () => {
    const { asked, load } = scripted([
      new Error('offline'),
      { items: [{ id: 'a' }], next_cursor: 'c2' },
      { items: [{ id: 'b' }] },
      { items: [{ id: 'new' }, { id: 'a' }], next_cursor: 'c3' },
    ]);
    const { result } = renderHook(() => usePagedList<Row>(load, []));
    await waitFor(() => expect(result.current.error).toBeDefined());
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual(['a']));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual(['a', 'b']));
    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual(['new', 'a', 'b']));
    expect(asked).toEqual([undefined, undefined, 'c2', undefined]);
  });
});
