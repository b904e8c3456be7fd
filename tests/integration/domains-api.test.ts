/**
 * The four analytics domains through the real server (HTTP + GraphQL + embedded chDB):
 * segments, channels, lifecycle, and their error contract. The last block stops the
 * server, opens its data directory in this process and recomputes the dedicated-SQL
 * answers (cohort retention, contract churn, segment migration) from raw rows in plain
 * TypeScript, with date arithmetic written here from DOMAIN.md: exact equality.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { Engine } from '../../server/engine/engine.ts';
import { addMonth, contractChurnReference, tenure } from '../helpers/calendar.ts';
import { startServer } from '../helpers/server.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
type Row = Record<string, any>;

let s: Server;
let asOf: string;
let firstMonth: string; // the dataset's first month, as the time pickers start it
let latest: string; // latest complete month, YYYY-MM
let reference: Engine | null = null;

beforeAll(async () => {
  s = await startServer();
  ({ asOf, firstMonth } = (await ok('{ dataset { asOf firstMonth } }')).dataset);
  latest = addMonth(asOf.slice(0, 7), -1);
});
afterAll(async () => {
  await s?.stop();
  await reference?.close();
  if (s) fs.rmSync(s.dataDir, { recursive: true, force: true });
});

async function ok(query: string, variables: Record<string, unknown> = {}): Promise<Row> {
  const r = await s.gql(query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const close = (a: number, b: number, eps = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(eps);

// answers kept for the independent recomputation at the end
const kept: { cohorts?: Row[]; cohortsGotone?: Row[]; contract?: Row[]; migration?: { from: string; to: string; flows: Row[] } } = {};

const SCHEMES = ['value_tier', 'sub_segment', 'brand', 'customer_type', 'rfm_cell', 'quadrant', 'credit_list', 'satisfaction_band', 'loyalty_band'];
const SEGMENTS = `query($scheme: SegmentScheme!, $filters: [FilterInput!], $timeRange: TimeRangeInput, $byMonth: Boolean) {
  segments(scheme: $scheme, filters: $filters, timeRange: $timeRange, byMonth: $byMonth) {
    scheme from to sql rows { segment labelZh labelEn month subscribers share arpu mou dou revenue churnRate } } }`;
const MIGRATION = `query($scheme: SegmentScheme!, $from: String!, $to: String!, $filters: [FilterInput!]) {
  segmentMigration(scheme: $scheme, from: $from, to: $to, filters: $filters) { scheme fromMonth toMonth sql flows { from to subscribers } } }`;

describe('segments', () => {
  it('every scheme: labelled rows whose shares sum to 1', async () => {
    for (const scheme of SCHEMES) {
      const r = (await ok(SEGMENTS, { scheme })).segments;
      expect(r.scheme).toBe(scheme);
      expect(r.rows.length, scheme).toBeGreaterThan(scheme === 'brand' ? 2 : 3);
      expect(r.from).toBe(`${latest}-01`);
      close(sum(r.rows.map((x: Row) => x.share)), 1);
      for (const x of r.rows) {
        expect(x.labelZh && x.labelEn).toBeTruthy();
        expect(x.month).toBeNull();
        expect(x.subscribers).toBeGreaterThanOrEqual(0);
        // churned in the month ÷ the base at its start: one who joins and leaves within the month counts
        // only above the line, so a segment newcomers land in (RFM R5F1: recent, not yet frequent) may
        // pass 1; a subscriber's brand, sub-segment or customer type does not change, and those stay below
        expect(x.churnRate === null || x.churnRate >= 0, `${scheme} ${x.segment} ${x.churnRate}`).toBe(true);
        if (['brand', 'sub_segment', 'customer_type'].includes(scheme)) expect(x.churnRate, `${scheme} ${x.segment}`).toBeLessThanOrEqual(1);
        if (x.subscribers > 20) expect(x.arpu).toBeGreaterThan(0);
      }
    }
    const tiers = (await ok(SEGMENTS, { scheme: 'value_tier' })).segments.rows.map((x: Row) => x.segment);
    expect(tiers.filter((t: string) => ['drop', 'improve', 'maintain', 'vip', 'key'].includes(t))).toEqual(tiers); // model order
  });

  it('byMonth: twelve months by default, shares sum to 1 within each month', async () => {
    const r = (await ok(SEGMENTS, { scheme: 'quadrant', byMonth: true })).segments;
    const months = [...new Set(r.rows.map((x: Row) => x.month))];
    expect(months).toHaveLength(12);
    expect(months.at(-1)).toBe(latest);
    for (const m of months) close(sum(r.rows.filter((x: Row) => x.month === m).map((x: Row) => x.share)), 1);
  });

  it('agree with the generic metrics query (same road)', async () => {
    const seg = (await ok(SEGMENTS, { scheme: 'credit_list', filters: [{ dimension: 'brand', op: 'in', values: ['gotone'] }] })).segments.rows;
    const gen = (await ok(`query($q: MetricQuery!) { metrics(query: $q) { rows totals } }`, {
      q: { metrics: ['subscribers', 'churn_rate'], groupBy: ['credit_list'], filters: [{ dimension: 'brand', op: 'in', values: ['gotone'] }] },
    })).metrics;
    for (const x of seg) {
      const g = gen.rows.find((y: Row) => y.credit_list === x.segment);
      expect(x.subscribers).toBe(g.subscribers);
      expect(x.churnRate).toBe(g.churn_rate);
      close(x.share, g.subscribers / gen.totals.subscribers);
    }
  });

  it('migration: flows out of each segment add up to its size in `from`, flows in to its size in `to`', async () => {
    const from = addMonth(latest, -3);
    for (const scheme of ['value_tier', 'quadrant', 'rfm_cell', 'brand']) {
      for (const filters of [null, [{ dimension: 'brand', op: 'in', values: ['mzone', 'easyown'] }]]) {
        const m = (await ok(MIGRATION, { scheme, from, to: latest, filters })).segmentMigration;
        expect([m.fromMonth, m.toMonth]).toEqual([from, latest]);
        const sizeFrom = (await ok(SEGMENTS, { scheme, filters, timeRange: { from, to: from } })).segments.rows;
        const sizeTo = (await ok(SEGMENTS, { scheme, filters, timeRange: { from: latest, to: latest } })).segments.rows;
        for (const seg of sizeFrom) expect(sum(m.flows.filter((f: Row) => f.from === seg.segment).map((f: Row) => f.subscribers)), `${scheme} ${seg.segment}`).toBe(seg.subscribers);
        for (const seg of sizeTo) expect(sum(m.flows.filter((f: Row) => f.to === seg.segment).map((f: Row) => f.subscribers)), `${scheme} → ${seg.segment}`).toBe(seg.subscribers);
        expect(m.flows.some((f: Row) => f.from === 'new')).toBe(true);
        expect(m.flows.some((f: Row) => f.to === 'churned')).toBe(true);
        expect(m.flows.some((f: Row) => f.from === 'new' && f.to === 'churned')).toBe(false);
        if (scheme === 'brand') expect(m.flows.every((f: Row) => f.from === f.to || f.from === 'new' || f.to === 'churned')).toBe(true);
        if (scheme === 'value_tier' && !filters) kept.migration = { from, to: latest, flows: m.flows };
      }
    }
  });

  it('RFM heatmap: all 25 cells, shares of the month total', async () => {
    const h = (await ok(`{ rfmHeatmap { x y month sql cells { x y subscribers share } } }`)).rfmHeatmap;
    expect([h.x, h.y, h.month]).toEqual(['R', 'F', latest]);
    expect(h.cells).toHaveLength(25);
    expect(new Set(h.cells.map((c: Row) => `${c.x}${c.y}`)).size).toBe(25);
    close(sum(h.cells.map((c: Row) => c.share)), 1);
    expect(h.cells.some((c: Row) => c.subscribers === 0)).toBe(true); // zeros are filled, not dropped
    const total = sum((await ok(SEGMENTS, { scheme: 'brand' })).segments.rows.map((x: Row) => x.subscribers));
    expect(sum(h.cells.map((c: Row) => c.subscribers))).toBe(total);
    const fm = (await ok(`query($m: String) { rfmHeatmap(x: F, y: M, month: $m) { x y cells { x y subscribers } } }`, { m: addMonth(latest, -1) })).rfmHeatmap;
    expect(fm.cells).toHaveLength(25);
  });
});

describe('channels', () => {
  it('channelEfficiency: every contacts metric by channel (default) or any grouping', async () => {
    const r = (await ok(`{ channelEfficiency { columns { id type } rows totals sql from to timeDefaulted } }`)).channelEfficiency;
    const ids = r.columns.map((c: Row) => c.id);
    expect(ids).toEqual(['channel', 'contacts', 'reached_customers', 'conversions', 'conversion_rate', 'cost', 'cost_per_contact',
      'cost_per_conversion', 'channel_revenue', 'roi', 'avg_handle_time', 'first_contact_resolution', 'e_channel_share']);
    expect(r.rows.length).toBeGreaterThanOrEqual(10);
    for (const row of r.rows) {
      expect(row.conversion_rate).toBeGreaterThanOrEqual(0);
      expect(row.e_channel_share === 0 || row.e_channel_share === 1).toBe(true);
    }
    expect(sum(r.rows.map((x: Row) => x.contacts))).toBe(r.totals.contacts);
    const g = (await ok(`{ channelEfficiency(groupBy: ["purpose", "lifecycle_stage"], timeRange: { from: "${addMonth(latest, -2)}", to: "${latest}" }) { columns { id } rows } }`)).channelEfficiency;
    expect(g.columns.slice(0, 2).map((c: Row) => c.id)).toEqual(['purpose', 'lifecycle_stage']);
    // an empty grouping is one overall row: the by-channel totals
    const all = (await ok(`{ channelEfficiency(groupBy: []) { columns { id } rows } }`)).channelEfficiency;
    expect(all.columns[0].id).toBe('contacts');
    expect(all.rows).toEqual([r.totals]);
  });

  it('channelPreference: shares within each lifecycle stage sum to 1', async () => {
    const p = (await ok(`{ channelPreference(filters: [{ dimension: "brand", op: in, values: ["mzone"] }]) { from to sql cells { stage channel contacts share } } }`)).channelPreference;
    const stages = [...new Set(p.cells.map((c: Row) => c.stage))];
    expect(stages.length).toBeGreaterThanOrEqual(4);
    for (const st of stages) close(sum(p.cells.filter((c: Row) => c.stage === st).map((c: Row) => c.share)), 1);
    const eff = (await ok(`{ channelEfficiency(filters: [{ dimension: "brand", op: in, values: ["mzone"] }]) { totals } }`)).channelEfficiency;
    expect(sum(p.cells.map((c: Row) => c.contacts))).toBe(eff.totals.contacts);
  });

  it('campaignEffect: model lists beat random ones (lift > 2 for churn), retention only for churn', async () => {
    const q = `query($t: TimeRangeInput) { campaignEffect(timeRange: $t) { kind modelTargeted modelHitRate randomTargeted randomHitRate lift retentionSuccessRate } }`;
    const r = (await ok(q, { t: { from: addMonth(latest, -11), to: latest } })).campaignEffect;
    expect(r.map((x: Row) => x.kind)).toEqual(['churn', 'data_service']);
    const churn = r[0];
    expect(churn.lift).toBeGreaterThan(2);
    close(churn.lift, churn.modelHitRate / churn.randomHitRate);
    expect(churn.modelTargeted).toBeGreaterThanOrEqual(churn.randomTargeted); // equal on tiny demo cities (one of each per list)
    expect(churn.retentionSuccessRate).toBeGreaterThan(0);
    expect(churn.retentionSuccessRate).toBeLessThan(1);
    expect(r[1].lift).toBeGreaterThan(1);
    expect(r[1].retentionSuccessRate).toBeNull(); // no churn lists: 0 / 0 is null, not NaN
    const lastMonth = (await ok(q)).campaignEffect;
    expect(lastMonth[0].modelTargeted).toBeLessThan(churn.modelTargeted);
  });
});

describe('lifecycle', () => {
  it('survival: KM curves per group with bands, medians and the log-rank test', async () => {
    const r = (await ok(`{ survival(groupBy: ["brand"]) { confType asOf sql logRank { chisq df p }
      groups { key n medianLifetime points { tenure atRisk events censored survivalRate ciLow ciHigh } } } }`)).survival;
    expect(r.confType).toBe('log');
    expect(r.asOf).toBe(asOf);
    expect(r.groups.map((g: Row) => g.key.brand).sort()).toEqual(['easyown', 'gotone', 'mzone']);
    expect(r.logRank.df).toBe(2);
    expect(r.logRank.p).toBeLessThan(0.001); // brands churn very differently in the demo data
    for (const g of r.groups) {
      expect(g.n).toBe(sum(g.points.map((p: Row) => p.events + p.censored)));
      let prev = 1;
      for (const p of g.points) {
        expect(p.survivalRate).toBeLessThanOrEqual(prev);
        prev = p.survivalRate;
        if (p.ciLow !== null) expect(p.ciLow).toBeLessThanOrEqual(p.survivalRate);
        if (p.ciHigh !== null) expect(p.ciHigh).toBeGreaterThanOrEqual(p.survivalRate);
      }
    }
    const mzone = r.groups.find((g: Row) => g.key.brand === 'mzone');
    expect(mzone.medianLifetime).toBeGreaterThan(0);
    const ll = (await ok(`{ survival(confType: log_log, filters: [{ dimension: "contract_type", op: in, values: ["hard"] }]) { confType logRank { p } groups { key n points { survivalRate ciLow ciHigh } } } }`)).survival;
    expect(ll.confType).toBe('log_log');
    expect(ll.logRank).toBeNull();
    expect(ll.groups).toHaveLength(1);
    expect(ll.groups[0].key).toEqual({});
    const banded = ll.groups[0].points.filter((p: Row) => p.ciLow !== null);
    expect(banded.length).toBeGreaterThan(10);
    for (const p of banded) expect(p.ciLow <= p.survivalRate && p.survivalRate <= p.ciHigh).toBe(true); // R's log-log band brackets S
  });

  it('cohortRetention: month 0 is 100%, retained never grows with months since activation', async () => {
    const q = `query($f: [FilterInput!], $t: TimeRangeInput, $m: Int) { cohortRetention(filters: $f, timeRange: $t, maxMonths: $m) { sql cells { cohort monthsSince base retained rate } } }`;
    const r = (await ok(q)).cohortRetention;
    const cohorts = [...new Set(r.cells.map((c: Row) => c.cohort))];
    expect(cohorts).toHaveLength(25); // default: the as-of month and the 24 before it
    expect(cohorts.at(-1)).toBe(asOf.slice(0, 7));
    for (const c of cohorts) {
      const cells = r.cells.filter((x: Row) => x.cohort === c);
      expect(cells[0].monthsSince).toBe(0);
      expect(cells[0].rate).toBe(1);
      for (let i = 1; i < cells.length; i++) {
        expect(cells[i].monthsSince).toBe(i);
        expect(cells[i].retained).toBeLessThanOrEqual(cells[i - 1].retained);
        expect(cells[i].base).toBeLessThanOrEqual(cells[i - 1].base);
      }
      expect(cells.length).toBeLessThanOrEqual(25);
    }
    kept.cohorts = r.cells;
    const g = (await ok(q, { f: [{ dimension: 'brand', op: 'in', values: ['gotone'] }], t: { from: '2021-01', to: '2022-12' }, m: 36 })).cohortRetention;
    const gc: string[] = [...new Set<string>(g.cells.map((c: Row) => c.cohort))];
    expect(gc.length).toBeGreaterThan(15);
    expect(gc.every((c) => c >= '2021-01' && c <= '2022-12')).toBe(true);
    expect(Math.max(...g.cells.map((c: Row) => c.monthsSince))).toBe(36);
    kept.cohortsGotone = g.cells;
  });

  it('cohortRetention at k months is survival S(k − 1) of the same cohort (observed that long: no censoring before)', async () => {
    const cohort = addMonth(latest, -18);
    const ret = (await ok(`{ cohortRetention(timeRange: { from: "${cohort}", to: "${cohort}" }, maxMonths: 12) { cells { monthsSince rate } } }`)).cohortRetention.cells as Row[];
    const km = (await ok(`query($q: MetricQuery!) { metrics(query: $q) { rows } }`, { q: { metrics: ['survival_rate'], timeRange: { from: cohort, to: cohort } } })).metrics.rows as Row[];
    const S = (t: number) => { let s = 1; for (const p of km) if (p.tenure <= t) s = p.survival_rate; return s; }; // a step function between event times
    expect(ret).toHaveLength(13);
    for (const c of ret.filter((x) => x.monthsSince > 0)) close(c.rate, S(c.monthsSince - 1));
  });

  it('contractChurn: −6 … +6 per contract type, peaking at contract end (k = 0)', async () => {
    const r = (await ok(`{ contractChurn { sql points { contractType relativeMonth atRisk churned churnRate } } }`)).contractChurn;
    expect([...new Set(r.points.map((p: Row) => p.contractType))].sort()).toEqual(['hard', 'soft']);
    for (const type of ['hard', 'soft']) {
      const pts = r.points.filter((p: Row) => p.contractType === type);
      expect(pts.map((p: Row) => p.relativeMonth)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
      const peak = pts.reduce((a: Row, b: Row) => (b.churnRate > a.churnRate ? b : a));
      if (type === 'hard') expect(peak.relativeMonth).toBe(0);
      const at = (k: number) => pts.find((p: Row) => p.relativeMonth === k).churnRate;
      expect(at(0)).toBeGreaterThan(2 * at(-6));
      for (const p of pts) expect(p.churned).toBeLessThanOrEqual(p.atRisk);
    }
    kept.contract = r.points;
  });
});

describe('a month to date', () => {
  it('the current month ends on the as-of date in the answer (from the 1st to the as-of day), not on the month\'s last day', async () => {
    const m = (await ok(`query($q: MetricQuery!) { metrics(query: $q) { from to } }`, { q: { metrics: ['contacts', 'new_subscribers'], timeRange: { from: asOf.slice(0, 7), to: asOf.slice(0, 7) } } })).metrics;
    expect([m.from, m.to]).toEqual([`${asOf.slice(0, 7)}-01`, asOf]);
  });
});

describe('rows without an asked order follow the catalogue\'s order of members', () => {
  for (const [dim, metric, extra] of [
    ['value_tier', 'subscribers', {}], ['satisfaction_band', 'churn_rate', {}], ['lifecycle_stage', 'contacts', {}], ['age_band', 'arpu', {}],
    ['capability_dimension', 'capability_score', { filters: [{ dimension: 'capability_entity', op: 'in', values: ['telstra'] }] }],
    ['city', 'subscribers', { filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] }],
  ] as [string, string, Record<string, unknown>][]) {
    it(`${metric} by ${dim}`, async () => {
      const members = (await ok(`query($d: ID!) { members(dimension: $d) { id } }`, { d: dim })).members.map((m: Row) => m.id) as string[];
      const rows = (await ok(`query($q: MetricQuery!) { metrics(query: $q) { rows } }`, { q: { metrics: [metric], groupBy: [dim], ...extra } })).metrics.rows as Row[];
      const got = rows.map((r) => String(r[dim]));
      expect(got.length).toBeGreaterThan(2);
      expect(got).toEqual(members.filter((m) => got.includes(m)));
    });
  }
});

describe('a filter on a computed metric keeps the rows that pass it (the unfiltered answer, filtered here)', () => {
  const METRICS = `query($q: MetricQuery!) { metrics(query: $q) { rows } }`;
  /** the threshold: the middle of the unfiltered answer's distinct values, so the filter keeps some rows and drops some */
  const middle = (xs: number[]) => { const u = [...new Set(xs)].sort((a, b) => a - b); return u[Math.floor((u.length - 1) / 2)]; };
  const cases: [string, Record<string, unknown>, 'gt' | 'gte' | 'lt' | 'lte'][] = [
    ['median lifetime above the middle, by brand × contract type', { metrics: ['median_lifetime'], groupBy: ['brand', 'contract_type'] }, 'gt'],
    ['median lifetime at most the middle, by city', { metrics: ['median_lifetime'], groupBy: ['city'] }, 'lte'],
    ['survival below the middle, by brand', { metrics: ['survival_rate'], groupBy: ['brand'] }, 'lt'],
    ['capability score at least the middle, by entity', { metrics: ['capability_score'], groupBy: ['capability_entity'], filters: [{ dimension: 'capability_dimension', op: 'in', values: ['insight'] }] }, 'gte'],
  ];
  const CMP = { gt: (a: number, b: number) => a > b, gte: (a: number, b: number) => a >= b, lt: (a: number, b: number) => a < b, lte: (a: number, b: number) => a <= b };
  for (const [name, q, op] of cases) {
    it(name, async () => {
      const metric = (q.metrics as string[])[0];
      const all = (await ok(METRICS, { q })).metrics.rows as Row[];
      const x = middle(all.map((r) => r[metric]).filter((v): v is number => typeof v === 'number'));
      const kept = (await ok(METRICS, { q: { ...q, filters: [...((q.filters as unknown[]) ?? []), { dimension: metric, op, values: [String(x)] }] } })).metrics.rows as Row[];
      const expected = all.filter((r) => typeof r[metric] === 'number' && CMP[op](r[metric], x)); // a null never passes
      expect(expected.length, 'the filter keeps some rows').toBeGreaterThan(0);
      expect(expected.length, 'and drops some').toBeLessThan(all.length);
      expect(kept).toEqual(expected);
    });
  }
});

