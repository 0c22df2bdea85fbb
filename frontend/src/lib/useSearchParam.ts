import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from './useDebouncedValue';

/**
 * Sets one parameter of the address (an empty value removes it), replacing the history entry.
 * It starts from the address as it is now, not as the page last rendered it: the router renders
 * a change a moment later (a transition), and a second change meanwhile (a filter picked while
 * the search box writes its text) must not undo the first.
 */
export function useSetSearchParam<N extends string = string>(): (name: N, value: string) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (name: N, value: string) =>
      setParams(
        () => {
          const next = new URLSearchParams(window.location.search);
          if (value) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
}

/**
 * A search box kept in the address under name, so "back" returns to the same list: what is
 * typed goes into the address a moment after typing stops (settled), and a new address (a nav
 * link that clears it, back and forward) puts its value in the box.
 */
export function useSearchBox(name: string, delay: number): { text: string; setText: (v: string) => void; settled: string } {
  const [params] = useSearchParams();
  const setParam = useSetSearchParam();
  const inURL = params.get(name) ?? '';
  const [text, setText] = useState(inURL);
  const settled = useDebouncedValue(text.trim(), delay);
  // Written only when the settled text changes: setParam is a new function whenever the address
  // changes, and must not put back text the address has since dropped.
  const written = useRef(settled);
  useEffect(() => {
    if (settled === written.current) return;
    written.current = settled;
    setParam(name, settled);
  }, [name, settled, setParam]);
  useEffect(() => {
    written.current = inURL;
    setText((current) => (current.trim() === inURL ? current : inURL));
  }, [inURL]);
  return { text, setText, settled: text.trim() === inURL ? inURL : settled };
}
