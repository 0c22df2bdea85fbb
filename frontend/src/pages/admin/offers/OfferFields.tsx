import { catalogApi } from '../../../api/catalog';
import type { FieldErrors } from '../../../api/client';
import { CheckboxField, FieldError, TextAreaField, TextField } from '../../../components/Field';
import { useResource } from '../../../lib/useResource';
import { ContentLinksEditor } from './ContentLinksEditor';
import type { OfferDraft } from './offerDraft';

interface Props {
  draft: OfferDraft;
  onChange: (patch: Partial<OfferDraft>) => void;
  errors: FieldErrors;
  /** Support reads offers: no buttons to add or remove links. */
  readOnly?: boolean;
}

/** The inputs of an offer: what members see, what it includes, and its welcome email. */
export function OfferFields({ draft, onChange, errors, readOnly = false }: Props) {
  return (
    <>
      <TextField label="Name" name="name" required value={draft.name} onValueChange={(name) => onChange({ name })} error={errors.name} autoComplete="off" />
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
      <TextField
        label="Welcome email subject (optional)"
        name="welcome_subject"
        hint="Leave empty for the default: “Your access to” and the offer’s name."
        autoComplete="off"
        value={draft.welcome_subject}
        onValueChange={(welcome_subject) => onChange({ welcome_subject })}
        error={errors.welcome_subject}
      />
      <TextAreaField
        label="Welcome email text (optional)"
        name="welcome_body"
        hint={
          draft.welcome_body.trim()
            ? 'Separate paragraphs with a blank line. The button with the member’s link to choose a password is added below your text.'
            : 'Empty: the default template is used (see the preview). Type your own text to replace it; the button with the member’s link is added below it.'
        }
        rows={7}
        value={draft.welcome_body}
        onValueChange={(welcome_body) => onChange({ welcome_body })}
        error={errors.welcome_body}
      />
    </>
  );
}

function CommunityChoices({ chosen, onChange, error }: { chosen: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const communities = useResource((signal) => catalogApi.communities({ archived: true }, signal), []);
  const shown = (communities.data?.items ?? []).filter((c) => !c.archived || chosen.includes(c.id));
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));

  return (
    <fieldset className="fieldset" aria-describedby={error ? 'community-ids-error' : undefined}>
      <legend>Included communities</legend>
      <p className="field-hint">Members who hold this offer join these communities.</p>
      {communities.loading && !communities.data && <p className="muted">Loading communities…</p>}
      {communities.error && <p className="field-error">Communities could not be loaded: {communities.error.message}</p>}
      {communities.data && shown.length === 0 && <p className="muted">No communities yet. Create them under Communities.</p>}
      <div className="check-grid">
        {shown.map((c) => (
          <CheckboxField
            key={c.id}
            name="community_ids"
            label={c.archived ? `${c.name} (archived)` : c.name}
            checked={chosen.includes(c.id)}
            onCheckedChange={(on) => toggle(c.id, on)}
          />
        ))}
      </div>
      {error && <FieldError id="community-ids-error">{error}</FieldError>}
    </fieldset>
  );
}
