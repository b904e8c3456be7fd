/**
 * The monthly segment rules (server/model/segmentation.ts: RFM, value tier, ability × desire
 * quadrant; tenure, new / churned / active flags) implemented again here, row by row in plain
 * TypeScript, over a small hand-made usage history — and compared with what
 * seeds/derive.ts writes to `subscriber_months` in the engine for the same rows.
 *
 * The thresholds below are typed again from the rules' documentation (seed 003 RFM &
 * quadrants, seed 004 value tiers, as written in segmentation.ts' comments), not imported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEngine } from '../helpers/engine.ts';
import { deriveSubscriberMonths } from '../../seeds/derive.ts';
import type { Engine } from '../../server/engine/engine.ts';

type Env = Awaited<ReturnType<typeof freshEngine>>;
let env: Env;
let engine: Engine;

// ── the reference rules, plain TypeScript ───────────────────────────────────────────
/** R: months since the last month with a recharge/payment: 0 → 5, 1 → 4, 2 → 3, 3–5 → 2, ≥ 6 or never → 1. */
const rScore = (months: number | null) => (months === null ? 1 : months <= 0 ? 5 : months <= 1 ? 4 : months <= 2 ? 3 : months <= 5 ? 2 : 1);
/** F: active months among the trailing 6: 6 → 5, 5 → 4, 4 → 3, 2–3 → 2, 0–1 → 1. */
const fScore = (n: number) => (n >= 6 ? 5 : n >= 5 ? 4 : n >= 4 ? 3 : n >= 2 ? 2 : 1);
/** M: average monthly revenue over the trailing 3 months: ≥150 → 5, ≥80 → 4, ≥40 → 3, ≥20 → 2, else 1. */
const mScore = (arpu3: number) => (arpu3 >= 150 ? 5 : arpu3 >= 80 ? 4 : arpu3 >= 40 ? 3 : arpu3 >= 20 ? 2 : 1);
/** Value tier (seed 004): key customer types are always key; else trailing-3 ARPU ≥150 vip, ≥50 maintain, ≥15 improve, else drop. */
const tier = (customerType: string, arpu3: number) =>
  customerType === 'key_individual' || customerType === 'key_org' ? 'key' : arpu3 >= 150 ? 'vip' : arpu3 >= 50 ? 'maintain' : arpu3 >= 15 ? 'improve' : 'drop';
/** Quadrant (seed 003): ability = trailing-3 ARPU ≥ 80; desire = trailing-3 data ≥ 2048 MB or minutes ≥ 400. */
const quadrant = (arpu3: number, data3: number, minutes3: number) => {
  const ability = arpu3 >= 80;
  const desire = data3 >= 2048 || minutes3 >= 400;
  return ability && desire ? 'A' : ability ? 'B' : desire ? 'D' : 'C';
};
/** Whole months from a to b as an age counts (DOMAIN.md). */
const age = (a: string, b: string) => {
  const [y1, m1, d1] = a.split('-').map(Number);
  const [y2, m2, d2] = b.split('-').map(Number);
  return (y2 - y1) * 12 + m2 - m1 - (d2 < d1 ? 1 : 0);
};
const monthIndex = (ym: string) => +ym.slice(0, 4) * 12 + +ym.slice(5, 7) - 1;

interface Sub {
  sub_id: number; brand: string; sub_segment: string; customer_type: string; activated_on: string; churned_on: string | null;
  province?: string; city?: string;
}
type Usage = { month: string; sub_id: number; revenue: number; minutes: number; data_mb: number; sms: number; recharge: number };

