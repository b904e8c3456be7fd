/**
 * Cluster mode, queries (open issue: "the query builder's SQL runs unchanged on Distributed
 * tables"). The same generated demo rows are loaded twice into one embedded engine: once as
 * the single-node store (`crm`) and once split by sub_id across local shards behind
 * `Distributed` tables with the normal names (`crmc`, tests/helpers/cluster.ts: how shards
 * live in one process and what differs from a real cluster). Every query below is run the
 * production way (runMetricQuery, the domain services) against each store; the SQL issued
 * must be the same text but for the database name, and the answers equal: counts exactly,
 * everything else to 1e-9 (relative).
 *
 * Covered: every metric of the model; groupings by province, city, month, quarter,
 * value_tier, channel, brand and more; filters (in, not_in, ranged, HAVING), order and
 * limit; compare mom / yoy; several cubes joined in one query; the rollup path (base_monthly)
 * and the raw path (subscriber_months); survival_rate and median_lifetime by brand; the
 * cohort matrix, contract churn, segment migration, RFM heatmap and capability scores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilitySql } from '../../server/domains/capability/scores.ts';
import { channelPreference, campaignEffect } from '../../server/domains/channels/service.ts';
import { cohortRetention } from '../../server/domains/lifecycle/cohorts.ts';
import { contractChurn } from '../../server/domains/lifecycle/contract-churn.ts';
import { survivalCurves } from '../../server/domains/lifecycle/curves.ts';
import { rfmHeatmap, segmentMigration } from '../../server/domains/segments/service.ts';
import type { Engine } from '../../server/engine/engine.ts';
import { model } from '../../server/model/index.ts';
import { runMetricQuery, type QueryContext } from '../../server/query/execute.ts';
import { plan } from '../../server/query/plan.ts';
import { type MetricQuery, NATIONAL, type Scope } from '../../server/query/types.ts';
import { CLUSTER, CLUSTER_DB, type ClusterRig, openClusterRig } from '../helpers/cluster.ts';
import { TEST_AS_OF } from '../helpers/engine.ts';

const SHARDS = 3;
let rig: ClusterRig;
beforeAll(async () => {
  rig = await openClusterRig({ subscribers: 20_000, seed: 11, asOf: TEST_AS_OF, months: 24, shards: SHARDS });
});
afterAll(async () => { await rig?.close(); });

const ctx = (engine: Engine, scope: Scope = NATIONAL): QueryContext => ({ engine: withEngineText(engine), asOf: TEST_AS_OF, scope });
/** The engine, with the engine's own error text in a failure's message (AppError keeps it in details). */
function withEngineText(engine: Engine): Engine {
  return new Proxy(engine, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop !== 'query' || typeof v !== 'function') return typeof v === 'function' ? v.bind(target) : v;
      return async (...args: unknown[]) => {
        try {
          return await v.apply(target, args);
        } catch (e) {
          const engineText = (e as { details?: { engine?: string } }).details?.engine;
          throw engineText ? new Error(`${(e as Error).message} [${engine.db}] ${engineText}`, { cause: e }) : e;
        }
      };
    },
  });
}
/** The single-node SQL with the cluster store's database name: what the cluster run must have issued. */
const onCluster = (sql: string) => sql.replaceAll(/\bcrm\./g, `${CLUSTER_DB}.`);

const INTEGER_METRICS = new Set(model.metrics.filter((m) => m.format === 'integer').map((m) => m.id));
/** Counts (compared exactly): integer metrics and the count columns of survival rows and domain results. */
const INTEGER_COLUMNS = new Set([...INTEGER_METRICS, 'tenure', 'at_risk', 'events', 'censored', 'log_rank_df', 'df',
  'n', 'atRisk', 'churned', 'base', 'retained', 'monthsSince', 'relativeMonth', 'x', 'y', 'contacts', 'modelTargeted', 'randomTargeted']);
const isCount = (col: string) => INTEGER_COLUMNS.has(col.replace(/_prev$/, ''));

