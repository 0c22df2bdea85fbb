import type { Offer, OfferInput } from '../../../api/catalog';
import type { FieldErrors } from '../../../api/client';
import { isHttpUrl } from '../../../lib/safeUrl';
import { slugProblem } from '../forms/SlugField';

// The offer form's state, shared by "New offer" and the offer page.

export interface LinkRow {
  key: number;
  label: string;
  url: string;
}

export interface OfferDraft {
  name: string;
  slug: string;
  description: string;
  links: LinkRow[];
  welcome_subject: string;
  welcome_body: string;
  community_ids: string[];
}

export const OFFER_FIELDS = ['name', 'slug', 'description', 'content_links', 'welcome_subject', 'welcome_body', 'community_ids'] as const;

let nextKey = 1;
export function newLinkRow(label = '', url = ''): LinkRow {
  return { key: nextKey++, label, url };
}

export const EMPTY_DRAFT: OfferDraft = { name: '', slug: '', description: '', links: [], welcome_subject: '', welcome_body: '', community_ids: [] };

export function draftFrom(o: Offer): OfferDraft {
  return {
    name: o.name,
    slug: o.slug ?? '',
    description: o.description,
    links: (o.content_links ?? []).map((l) => newLinkRow(l.label, l.url)),
    welcome_subject: o.welcome_subject,
    welcome_body: o.welcome_body,
    community_ids: o.community_ids ?? [],
  };
}

/**
 * An address typed without a scheme ("www.example.com/course", as a browser's bar shows it) gets
 * https://, as the server does (desk.withScheme): the draft then matches what is saved.
 */
export function withScheme(url: string): string {
  const s = url.trim();
  if (!s || s.includes('://') || /\s/.test(s) || !s.includes('.')) return s;
  return `https://${s}`;
}

export function linkRowInvalid(l: LinkRow): boolean {
  return (Boolean(l.label.trim()) || Boolean(l.url.trim())) && (!l.label.trim() || !isHttpUrl(withScheme(l.url)));
}

/** Problems the server would refuse, found before sending; an existing offer keeps a slug. */
export function draftProblems(d: OfferDraft, creating = false): FieldErrors {
  const problems: FieldErrors = {};
  if (!d.name.trim()) problems.name = 'Give the offer a name.';
  const slug = slugProblem(d.slug, !creating);
  if (slug) problems.slug = slug;
  if (d.links.some(linkRowInvalid)) problems.content_links = 'Each link needs a label and a web address, like www.example.com/course.';
  return problems;
}

export function draftInput(d: OfferDraft): OfferInput {
  return {
    name: d.name.trim(),
    slug: d.slug.trim(),
    description: d.description.trim(),
    content_links: d.links.filter((l) => l.label.trim() || l.url.trim()).map((l) => ({ label: l.label.trim(), url: withScheme(l.url) })),
    welcome_subject: d.welcome_subject.trim(),
    welcome_body: d.welcome_body,
    community_ids: d.community_ids,
  };
}

/** Whether the draft would save something other than base (the link rows' keys do not count). */
export function isDraftDirty(d: OfferDraft, base: OfferDraft): boolean {
  return JSON.stringify(draftInput(d)) !== JSON.stringify(draftInput(base));
}
