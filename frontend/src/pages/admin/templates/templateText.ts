// Words for the template editor: what each variable prints, and the checks worth showing
// before the server's (which has the last word: it parses and runs the template).

/** Each variable: a short name for the menu, and what it prints. */
const VARIABLES: Record<string, [string, string]> = {
  Name: ['Recipient’s name', 'their name, or their address when they have none'],
  Email: ['Recipient’s email address', 'the address the email goes to'],
  PortalName: ['Portal name', 'the name set in Settings'],
  PortalURL: ['Portal address', 'where members sign in'],
  SupportEmail: ['Support email', 'the support address from Settings'],
  Link: ['One-time link', 'the button with the member’s own link'],
  Code: ['Code', 'the six-digit code that does what the link does'],
  ExpiresIn: ['How long it works', 'the link’s or code’s lifetime, like “24 hours”'],
  OfferName: ['Offer name', 'the offer’s name (welcome emails)'],
  OfferDescription: ['Offer description', 'the offer’s description (welcome emails)'],
  When: ['Date and time', 'when it happened or was asked for'],
  ForgotURL: ['Forgot-password page', 'where to reset a password'],
  Provider: ['Sign-in method', 'the method that was added (Google, GitHub …)'],
  Device: ['Browser and system', 'where the code was asked for, like “Firefox on Windows”'],
};

/** The one kind whose text must print {{.Code}} (the server's mail.CodeKinds). */
export const SIGN_IN_CODE = 'sign_in_code';

export function variableToken(name: string): string {
  return `{{.${name}}}`;
}

/** The variable's name for people ("Recipient’s name"). */
export function variableName(name: string): string {
  return VARIABLES[name]?.[0] ?? name;
}

/** What the variable prints. */
export function variableHelp(name: string): string {
  return VARIABLES[name]?.[1] ?? name;
}

/** Whether the text prints the one-time link ({{.Link}}, spaces and trim marks allowed). */
export function printsLink(body: string): boolean {
  return /\{\{-?\s*\.Link\s*-?\}\}/.test(body);
}

/** Whether the text prints the code ({{.Code}}, spaces and trim marks allowed). */
export function printsCode(body: string): boolean {
  return /\{\{-?\s*\.Code\s*-?\}\}/.test(body);
}

/** Inserts token into value in place of the selection [start, end); answers the new value and caret. */
export function insertAt(value: string, token: string, start: number | null, end: number | null): { value: string; caret: number } {
  const from = start ?? value.length;
  const to = end ?? from;
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
}
