/**
 * Contract-expiry churn (contract-churn.ts `contractChurnSql`) on subscribers made to sit on
 * the edges: activated or churned on a window's first day, the day before or after it, on
 * the as-of day or the day after; contracts ending on the 29th–31st (windows clamped to a
 * month's last day); churned before the first window; windows not yet complete; activated
 * after as-of. Held cell by cell to the row-by-row computation of tests/helpers/calendar.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractChurnSql } from '../../server/domains/lifecycle/contract-churn.ts';
import { addMonthsDay, contractChurnReference, nextDay, prevDay, type ContractSub } from '../helpers/calendar.ts';
import { freshEngine } from '../helpers/engine.ts';

const AS_OF = '2025-06-15';
const ENDS = ['2024-01-31', '2024-02-29', '2024-08-31', '2024-12-15', '2025-01-30', '2025-03-31', '2025-05-29', '2025-06-15', '2025-09-30', '2025-12-31', '2026-02-28'];
const BRANDS = ['gotone', 'mzone', 'easyown'];

interface Sub extends ContractSub { sub_id: number; brand: string }

/** Deterministic rows: each date is a window bound of its contract, a day off one, or as-of ± 1. */
function subscribers(n: number): Sub[] {
  let seed = 20251115;
  const rnd = (k: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  const near = (end: string) => {
    const bound = addMonthsDay(end, rnd(19) - 9);
    return [bound, prevDay(bound), nextDay(bound), AS_OF, nextDay(AS_OF)][rnd(5)];
  };
  const out: Sub[] = [];
  for (let i = 1; i <= n; i++) {
    const end = i % 13 === 0 ? null : ENDS[rnd(ENDS.length)];
    const activated = end ? near(end) : '2023-05-10';
    let churned: string | null = rnd(3) === 0 || !end ? null : near(end);
    if (churned !== null && churned < activated) churned = null; // a subscriber churns after activation
    out.push({ sub_id: i, brand: BRANDS[i % 3], activated_on: activated, churned_on: churned, contract_type: end ? (i % 2 ? 'hard' : 'soft') : 'none', contract_end: end });
  }
  return out;
}

let t: Awaited<ReturnType<typeof freshEngine>>;
const subs = subscribers(6000);
beforeAll(async () => {
  t = await freshEngine({ seed: false });
  const values = subs.map((s) => `(${s.sub_id}, '${s.brand}', '${s.activated_on}', ${s.churned_on ? `'${s.churned_on}'` : 'NULL'}, '${s.contract_type}', ${s.contract_end ? `'${s.contract_end}'` : 'NULL'})`);
  await t.engine.command(`INSERT INTO ${t.engine.t('subscribers')} (sub_id, brand, activated_on, churned_on, contract_type, contract_end) VALUES ${values.join(', ')}`);
});
afterAll(async () => { await t?.close(); });

describe('contract-expiry churn on edge dates', () => {
  it('the data hits the edges it is meant to', () => {
    const onBound = (day: string | null, end: string | null) => !!day && !!end && Array.from({ length: 15 }, (_, k) => addMonthsDay(end, k - 7)).includes(day);
    expect(subs.filter((s) => onBound(s.activated_on, s.contract_end)).length).toBeGreaterThan(100);
    expect(subs.filter((s) => onBound(s.churned_on, s.contract_end)).length).toBeGreaterThan(100);
    expect(subs.filter((s) => s.activated_on > AS_OF).length).toBeGreaterThan(50);
    expect(subs.filter((s) => s.churned_on === AS_OF || s.churned_on === nextDay(AS_OF)).length).toBeGreaterThan(50);
  });

  it('every cell equals the row-by-row computation, by brand', async () => {
    const rows = await t.engine.query<{ brand: string; contract_type: string; relative_month: number; at_risk: number; churned: number }>(
      `${contractChurnSql(t.engine.db, '{asOf:Date}', [], ['brand'])} ORDER BY brand, contract_type, relative_month`, { asOf: AS_OF });
    const got = rows.map((r) => ({ key: r.brand, contractType: r.contract_type, relativeMonth: Number(r.relative_month), atRisk: Number(r.at_risk), churned: Number(r.churned) }));
    const expected = contractChurnReference(subs, AS_OF, (s) => s.brand);
    expect(expected.reduce((a, c) => a + c.churned, 0)).toBeGreaterThan(100);
    expect(got).toEqual(expected);
  });

  it('and with a filter, on another as-of', async () => {
    const asOf = '2025-09-30';
    const rows = await t.engine.query<{ contract_type: string; relative_month: number; at_risk: number; churned: number }>(
      `${contractChurnSql(t.engine.db, '{asOf:Date}', ["brand = 'mzone'"])} ORDER BY contract_type, relative_month`, { asOf });
    const got = rows.map((r) => ({ key: '', contractType: r.contract_type, relativeMonth: Number(r.relative_month), atRisk: Number(r.at_risk), churned: Number(r.churned) }));
    expect(got).toEqual(contractChurnReference(subs.filter((s) => s.brand === 'mzone'), asOf));
  });
});
