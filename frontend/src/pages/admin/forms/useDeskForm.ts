import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { ApiError, FieldErrors } from '../../../api/client';
import { useFormErrors } from '../../../lib/useFormErrors';
import { deskError } from '../DeskAlerts';
import { useUnsavedChanges } from './UnsavedChanges';

export interface DeskFormOptions<T, M extends string> {
  /** The inputs' names: a server message for one of them shows on it, any other in the summary. */
  fields: readonly string[];
  /** The inputs hold something not saved: leaving the page asks first. */
  dirty?: boolean;
  /** Problems found before sending, shown like the server's (an undefined message is no problem). */
  validate?: (mode: M) => Partial<FieldErrors>;
  /** The change itself (one call through the API client). */
  submit: (mode: M) => Promise<T>;
  /** Queries the change makes stale, read again after it succeeds. */
  invalidates?: QueryKey[];
  /** After success, with the server's answer: the notice to show, if any. */
  onSaved?: (result: T, mode: M) => string | void;
  /** Sees a failure before it is shown (e.g. to key a list's messages to its rows). */
  onFailed?: (error: ApiError) => void;
  /** Submitting asks first (a dialog that says what happens); confirm() sends. */
  confirmFirst?: boolean;
}

export interface DeskForm<M extends string = 'save'> {
  formRef: RefObject<HTMLFormElement | null>;
  summaryRef: RefObject<HTMLDivElement | null>;
  /** Messages per input name. */
  fields: FieldErrors;
  /** The error summary: what no input carries. */
  message: string | null;
  /** The success notice of the last save. */
  notice: string | null;
  busy: boolean;
  /** The mode being saved (a form with two submit buttons shows which is busy). */
  pending: M | null;
  onSubmit: (e: FormEvent) => void;
  /** Submits in another mode (e.g. "save and enable"). */
  run: (mode: M) => void;
  /** Forgets errors and notice (after "Discard changes"); the same function every render. */
  reset: () => void;
  /** Shows problems found outside a submit (a file that could not be read). */
  invalid: (fields: FieldErrors) => void;
  /** With confirmFirst: the question is open; confirm() sends, cancelConfirm() closes it. */
  confirming: boolean;
  confirm: () => void;
  cancelConfirm: () => void;
}

/**
 * The desk's one form pattern: submit through a mutation (busy meanwhile, the queries it makes
 * stale refreshed after), the API's field errors on their inputs and the rest in a summary,
 * focus on the first problem, a success notice, and the unsaved-changes guard. Render it with
 * <DeskForm form={…}>.
 */
export function useDeskForm<T, M extends string = 'save'>(options: DeskFormOptions<T, M>, defaultMode = 'save' as M): DeskForm<M> {
  const { fields, dirty = false, validate, submit, invalidates, onSaved, onFailed, confirmFirst = false } = options;
  const client = useQueryClient();
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = useFormErrors(fields, summaryRef);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const markSaved = useUnsavedChanges(dirty);
  const mutation = useMutation({ mutationFn: submit });

  const { clear } = errors;
  const reset = useCallback(() => {
    clear();
    setNotice(null);
  }, [clear]);

  // Editing again makes the last "Saved." old news.
  useEffect(() => {
    if (dirty) setNotice(null);
  }, [dirty]);

  /** Clears what the last submit showed; false when the inputs have problems (now shown). */
  function check(mode: M): boolean {
    errors.clear();
    setNotice(null);
    const problems = Object.entries(validate?.(mode) ?? {}).filter((p): p is [string, string] => Boolean(p[1]));
    if (problems.length === 0) return true;
    errors.invalid(Object.fromEntries(problems));
    return false;
  }

  async function run(mode: M) {
    if (mutation.isPending || !check(mode)) return;
    let result: T;
    try {
      result = await mutation.mutateAsync(mode);
    } catch (err) {
      const e = deskError(err);
      setConfirming(false);
      onFailed?.(e);
      errors.fail(e);
      return;
    }
    setConfirming(false);
    markSaved();
    const text = onSaved?.(result, mode);
    for (const queryKey of invalidates ?? []) void client.invalidateQueries({ queryKey });
    if (text) setNotice(text);
  }

  return {
    formRef: errors.formRef,
    summaryRef,
    fields: errors.fields,
    message: errors.message,
    notice,
    busy: mutation.isPending,
    pending: mutation.isPending ? (mutation.variables ?? null) : null,
    onSubmit: (e) => {
      e.preventDefault();
      if (!confirmFirst) void run(defaultMode);
      else if (check(defaultMode)) setConfirming(true);
    },
    run: (mode) => void run(mode),
    reset,
    invalid: errors.invalid,
    confirming,
    confirm: () => void run(defaultMode),
    cancelConfirm: () => {
      if (!mutation.isPending) setConfirming(false);
    },
  };
}
