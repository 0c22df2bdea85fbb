import { FieldShell } from '../../../components/Field';
import { brandPalette, parseHex } from '../../../lib/brand';

/** A colour as hex text, with the browser's colour picker beside it and a preview of a button. */
export function ColorField({ value, onValueChange, error }: { value: string; onValueChange: (v: string) => void; error?: string }) {
  const valid = /^#[0-9a-f]{6}$/i.test(value.trim());
  const palette = brandPalette(valid ? value.trim() : '#4338ca');
  return (
    <FieldShell label="Primary colour" hint="A hex colour like #4338ca: the top bar, buttons and emails. Text on it is adjusted for contrast." error={error}>
      {(a11y) => (
        <div className="color-row">
          <input
            type="color"
            className="color-swatch"
            aria-label="Pick the primary colour"
            value={valid ? value.trim().toLowerCase() : '#4338ca'}
            onChange={(e) => onValueChange(e.target.value)}
          />
          <input
            {...a11y}
            type="text"
            name="primary_color"
            className="input input-mono color-hex"
            autoComplete="off"
            spellCheck={false}
            maxLength={7}
            value={value}
            onChange={(e) => onValueChange(e.target.value)}
          />
          <span className="color-preview" style={{ background: palette.brand, color: palette.onBrand }} aria-hidden="true">
            {parseHex(value) ? 'Button' : '—'}
          </span>
        </div>
      )}
    </FieldShell>
  );
}
