/**
 * Every base / contacts / campaigns metric of the model, asked through the one query road
 * (runMetricQuery), against a SECOND computation written from DOMAIN.md over the raw rows:
 *
 *  - base metrics from `subscribers` (activation / churn dates) and `usage_monthly`, never
 *    from `subscriber_months` or its is_new / is_churned / is_active flags;
 *  - contacts metrics from per-(group, channel, converted, resolved) partial sums, combined
 *    here in TypeScript, with the electronic channel list typed from DOMAIN.md;
 *  - campaign metrics from per-(group, kind, list type) sums, combined here.
 *
 * Counts must be exactly equal; sums of money and ratios agree to 1e-9 (relative).
 * Nothing here imports the model's SQL: `model.metrics` is only read to make sure that no
 * metric of these cubes goes without a reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEngine, TEST_AS_OF } from '../helpers/engine.ts';
import { runMetricQuery } from '../../server/query/execute.ts';
import { model } from '../../server/model/index.ts';
import type { Engine } from '../../server/engine/engine.ts';
import type { MetricQuery } from '../../server/query/types.ts';

type Env = Awaited<ReturnType<typeof freshEngine>>;
type Cell = Record<string, number | null>;
type Period = { label: string; from: string; to: string };
type CubeId = 'base' | 'contacts' | 'campaigns';

let env: Env;
let engine: Engine;

beforeAll(async () => {
  env = await freshEngine({ subscribers: 6000, months: 24 });
  engine = env.engine;
});
afterAll(async () => {
  await env?.close();
});

const run = (q: MetricQuery) => runMetricQuery(q, { engine, asOf: TEST_AS_OF, scope: { level: 'national' }, firstMonth: env.dataset.firstMonth });

// ── calendar helpers (plain string arithmetic, independent of server/query/time.ts) ──
const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => [31, (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const ymAdd = (ym: string, n: number) => {
  const t = +ym.slice(0, 4) * 12 + (+ym.slice(5, 7) - 1) + n;
  return `${Math.floor(t / 12)}-${pad((t % 12) + 1)}`;
};
const first = (ym: string) => `${ym}-01`;
const last = (ym: string) => `${ym}-${pad(daysIn(+ym.slice(0, 4), +ym.slice(5, 7)))}`;
const monthList = (a: string, b: string) => {
  const out: string[] = [];
  for (let m = a; m <= b; m = ymAdd(m, 1)) out.push(m);
  return out;
};
/** Days from 1970-01-01 of a day 'YYYY-MM-DD' (1970-01-01 was a Thursday), and back. */
const dayNumber = (d: string) => {
  let n = 0;
  for (let y = 1970; y < +d.slice(0, 4); y++) n += daysIn(y, 2) === 29 ? 366 : 365;
  for (let m = 1; m < +d.slice(5, 7); m++) n += daysIn(+d.slice(0, 4), m);
  return n + +d.slice(8, 10) - 1;
};
const dayOf = (n: number) => {
  let y = 1970, m = 1;
  for (; n >= (daysIn(y, 2) === 29 ? 366 : 365); y++) n -= daysIn(y, 2) === 29 ? 366 : 365;
  for (; n >= daysIn(y, m); m++) n -= daysIn(y, m);
  return `${y}-${pad(m)}-${pad(n + 1)}`;
};
/**
 * ISO 8601 week of a day, 'YYYY-Www': weeks run Monday to Sunday, and week 1 is the one with
 * the year's first Thursday, so a week belongs to the year of its Thursday.
 */