/** Deep equality with the numeric rule: integers exact, other numbers to 1e-9 relative. */
function expectSameValue(a: unknown, b: unknown, where: string, col = ''): void {
  if (a === null || a === undefined || b === null || b === undefined) {
    expect(b ?? null, `${where}: single ${String(a)} vs cluster ${String(b)}`).toBe(a ?? null);
    return;
  }
  if (Array.isArray(a)) {
    expect(Array.isArray(b), `${where}: array`).toBe(true);
    expect((b as unknown[]).length, `${where}: length`).toBe(a.length);
    a.forEach((x, i) => expectSameValue(x, (b as unknown[])[i], `${where}[${i}]`, col));
    return;
  }
  if (typeof a === 'object') {
    expect(typeof b, `${where}: object`).toBe('object');
    const ka = Object.keys(a as object).sort();
    expect(Object.keys(b as object).sort(), `${where}: keys`).toEqual(ka);
    for (const k of ka) expectSameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`, k);
    return;
  }
  if (typeof a === 'number' || (typeof a === 'string' && typeof b === 'number')) {
    const x = Number(a), y = Number(b);
    const msg = `${where}: single ${String(a)} vs cluster ${String(b)}`;
    if (isCount(col)) {
      expect(Number.isInteger(x), `${msg} (a count)`).toBe(true);
      expect(y, msg).toBe(x);
    } else {
      // relative: 1e-9 of the larger magnitude (sums over shards add in another order)
      expect(Math.abs(x - y), msg).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(x), Math.abs(y)));
    }
    return;
  }
  expect(b, `${where}`).toEqual(a);
}

/** Rows matched by their key columns (grouping keys), not by position. */
function expectSameRows(single: Record<string, unknown>[], cluster: Record<string, unknown>[], keys: string[], where: string): void {
  expect(cluster.length, `${where}: row count`).toBe(single.length);
  const key = (r: Record<string, unknown>) => keys.map((k) => String(r[k])).join('|');
  // same order too (ORDER BY / LIMIT are applied after the shards' results are merged)
  expect(cluster.map(key), `${where}: row order`).toEqual(single.map(key));
  const byKey = new Map(cluster.map((r) => [key(r), r]));
  expect(byKey.size, `${where}: distinct keys`).toBe(cluster.length);
  for (const r of single) {
    const c = byKey.get(key(r));
    expect(c, `${where}: [${key(r)}] missing on the cluster`).toBeDefined();
    expectSameValue(r, c, `${where} [${key(r)}]`);
  }
}

const GD = { dimension: 'province', op: 'in' as const, values: ['440000'] };
const SHENZHEN: Scope = { level: 'city', province: '440000', city: '440300' };
const GUANGDONG: Scope = { level: 'province', province: '440000' };
const BASE = model.metrics.filter((m) => m.cube === 'base').map((m) => m.id);
const CONTACTS = model.metrics.filter((m) => m.cube === 'contacts').map((m) => m.id);
const CAMPAIGNS = model.metrics.filter((m) => m.cube === 'campaigns').map((m) => m.id);

interface Case { name: string; q: MetricQuery; scope?: Scope; reads?: string[] }
const CASES: Case[] = [
  // base cube: the rollup path (base_monthly) …
  { name: 'base, national, default month', q: { metrics: BASE }, reads: ['base_monthly'] },
  { name: 'base by province', q: { metrics: BASE, groupBy: ['province'], timeRange: { from: '2025-01', to: '2025-04' } }, reads: ['base_monthly'] },
  { name: 'base by city × month, Guangdong', q: { metrics: BASE, groupBy: ['city', 'month'], filters: [GD], timeRange: { from: '2025-01', to: '2025-04' } }, reads: ['base_monthly'] },
  { name: 'base by value tier, brand not_in', q: { metrics: BASE, groupBy: ['value_tier'], filters: [{ dimension: 'brand', op: 'not_in', values: ['mzone'] }] }, reads: ['base_monthly'] },
  { name: 'base by brand × quarter, range cut mid-quarter', q: { metrics: BASE, groupBy: ['brand', 'quarter'], timeRange: { from: '2024-11', to: '2025-04' } }, reads: ['base_monthly'] },
  { name: 'base compare mom, Guangdong', q: { metrics: BASE, filters: [GD], compare: 'mom' }, reads: ['base_monthly'] },
  { name: 'base compare yoy by month × brand', q: { metrics: BASE, groupBy: ['month', 'brand'], timeRange: { from: '2025-01', to: '2025-05' }, compare: 'yoy' }, reads: ['base_monthly'] },
  { name: 'base having, order, limit', q: { metrics: ['subscribers', 'churn_rate'], groupBy: ['city'], filters: [{ dimension: 'subscribers', op: 'gte', values: ['30'] }], orderBy: { metric: 'subscribers', direction: 'desc' }, limit: 15 }, reads: ['base_monthly'] },
  { name: 'base, city viewer', q: { metrics: BASE, groupBy: ['sub_segment', 'month'], timeRange: { from: '2025-01', to: '2025-03' } }, scope: SHENZHEN, reads: ['base_monthly'] },
  // … and the raw path (subscriber_months)
  { name: 'base by age band (raw)', q: { metrics: BASE, groupBy: ['age_band'], timeRange: { from: '2025-01', to: '2025-03' } }, reads: ['subscriber_months'] },
  { name: 'base by acquisition channel × month, Guangdong (raw)', q: { metrics: BASE, groupBy: ['acquisition_channel', 'month'], filters: [GD], timeRange: { from: '2024-12', to: '2025-03' } }, reads: ['subscriber_months'] },
  { name: 'base by RFM cell, tenure ≥ 12 (raw)', q: { metrics: ['subscribers', 'arpu', 'revenue'], groupBy: ['rfm_cell'], filters: [{ dimension: 'tenure_months', op: 'gte', values: ['12'] }] }, reads: ['subscriber_months'] },
  { name: 'base compare yoy by value tier, credit list filter (raw)', q: { metrics: BASE, groupBy: ['value_tier'], filters: [{ dimension: 'credit_list', op: 'in', values: ['none', 'red'] }], compare: 'yoy' }, reads: ['subscriber_months'] },
  { name: 'base compare mom by gender × month (raw)', q: { metrics: BASE, groupBy: ['gender', 'month'], timeRange: { from: '2025-02', to: '2025-05' }, compare: 'mom' }, scope: GUANGDONG, reads: ['subscriber_months'] },
  // contacts
  { name: 'contacts, national, default month', q: { metrics: CONTACTS }, reads: ['contacts'] },
  { name: 'contacts by channel', q: { metrics: CONTACTS, groupBy: ['channel'], timeRange: { from: '2025-01', to: '2025-05' } }, reads: ['contacts'] },
  { name: 'contacts by channel × month, Guangdong', q: { metrics: CONTACTS, groupBy: ['channel', 'month'], filters: [GD], timeRange: { from: '2025-01', to: '2025-04' } }, reads: ['contacts'] },
  { name: 'contacts by value tier × brand, purpose filter', q: { metrics: CONTACTS, groupBy: ['value_tier', 'brand'], filters: [{ dimension: 'purpose', op: 'in', values: ['marketing', 'retention'] }] }, reads: ['contacts'] },
  { name: 'contacts by day, one month', q: { metrics: ['contacts', 'reached_customers', 'conversion_rate'], groupBy: ['day'], timeRange: { from: '2025-04', to: '2025-04' } }, reads: ['contacts'] },
  { name: 'contacts by city compare mom', q: { metrics: CONTACTS, groupBy: ['city'], filters: [GD], compare: 'mom' }, reads: ['contacts'] },
  { name: 'contacts by channel class compare yoy by quarter', q: { metrics: CONTACTS, groupBy: ['channel_class', 'quarter'], timeRange: { from: '2024-10', to: '2025-03' }, compare: 'yoy' }, reads: ['contacts'] },
  { name: 'reached customers by province, order and limit', q: { metrics: ['reached_customers', 'contacts'], groupBy: ['province'], orderBy: { metric: 'reached_customers', direction: 'desc' }, limit: 10 }, reads: ['contacts'] },
  { name: 'channel rollup by subscriber: lifecycle stage × channel, Guangdong, brand gotone', q: { metrics: CONTACTS.filter((id) => id !== 'reached_customers'), groupBy: ['lifecycle_stage', 'channel'], filters: [GD, { dimension: 'brand', op: 'in', values: ['gotone'] }] }, reads: ['contacts_monthly_subscriber'] },
  { name: 'channel rollup: lifecycle stage × channel, Guangdong, by day', q: { metrics: CONTACTS.filter((id) => id !== 'reached_customers'), groupBy: ['lifecycle_stage', 'channel', 'day'], filters: [GD], timeRange: { from: '2025-04', to: '2025-04' } }, reads: ['contacts_daily'] },
  { name: 'monthly channel rollup: efficiency by channel without reach, a quarter', q: { metrics: CONTACTS.filter((id) => id !== 'reached_customers'), groupBy: ['channel'], filters: [GD], timeRange: { from: '2025-01', to: '2025-03' } }, reads: ['contacts_monthly'] },
  { name: 'channel rollup: channel class by day, compare mom', q: { metrics: ['contacts', 'conversion_rate', 'e_channel_share'], groupBy: ['channel_class', 'day'], timeRange: { from: '2025-04', to: '2025-04' }, compare: 'mom' }, reads: ['contacts_daily'] },
  // campaigns
  { name: 'campaigns by kind × list type', q: { metrics: CAMPAIGNS.filter((id) => !model.metric(id)!.notBy?.list_type), groupBy: ['campaign_kind', 'list_type'], timeRange: { from: '2024-07', to: '2025-05' } }, reads: ['campaigns'] },
  { name: 'campaigns by province × month', q: { metrics: CAMPAIGNS, groupBy: ['province', 'month'], timeRange: { from: '2025-01', to: '2025-05' } }, reads: ['campaigns'] },
  { name: 'campaigns by city compare mom', q: { metrics: CAMPAIGNS, groupBy: ['city'], filters: [GD], compare: 'mom' }, reads: ['campaigns'] },
  // several cubes in one query (FULL OUTER / CROSS JOIN of per-cube sub-queries)
  { name: 'base × contacts × campaigns by province', q: { metrics: ['subscribers', 'arpu', 'contacts', 'reached_customers', 'campaign_lift'], groupBy: ['province'], timeRange: { from: '2025-01', to: '2025-03' } }, reads: ['base_monthly', 'campaigns', 'contacts'] },
  { name: 'base × contacts by brand × month, customer type filter, compare mom', q: { metrics: ['churn_rate', 'cost_per_conversion'], groupBy: ['brand', 'month'], filters: [{ dimension: 'customer_type', op: 'in', values: ['public_individual'] }], timeRange: { from: '2025-02', to: '2025-04' }, compare: 'mom' }, reads: ['base_monthly', 'contacts_monthly_subscriber'] },
  { name: 'base × contacts, no grouping, compare yoy', q: { metrics: ['revenue', 'channel_revenue', 'roi'], compare: 'yoy' }, scope: GUANGDONG, reads: ['base_monthly', 'contacts_monthly'] },
  // survival (dedicated executor over subscribers)
  { name: 'survival_rate and median_lifetime by brand', q: { metrics: ['survival_rate', 'median_lifetime'], groupBy: ['brand'] }, reads: ['subscribers'] },
  { name: 'median lifetime by contract type, cohort range, Guangdong', q: { metrics: ['median_lifetime'], groupBy: ['contract_type'], filters: [GD], timeRange: { from: '2020-01', to: '2024-12' } }, reads: ['subscribers'] },
  { name: 'survival_rate, city viewer, sub-segment filter', q: { metrics: ['survival_rate'], filters: [{ dimension: 'sub_segment', op: 'not_in', values: ['young'] }] }, scope: SHENZHEN, reads: ['subscribers'] },
];

/** A result row's key: its groupings, and the tenure month of a survival curve point. */
const keysOf = (q: MetricQuery) => [...(q.groupBy ?? []), ...(q.metrics.includes('survival_rate') ? ['tenure'] : [])];
const tablesRead = (sqls: string[]) => [...new Set(sqls.flatMap((s) => [...s.matchAll(/FROM crm\.(\w+)/g)].map((m) => m[1])))].sort();

describe('cluster store: Distributed tables over local shards', () => {
  it('holds the single-node rows, each subscriber\'s rows on one shard', async () => {
    const { single, cluster } = rig;
    const [c] = await single.query<{ n: number }>(`SELECT count() AS n FROM system.tables WHERE database = '${CLUSTER_DB}' AND engine = 'Distributed'`);
    expect(Number(c.n)).toBe(rig.tables.length);
    for (const { name, key } of rig.tables) {
      const [a] = await single.query<{ n: number }>(`SELECT count() AS n FROM ${single.t(name)}`);
      const perShard = await cluster.query<{ s: number; n: number }>(`SELECT _shard_num AS s, count() AS n FROM ${cluster.t(name)} GROUP BY s ORDER BY s`);
      expect(perShard.reduce((x, r) => x + Number(r.n), 0), `${name}: rows`).toBe(Number(a.n));
      if (Number(a.n) > 100) expect(perShard.length, `${name}: spread over every shard`).toBe(rig.shards);
      if (key === 'sub_id') {
        const [bad] = await cluster.query<{ n: number }>(`SELECT countIf(_shard_num != sub_id % ${rig.shards} + 1) AS n FROM ${cluster.t(name)}`);
        expect(Number(bad.n), `${name}: rows off their subscriber's shard`).toBe(0);
      }
    }
    // outside a distributed read the shards' routing views are empty (no row reaches a query twice)
    const [v] = await single.query<{ n: number }>(`SELECT count() AS n FROM ${CLUSTER_DB}.subscribers_local`);
    expect(Number(v.n)).toBe(0);
  });

  it('covers every metric of the model', () => {
    const asked = new Set([...CASES.flatMap((c) => c.q.metrics), 'capability_score']);
    expect(model.metrics.map((m) => m.id).filter((id) => !asked.has(id))).toEqual([]);
  });
});

