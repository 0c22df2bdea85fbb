import { useEffect, useState } from 'react';
import { adminApi } from '../../../api/admin';

export type ContactName = { name: string; email: string } | 'missing';

/**
 * Who the runs are for. A run names its contact by id only, so each contact shown is read once
 * (a table shows at most a page of runs) and remembered for the page's life.
 */
export function useContactNames(ids: string[]): Map<string, ContactName> {
  const [known, setKnown] = useState<Map<string, ContactName>>(new Map());
  const wanted = [...new Set(ids)].filter((id) => id && !known.has(id));
  const key = wanted.join(',');

  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    void Promise.all(
      key.split(',').map(async (id): Promise<[string, ContactName]> => {
        try {
          const c = await adminApi.contact(id, ctl.signal);
          return [id, { name: c.name, email: c.email }];
        } catch {
          return [id, 'missing'];
        }
      }),
    ).then((found) => {
      if (ctl.signal.aborted) return;
      setKnown((prev) => new Map([...prev, ...found]));
    });
    return () => ctl.abort();
  }, [key]);

  return known;
}
