import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type FieldErrors } from '../api/client';

export interface FormErrors {
  formRef: React.RefObject<HTMLFormElement | null>;
  /** Messages per input name, shown under the inputs. */
  fields: FieldErrors;
  /** A message for the form's alert region, when no input carries it. */
  message: string | null;
  /** Shows a server error: fields on the inputs they name, anything else in the alert. */
  fail: (err: unknown) => void;
  /** Shows client-side problems the same way. */
  invalid: (fields: FieldErrors) => void;
  clear: () => void;
}

/**
 * Maps ApiError.fields onto a form's inputs. Names listed in known are inputs of this form;
 * a field the form has no input for is shown in the alert instead. After errors appear, focus
 * moves to the first input marked aria-invalid, or, when no input has one, to summary (the
 * form's alert) if the form gives it.
 */
export function useFormErrors(known: readonly string[], summary?: React.RefObject<HTMLElement | null>): FormErrors {
  const formRef = useRef<HTMLFormElement | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const knownKey = known.join('\u0000');

  useEffect(() => {
    if (focusRequest === 0) return;
    (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? summary?.current)?.focus();
  }, [focusRequest, summary]);

  const show = useCallback(
    (all: FieldErrors, fallback: string | null) => {
      const names = knownKey.split('\u0000');
      const mapped: FieldErrors = {};
      const others: string[] = [];
      for (const [name, msg] of Object.entries(all)) {
        if (names.includes(name)) mapped[name] = msg;
        else others.push(msg);
      }
      setFields(mapped);
      const text = others.length > 0 ? others.join(' ') : Object.keys(mapped).length > 0 ? null : fallback;
      setMessage(text);
      if (Object.keys(mapped).length > 0 || text) setFocusRequest((n) => n + 1);
    },
    [knownKey],
  );

  const fail = useCallback(
    (err: unknown) => {
      const e = toApiError(err);
      show(e.fields, e.message);
    },
    [show],
  );

  const invalid = useCallback((f: FieldErrors) => show(f, null), [show]);

  const clear = useCallback(() => {
    setFields({});
    setMessage(null);
  }, []);

  return { formRef, fields, message, fail, invalid, clear };
}
