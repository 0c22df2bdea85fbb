import type { ReactNode } from 'react';

/** A column heading: its text, or the text with a class ("num") or read to screen readers only. */
export type Column = string | { label: ReactNode; key?: string; className?: string; hidden?: boolean };

interface Props {
  /** The region's name, read by screen readers ("Offers"). */
  label: string;
  columns: Column[];
  /** The rows (<tr>s), or whole <tbody> groups with bodies. */
  children: ReactNode;
  className?: string;
  /** children are <tbody> elements already (rows grouped per item). */
  bodies?: boolean;
}

function heading(c: Column, i: number) {
  if (typeof c === 'string')
    return (
      <th key={c} scope="col">
        {c}
      </th>
    );
  return (
    <th key={c.key ?? (typeof c.label === 'string' ? c.label : i)} scope="col" className={c.className}>
      {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
    </th>
  );
}

/** A table in a named, keyboard-scrollable region: it scrolls sideways on a narrow screen. */
export function TableRegion({ label, columns, children, className, bodies = false }: Props) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className={['table', className ?? ''].filter(Boolean).join(' ')}>
        <thead>
          <tr>{columns.map(heading)}</tr>
        </thead>
        {bodies ? children : <tbody>{children}</tbody>}
      </table>
    </div>
  );
}
