import { useEffect } from 'react';
import type { Resource } from './useResource';

/**
 * Reloads a resource every ms milliseconds while active (a background job in progress). The
 * next read is scheduled only after the previous one answered, so a slow server is never asked
 * twice at once; it keeps trying after a failed read (the page shows the error meanwhile).
 */
export function usePolling<T>(resource: Resource<T>, active: boolean, ms: number): void {
  const { loading, data, error, reload } = resource;
  useEffect(() => {
    if (!active || loading) return;
    const t = window.setTimeout(reload, ms);
    return () => window.clearTimeout(t);
  }, [active, loading, data, error, reload, ms]);
}
