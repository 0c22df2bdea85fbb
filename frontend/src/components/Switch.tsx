import { useId, type ReactNode } from 'react';

interface Props {
  /** What is on or off ("Enabled"); the state itself is read from the switch. */
  label: ReactNode;
  checked: boolean;
  onCheckedChange: (on: boolean) => void;
  /** While the change is being saved: the switch keeps focus but ignores presses. */
  busy?: boolean;
  disabled?: boolean;
  hint?: ReactNode;
}

// An on/off switch: a native checkbox with role="switch" (Space toggles it; screen readers say
// "on" or "off"), drawn as a track and knob by the desk's CSS.
export function Switch({ label, checked, onCheckedChange, busy = false, disabled = false, hint }: Props) {
  const id = `sw${useId()}`;
  return (
    <div className="switch">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch-input"
        checked={checked}
        disabled={disabled}
        aria-busy={busy || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          if (!busy) onCheckedChange(e.target.checked);
        }}
      />
      <label htmlFor={id} className="switch-label">
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="switch-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
