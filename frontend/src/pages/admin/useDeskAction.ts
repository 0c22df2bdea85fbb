import { useCallback, useState } from 'react';
import { deskErrorText } from './DeskAlerts';

export interface DeskAction {
  open: boolean;
  busy: boolean;
  /** The failure, shown inside the dialog so the user can retry or cancel. */
  error: string | null;
  start: () => void;
  cancel: () => void;
  /** Runs the action; closes the dialog when it succeeds, keeps it open with the error when not. */
  run: (action: () => Promise<void>) => Promise<void>;
}

/** State for one confirmed action: a dialog that says what happens, then the call. */
export function useDeskAction(): DeskAction {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = useCallback(() => {
    setError(null);
    setOpen(true);
  }, []);

  const cancel = useCallback(() => {
    setOpen(false);
    setError(null);
  }, []);

  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setOpen(false);
    } catch (err) {
      setError(deskErrorText(err));
    } finally {
      setBusy(false);
    }
  }, []);

  return { open, busy, error, start, cancel, run };
}
