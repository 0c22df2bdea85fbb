import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { FieldErrors } from '../../../api/client';
import type { TemplateText } from '../../../api/templates';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldShell } from '../../../components/Field';
import { insertAt, printsCode, printsLink, variableToken } from './templateText';
import { VariableMenu } from './VariableMenu';

type Part = 'subject' | 'body';

interface Props {
  value: TemplateText;
  onChange: (value: TemplateText) => void;
  /** The inputs' names, which are also the keys of their errors: subject/body, welcome_subject/welcome_body. */
  names: Record<Part, string>;
  labels: Record<Part, string>;
  errors: FieldErrors;
  /** The built-in email as a template, to start from (undefined while it loads). */
  builtIn: TemplateText | undefined;
  variables: string[];
  /** The email carries a one-time link: the text must print {{.Link}}. */
  requiresLink: boolean;
  /** The email's point is its code (the sign-in code): the text must print {{.Code}}. */
  requiresCode?: boolean;
  /** A live preview is shown beside the fields (not on "New offer"). */
  hasPreview?: boolean;
  /** Support reads templates: no editing, no buttons. */
  readOnly?: boolean;
}

/**
 * A template's subject and text, with its variables to insert at the cursor and the way back
 * to the built-in email. Empty subject and text mean the built-in email is sent.
 */
export function TemplateFields(props: Props) {
  const { value, onChange, names, labels, errors, builtIn, variables, requiresLink, requiresCode = false, hasPreview = true, readOnly = false } = props;
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastPart = useRef<Part | null>(null);
  const caret = useRef<{ part: Part; at: number } | null>(null);
  const [confirm, setConfirm] = useState<'start' | 'clear' | null>(null);
  const varsId = useId();
  const usingBuiltIn = !value.subject.trim() && !value.body.trim();
  const missingLink = requiresLink && value.body.trim() !== '' && !printsLink(value.body);
  const missingCode = requiresCode && value.body.trim() !== '' && !printsCode(value.body);
  const sameAsBuiltIn = builtIn !== undefined && value.subject === builtIn.subject && value.body === builtIn.body;

  // After an insertion re-renders the input, put the cursor back right after what was inserted.
  useLayoutEffect(() => {
    const c = caret.current;
    if (!c) return;
    caret.current = null;
    const el = c.part === 'subject' ? subjectRef.current : bodyRef.current;
    el?.focus();
    el?.setSelectionRange(c.at, c.at);
  });

  function insert(name: string) {
    // Where the cursor was last: the subject or the text; the end of the text before any click.
    const visited = lastPart.current !== null;
    const part = lastPart.current ?? 'body';
    const el = part === 'subject' ? subjectRef.current : bodyRef.current;
    const next = insertAt(value[part], variableToken(name), visited ? (el?.selectionStart ?? null) : null, visited ? (el?.selectionEnd ?? null) : null);
    caret.current = { part, at: next.caret };
    lastPart.current = part;
    onChange({ ...value, [part]: next.value });
  }

  function startFromBuiltIn() {
    if (!builtIn) return;
    // Nothing of your own to lose: no need to ask.
    if (usingBuiltIn || sameAsBuiltIn) onChange(builtIn);
    else setConfirm('start');
  }

  const bodyHint = [
    'Blank lines separate paragraphs; addresses become links',
    requiresLink ? `, and ${variableToken('Link')} becomes the button with the member’s one-time link (it must be in the text).` : '.',
    requiresCode ? ` ${variableToken('Code')} prints the member’s six-digit code (it must be in the text).` : '',
    value.body.trim() ? '' : ' Empty: the built-in text is used.',
  ].join('');

  return (
    <div className="template-fields">
      {usingBuiltIn && (
        <p className="note template-builtin">
          <strong>Using the built-in email.</strong>
          {hasPreview ? ' The preview shows it.' : ''}
          {!readOnly && ' Start from its text to write your own, or type over the empty fields.'}
        </p>
      )}
      <FieldShell label={labels.subject} error={errors[names.subject]} hint={value.subject.trim() ? undefined : 'Empty: the built-in subject is used.'}>
        {(a11y) => (
          <input
            {...a11y}
            ref={subjectRef}
            name={names.subject}
            className="input"
            autoComplete="off"
            readOnly={readOnly}
            value={value.subject}
            onFocus={() => (lastPart.current = 'subject')}
            onChange={(e) => onChange({ ...value, subject: e.target.value })}
          />
        )}
      </FieldShell>
      <FieldShell label={labels.body} hint={bodyHint} error={errors[names.body]}>
        {(a11y) => (
          <textarea
            {...a11y}
            ref={bodyRef}
            name={names.body}
            className="input template-body"
            rows={13}
            spellCheck
            readOnly={readOnly}
            value={value.body}
            onFocus={() => (lastPart.current = 'body')}
            onChange={(e) => onChange({ ...value, body: e.target.value })}
          />
        )}
      </FieldShell>
      {missingLink && !errors[names.body] && (
        <p className="template-warning">
          The text has no {variableToken('Link')} yet: without it the member gets no way in, so it cannot be saved like this.
        </p>
      )}
      {missingCode && !errors[names.body] && (
        <p className="template-warning">
          The text has no {variableToken('Code')} yet: without it the member cannot sign in, so it cannot be saved like this.
        </p>
      )}
      {variables.length > 0 && (
        <div role="group" aria-labelledby={`${varsId}-title`} className="template-vars">
          <p id={`${varsId}-title`} className="field-label">
            Variables
          </p>
          <p className="field-hint">
            Words in double braces, like <code>{variableToken('Name')}</code>, are variables: each email gets them filled in for its
            recipient ({variableToken('Name')} becomes their name).
            {!readOnly && ' Insert one where the cursor is, in the subject or the text (wherever you were last).'}
          </p>
          {!readOnly && <VariableMenu variables={variables} onInsert={insert} />}
        </div>
      )}
      {!readOnly && (
        <>
          <div className="form-actions template-builtin-actions">
            <Button variant="secondary" className="btn-small" onClick={startFromBuiltIn} disabled={!builtIn}>
              Start from the built-in text
            </Button>
            {!usingBuiltIn && (
              <Button variant="secondary" className="btn-small" onClick={() => setConfirm('clear')}>
                Use the built-in email
              </Button>
            )}
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === 'clear' ? 'Use the built-in email?' : 'Replace your text with the built-in text?'}
        confirmLabel={confirm === 'clear' ? 'Clear subject and text' : 'Replace with built-in text'}
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          onChange(confirm === 'clear' || !builtIn ? { subject: '', body: '' } : builtIn);
          setConfirm(null);
        }}
      >
        <p>
          {confirm === 'clear'
            ? 'Your subject and text are cleared, so the built-in email is sent instead.'
            : 'The subject and text below are replaced by the built-in email’s, ready to change.'}{' '}
          Nothing is saved until you save.
        </p>
      </ConfirmDialog>
    </div>
  );
}