describe('bad input: BAD_USER_INPUT with a readable message, never INTERNAL_SERVER_ERROR', () => {
  const cases: [string, string, Record<string, unknown>, RegExp][] = [
    ['unknown scheme member in a filter', SEGMENTS, { scheme: 'value_tier', filters: [{ dimension: 'brand', op: 'in', values: ['nokia'] }] }, /unknown brand value "nokia"/],
    ['unknown scheme', `{ segments(scheme: colour) { rows { segment } } }`, {}, /colour/],
    ['unknown dimension in a filter', SEGMENTS, { scheme: 'brand', filters: [{ dimension: 'colour', op: 'in', values: ['red'] }] }, /unknown dimension "colour"/],
    ['impossible date', SEGMENTS, { scheme: 'brand', timeRange: { from: '2024-02-31', to: '2024-03' } }, /not a real calendar date/],
    ['bad asOf', `{ segments(scheme: brand, asOf: "2024-13-01") { rows { segment } } }`, {}, /2024-13-01/],
    ['bad migration month', MIGRATION, { scheme: 'value_tier', from: '2024-13', to: '2025-01' }, /from "2024-13" is not a month/],
    ['migration months reversed', MIGRATION, { scheme: 'value_tier', from: '2024-05', to: '2024-03' }, /must be a month before/],
    ['migration into the future', MIGRATION, { scheme: 'value_tier', from: '2024-05', to: '2099-01' }, /after the latest complete month/],
    ['migration filtered on a monthly segment', MIGRATION, { scheme: 'brand', from: '2024-05', to: '2024-08', filters: [{ dimension: 'value_tier', op: 'in', values: ['vip'] }] }, /changes from month to month/],
    ['heatmap on one axis twice', `{ rfmHeatmap(x: M, y: M) { month } }`, {}, /two different RFM scores/],
    ['unknown dimension in groupBy', `{ channelEfficiency(groupBy: ["colour"]) { rows } }`, {}, /unknown dimension "colour"/],
    ['dimension of another domain', `{ channelEfficiency(groupBy: ["contract_type"]) { rows } }`, {}, /does not apply/],
    ['metric id as a filter', `{ channelPreference(filters: [{ dimension: "no_such_metric", op: in, values: ["1"] }]) { cells { stage } } }`, {}, /unknown dimension "no_such_metric"/],
    ['campaign filter value', `{ campaignEffect(filters: [{ dimension: "list_type", op: in, values: ["lucky"] }]) { kind } }`, {}, /unknown list_type value/],
    ['survival by a contacts dimension', `{ survival(groupBy: ["channel"]) { asOf } }`, {}, /does not apply/],
    ['cohort months out of range', `{ cohortRetention(maxMonths: -1) { sql } }`, {}, /maxMonths/],
    ['cohort range in the wrong order', `{ cohortRetention(timeRange: { from: "2024-05", to: "2023-01" }) { sql } }`, {}, /is after/],
    ['unknown contract type', `{ contractChurn(filters: [{ dimension: "contract_type", op: in, values: ["weekly"] }]) { sql } }`, {}, /unknown contract_type value "weekly"/],
    ['no capability entity', `{ capabilityScores(entities: []) { node } }`, {}, /at least one entity/],
    ['unknown capability entity', `{ capabilityComparison(entities: ["acme"]) { dimension } }`, {}, /unknown capability_entity value "acme"/],
    ['heatmap of a month after the latest complete one', `{ rfmHeatmap(month: "2030-06") { month } }`, {}, /after the latest complete month/],
    ['a tenure beyond any integer', `{ metrics(query: { metrics: ["subscribers"], filters: [{ dimension: "tenure_months", op: gt, values: ["99999999999999999999"] }] }) { rows } }`, {}, /tenure_months.*whole number/],
    ['an assessment dated after the as-of date', `mutation { recordAssessment(input: { entity: "440300", assessedOn: "2099-11-01", scores: [{ node: "insight", score: 2 }] }) { entity } }`, {}, /assessedOn 2099-11-01 is in the future/],
    ['hostile string', SEGMENTS, { scheme: 'brand', filters: [{ dimension: 'city', op: 'in', values: ["' OR 1=1 --"] }] }, /unknown city value/],
  ];
  for (const [name, query, variables, re] of cases) {
    it(name, async () => {
      const r = await s.gql(query, variables);
      const e = r.body.errors?.[0];
      expect(e, JSON.stringify(r.body)).toBeDefined();
      expect(e!.extensions?.code, e!.message).toBe('BAD_USER_INPUT');
      expect(e!.message).toMatch(re);
      expect(JSON.stringify(r.body)).not.toMatch(/\bat .*\.ts:\d+|stacktrace|INTERNAL_SERVER_ERROR/i);
    });
  }
});

