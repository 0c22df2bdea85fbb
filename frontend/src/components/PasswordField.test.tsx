import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PasswordField } from './PasswordField';
import { codePointLength } from '../lib/passwordLength';

function Harness({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return <PasswordField label="New password" name="password" autoComplete="new-password" minLength={12} value={value} onValueChange={setValue} />;
}

describe('PasswordField', () => {
  it('counts Unicode code points: an emoji is one character', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByLabelText('New password');
    await user.type(input, '😀');
    expect((input as HTMLInputElement).value).toHaveLength(2); // two UTF-16 units…
    expect(screen.getByText(/^1 character/)).toBeInTheDocument(); // …one character
    await user.type(input, 'é€a');
    expect(screen.getByText(/^4 characters/)).toBeInTheDocument();
    expect(input).toHaveAccessibleDescription(/at least 12 characters/i);
  });

  it('shows the minimum and toggles visibility', async () => {
    const user = userEvent.setup();
    render(<Harness initial="correct horse" />);
    const input = screen.getByLabelText('New password');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('autocomplete', 'new-password');
    const toggle = screen.getByRole('button', { name: 'Show password' });
    await user.click(toggle);
    expect(input).toHaveAttribute('type', 'text');
    expect(screen.getByRole('button', { name: 'Hide password' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText(/^13 characters/)).toBeInTheDocument();
  });

  it('codePointLength counts astral characters once', () => {
    expect(codePointLength('👍🏽')).toBe(2); // thumbs up + skin tone modifier: two code points
    expect(codePointLength('😀😀😀')).toBe(3);
    expect('😀😀😀'.length).toBe(6);
  });
});
