import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { deskErrorText } from '../DeskAlerts';

export interface ConfirmedAction<V> {
  open: boolean;
  /** What the open dialog asks about (a grant, an email, a member). */
  target: V | undefined;
  busy: boolean;
  /** The failure, shown inside the dialog so the user can retry or cancel. */
  error: string | null;
  /** Opens the dialog about target. */
  start: (target: V) => void;
  cancel: () => void;
  confirm: () => void;
}

interface Options<V, T> {
  run: (target: V) => Promise<T>;
  /** Queries the action makes stale, read again after it succeeds. */
  invalidates?: QueryKey[];
  /** After success (the dialog closes). */
  onDone?: (result: T, target: V) => void;
}

/** One action staff confirm first: a dialog that says what happens, then the mutation. */
export function useConfirmedAction<V = void, T = unknown>({ run, invalidates, onDone }: Options<V, T>): ConfirmedAction<V> {
  const client = useQueryClient();
  const [asked, setAsked] = useState<{ target: V } | null>(null);
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (result, target) => {
      setAsked(null);
      onDone?.(result, target);
      for (const queryKey of invalidates ?? []) void client.invalidateQueries({ queryKey });
    },
  });
  return {
    open: asked !== null,
    target: asked?.target,
    busy: mutation.isPending,
    error: mutation.error ? deskErrorText(mutation.error) : null,
    start: (target) => {
      mutation.reset();
      setAsked({ target });
    },
    cancel: () => {
      if (mutation.isPending) return;
      setAsked(null);
      mutation.reset();
    },
    confirm: () => {
      if (asked && !mutation.isPending) mutation.mutate(asked.target);
    },
  };
}
