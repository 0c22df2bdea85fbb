import { ConfirmAction } from '../forms/ConfirmAction';
import type { ConfirmedAction } from '../forms/useConfirmedAction';
import { contactWho } from '../contacts/record';

interface Props<V> {
  action: ConfirmedAction<V>;
  /** The contact leaving, and the community and offers of this membership (while the dialog is open). */
  who: { name: string; email: string } | undefined;
  community: { name: string } | undefined;
  via: string[] | null | undefined;
}

/** The confirmation of removing a direct member (from the contact record or the community's page). */
export function RemoveFromCommunity<V>({ action, who, community, via }: Props<V>) {
  return (
    <ConfirmAction
      action={action}
      title={`Remove from ${community?.name ?? 'the community'}?`}
      confirmLabel="Remove from community"
      busyLabel="Removing…"
      danger
    >
      <p>
        <strong>{who ? contactWho(who) : ''}</strong> stops being a direct member of <strong>{community?.name}</strong>.{' '}
        {via?.length ? `They stay in it through ${via.join(', ')}.` : 'They lose access to it.'} Nothing is emailed.
      </p>
    </ConfirmAction>
  );
}
