import { TextField } from '../../../components/Field';

/** The server's rule (store.SlugPattern): lower-case letters and digits in words joined by single hyphens. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const SLUG_RULE = 'Use lower-case letters, digits and single hyphens (like pottery-course), at most 60 characters.';

/** What is wrong with a typed slug (undefined when it is fine); empty is fine where required is false. */
export function slugProblem(slug: string, required: boolean): string | undefined {
  const s = slug.trim();
  if (!s) return required ? `Give it a slug. ${SLUG_RULE}` : undefined;
  return s.length > 60 || !SLUG.test(s) ? SLUG_RULE : undefined;
}

interface Props {
  /** "offer" or "community": the hint names it. */
  noun: string;
  value: string;
  onValueChange: (v: string) => void;
  error?: string;
  /** Creating: an empty slug is made from the name. */
  creating?: boolean;
}

/** A slug: the short name integrations and links use for an offer or a community. */
export function SlugField({ noun, value, onValueChange, error, creating = false }: Props) {
  const hint = creating
    ? `How integrations and links name this ${noun}: lower-case letters, digits and single hyphens, like pottery-course. Empty: made from the name.`
    : `How integrations and links name this ${noun}: lower-case letters, digits and single hyphens, like pottery-course. A slug once used stays this ${noun}’s, so changing it can break links that use the old one.`;
  return (
    <TextField
      label={creating ? 'Slug (optional)' : 'Slug'}
      name="slug"
      autoComplete="off"
      spellCheck={false}
      autoCapitalize="none"
      required={!creating}
      hint={hint}
      value={value}
      onValueChange={onValueChange}
      error={error}
    />
  );
}
