// The links in a captured email's text, for the mailbox to list with a Copy button each.

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

export interface MailLink {
  url: string;
  /** What the link is for ("Link to choose a password"), from its path. */
  label: string;
}

const LABELS: Record<string, string> = {
  '/set-password': 'Link to choose a password',
  '/reset': 'Password reset link',
  '/forgot-password': 'Forgot-password page',
  '/login': 'Sign-in page',
};

function labelFor(url: string): string {
  try {
    return LABELS[new URL(url).pathname.replace(/\/+$/, '')] ?? 'Link';
  } catch {
    return 'Link';
  }
}

/** Every distinct link in text, in order, without the punctuation a sentence puts after it. */
export function linksIn(text: string): MailLink[] {
  const seen = new Set<string>();
  const out: MailLink[] = [];
  for (const raw of text.match(URL_IN_TEXT) ?? []) {
    const url = raw.replace(/[.,;:!?)\]]+$/, '');
    if (seen.has(url)) continue;
    seen.add(url);
    out.push({ url, label: labelFor(url) });
  }
  return out;
}