/**
 * The single store as a cluster reads it: without the contacts cube's sets (a cluster reads
 * contacts for reach, execute.ts), so both issue the same SQL. The sets are compared with
 * the Distributed tables' answers below, and with the raw pass in reach.test.ts.
 */
const withoutSets = (engine: Engine): Engine => new Proxy(engine, { get: (t, prop) => (prop === 'cluster' ? CLUSTER : Reflect.get(t, prop)) });

describe('metric queries: same SQL, same answers on Distributed tables', () => {
  it('reach from the single store\'s sets equals reach read from contacts on the Distributed tables', async () => {
    for (const q of [
      { metrics: ['reached_customers', 'contacts'], groupBy: ['channel'], filters: [GD], timeRange: { from: '2024-06', to: '2025-05' } },
      { metrics: ['reached_customers'], groupBy: ['province'], timeRange: { from: '2025-01', to: '2025-03' } },
      { metrics: ['reached_customers'], groupBy: ['city'], filters: [GD], compare: 'mom' },
    ] as MetricQuery[]) {
      const a = await runMetricQuery(q, ctx(rig.single));
      expect(tablesRead(a.sql.slice(0, 1))).toContain('contact_reach');
      const b = await runMetricQuery(q, ctx(rig.cluster));
      expectSameRows(a.rows, b.rows, q.groupBy ?? [], JSON.stringify(q));
      expectSameValue(a.totals, b.totals, `${JSON.stringify(q)} totals`);
    }
  });
  for (const c of CASES) {
    it(c.name, async () => {
      const a = await runMetricQuery(c.q, ctx(withoutSets(rig.single), c.scope));
      const b = await runMetricQuery(c.q, ctx(rig.cluster, c.scope));
      expect(b.sql).toEqual(a.sql.map(onCluster));
      if (c.reads) expect(tablesRead(a.sql.slice(0, 1))).toEqual([...c.reads].sort());
      expect(a.rows.length, 'the single-node answer is not empty').toBeGreaterThan(0);
      expectSameRows(a.rows, b.rows, keysOf(c.q), c.name);
      expectSameValue(a.totals, b.totals, `${c.name} totals`);
    });
  }
});

