import { CheckboxField } from '../../components/Field';

/** An offer's or a community's name in a picker, marked when archived (a saved choice may still name one). */
export function catalogLabel(x: { name: string; archived: boolean }): string {
  return x.archived ? `${x.name} (archived)` : x.name;
}

/** A <select>'s options for offers or communities, by id. */
export function CatalogOptions({ items }: { items: { id: string; name: string; archived: boolean }[] }) {
  return (
    <>
      {items.map((x) => (
        <option key={x.id} value={x.id}>
          {catalogLabel(x)}
        </option>
      ))}
    </>
  );
}

/** Tick boxes for offers or communities (a rule's, an import's, an offer's): chosen holds the ticked ids. */
export function CatalogChecks({
  name,
  items,
  chosen,
  onChange,
}: {
  name: string;
  items: { id: string; name: string; archived: boolean }[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <div className="check-grid">
      {items.map((x) => (
        <CheckboxField
          key={x.id}
          name={name}
          label={catalogLabel(x)}
          checked={chosen.includes(x.id)}
          onCheckedChange={(on) => onChange(on ? [...chosen, x.id] : chosen.filter((id) => id !== x.id))}
        />
      ))}
    </div>
  );
}
