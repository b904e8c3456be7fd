/** KPI cards' figures (web/src/composables/kpis.ts): a rate's changes in points, other metrics' relative. */
import { describe, expect, it } from 'vitest';
import { kpiFigures } from '../../web/src/composables/kpis';
import { wholeRow as kpiRow } from '../../web/src/charts/builders/common';

describe('KPI figures', () => {
  const mom = { churn_rate: 0.044, churn_rate_prev: 0.029, churn_rate_change: 0.5172, subscribers: 1200, subscribers_prev: 1000, subscribers_change: 0.2 };
  const yoy = { churn_rate: 0.044, churn_rate_prev: 0.05, churn_rate_change: -0.12, subscribers: 1200, subscribers_prev: null, subscribers_change: null };
  it('a rate moves in percentage points: 2.9% → 4.4% is +1.5 points, not +51.7%', () => {
    const f = kpiFigures('churn_rate', 'percent', mom, yoy);
    expect(f.value).toBe(0.044);
    expect(f.changeFormat).toBe('points');
    expect(f.mom).toBeCloseTo(0.015, 12);
    expect(f.yoy).toBeCloseTo(-0.006, 12);
  });
  it('a count moves relatively; a missing previous figure is no change, not zero', () => {
    const f = kpiFigures('subscribers', 'integer', mom, yoy);
    expect(f).toMatchObject({ value: 1200, mom: 0.2, yoy: null, changeFormat: 'change' });
    expect(kpiFigures('churn_rate', 'percent', mom, { churn_rate: 0.04, churn_rate_prev: null }).yoy).toBeNull();
  });
  it('reads the totals of a grouped answer, else its one row', () => {
    expect(kpiRow({ columns: [], rows: [{ a: 1 }, { a: 2 }], totals: { a: 3 } })).toEqual({ a: 3 });
    expect(kpiRow({ columns: [], rows: [{ a: 1 }], totals: null })).toEqual({ a: 1 });
    expect(kpiRow(null)).toBeNull();
  });
});