function isoWeek(d: string): string {
  const n = dayNumber(d);
  const weekday = (n + 3) % 7; // 0 = Monday (1970-01-01 was a Thursday: 3)
  const thursday = dayOf(n - weekday + 3);
  const y = +thursday.slice(0, 4);
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${y}-01-01`)) / 7) + 1;
  return `${y}-W${pad(week)}`;
}
/** Periods of a range [fromDay, toDay] at a grain, each cut to the range. */
function periods(fromDay: string, toDay: string, grain: 'week' | 'month' | 'quarter' | null): Period[] {
  if (!grain) return [{ label: '', from: fromDay, to: toDay }];
  const out: Period[] = [];
  if (grain === 'week') {
    for (let n = dayNumber(fromDay); n <= dayNumber(toDay); n++) {
      const day = dayOf(n);
      const label = isoWeek(day);
      const p = out.find((x) => x.label === label);
      if (p) p.to = day;
      else out.push({ label, from: day, to: day });
    }
    return out;
  }
  for (const ym of monthList(fromDay.slice(0, 7), toDay.slice(0, 7))) {
    const y = +ym.slice(0, 4), m = +ym.slice(5, 7);
    const label = grain === 'month' ? ym : `${y}-Q${Math.ceil(m / 3)}`;
    const from = first(ym) < fromDay ? fromDay : first(ym);
    const to = last(ym) > toDay ? toDay : last(ym);
    const p = out.find((x) => x.label === label);
    if (p) p.to = to;
    else out.push({ label, from, to });
  }
  return out;
}

// ── comparison helpers ──────────────────────────────────────────────────────────────
const COUNTS = new Set(['subscribers', 'new_subscribers', 'churned_subscribers', 'net_adds', 'contacts', 'reached_customers', 'conversions', 'campaign_targeted']);
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function expectMetric(id: string, actual: unknown, expected: number | null, where: string) {
  const a = num(actual);
  const msg = `${id} @ ${where}: model ${String(actual)} vs reference ${String(expected)}`;
  if (expected === null) {
    expect(a, msg).toBeNull();
    return;
  }
  expect(a, msg).not.toBeNull();
  expect(Number.isFinite(a), msg).toBe(true);
  if (COUNTS.has(id)) {
    expect(Number.isInteger(a), msg).toBe(true);
    expect(a, msg).toBe(expected);
  } else {
    const tol = 1e-9 * Math.max(1, Math.abs(expected));
    expect(Math.abs(a! - expected), msg).toBeLessThanOrEqual(tol);
  }
}

// ── references ──────────────────────────────────────────────────────────────────────
/** Raw columns per dimension id, per cube (what the raw tables call them). */
const RAW_COLUMN: Record<CubeId, Record<string, string | ((alias: string) => string)>> = {
  // new or existing in the period (a month): activated within it, from the subscriber's own activation day
  base: { city: 'city', province: 'province', brand: 'brand', contract_type: 'contract_type',
    subscriber_status: (a) => `if(${a}activated_on >= {s:Date} AND ${a}activated_on <= {e:Date}, 'new', 'existing')` },
  contacts: { city: 'city', province: 'province', brand: 'brand', channel: 'channel', purpose: 'purpose' },
  campaigns: { city: 'city', province: 'province', list_type: 'list_type', campaign_kind: 'kind' },
};
/** DOMAIN.md, "Channels": Electronic channels: ivr, web, app, wap, sms, mms, self_service. */
const DOMAIN_E_CHANNELS = new Set(['ivr', 'web', 'app', 'wap', 'sms', 'mms', 'self_service']);

interface RefSpec {
  dim?: string; // a dimension id (mapped to a raw column)
  filter?: { dim: string; values: string[] };
}

const refCache = new Map<string, Promise<Map<string, Cell>>>();
/** Reference values per group key ('' without a dimension) for one period. */
function reference(cube: CubeId, spec: RefSpec, p: Period, stockAt?: string): Promise<Map<string, Cell>> {
  const key = JSON.stringify([cube, spec, p.from, p.to, stockAt ?? null]);
  if (!refCache.has(key)) refCache.set(key, computeReference(cube, spec, p, stockAt));
  return refCache.get(key)!;
}

async function computeReference(cube: CubeId, spec: RefSpec, p: Period, stockAt?: string): Promise<Map<string, Cell>> {
  const col = (dim: string, alias: string) => { const c = RAW_COLUMN[cube][dim]; return typeof c === 'function' ? c(alias) : `${alias}${c}`; };
  const k = (alias = '') => (spec.dim ? `toString(${col(spec.dim, alias)})` : `''`);
  const where = (alias = '') => (spec.filter ? ` AND ${col(spec.filter.dim, alias)} IN {fv:Array(String)}` : '');
  const params = { s: p.from, e: p.to, fv: spec.filter?.values ?? [], stock: stockAt ?? p.to };
  const out = new Map<string, Cell>();

  if (cube === 'base') {
    // DOMAIN.md: subscribers = in scope at the END of the period (activated on or before
    // its last day and not churned by then); churn rate = churned in period ÷ subscribers
    // at its START (activated before its first day and not churned before it).
    const subs = await engine.query<{ k: string; at_end: number; at_start: number; activated: number; churned: number }>(`
      SELECT ${k()} AS k,
        countIf(activated_on <= {stock:Date} AND (churned_on IS NULL OR churned_on > {stock:Date})) AS at_end,
        countIf(activated_on < {s:Date} AND (churned_on IS NULL OR churned_on >= {s:Date})) AS at_start,
        countIf(activated_on >= {s:Date} AND activated_on <= {e:Date}) AS activated,
        countIf(churned_on IS NOT NULL AND churned_on >= {s:Date} AND churned_on <= {e:Date}) AS churned
      FROM ${engine.t('subscribers')}
      WHERE 1 = 1${where()}
      GROUP BY k`, params);
    // ARPU / MOU / DOU: per active subscriber per month, from the raw monthly usage.
    const usage = await engine.query<{ k: string; revenue: number; minutes: number; data_mb: number; active: number; rows: number }>(`
      SELECT ${k('s.')} AS k, sum(u.revenue) AS revenue, sum(u.minutes) AS minutes, sum(u.data_mb) AS data_mb,
        countIf(u.minutes > 0 OR u.data_mb > 0 OR u.sms > 0) AS active, count() AS rows
      FROM ${engine.t('usage_monthly')} AS u
      INNER JOIN ${engine.t('subscribers')} AS s ON s.sub_id = u.sub_id
      WHERE u.month >= {s:Date} AND u.month <= {e:Date}${where('s.')}
      GROUP BY k`, params);
    const keys = new Set([...subs.map((r) => r.k), ...usage.map((r) => r.k)]);
    for (const key of keys) {
      const a = subs.find((r) => r.k === key);
      const b = usage.find((r) => r.k === key);
      const at_end = Number(a?.at_end ?? 0), at_start = Number(a?.at_start ?? 0), activated = Number(a?.activated ?? 0), churned = Number(a?.churned ?? 0);
      const revenue = Number(b?.revenue ?? 0), active = Number(b?.active ?? 0);
      out.set(key, {
        subscribers: at_end,
        new_subscribers: activated,
        churned_subscribers: churned,
        net_adds: activated - churned,
        churn_rate: ratio(churned, at_start),
        arpu: ratio(revenue, active),
        mou: ratio(Number(b?.minutes ?? 0), active),
        dou: ratio(Number(b?.data_mb ?? 0), active),
        revenue,
        _present: at_end + activated + churned + Number(b?.rows ?? 0),
      });
    }
    return out;
  }

  if (cube === 'contacts') {
    const parts = await engine.query<{ k: string; ch: string; cv: number; rf: number; n: number; cost: number; revenue: number; hs: number }>(`
      SELECT ${k()} AS k, toString(channel) AS ch, converted AS cv, resolved_first AS rf,
        count() AS n, sum(cost) AS cost, sum(revenue) AS revenue, sum(handle_sec) AS hs
      FROM ${engine.t('contacts')}
      WHERE day >= {s:Date} AND day <= {e:Date}${where()}
      GROUP BY k, ch, cv, rf`, params);
    const reach = await engine.query<{ k: string; reached: number }>(`
      SELECT k, count() AS reached FROM (
        SELECT DISTINCT ${k()} AS k, sub_id FROM ${engine.t('contacts')}
        WHERE day >= {s:Date} AND day <= {e:Date}${where()}
      ) GROUP BY k`, params);
    const acc = new Map<string, { n: number; conv: number; cost: number; rev: number; hs: number; fcr: number; e: number }>();
    for (const r of parts) {
      const x = acc.get(r.k) ?? { n: 0, conv: 0, cost: 0, rev: 0, hs: 0, fcr: 0, e: 0 };
      const n = Number(r.n);
      x.n += n;
      x.cost += Number(r.cost);
      x.hs += Number(r.hs);
      if (Number(r.cv) === 1) { x.conv += n; x.rev += Number(r.revenue); }
      if (Number(r.rf) === 1) x.fcr += n;
      if (DOMAIN_E_CHANNELS.has(r.ch)) x.e += n;
      acc.set(r.k, x);
    }
    for (const [key, x] of acc) {
      out.set(key, {
        contacts: x.n,
        reached_customers: Number(reach.find((r) => r.k === key)?.reached ?? 0),
        conversions: x.conv,
        conversion_rate: ratio(x.conv, x.n),
        cost: x.cost,
        cost_per_contact: ratio(x.cost, x.n),
        cost_per_conversion: ratio(x.cost, x.conv),
        channel_revenue: x.rev,
        roi: ratio(x.rev - x.cost, x.cost),
        avg_handle_time: ratio(x.hs, x.n),
        first_contact_resolution: ratio(x.fcr, x.n),
        e_channel_share: ratio(x.e, x.n),
        _present: x.n,
      });
    }
    return out;
  }

  // campaigns: one row per list; month is the first day of the campaign month
  const lists = await engine.query<{ k: string; kind: string; lt: string; t: number; h: number; c: number; r: number }>(`
    SELECT ${k()} AS k, toString(kind) AS kind, toString(list_type) AS lt,
      sum(targeted) AS t, sum(hits) AS h, sum(contacted) AS c, sum(retained) AS r
    FROM ${engine.t('campaigns')}
    WHERE month >= {s:Date} AND month <= {e:Date}${where()}
    GROUP BY k, kind, lt`, params);
  const keys = new Set(lists.map((r) => r.k));
  for (const key of keys) {
    const rows = lists.filter((r) => r.k === key);
    const sum = (f: (r: (typeof rows)[number]) => boolean, col: 't' | 'h' | 'c' | 'r') => rows.filter(f).reduce((a, r) => a + Number(r[col]), 0);
    const all = () => true;
    const hitModel = ratio(sum((r) => r.lt === 'model', 'h'), sum((r) => r.lt === 'model', 't'));
    const hitRandom = ratio(sum((r) => r.lt === 'random', 'h'), sum((r) => r.lt === 'random', 't'));
    out.set(key, {
      campaign_targeted: sum(all, 't'),
      hit_rate: ratio(sum(all, 'h'), sum(all, 't')),
      campaign_lift: hitModel === null || hitRandom === null ? null : ratio(hitModel, hitRandom),
      retention_success_rate: ratio(sum((r) => r.kind === 'churn', 'r'), sum((r) => r.kind === 'churn', 'c')),
      _present: rows.length,
    });
  }
  return out;
}

const METRICS_OF: Record<CubeId, string[]> = {
  base: ['subscribers', 'new_subscribers', 'churned_subscribers', 'net_adds', 'churn_rate', 'arpu', 'mou', 'dou', 'revenue'],
  contacts: ['contacts', 'reached_customers', 'conversions', 'conversion_rate', 'cost', 'cost_per_contact', 'cost_per_conversion',
    'channel_revenue', 'roi', 'avg_handle_time', 'first_contact_resolution', 'e_channel_share'],
  campaigns: ['campaign_targeted', 'hit_rate', 'campaign_lift', 'retention_success_rate'],
};
const RATIOS = new Set(model.metrics.filter((m) => m.kind === 'ratio').map((m) => m.id));

it('every base / contacts / campaigns metric of the model has an independent reference here', () => {
  for (const cube of ['base', 'contacts', 'campaigns'] as const) {
    expect(model.metrics.filter((m) => m.cube === cube).map((m) => m.id).sort(), cube).toEqual([...METRICS_OF[cube]].sort());
  }
});

// ── scenarios ───────────────────────────────────────────────────────────────────────
interface Scenario {
  name: string;
  from: string; // day
  to: string; // day
  timeRange: { from: string; to: string };
  dim?: string;
  grain?: 'week' | 'month' | 'quarter';
  filter?: { dim: string; values: string[] };
}
const GD = '440000'; // 广东省
const R = { from: '2025-01', to: '2025-04' };
const RD = { from: '2025-01-01', to: '2025-04-30' };

const SCENARIOS: Record<CubeId, Scenario[]> = {
  base: [
    { name: 'national, 2025-01..04', ...RD, timeRange: R },
    { name: 'by brand', ...RD, timeRange: R, dim: 'brand' },
    { name: 'by contract type', ...RD, timeRange: R, dim: 'contract_type' },
    { name: 'by month', ...RD, timeRange: R, grain: 'month' },
    { name: 'Guangdong cities × month', ...RD, timeRange: R, dim: 'city', grain: 'month', filter: { dim: 'province', values: [GD] } },
    { name: 'by quarter, range cut mid-quarter (2024-11..2025-04)', from: '2024-11-01', to: '2025-04-30', timeRange: { from: '2024-11', to: '2025-04' }, grain: 'quarter' },
    { name: 'one month (2024-08)', from: '2024-08-01', to: '2024-08-31', timeRange: { from: '2024-08', to: '2024-08' } },
    // new or existing is a subscriber-month's (activated in that month): the reference takes each month on its own
    { name: 'new or existing, one month (2025-03)', from: '2025-03-01', to: '2025-03-31', timeRange: { from: '2025-03', to: '2025-03' }, dim: 'subscriber_status' },
    { name: 'new or existing × month', ...RD, timeRange: R, dim: 'subscriber_status', grain: 'month' },
    { name: 'existing only (a filter), by city', from: '2025-02-01', to: '2025-02-28', timeRange: { from: '2025-02', to: '2025-02' }, dim: 'city', filter: { dim: 'subscriber_status', values: ['existing'] } },
  ],
  contacts: [
    { name: 'national, 2025-01..04', ...RD, timeRange: R },
    { name: 'by channel', ...RD, timeRange: R, dim: 'channel' },
    { name: 'by brand', ...RD, timeRange: R, dim: 'brand' },
    { name: 'by month', ...RD, timeRange: R, grain: 'month' },
    { name: 'Guangdong cities × month', ...RD, timeRange: R, dim: 'city', grain: 'month', filter: { dim: 'province', values: [GD] } },
    { name: 'day range 2025-02-10..2025-03-20 by month', from: '2025-02-10', to: '2025-03-20', timeRange: { from: '2025-02-10', to: '2025-03-20' }, grain: 'month' },
    { name: 'by purpose, day range', from: '2025-02-10', to: '2025-03-20', timeRange: { from: '2025-02-10', to: '2025-03-20' }, dim: 'purpose' },
    // the chat's "how many customers complained": reached customers under a purpose filter
    { name: 'complaints only (a purpose filter), by brand', ...RD, timeRange: R, dim: 'brand', filter: { dim: 'purpose', values: ['complaint'] } },
    // ISO weeks, Monday to Sunday: 2025-01-01 is a Wednesday of 2025-W01, 2025-04-30 a Wednesday of W18 (both cut)
    { name: 'by week (ISO), range cut mid-week at both ends', ...RD, timeRange: R, grain: 'week' },
    { name: 'channel × week, Guangdong, a day range across the year end (2024-12-25..2025-01-12)', from: '2024-12-25', to: '2025-01-12', timeRange: { from: '2024-12-25', to: '2025-01-12' }, dim: 'channel', grain: 'week', filter: { dim: 'province', values: [GD] } },
  ],
  campaigns: [
    { name: 'national, 2025-01..04', ...RD, timeRange: R },
    { name: 'by campaign kind', ...RD, timeRange: R, dim: 'campaign_kind' },
    { name: 'by month', ...RD, timeRange: R, grain: 'month' },
    { name: 'Guangdong cities × month', ...RD, timeRange: R, dim: 'city', grain: 'month', filter: { dim: 'province', values: [GD] } },
    { name: 'by list type (lift compares the two: refused)', ...RD, timeRange: R, dim: 'list_type' },
  ],
};

const rowKey = (row: Record<string, unknown>, s: Scenario) => `${s.dim ? String(row[s.dim]) : ''}|${s.grain ? String(row[s.grain]) : ''}`;

/**
 * Reference cells of a scenario, keyed like the model's rows. With `shiftMonths` the range is
 * moved by that many months (compare) and every period is labelled with the current period
 * it is compared to.
 */
async function referenceCells(cube: CubeId, s: Scenario, shiftMonths = 0): Promise<Map<string, Cell>> {
  const shift = (d: string, end: boolean) => {
    const ym = ymAdd(d.slice(0, 7), shiftMonths);
    if (end && d === last(d.slice(0, 7))) return last(ym);
    const day = Math.min(+d.slice(8, 10), daysIn(+ym.slice(0, 4), +ym.slice(5, 7)));
    return `${ym}-${pad(day)}`;
  };
  const cells = new Map<string, Cell>();
  for (const p of periods(shift(s.from, false), shift(s.to, true), s.grain ?? null)) {
    const ref = await reference(cube, { dim: s.dim, filter: s.filter }, p);
    const label = shiftMonths ? relabelPeriod(p.label, -shiftMonths, s.grain) : p.label;
    for (const [k, cell] of ref) cells.set(`${k}|${label}`, cell);
  }
  return cells;
}
/** A period label moved by `months` (month: '2025-01' → '2025-02'; quarter: '2024-Q1' → '2025-Q1'). */
function relabelPeriod(label: string, months: number, grain?: 'week' | 'month' | 'quarter'): string {
  if (!grain) return label;
  if (grain === 'week') throw new Error('weeks are not compared (the planner refuses compare with a weekly breakdown)');
  if (grain === 'month') return ymAdd(label, months);
  const y = +label.slice(0, 4), q = +label.slice(6);
  const ym = ymAdd(`${y}-${pad(q * 3 - 2)}`, months);
  return `${ym.slice(0, 4)}-Q${Math.ceil(+ym.slice(5, 7) / 3)}`;
}
/** What a cell says for a metric; a group absent from the raw rows has no answer row. */
function cellValue(cells: Map<string, Cell>, key: string, id: string, s: Scenario): number | null {
  const c = cells.get(key);
  if (c && (c._present ?? 0) > 0) return c[id];
  // without groups an aggregate always answers one row: counts and sums 0, ratios null
  if (!s.dim && !s.grain) return RATIOS.has(id) ? null : c?.[id] ?? 0;
  return null;
}

for (const cube of ['base', 'contacts', 'campaigns'] as const) {
  describe(`${cube} metrics vs an independent computation on the same rows`, () => {
    for (const s of SCENARIOS[cube]) {
      describe(s.name, () => {
        for (const id of METRICS_OF[cube]) {
          it(id, async () => {
            const q: MetricQuery = {
              metrics: [id], timeRange: s.timeRange,
              groupBy: [...(s.dim ? [s.dim] : []), ...(s.grain ? [s.grain] : [])],
              filters: s.filter ? [{ dimension: s.filter.dim, op: 'in', values: s.filter.values }] : [],
            };
            // a metric the model says cannot be split by this dimension (lift by list type) is refused, not answered with nulls
            if (s.dim && model.metric(id)?.notBy?.[s.dim]) {
              await expect(run(q)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
              return;
            }
            const res = await run(q);
            const ref = await referenceCells(cube, s);
            expect(res.rows.length, 'model returned no rows').toBeGreaterThan(0);
            const seen = new Set<string>();
            for (const row of res.rows) {
              const key = rowKey(row, s);
              seen.add(key);
              expect(ref.get(key)?._present ?? (s.dim || s.grain ? 0 : 1), `model row ${key} has no raw rows`).toBeGreaterThan(0);
              expectMetric(id, row[id], cellValue(ref, key, id, s), `${s.name} [${key}]`);
            }
            // every group the raw rows have is in the answer
            const missing = [...ref.entries()].filter(([key, c]) => (c._present ?? 0) > 0 && !seen.has(key)).map(([key]) => key);
            expect(missing, 'groups with raw rows missing from the answer').toEqual([]);
            // totals: the whole range over the filter, no breakdown
            if (s.dim || s.grain) {
              const tot = await reference(cube, { filter: s.filter }, { label: '', from: s.from, to: s.to });
              expectMetric(id, res.totals?.[id], tot.get('')?.[id] ?? (RATIOS.has(id) ? null : 0), `${s.name} [totals]`);
            }
          });
        }
      });
    }

    describe('compare: _prev is the same metric on the shifted range', () => {
      const cases: { name: string; s: Scenario; compare: 'yoy' | 'mom'; shift: number }[] = [
        { name: 'yoy, national', s: { name: 'yoy', ...RD, timeRange: R }, compare: 'yoy', shift: 12 },
        { name: 'mom without grain shifts by the range length (4 months)', s: { name: 'mom', ...RD, timeRange: R }, compare: 'mom', shift: 4 },
        { name: 'mom by month × brand/kind', s: { name: 'mom-m', ...RD, timeRange: R, grain: 'month', dim: cube === 'campaigns' ? 'campaign_kind' : 'brand' }, compare: 'mom', shift: 1 },
        { name: 'yoy by month in Guangdong', s: { name: 'yoy-m', ...RD, timeRange: R, grain: 'month', filter: { dim: 'province', values: [GD] } }, compare: 'yoy', shift: 12 },
      ];
      for (const c of cases) {
        it(c.name, async () => {
          const groupBy = [...(c.s.dim ? [c.s.dim] : []), ...(c.s.grain ? [c.s.grain] : [])];
          const filters = c.s.filter ? [{ dimension: c.s.filter.dim, op: 'in' as const, values: c.s.filter.values }] : [];
          const cur = await referenceCells(cube, c.s);
          const prev = await referenceCells(cube, c.s, -c.shift);
          for (const id of METRICS_OF[cube]) {
            const res = await run({ metrics: [id], timeRange: c.s.timeRange, groupBy, filters, compare: c.compare });
            const direct = await run({ metrics: [id], timeRange: { from: ymAdd(R.from, -c.shift), to: ymAdd(R.to, -c.shift) }, groupBy, filters });
            expect(res.rows.length).toBeGreaterThan(0);
            for (const row of res.rows) {
              const key = rowKey(row, c.s);
              expectMetric(id, row[id], cellValue(cur, key, id, c.s), `${c.name} current [${key}]`);
              expectMetric(id, row[`${id}_prev`], cellValue(prev, key, id, c.s), `${c.name} prev [${key}]`);
              // and the same as asking the metric on the shifted range directly
              const dkey = c.s.grain ? `${c.s.dim ? String(row[c.s.dim]) : ''}|${relabelPeriod(String(row[c.s.grain]), -c.shift, c.s.grain)}` : key;
              const drow = direct.rows.find((r) => rowKey(r, c.s) === dkey);
              expectMetric(id, row[`${id}_prev`], drow ? num(drow[id]) : null, `${c.name}: _prev vs the metric asked on the shifted range [${key}]`);
              const a = num(row[id]), b = num(row[`${id}_prev`]);
              const change = a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b);
              const got = num(row[`${id}_change`]);
              if (change === null) expect(got, `${id} ${c.name} change [${key}]`).toBeNull();
              else expect(Math.abs(got! - change), `${id} ${c.name} change [${key}]`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(change)));
            }
          }
        });
      }
    });

    it('ranked by the change or the previous figure (orderBy _change / _prev with compare): the top rows of the whole list, ordered by values computed here', async () => {
      const dim = cube === 'campaigns' ? 'campaign_kind' : cube === 'contacts' ? 'channel' : 'province';
      for (const id of METRICS_OF[cube]) {
        const q = { metrics: [id], timeRange: R, groupBy: [dim], compare: 'yoy' as const };
        const all = (await run(q)).rows;
        const value = (r: Record<string, unknown>, by: 'change' | 'prev') => {
          const a = num(r[id]), b = num(r[`${id}_prev`]);
          return by === 'prev' ? b : a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b);
        };
        for (const [by, direction] of [['change', 'desc'], ['change', 'asc'], ['prev', 'desc']] as const) {
          const ranked = (await run({ ...q, orderBy: { metric: `${id}_${by}`, direction }, limit: 3 })).rows;
          const sign = direction === 'desc' ? -1 : 1;
          const expected = all.map((r) => value(r, by)).sort((x, y) => (x === null ? 1 : y === null ? -1 : sign * (x - y))).slice(0, 3);
          const got = ranked.map((r) => value(r, by));
          expect(got.length, `${id} by ${by} ${direction}`).toBe(Math.min(3, all.length));
          got.forEach((g, i) => {
            if (expected[i] === null) expect(g, `${id} by ${by} ${direction} #${i}`).toBeNull();
            else expect(Math.abs(g! - expected[i]!), `${id} by ${by} ${direction} #${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected[i]!)));
          });
        }
      }
      await expect(run({ metrics: [METRICS_OF[cube][0]], groupBy: [dim], timeRange: R, orderBy: { metric: `${METRICS_OF[cube][0]}_change`, direction: 'desc' } }))
        .rejects.toThrow(/ranks by a comparison: give compare/);
    });

    it('filtered by the change (revenue_change < 0: the ones that fell): exactly the rows whose change, computed here, is on that side', async () => {
      const dim = cube === 'campaigns' ? 'campaign_kind' : cube === 'contacts' ? 'channel' : 'province';
      let seen = 0;
      for (const id of METRICS_OF[cube]) {
        // mom: the four months before (the test data's campaigns have no year before)
        const q = { metrics: [id], timeRange: R, groupBy: [dim], compare: 'mom' as const };
        const all = (await run(q)).rows;
        const change = (r: Record<string, unknown>) => {
          const a = num(r[id]), b = num(r[`${id}_prev`]);
          return a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b);
        };
        for (const [op, side] of [['lt', (c: number) => c < 0], ['gte', (c: number) => c >= 0]] as const) {
          const got = (await run({ ...q, filters: [{ dimension: `${id}_change`, op, values: ['0'] }] })).rows.map((r) => String(r[dim])).sort();
          const expected = all.filter((r) => change(r) !== null && side(change(r)!)).map((r) => String(r[dim])).sort();
          expect(got, `${id}_change ${op} 0`).toEqual(expected);
          seen += expected.length;
        }
      }
      expect(seen).toBeGreaterThan(0);
      await expect(run({ metrics: [METRICS_OF[cube][0]], groupBy: [dim], timeRange: R, filters: [{ dimension: `${METRICS_OF[cube][0]}_change`, op: 'lt', values: ['0'] }] }))
        .rejects.toThrow(/give compare/);
    });

    it('a ratio compared with the total (values ["total"]: 低于全省平均): exactly the rows on that side of the whole\'s figure', async () => {
      const dim = cube === 'campaigns' ? 'campaign_kind' : cube === 'contacts' ? 'channel' : 'city';
      const filters = cube === 'campaigns' ? [] : [{ dimension: 'province', op: 'in' as const, values: [GD] }];
      const ratios = METRICS_OF[cube].filter((id) => RATIOS.has(id));
      expect(ratios.length).toBeGreaterThan(0);
      for (const id of ratios) {
        const whole = await run({ metrics: [id], timeRange: R, groupBy: [dim], filters });
        const total = num(whole.totals?.[id]);
        expect(whole.rows.length, id).toBeGreaterThan(1);
        for (const op of ['lt', 'gt', 'gte'] as const) {
          const res = await run({ metrics: [id], timeRange: R, groupBy: [dim], filters: [...filters, { dimension: id, op, values: ['total'] }] });
          const side = (v: number) => (op === 'lt' ? v < total! : op === 'gt' ? v > total! : v >= total!);
          const expected = whole.rows.filter((r) => num(r[id]) !== null && side(num(r[id])!)).map((r) => String(r[dim])).sort();
          expect(res.rows.map((r) => String(r[dim])).sort(), `${id} ${op} total ${total}`).toEqual(expected);
          // the totals row is the whole's, not narrowed by the comparison
          expectMetric(id, res.totals?.[id], total, `${id} ${op} total: totals`);
        }
      }
      const additive = METRICS_OF[cube].find((id) => !RATIOS.has(id))!;
      await expect(run({ metrics: [additive], groupBy: [dim], timeRange: R, filters: [{ dimension: additive, op: 'lt', values: ['total'] }] })).rejects.toThrow(/only a ratio metric/);
      await expect(run({ metrics: [ratios[0]], timeRange: R, filters: [{ dimension: ratios[0], op: 'lt', values: ['total'] }] })).rejects.toThrow(/group by a dimension/);
    });

    it('a previous period with no rows: _prev and _change are null, in the rows and in the totals alike', async () => {
      // a year before the data's first quarter has no rows
      const first = env.dataset.firstMonth!;
      expect(first).toBe(ymAdd(TEST_AS_OF.slice(0, 7), -23));
      const timeRange = { from: first, to: ymAdd(first, 2) };
      const dim = cube === 'campaigns' ? 'campaign_kind' : 'brand';
      for (const id of METRICS_OF[cube]) {
        const whole = await run({ metrics: [id], timeRange, compare: 'yoy' });
        expect(whole.rows.length, id).toBe(1);
        expect(whole.rows[0][`${id}_prev`], `${id}: no groups`).toBeNull();
        expect(whole.rows[0][`${id}_change`], `${id}: no groups`).toBeNull();
        const grouped = await run({ metrics: [id], timeRange, groupBy: [dim], compare: 'yoy' });
        for (const row of grouped.rows) expect(row[`${id}_prev`], `${id} by ${dim}`).toBeNull();
        expect(grouped.totals?.[`${id}_prev`], `${id}: totals`).toBeNull();
        expect(grouped.totals?.[`${id}_change`], `${id}: totals`).toBeNull();
        const [a, b] = [num(grouped.totals?.[id]), num(whole.rows[0][id])];
        if (b === null) expect(a, `${id}: the current total stays`).toBeNull();
        else expect(Math.abs(a! - b), `${id}: the current total stays`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      }
    });

    it('a range with no rows: ratios are null (not NaN, Infinity or an error), counts and sums are 0', async () => {
      for (const id of METRICS_OF[cube]) {
        const res = await run({ metrics: [id], timeRange: { from: '2001-01', to: '2001-03' } });
        expect(res.rows.length, id).toBe(1);
        const v = res.rows[0][id];
        if (RATIOS.has(id)) expect(v, `${id} on an empty range`).toBeNull();
        else expect(num(v), `${id} on an empty range`).toBe(0);
        const byMonth = await run({ metrics: [id], timeRange: { from: '2001-01', to: '2001-03' }, groupBy: ['month'] });
        expect(byMonth.rows, id).toEqual([]);
        if (RATIOS.has(id)) expect(byMonth.totals?.[id] ?? null, `${id} totals on an empty range`).toBeNull();
      }
    });
  });
}

describe('ratio SQL on zero rows is NULL in the engine itself (JSON output would hide NaN/inf as null)', () => {
  for (const m of model.metrics.filter((x) => x.kind === 'ratio' && x.sql && ['base', 'contacts', 'campaigns'].includes(x.cube))) {
    it(m.id, async () => {
      const cube = model.cube(m.cube);
      const expr = m.sql!({ periodStart: "toDate('2001-01-01')", periodEnd: "toDate('2001-03-01')" });
      const [r] = await engine.query<{ is_null: number; is_nan: number; is_inf: number }>(`
        SELECT isNull(x) AS is_null, ifNull(isNaN(x), 0) AS is_nan, ifNull(isInfinite(x), 0) AS is_inf
        FROM (SELECT ${expr} AS x FROM ${engine.t(cube.table)} WHERE 0)`);
      expect([Number(r.is_null), Number(r.is_nan), Number(r.is_inf)], m.id).toEqual([1, 0, 0]);
    });
  }
});

describe('stock at the end of a period that runs past the data', () => {
  // DOMAIN.md: subscribers = "distinct subscribers in scope at the end of the period". When
  // the asked period ends after the data's as-of date (2025-06-15), the latest end the data
  // knows is as-of; "no subscribers" (0) is not an answer the data supports.
  it('subscribers for 2025-01..2025-12 (as-of 2025-06-15) is the base at as-of, not 0', async () => {
    const res = await run({ metrics: ['subscribers'], timeRange: { from: '2025-01', to: '2025-12' } });
    const ref = await reference('base', {}, { label: '', from: '2025-01-01', to: '2025-12-31' }, TEST_AS_OF);
    const expected = ref.get('')!.subscribers!;
    expect(expected).toBeGreaterThan(1000);
    expectMetric('subscribers', res.rows[0].subscribers, expected, '2025-01..2025-12');
  });
  it('subscribers by year for 2025 is the base at as-of, not 0', async () => {
    const res = await run({ metrics: ['subscribers'], timeRange: { from: '2024-01', to: '2025-12' }, groupBy: ['year'] });
    const ref2024 = await reference('base', {}, { label: '', from: '2024-01-01', to: '2024-12-31' });
    const ref2025 = await reference('base', {}, { label: '', from: '2025-01-01', to: '2025-12-31' }, TEST_AS_OF);
    const byYear = Object.fromEntries(res.rows.map((r) => [String(r.year), r.subscribers]));
    expectMetric('subscribers', byYear['2024'], ref2024.get('')!.subscribers, 'year 2024');
    expectMetric('subscribers', byYear['2025'], ref2025.get('')!.subscribers, 'year 2025 (to as-of)');
  });
});
