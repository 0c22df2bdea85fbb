import type { ReactNode } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import type { ConfirmedAction } from './useConfirmedAction';

interface Props<V> {
  action: ConfirmedAction<V>;
  title: string;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  children: ReactNode;
}

/** The confirmation of a useConfirmedAction: what happens, Cancel, and the action's button. */
export function ConfirmAction<V>({ action, title, confirmLabel, busyLabel, danger, children }: Props<V>) {
  return (
    <ConfirmDialog
      open={action.open}
      title={title}
      confirmLabel={confirmLabel}
      busyLabel={busyLabel}
      danger={danger}
      busy={action.busy}
      error={action.error}
      onCancel={action.cancel}
      onConfirm={action.confirm}
    >
      {children}
    </ConfirmDialog>
  );
}