/** subscriber_months as the rules say, for one subscriber's in-base usage rows (sorted by month). */
function expectedRows(sub: Sub, usage: Usage[]) {
  const rows = [...usage].sort((a, b) => a.month.localeCompare(b.month));
  return rows.map((u, i) => {
    const w3 = rows.slice(Math.max(0, i - 2), i + 1);
    const w6 = rows.slice(Math.max(0, i - 5), i + 1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const arpu3 = mean(w3.map((r) => r.revenue));
    const data3 = mean(w3.map((r) => r.data_mb));
    const minutes3 = mean(w3.map((r) => r.minutes));
    const isActive = (r: Usage) => r.minutes > 0 || r.data_mb > 0 || r.sms > 0;
    let lastPaid: string | null = null;
    for (let j = i; j >= 0; j--) if (rows[j].recharge > 0) { lastPaid = rows[j].month; break; }
    const recency = lastPaid === null ? null : monthIndex(u.month) - monthIndex(lastPaid);
    return {
      month: u.month, sub_id: sub.sub_id,
      value_tier: tier(sub.customer_type, arpu3),
      quadrant: quadrant(arpu3, data3, minutes3),
      rfm_r: rScore(recency),
      rfm_f: fScore(w6.filter(isActive).length),
      rfm_m: mScore(arpu3),
      // tenure on the month's first day (the row's `month`), never negative
      tenure_months: Math.max(0, age(sub.activated_on, u.month)),
      is_new: sub.activated_on.slice(0, 7) === u.month.slice(0, 7) ? 1 : 0,
      is_churned: sub.churned_on !== null && sub.churned_on.slice(0, 7) === u.month.slice(0, 7) ? 1 : 0,
      is_active: isActive(u) ? 1 : 0,
      revenue: u.revenue, minutes: u.minutes, data_mb: u.data_mb,
    };
  });
}

// ── the hand-made history (2024-01 … 2024-12) ──────────────────────────────────────────
const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-01`);
const blocks = <T>(a: T, b: T, c: T, d: T): T[] => [a, a, a, b, b, b, c, c, c, d, d, d];

/** [subscriber, per-month columns] — every array has one entry per month the subscriber is in the base. */
const SUBS: { sub: Sub; from: number; rev: number[]; min: number[]; data: number[]; sms: number[]; rech: number[] }[] = [
  // 1 recency walker: paid in Jan and Aug only → R over the year: 0 1 2 3 4 5 6 0 1 2 3 4
  //   → scores 5 4 3 2 2 2 1 5 4 3 2 2
  { sub: { sub_id: 1, brand: 'easyown', sub_segment: 'traditional', customer_type: 'public_individual', activated_on: '2024-01-10', churned_on: null },
    from: 0, rev: Array(12).fill(30), min: Array(12).fill(100), data: Array(12).fill(0), sms: Array(12).fill(0),
    rech: [50, 0, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0] },
  // 2 never pays (recency NULL → R1), key organisation: tier key whatever the ARPU
  { sub: { sub_id: 2, brand: 'gotone', sub_segment: 'group_net', customer_type: 'key_org', activated_on: '2023-06-30', churned_on: null },
    from: 0, rev: Array(12).fill(200), min: Array(12).fill(600), data: Array(12).fill(3000), sms: Array(12).fill(20), rech: Array(12).fill(0) },
  // 3 frequency: active 1 1 1 1 1 1 0 1 1 0 0 1 → trailing-6 counts 1 2 3 4 5 6 5 5 5 4 3 3
  //   → F 1 2 2 3 4 5 4 4 4 3 2 2
  { sub: { sub_id: 3, brand: 'mzone', sub_segment: 'data', customer_type: 'public_individual', activated_on: '2024-01-01', churned_on: null },
    from: 0, rev: Array(12).fill(36), min: [50, 50, 50, 50, 50, 50, 0, 50, 50, 0, 0, 50], data: Array(12).fill(0), sms: Array(12).fill(0), rech: Array(12).fill(40) },
  // 4 activity by one channel only (minutes / none / SMS only / data only), then nothing:
  //   revenue without usage is not activity; trailing-6 counts 1 1 2 3 3 3 2 2 1 0 0 0 → F 1 1 2 2 2 2 2 2 1 1 1 1
  { sub: { sub_id: 4, brand: 'easyown', sub_segment: 'young', customer_type: 'public_org', activated_on: '2023-12-15', churned_on: null },
    from: 0, rev: Array(12).fill(10), min: [5, 0, 0, 0, ...Array(8).fill(0)], data: [0, 0, 0, 7.5, ...Array(8).fill(0)], sms: [0, 0, 3, 0, ...Array(8).fill(0)], rech: Array(12).fill(0) },
  // 5 monetary edges: ARPU blocks 150 / 80 / 40 / 20 (trailing-3 exactly on each edge in Mar, Jun, Sep, Dec)
  { sub: { sub_id: 5, brand: 'gotone', sub_segment: 'regular', customer_type: 'public_individual', activated_on: '2023-01-20', churned_on: null },
    from: 0, rev: blocks(150, 80, 40, 20), min: Array(12).fill(10), data: Array(12).fill(10), sms: Array(12).fill(1), rech: blocks(150, 80, 40, 20) },
  // 6 just under / on the tier edges: 50 / 15 / 14.5 / 149.5  (149.5 is maintain and M4, not vip / M5)
  { sub: { sub_id: 6, brand: 'mzone', sub_segment: 'voice', customer_type: 'public_individual', activated_on: '2023-03-05', churned_on: null },
    from: 0, rev: blocks(50, 15, 14.5, 149.5), min: Array(12).fill(10), data: Array(12).fill(0), sms: Array(12).fill(0), rech: Array(12).fill(20) },
  // 7 quadrant edges (blocks): (ARPU 80, data 2048) A · (79.5, minutes 400) D · (80, minutes 399.5, data 2047.5) B · (19.5, 10, 10) C
  { sub: { sub_id: 7, brand: 'mzone', sub_segment: 'high_value', customer_type: 'public_individual', activated_on: '2023-02-28', churned_on: null },
    from: 0, rev: blocks(80, 79.5, 80, 19.5), min: blocks(0, 400, 399.5, 10), data: blocks(2048, 0, 2047.5, 10), sms: Array(12).fill(0), rech: Array(12).fill(10) },
  // 8 activated on the 31st, churned mid-September: tenure on 1 Feb is 0, on 1 Mar is 1 (as an age does)
  { sub: { sub_id: 8, brand: 'easyown', sub_segment: 'active', customer_type: 'public_individual', activated_on: '2024-01-31', churned_on: '2024-09-15' },
    from: 0, rev: Array(9).fill(25), min: Array(9).fill(30), data: Array(9).fill(100), sms: Array(9).fill(0), rech: [30, 0, 30, 0, 30, 0, 30, 0, 0] },
  // 9 new and churned in the same month
  { sub: { sub_id: 9, brand: 'easyown', sub_segment: 'business', customer_type: 'public_individual', activated_on: '2024-03-01', churned_on: '2024-03-31' },
    from: 2, rev: [5], min: [0], data: [0], sms: [0], rech: [0] },
  // 10 activated long before the data window: tenure in Jan 2024 = 19 (2022-05-17 → 2024-01-01)
  { sub: { sub_id: 10, brand: 'gotone', sub_segment: 'club', customer_type: 'key_individual', activated_on: '2022-05-17', churned_on: null },
    from: 0, rev: Array(12).fill(12), min: Array(12).fill(1), data: Array(12).fill(0), sms: Array(12).fill(0), rech: Array(12).fill(12) },
];

function subscriberRow(s: Sub) {
  return {
    sub_id: s.sub_id, province: s.province ?? '440000', city: s.city ?? '440100', brand: s.brand, sub_segment: s.sub_segment,
    customer_type: s.customer_type, contract_type: 'none', contract_end: null, acquisition_channel: 'store',
    activated_on: s.activated_on, churned_on: s.churned_on, age_band: '25_34', gender: 'female', credit_list: 'none',
    satisfaction: 80, loyalty: 70, satisfaction_band: '80_95', loyalty_band: '60_80',
  };
}
function usageRows(x: (typeof SUBS)[number]): Usage[] {
  return x.rev.map((_, i) => ({
    month: MONTHS[x.from + i], sub_id: x.sub.sub_id, revenue: x.rev[i], minutes: x.min[i], data_mb: x.data[i], sms: x.sms[i], recharge: x.rech[i],
  }));
}

async function derived(lo: number, hi: number) {
  return engine.query<Record<string, string | number>>(`
    SELECT toString(month) AS month, sub_id, toString(value_tier) AS value_tier, toString(quadrant) AS quadrant,
      rfm_r, rfm_f, rfm_m, tenure_months, is_new, is_churned, is_active, revenue, minutes, data_mb,
      toString(brand) AS brand, toString(city) AS city, toString(customer_type) AS customer_type
    FROM ${engine.t('subscriber_months')}
    WHERE sub_id BETWEEN {lo:UInt64} AND {hi:UInt64}
    ORDER BY sub_id, month`, { lo, hi });
}

beforeAll(async () => {
  env = await freshEngine({ seed: false });
  engine = env.engine;
  await engine.insert('subscribers', SUBS.map((x) => subscriberRow(x.sub)));
  await engine.insert('usage_monthly', SUBS.flatMap(usageRows));
  await deriveSubscriberMonths(engine, 1, 99);
});
afterAll(async () => {
  await env?.close();
});

describe('segment rules: derive.ts in the engine vs the rules row by row', () => {
  it('the fixture is what its comments say', () => {
    for (const x of SUBS) for (const k of ['rev', 'min', 'data', 'sms', 'rech'] as const) expect(x[k].length, `sub ${x.sub.sub_id} ${k}`).toBe(x.rev.length);
    const r = (id: number) => expectedRows(SUBS[id - 1].sub, usageRows(SUBS[id - 1]));
    expect(r(1).map((x) => x.rfm_r)).toEqual([5, 4, 3, 2, 2, 2, 1, 5, 4, 3, 2, 2]);
    expect(r(2).map((x) => [x.rfm_r, x.value_tier, x.quadrant])).toEqual(Array(12).fill([1, 'key', 'A']));
    expect(r(3).map((x) => x.rfm_f)).toEqual([1, 2, 2, 3, 4, 5, 4, 4, 4, 3, 2, 2]);
    expect(r(4).map((x) => x.is_active)).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r(4).map((x) => x.rfm_f)).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1]);
    expect([2, 5, 8, 11].map((i) => r(5)[i].rfm_m)).toEqual([5, 4, 3, 2]);
    expect([2, 5, 8, 11].map((i) => r(6)[i].value_tier)).toEqual(['maintain', 'improve', 'drop', 'maintain']);
    expect(r(6)[11].rfm_m).toBe(4);
    expect([2, 5, 8, 11].map((i) => r(7)[i].quadrant)).toEqual(['A', 'D', 'B', 'C']);
    expect(r(8).slice(0, 3).map((x) => x.tenure_months)).toEqual([0, 0, 1]);
    expect(r(8).map((x) => x.is_churned)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r(9)).toMatchObject([{ is_new: 1, is_churned: 1, is_active: 0, tenure_months: 0 }]);
    expect(r(10)[0].tenure_months).toBe(19);
    expect(r(10)[0].value_tier).toBe('key');
  });

  it('one subscriber_months row per usage row, and every column as the rules say', async () => {
    const got = await derived(1, 99);
    const want = SUBS.flatMap((x) => expectedRows(x.sub, usageRows(x)));
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      const g = got[i], w = want[i];
      const where = `sub ${w.sub_id} ${w.month}`;
      expect({
        month: g.month, sub_id: Number(g.sub_id), value_tier: g.value_tier, quadrant: g.quadrant,
        rfm_r: Number(g.rfm_r), rfm_f: Number(g.rfm_f), rfm_m: Number(g.rfm_m), tenure_months: Number(g.tenure_months),
        is_new: Number(g.is_new), is_churned: Number(g.is_churned), is_active: Number(g.is_active),
        revenue: Number(g.revenue), minutes: Number(g.minutes), data_mb: Number(g.data_mb),
      }, where).toEqual(w);
      const sub = SUBS.find((x) => x.sub.sub_id === w.sub_id)!.sub;
      expect([g.brand, g.customer_type, g.city], `${where} attributes`).toEqual([sub.brand, sub.customer_type, '440100']);
    }
  });
});

describe('subscriber_months holds only months in the base (001_core: activated by the month\'s end, not churned before its start)', () => {
  // Operators' usage files can carry a month outside the subscriber's life (a final bill the
  // month after churn, a pre-activation test month). Such a row must not put the subscriber
  // in the base: subscribers counts `is_churned = 0` rows at the period's end.
  it('usage before the activation month or after the churn month adds no row', async () => {
    const sub: Sub = { sub_id: 101, brand: 'easyown', sub_segment: 'traditional', customer_type: 'public_individual', activated_on: '2024-03-10', churned_on: '2024-05-20' };
    await engine.insert('subscribers', [subscriberRow(sub)]);
    await engine.insert('usage_monthly', ['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01'].map((month) => ({
      month, sub_id: 101, revenue: 20, minutes: 10, data_mb: 0, sms: 0, recharge: 20,
    })));
    await deriveSubscriberMonths(engine, 101, 101);
    const got = await derived(101, 101);
    expect(got.map((r) => r.month)).toEqual(['2024-03-01', '2024-04-01', '2024-05-01']);
  });
});
