import type { ComponentProps } from 'react';
import { TextField } from '../../../components/Field';

type Props = Omit<ComponentProps<typeof TextField>, 'type' | 'inputMode' | 'spellCheck' | 'autoComplete' | 'placeholder'>;

/** A web address in a desk form: a URL keyboard on phones, no autofill or spelling marks. */
export function UrlField(props: Props) {
  return <TextField type="url" inputMode="url" spellCheck={false} autoComplete="off" placeholder="https://" {...props} />;
}
