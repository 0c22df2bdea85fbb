/** The server's words for an address that is not one (a plain check: the server has the last word). */
export const EMAIL_EXAMPLE = 'Enter an email address like name@example.com.';

/** What is wrong with a typed address: empty (the form's own words), or plainly not one address. */
export function emailProblem(value: string, whenEmpty: string): string | undefined {
  const v = value.trim();
  if (!v) return whenEmpty;
  return /^[^\s@,;<>]+@[^\s@,;<>]+$/.test(v) ? undefined : EMAIL_EXAMPLE;
}
