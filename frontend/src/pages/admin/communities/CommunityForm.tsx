import type { QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import type { Community, CommunityInput } from '../../../api/catalog';
import { TextAreaField, TextField } from '../../../components/Field';
import { isHttpUrl } from '../../../lib/safeUrl';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { SlugField, slugProblem } from '../forms/SlugField';
import { UrlField } from '../forms/UrlField';
import { useDeskForm } from '../forms/useDeskForm';

const FIELDS = ['name', 'slug', 'description', 'url'] as const;

interface Props {
  initial?: Community;
  submitLabel: string;
  busyLabel: string;
  /** Read-only (support): the fields are shown, disabled, without buttons. */
  readOnly?: boolean;
  submit: (input: CommunityInput) => Promise<Community>;
  invalidates: QueryKey[];
  /** After the save, with the server's answer: the notice to show, if any. */
  onSaved: (saved: Community) => string | void;
  onCancel?: () => void;
}

/** Name, description and address of a community (create and edit). */
export function CommunityForm({ initial, submitLabel, busyLabel, readOnly, submit, invalidates, onSaved, onCancel }: Props) {
  const [name, setName] = useState(initial?.name ?? '');
  const [slug, setSlug] = useState(initial?.slug ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [url, setUrl] = useState(initial?.url ?? '');
  const input = { name: name.trim(), slug: slug.trim(), description: description.trim(), url: url.trim() };
  const creating = initial === undefined;
  const form = useDeskForm({
    fields: FIELDS,
    dirty:
      input.name !== (initial?.name ?? '') ||
      input.slug !== (initial?.slug ?? '') ||
      input.description !== (initial?.description ?? '') ||
      input.url !== (initial?.url ?? ''),
    validate: () => ({
      name: input.name ? undefined : 'Give the community a name.',
      slug: slugProblem(input.slug, !creating),
      url: input.url && !isHttpUrl(input.url) ? 'Use an address starting with https:// or http://.' : undefined,
    }),
    submit: () => submit(input),
    invalidates,
    onSaved,
  });

  return (
    <DeskForm form={form}>
      <fieldset disabled={readOnly} className="fieldset-plain form">
        <TextField label="Name" name="name" required autoComplete="off" value={name} onValueChange={setName} error={form.fields.name} />
        <SlugField noun="community" creating={creating} value={slug} onValueChange={setSlug} error={form.fields.slug} />
        <TextAreaField
          label="Description (optional)"
          name="description"
          hint="Shown to members on their communities page."
          value={description}
          onValueChange={setDescription}
          error={form.fields.description}
        />
        <UrlField
          label="Address (optional)"
          name="url"
          hint="Where members go to take part: a forum, a chat, a group."
          value={url}
          onValueChange={setUrl}
          error={form.fields.url}
        />
      </fieldset>
      {!readOnly && <FormActions form={form} submit={submitLabel} busyLabel={busyLabel} onCancel={onCancel} />}
    </DeskForm>
  );
}
