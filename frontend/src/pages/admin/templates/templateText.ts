// Words for the template editor: what each variable prints, and the checks worth showing
// before the server's (which has the last word: it parses and runs the template).

const VARIABLES: Record<string, string> = {
  Name: 'the recipient’s name, or their address',
  Email: 'the recipient’s address',
  PortalName: 'the portal’s name',
  PortalURL: 'the portal’s address',
  SupportEmail: 'the support address from Settings',
  Link: 'the one-time link',
  ExpiresIn: 'how long the link works',
  OfferName: 'the offer’s name (welcome emails)',
  OfferDescription: 'the offer’s description (welcome emails)',
  When: 'when the password changed or the sign-in method was added',
  ForgotURL: 'where to reset a password',
  Provider: 'the sign-in method that was added (Google, GitHub …)',
};

export function variableToken(name: string): string {
  return `{{.${name}}}`;
}

export function variableHelp(name: string): string {
  return VARIABLES[name] ?? name;
}

/** Whether the text prints the one-time link ({{.Link}}, spaces and trim marks allowed). */
export function printsLink(body: string): boolean {
  return /\{\{-?\s*\.Link\s*-?\}\}/.test(body);
}

/** Inserts token into value in place of the selection [start, end); answers the new value and caret. */
export function insertAt(value: string, token: string, start: number | null, end: number | null): { value: string; caret: number } {
  const from = start ?? value.length;
  const to = end ?? from;
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
}
