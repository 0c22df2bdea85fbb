import type { FieldErrors } from '../../../api/client';
import type { TriggerType } from '../../../api/workflows';
import { TextField } from '../../../components/Field';
import { ActionsEditor } from './ActionsEditor';
import { TriggerFields } from './TriggerFields';
import type { Catalog } from '../useCatalog';
import type { DraftTrigger, WorkflowDraft } from './workflowDraft';
import { isOfferTrigger } from './workflowText';

interface Props {
  draft: WorkflowDraft;
  onChange: (update: (d: WorkflowDraft) => WorkflowDraft) => void;
  catalog: Catalog;
  /** name, trigger, actions (the server's, mapped by the form onto its inputs). */
  fields: FieldErrors;
  /** actions.N messages, by action key. */
  actionErrors: Record<string, string>;
  readOnly: boolean;
}

/** A workflow's definition: its name, what starts it, and its ordered actions. */
export function WorkflowForm({ draft, onChange, catalog, fields, actionErrors, readOnly }: Props) {
  const setTrigger = (patch: Partial<DraftTrigger>) =>
    onChange((d) => {
      const trigger = { ...d.trigger, ...patch };
      // An offer filter belongs to offer triggers only (the server refuses it elsewhere).
      if (patch.type && !isOfferTrigger(patch.type as TriggerType)) trigger.offer_id = '';
      return { ...d, trigger };
    });

  return (
    <>
      <TextField
        label="Name"
        name="name"
        hint="What it is for, as staff will see it in lists and on contact records."
        maxLength={200}
        autoComplete="off"
        value={draft.name}
        onValueChange={(name) => onChange((d) => ({ ...d, name }))}
        error={fields.name}
        readOnly={readOnly}
      />
      <TriggerFields trigger={draft.trigger} onChange={setTrigger} catalog={catalog} error={fields.trigger} />
      <ActionsEditor
        actions={draft.actions}
        onChange={(actions) => onChange((d) => ({ ...d, actions }))}
        offerTrigger={isOfferTrigger(draft.trigger.type)}
        catalog={catalog}
        errors={actionErrors}
        listError={fields.actions}
        readOnly={readOnly}
      />
    </>
  );
}
