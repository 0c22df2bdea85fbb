import type { ComponentProps } from 'react';
import { TextField } from '../../components/Field';

type Props = Omit<ComponentProps<typeof TextField>, 'type' | 'autoComplete' | 'spellCheck'>;

/** A search box of the desk: no autofill and no spelling marks (it holds names, addresses, ids). */
export function SearchField(props: Props) {
  return <TextField type="search" autoComplete="off" spellCheck={false} {...props} />;
}
