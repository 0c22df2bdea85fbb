import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../components/Alert';
import { Notice } from '../DeskAlerts';
import type { DeskForm as Form } from './useDeskForm';

interface Props<M extends string> {
  form: Form<M>;
  children: ReactNode;
  className?: string;
  /** For a submit button outside the form (a dialog's actions). */
  id?: string;
}

/** A desk form: its error summary first, its inputs and buttons, then its success notice. */
export function DeskForm<M extends string>({ form, children, className = 'form', id }: Props<M>) {
  return (
    <form ref={form.formRef} id={id} onSubmit={form.onSubmit} noValidate className={className}>
      {form.message && <ErrorAlert ref={form.summaryRef}>{form.message}</ErrorAlert>}
      {children}
      <Notice text={form.notice} />
    </form>
  );
}
