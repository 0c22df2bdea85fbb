import { useQuery } from '@tanstack/react-query';
import type { FieldErrors } from '../../../api/client';
import { FieldError, TextAreaField, TextField } from '../../../components/Field';
import { catalogQueries } from '../queries/catalog';
import { staffAdminQueries } from '../queries/staffAdmin';
import { TemplateFields } from '../templates/TemplateFields';
import { SlugField } from '../forms/SlugField';
import { ContentLinksEditor } from './ContentLinksEditor';
import type { OfferDraft } from './offerDraft';
import { CatalogChecks } from '../CatalogOptions';

interface Props {
  draft: OfferDraft;
  onChange: (patch: Partial<OfferDraft>) => void;
  errors: FieldErrors;
  /** Support reads offers: no buttons to add or remove links. */
  readOnly?: boolean;
  /** A new offer: its slug may stay empty (made from the name). */
  creating?: boolean;
  /** A preview of the welcome email is shown beside the form (the offer's page, not "New offer"). */
  hasPreview?: boolean;
}

/** The inputs of an offer: what members see, what it includes, and its welcome email. */
export function OfferFields({ draft, onChange, errors, readOnly = false, creating = false, hasPreview = true }: Props) {
  return (
    <>
      <TextField label="Name" name="name" required value={draft.name} onValueChange={(name) => onChange({ name })} error={errors.name} autoComplete="off" />
      <SlugField noun="offer" creating={creating} value={draft.slug} onValueChange={(slug) => onChange({ slug })} error={errors.slug} />
      <TextAreaField
        label="Description (optional)"
        name="description"
        hint="Shown to members on their offers page, and in the welcome email."
        value={draft.description}
        onValueChange={(description) => onChange({ description })}
        error={errors.description}
      />
      <ContentLinksEditor links={draft.links} onChange={(links) => onChange({ links })} error={errors.content_links} readOnly={readOnly} />
      <CommunityChoices chosen={draft.community_ids} onChange={(community_ids) => onChange({ community_ids })} error={errors.community_ids} />
      <WelcomeEmailFields draft={draft} onChange={onChange} errors={errors} readOnly={readOnly} hasPreview={hasPreview} />
    </>
  );
}

function CommunityChoices({ chosen, onChange, error }: { chosen: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const communities = useQuery(catalogQueries.communities(true));
  const shown = (communities.data?.items ?? []).filter((c) => !c.archived || chosen.includes(c.id));

  return (
    <fieldset className="fieldset" aria-describedby={error ? 'community-ids-error' : undefined}>
      <legend>Included communities</legend>
      <p className="field-hint">Members who hold this offer join these communities.</p>
      {communities.isPending && <p className="muted">Loading communities…</p>}
      {communities.error && <p className="field-error">Communities could not be loaded: {communities.error.message}</p>}
      {communities.data && shown.length === 0 && <p className="muted">No communities yet. Create them under Communities.</p>}
      <CatalogChecks name="community_ids" items={shown} chosen={chosen} onChange={onChange} />
      {error && <FieldError id="community-ids-error">{error}</FieldError>}
    </fieldset>
  );
}

const WELCOME_NAMES = { subject: 'welcome_subject', body: 'welcome_body' };
const WELCOME_LABELS = { subject: 'Welcome email subject', body: 'Welcome email text' };

/** The welcome email: a template with the same variables as the other emails; it must print {{.Link}}. */
function WelcomeEmailFields({ draft, onChange, errors, readOnly, hasPreview }: Props) {
  const catalog = useQuery(staffAdminQueries.templates());
  return (
    <fieldset className="fieldset">
      <legend>Welcome email</legend>
      <p className="field-hint">Sent when the offer is granted (if chosen) and when staff press Resend, with the member’s link to choose a password.</p>
      {catalog.error && <p className="field-error">The built-in text and the variables could not be loaded: {catalog.error.message}</p>}
      <TemplateFields
        value={{ subject: draft.welcome_subject, body: draft.welcome_body }}
        onChange={(v) => onChange({ welcome_subject: v.subject, welcome_body: v.body })}
        names={WELCOME_NAMES}
        labels={WELCOME_LABELS}
        errors={errors}
        builtIn={catalog.data?.welcome_default}
        variables={catalog.data?.welcome_default.variables ?? []}
        requiresLink
        hasPreview={hasPreview}
        readOnly={readOnly}
      />
    </fieldset>
  );
}
