import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EmailDay } from '../../../api/admin';
import { DeliveryChart } from './DeliveryChart';
import { niceScale, summarize } from './chartData';

/** 30 UTC days ending 2026-11-30, with a few emails on some. */
function month(counts: Record<number, Record<string, number>>): EmailDay[] {
  return Array.from({ length: 30 }, (_, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, counts: counts[i + 1] ?? {} }));
}

const days = month({
  3: { delivered: 4, failed: 1 },
  20: { delivered: 10, bounced: 2, sent: 1 },
  30: { queued: 2, complained: 1 },
});

describe('delivery chart', () => {
  it('draws one group per day, stacked by status, each with a tooltip', () => {
    const { container } = render(<DeliveryChart days={days} />);
    const groups = container.querySelectorAll('svg g.chart-day');
    expect(groups).toHaveLength(30);
    expect(groups[19].querySelector('title')?.textContent).toBe('Fri, Nov 20: 13 emails (10 delivered, 1 sent, 2 bounced)');
    expect(groups[0].querySelector('title')?.textContent).toBe('Sun, Nov 1: no emails');
    expect(groups[19].querySelectorAll('rect.chart-seg')).toHaveLength(3);
    expect(groups[19].querySelector('rect.chart-fill-bounced')).not.toBeNull();
    expect(groups[19].querySelectorAll('rect.chart-hatch')).toHaveLength(1); // problems are hatched too
    expect(groups[0].querySelectorAll('rect.chart-seg')).toHaveLength(0);
  });

  it('is one image with a summary for screen readers, and a legend', () => {
    render(<DeliveryChart days={days} />);
    const img = screen.getByRole('img');
    expect(img).toHaveAccessibleName(
      'Stacked bar chart of emails per day by status, Nov 1 to Nov 30: 21 emails in all (14 delivered, 1 sent, 2 queued, 1 marked as spam, 2 bounced, 1 failed). Busiest day: Nov 20, with 13. The table below has every number.',
    );
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Delivered (14)',
      'Sent (1)',
      'Queued (2)',
      'Marked as spam (1)',
      'Bounced (2)',
      'Failed (1)',
    ]);
  });

  it('has every number in a table, with totals per day and per status', async () => {
    render(<DeliveryChart days={days} />);
    await userEvent.setup().click(screen.getByText('Show the numbers, day by day'));
    const table = screen.getByRole('table', { name: /Emails per day by status/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 30 + 1);
    expect(within(rows[0]).getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      'Day',
      'Delivered',
      'Sent',
      'Queued',
      'Marked as spam',
      'Bounced',
      'Failed',
      'Total',
    ]);
    const nov20 = within(table).getByRole('rowheader', { name: 'Fri, Nov 20' }).closest('tr') as HTMLElement;
    expect(within(nov20).getAllByRole('cell').map((c) => c.textContent)).toEqual(['10', '1', '0', '0', '2', '0', '13']);
    const totals = rows[rows.length - 1];
    expect(within(totals).getByRole('rowheader')).toHaveTextContent('Total');
    expect(within(totals).getAllByRole('cell').map((c) => c.textContent)).toEqual(['14', '1', '2', '1', '2', '1', '21']);
  });

  it('says so when there were no emails', () => {
    render(<DeliveryChart days={month({})} />);
    expect(screen.getByText('No emails in the last 30 days.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('scales to round numbers of whole emails', () => {
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
    expect(niceScale(1)).toEqual({ top: 1, step: 1 });
    expect(niceScale(13)).toEqual({ top: 15, step: 5 });
    expect(niceScale(230)).toEqual({ top: 300, step: 100 });
    expect(summarize(days).max).toBe(13);
  });
});
