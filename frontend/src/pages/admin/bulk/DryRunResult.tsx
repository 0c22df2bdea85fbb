import type { BulkPlan } from '../../../api/bulk';
import { CLASSES, classLabel, contactsText } from './bulkText';

/** The dry run: how many contacts fall in each class, with a few of each. */
export function DryRunResult({ plan, action }: { plan: BulkPlan; action: string }) {
  const rows = CLASSES.filter((c) => (plan.counts[c] ?? 0) > 0);
  return (
    <div className="dry-run">
      <h3 id="dry-run-title">Dry run: {contactsText(plan.total)} selected</h3>
      {plan.total === 0 ? (
        <p className="muted">Nobody matches: change the filters or tick some contacts.</p>
      ) : (
        <div className="table-wrap" role="region" aria-label="Dry run counts" tabIndex={0}>
          <table className="table table-dense">
            <thead>
              <tr>
                <th scope="col">What happens</th>
                <th scope="col" className="num">
                  Contacts
                </th>
                <th scope="col">For example</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c} className={c === 'will_act' ? 'dry-run-act' : undefined}>
                  <th scope="row">{classLabel(c, action)}</th>
                  <td className="num">{(plan.counts[c] ?? 0).toLocaleString()}</td>
                  <td className="cell-break">
                    {(plan.sample[c] ?? []).map((s) => s.name || s.email).join(', ')}
                    {(plan.counts[c] ?? 0) > (plan.sample[c]?.length ?? 0) && ' …'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