describe('domain executors: same SQL, same answers on Distributed tables', () => {
  const both = async <T extends { sql: string }>(f: (x: QueryContext) => Promise<T>, scope: Scope = NATIONAL) => {
    const a = await f(ctx(rig.single, scope));
    const b = await f(ctx(rig.cluster, scope));
    expect(b.sql).toBe(onCluster(a.sql));
    return [a, b] as const;
  };

  it('survival curves by brand (log-rank included)', async () => {
    const [a, b] = await both((x) => survivalCurves({ groupBy: ['brand'], filters: [] }, x));
    expect(a.groups.length).toBe(3);
    expectSameValue(a, { ...b, sql: a.sql }, 'survival curves');
  });

  it('cohort retention matrix', async () => {
    const [a, b] = await both((x) => cohortRetention({ filters: [GD], maxMonths: 12 }, x));
    expect(a.cells.length).toBeGreaterThan(0);
    expectSameValue(a.cells, b.cells, 'cohorts');
  });

  it('churn around contract end', async () => {
    const [a, b] = await both((x) => contractChurn({ filters: [] }, x));
    expect(a.points.length).toBeGreaterThan(0);
    expectSameValue(a.points, b.points, 'contract churn');
  });

  it('segment migration between two months (join on sub_id)', async () => {
    const [a, b] = await both((x) => segmentMigration({ scheme: 'value_tier', from: '2024-12', to: '2025-05', filters: [] }, x));
    expect(a.flows.length).toBeGreaterThan(0);
    expectSameValue(a.flows, b.flows, 'migration');
  });

  it('RFM heatmap', async () => {
    const [a, b] = await both((x) => rfmHeatmap({ x: 'R', y: 'M', filters: [] }, x), GUANGDONG);
    expectSameValue(a.cells, b.cells, 'rfm');
  });

  it('channel preference and campaign effect', async () => {
    const pa = await channelPreference({ filters: [] }, ctx(rig.single));
    const pb = await channelPreference({ filters: [] }, ctx(rig.cluster));
    expectSameValue(JSON.parse(JSON.stringify(pa).replaceAll('crm.', `${CLUSTER_DB}.`)), pb, 'channel preference');
    const ea = await campaignEffect({ filters: [] }, ctx(rig.single));
    const eb = await campaignEffect({ filters: [] }, ctx(rig.cluster));
    expectSameValue(JSON.parse(JSON.stringify(ea).replaceAll('crm.', `${CLUSTER_DB}.`)), eb, 'campaign effect');
  });
});

