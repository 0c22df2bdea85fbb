import { api, seg } from './client';

// The staff-editable email templates (subject and text per kind of email) with their live
// previews and test sends. Each offer's welcome email is a template too, edited on the offer
// (catalog.ts), with the same variables and the same preview answer.

export interface EmailTemplate {
  kind: string;
  label: string;
  description: string;
  /** What staff wrote; empty means the built-in subject or text is used. */
  subject: string;
  body: string;
  /** The built-in email written as a template: a starting point for your own. */
  default_subject: string;
  default_body: string;
  /** The email carries a one-time link: the text must print {{.Link}}. */
  requires_link: boolean;
  /** Variable names, used as {{.Name}}. */
  variables: string[];
  updated_at: string | null;
}

export interface TemplateText {
  subject: string;
  body: string;
}

export interface TemplateCatalog {
  items: EmailTemplate[];
  /** Where an offer's welcome email starts from, and the variables it fills in. */
  welcome_default: TemplateText & { variables: string[] };
}

/** An email rendered for a sample or a chosen contact, its one-time link masked. */
export interface EmailPreview {
  subject: string;
  html: string;
  /** The same HTML served with its own policy, for a sandboxed iframe (its inline styles apply). */
  html_url: string;
  text: string;
  to: string;
}

/** A test email queued to the signed-in staff member; its link opens nothing. */
export interface TestSent {
  email_id: string;
  to: string;
}

const templatePath = (kind: string) => `/api/admin/email-templates/${seg(kind)}`;

export const templatesApi = {
  list: (signal?: AbortSignal) => api.get<TemplateCatalog>('/api/admin/email-templates', { signal }),
  /** Admin and owner: empty subject and body go back to the built-in email. */
  save: (kind: string, text: TemplateText) => api.patch<TemplateText & { kind: string }>(templatePath(kind), text),
  preview: (kind: string, draft: TemplateText & { contact_id?: string }, signal?: AbortSignal) =>
    api.post<EmailPreview>(`${templatePath(kind)}/preview`, draft, { signal }),
  sendTest: (kind: string, text: TemplateText) => api.post<TestSent>(`${templatePath(kind)}/test`, text),
};
