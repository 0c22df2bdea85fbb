import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * A form's draft, taken from the server's answer once per record (by key): a later answer for
 * the same record (a reload after archiving or disabling it) leaves edits in progress alone.
 */
export function useServerDraft<S, D>(
  data: S | undefined,
  key: (s: S) => string,
  toDraft: (s: S) => D,
  initial: D | null = null,
): [D | null, Dispatch<SetStateAction<D | null>>] {
  const [draft, setDraft] = useState<D | null>(initial);
  const loaded = useRef<string | null>(null);
  const toDraftRef = useRef(toDraft);
  toDraftRef.current = toDraft;
  const k = data === undefined ? null : key(data);
  useEffect(() => {
    if (data !== undefined && k !== loaded.current) {
      loaded.current = k;
      setDraft(toDraftRef.current(data));
    }
  }, [data, k]);
  return [draft, setDraft];
}
