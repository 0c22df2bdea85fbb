import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog';

// The unsaved-changes guard. A router takes one blocker at a time, and a page can hold several
// forms (the contact record has three), so the desk has one guard and each form reports to it
// whether it holds changes that are not saved.

type DirtyForms = Set<symbol>;

const DirtyFormsContext = createContext<DirtyForms | null>(null);

export const LEAVE_QUESTION = 'You have unsaved changes. Leave this page?';

/** Around the desk's pages: asks before a link, Back or closing the tab drops unsaved changes. */
export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const [dirty] = useState<DirtyForms>(() => new Set());
  // Another page only: a filter or search kept in the address is not leaving.
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => dirty.size > 0 && currentLocation.pathname !== nextLocation.pathname,
    [dirty],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.size === 0) return;
      // The browser asks with its own words; preventDefault is the modern way to ask at all.
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return (
    <DirtyFormsContext.Provider value={dirty}>
      {children}
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title={LEAVE_QUESTION}
        cancelLabel="Stay"
        confirmLabel="Leave"
        danger
        onCancel={() => blocker.reset?.()}
        onConfirm={() => blocker.proceed?.()}
      >
        <p>What you changed here is not saved. Stay to save it, or leave and lose it.</p>
      </ConfirmDialog>
    </DirtyFormsContext.Provider>
  );
}

/**
 * Reports a form's unsaved changes to the guard while dirty is true. The function it returns
 * clears the report at once, for a save that navigates away before the form renders again.
 */
export function useUnsavedChanges(dirty: boolean): () => void {
  const forms = useContext(DirtyFormsContext);
  const [id] = useState(() => Symbol('form'));
  useEffect(() => {
    if (!forms) return;
    if (dirty) forms.add(id);
    else forms.delete(id);
    return () => {
      forms.delete(id);
    };
  }, [forms, id, dirty]);
  return useCallback(() => void forms?.delete(id), [forms, id]);
}
