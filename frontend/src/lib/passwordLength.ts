// Password length is counted in Unicode code points, as the server counts it (SECURITY.md):
// an emoji or an accented letter typed as one character counts as one.

export const MAX_PASSWORD_LENGTH = 128;
export const MIN_MEMBER_PASSWORD = 12;
export const MIN_STAFF_PASSWORD = 15;

export function codePointLength(s: string): number {
  return [...s].length;
}

export function minPasswordLength(staff: boolean): number {
  return staff ? MIN_STAFF_PASSWORD : MIN_MEMBER_PASSWORD;
}

/** A message for a new password that cannot be right, or null (the server checks the rest). */
export function passwordLengthProblem(password: string, min: number): string | null {
  const n = codePointLength(password);
  if (n === 0) return 'Choose a password.';
  if (n < min) return `Use at least ${min} characters.`;
  if (n > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}