describe('independent recomputation from raw rows (server stopped, its data opened here)', () => {
  type Sub = { sub_id: number; brand: string; activated_on: string; churned_on: string | null; contract_type: string; contract_end: string | null };
  let subs: Sub[];

  beforeAll(async () => {
    expect(kept.cohorts && kept.contract && kept.migration && kept.cohortsGotone).toBeTruthy();
    await s.stop();
    reference = await Engine.open(loadConfig({ DATA_DIR: s.dataDir, NODE_ENV: 'test' }).engine);
    subs = await reference.query<Sub>(`SELECT sub_id, brand, toString(activated_on) AS activated_on, if(churned_on IS NULL, NULL, toString(churned_on)) AS churned_on,
      contract_type, if(contract_end IS NULL, NULL, toString(contract_end)) AS contract_end FROM ${reference.t('subscribers')}`);
    expect(subs.length).toBe(5000);
  });

  /** DOMAIN.md read directly: base = activated in the cohort and k whole months old by as-of; retained = no churn before month k was complete. */
  function retention(pick: (x: Sub) => boolean, fromMonth: string, toMonth: string, maxMonths: number) {
    const cells = new Map<string, { base: number; retained: number }>();
    for (const x of subs) {
      const cohort = x.activated_on.slice(0, 7);
      if (!pick(x) || x.activated_on > asOf || cohort < fromMonth || cohort > toMonth) continue;
      const age = tenure(x.activated_on, asOf);
      const churnedBy = x.churned_on && x.churned_on <= asOf ? tenure(x.activated_on, x.churned_on) : Infinity;
      for (let k = 0; k <= Math.min(age, maxMonths); k++) {
        const c = cells.get(`${cohort}|${k}`) ?? { base: 0, retained: 0 };
        c.base++;
        if (churnedBy >= k) c.retained++;
        cells.set(`${cohort}|${k}`, c);
      }
    }
    return [...cells.entries()].map(([key, c]) => {
      const [cohort, k] = key.split('|');
      return { cohort, monthsSince: +k, base: c.base, retained: c.retained, rate: c.retained / c.base };
    }).sort((a, b) => a.cohort.localeCompare(b.cohort) || a.monthsSince - b.monthsSince);
  }

  it('cohortRetention equals the row-by-row computation', () => {
    expect(kept.cohorts).toEqual(retention(() => true, addMonth(asOf.slice(0, 7), -24), asOf.slice(0, 7), 24));
    expect(kept.cohortsGotone).toEqual(retention((x) => x.brand === 'gotone', '2021-01', '2022-12', 36));
  });

  it('contractChurn equals the row-by-row computation', () => {
    const expected = contractChurnReference(subs, asOf).map(({ key, ...c }) => ({ ...c, churnRate: c.atRisk ? c.churned / c.atRisk : null }));
    expect(kept.contract).toEqual(expected);
  });

  it('the dataset\'s first month is the earliest month of the subscriber months (the rollup it is read from agrees)', async () => {
    const [r] = await reference!.query<{ m: string }>(`SELECT formatDateTime(min(month), '%Y-%m') AS m FROM ${reference!.t('subscriber_months')}`);
    expect(firstMonth).toMatch(/^\d{4}-\d{2}$/);
    expect(firstMonth).toBe(r.m);
  });

  it('segmentMigration equals pairing the two months row by row', async () => {
    const { from, to, flows } = kept.migration!;
    const rows = await reference!.query<{ sub_id: number; m: string; value_tier: string; is_churned: number }>(
      `SELECT sub_id, formatDateTime(month, '%Y-%m') AS m, value_tier, is_churned FROM ${reference!.t('subscriber_months')} WHERE month IN ({a:Date}, {b:Date})`,
      { a: `${from}-01`, b: `${to}-01` });
    const state = new Map<number, { from?: string; to?: string }>();
    for (const r of rows) {
      const st = state.get(r.sub_id) ?? {};
      if (!r.is_churned) st[r.m === from ? 'from' : 'to'] = r.value_tier;
      state.set(r.sub_id, st);
    }
    const counts = new Map<string, number>();
    for (const st of state.values()) {
      if (!st.from && !st.to) continue;
      const key = `${st.from ?? 'new'}>${st.to ?? 'churned'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(new Map(flows.map((f: Row) => [`${f.from}>${f.to}`, f.subscribers]))).toEqual(counts);
  });
});