/**
 * capability_score (server/domains/capability/scores.ts, latestScoresSql) picks each entity's
 * latest assessment with `(entity, assessed_on) GLOBAL IN (SELECT entity, max(assessed_on) FROM
 * capability_scores …)`. A plain IN over a Distributed table inside a query on a Distributed
 * table is refused (distributed_product_mode = 'deny'); this test found that. The other way
 * out, distributed_product_mode = 'local', gives wrong answers: each shard would take the
 * latest assessment among its own rows.
 */
describe('capability_score on Distributed tables', () => {
  const Q: MetricQuery = { metrics: ['capability_score'], groupBy: ['capability_entity', 'capability_dimension'] };
  const ENTITY = 'telstra';
  const LATER = '2025-03-31';

  beforeAll(async () => {
    // a newer assessment of one carrier, in both stores; on the cluster all its rows landed on
    // shard 1 (rand() may place a five-row insert so), the 2003 rows are spread over the shards
    const newer = (into: string) => `INSERT INTO ${into}
      SELECT entity, toDate('${LATER}') AS assessed_on, level, node, dimension, if(isNull(score), NULL, least(4, score + 1)) AS score,
        note, source, 'cluster test' AS comment, toDateTime64('${LATER} 12:00:00', 3) AS recorded_at, 'test' AS recorded_by
      FROM crm.capability_scores WHERE entity = '${ENTITY}'`;
    await rig.cluster.command(newer(`${CLUSTER_DB}_s1.capability_scores_local`));
    await rig.single.command(newer('crm.capability_scores'));
    const [n] = await rig.cluster.query<{ shards: number }>(`SELECT uniqExact(_shard_num) AS shards FROM ${CLUSTER_DB}.capability_scores WHERE entity = '${ENTITY}'`);
    expect(Number(n.shards)).toBeGreaterThan(1);
  });

  it('GLOBAL IN gives the single-node answers, a newer assessment included; distributed_product_mode = local would not', async () => {
    const a = await runMetricQuery(Q, ctx(rig.single));
    expect(a.rows.find((r) => r.capability_entity === ENTITY)?.assessed_on).toBe(LATER);
    const b = await runMetricQuery(Q, { engine: rig.cluster, asOf: TEST_AS_OF, scope: NATIONAL });
    expectSameRows(a.rows, b.rows, ['capability_entity', 'capability_dimension'], 'capability');
    const p = plan(Q, { asOf: TEST_AS_OF, scope: NATIONAL });
    const single = capabilitySql(p, rig.single.db, null);
    const built = capabilitySql(p, rig.cluster.db, null);
    expect(built.sql).toBe(onCluster(single.sql));
    expect(built.sql).toContain(') GLOBAL IN (');
    const plainIn = built.sql.replace(') GLOBAL IN (', ') IN (');
    try {
      const local = await rig.cluster.query(plainIn, built.params, { settings: { distributed_product_mode: 'local' } });
      // shards without the newer assessment answer with the 2003 scores, averaged in with the new ones
      const score = (rows: Record<string, unknown>[], dim: unknown) => rows.find((r) => r.capability_entity === ENTITY && r.capability_dimension === dim)?.capability_score;
      const mixed = a.rows.filter((r) => r.capability_entity === ENTITY && r.capability_score !== null && score(local, r.capability_dimension) !== r.capability_score);
      expect(mixed.length, 'dimensions of the newer assessment answered wrongly under distributed_product_mode = local').toBeGreaterThan(0);
    } finally {
      // chDB keeps a call's settings in its session: put the default back
      await rig.cluster.query('SELECT 1', {}, { settings: { distributed_product_mode: 'deny' } });
    }
  });
});
