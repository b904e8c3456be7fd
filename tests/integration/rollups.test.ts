/**
 * The rollups (issue 7, "Pre-aggregations": monthly segment metrics in base_monthly, daily
 * channel metrics in contacts_monthly, contacts_monthly_subscriber and contacts_daily): for every metric with rollup SQL and every shape of
 * query a rollup covers, the rollup path gives what the raw path gives — counts exactly,
 * sums and ratios to 1e-9 (relative) — each path forced and the table it reads checked.
 * A query a rollup does not cover reads the raw table. After CSV imports (a new month, a
 * back-filled month, a move finished by a restart, contacts) each rollup is still in step
 * with its table, a store that predates a rollup gets it at start-up, and the scratch table
 * of a rebuild killed half-way is dropped at start-up.
 */
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStore } from '../../seeds/bootstrap.ts';
import { ROLLUP_CUBES, missingRollupMonths } from '../../seeds/rollup.ts';
import { ImportService } from '../../server/domains/import/service.ts';
import type { Viewer } from '../../server/http/context.ts';
import { model, type CubeId } from '../../server/model/index.ts';
import { runMetricQuery } from '../../server/query/execute.ts';
import { plan } from '../../server/query/plan.ts';
import { buildSql } from '../../server/query/sql.ts';
import { NATIONAL, type MetricQuery, type Scope } from '../../server/query/types.ts';
import { freshEngine, spyCommands } from '../helpers/engine.ts';

let t: Awaited<ReturnType<typeof freshEngine>>;
beforeAll(async () => { t = await freshEngine({ subscribers: 6000, months: 24 }); });
afterAll(async () => { await t?.close(); });

const cube = model.cube('base');
const rollup = cube.rollups![0];
const BASE_METRICS = model.metrics.filter((m) => m.cube === 'base').map((m) => m.id);
/** the metrics of a cube that its rollup can answer */
const rolledMetrics = (id: CubeId) => model.metrics.filter((m) => m.cube === id && m.rollupSql).map((m) => m.id);
const COUNTS = new Set(model.metrics.filter((m) => m.format === 'integer').map((m) => m.id));
const GD = { dimension: 'province', op: 'in' as const, values: ['440000'] };
const SHENZHEN: Scope = { level: 'city', province: '440000', city: '440300' };

/**
 * `via`: the rollup a forced rollup path reads (default: the cube's first); for contacts
 * cases, [with every contacts metric, without reached customers] — null: none covers it.
 */
interface Case { name: string; q: Omit<MetricQuery, 'metrics'>; scope?: Scope; cube?: CubeId; via?: (string | null)[]; sets?: boolean }
/** Shapes the rollup covers: groupings, filters, grains, ranges, compare, scope, having, limit. */
const COVERED: Case[] = [
  { name: 'national, default month', q: {} },
  { name: 'Guangdong by month, default 12 months', q: { groupBy: ['month'], filters: [GD] } },
  { name: 'by province', q: { groupBy: ['province'], timeRange: { from: '2025-01', to: '2025-04' } } },
  { name: 'Guangdong cities × month', q: { groupBy: ['city', 'month'], filters: [GD], timeRange: { from: '2025-01', to: '2025-04' } } },
  { name: 'value tier, Guangdong', q: { groupBy: ['value_tier'], filters: [GD] } },
  { name: 'brand × sub-segment', q: { groupBy: ['brand', 'sub_segment'], timeRange: { from: '2024-10', to: '2025-03' } } },
  { name: 'quadrant × contract type, customer type not_in', q: { groupBy: ['quadrant', 'contract_type'], filters: [{ dimension: 'customer_type', op: 'not_in', values: ['key_org', 'public_org'] }] } },
  { name: 'by quarter, range cut mid-quarter', q: { groupBy: ['quarter'], timeRange: { from: '2024-11', to: '2025-04' } } },
  { name: 'by year', q: { groupBy: ['year', 'brand'], timeRange: { from: '2023-07', to: '2025-05' } } },
  { name: 'whole months given as days, by month', q: { groupBy: ['month'], timeRange: { from: '2025-02-01', to: '2025-03-31' } } },
  { name: 'range past as-of (stock read at as-of)', q: { groupBy: ['customer_type'], timeRange: { from: '2025-01', to: '2025-12' } } },
  { name: 'compare mom, Guangdong', q: { filters: [GD], compare: 'mom' } },
  { name: 'compare yoy by month × brand', q: { groupBy: ['month', 'brand'], timeRange: { from: '2025-01', to: '2025-05' }, compare: 'yoy' } },
  { name: 'compare mom by quarter', q: { groupBy: ['quarter', 'value_tier'], timeRange: { from: '2024-07', to: '2025-03' }, compare: 'mom' } },
  { name: 'city viewer (scope filter on city)', q: { groupBy: ['sub_segment', 'month'], timeRange: { from: '2025-01', to: '2025-03' } }, scope: SHENZHEN },
  { name: 'having, order and limit', q: { groupBy: ['city'], filters: [{ dimension: 'subscribers', op: 'gte', values: ['40'] }], orderBy: { metric: 'subscribers', direction: 'desc' }, limit: 7 } },
  { name: 'a range with no rows', q: { groupBy: ['brand'], timeRange: { from: '2012-01', to: '2012-03' } } },
];

const reads = (sql: string) => [...new Set([...sql.matchAll(/FROM crm\.(\w+)/g)].map((m) => m[1]))];

/** Runs one query on the forced path; checks which table it read. */
async function on(source: 'raw' | 'rollup', q: MetricQuery, scope: Scope = NATIONAL, totals = false, via?: string) {
  const p = plan(q, { asOf: t.dataset.asOf, scope });
  const built = buildSql(p, t.engine.db, { source, totals });
  const read = p.parts[0].cube;
  // the totals group by nothing: a coarser rollup may answer them
  const allowed = source === 'raw' ? [read.table] : totals ? read.rollups!.map((r) => r.table) : [via ?? read.rollups![0].table];
  const [table, ...more] = reads(built.sql);
  expect(more, `${source} reads one table`).toEqual([]);
  expect(allowed, `${source} reads ${table}`).toContain(table);
  return t.engine.query<Record<string, unknown>>(built.sql, built.params);
}

function expectSame(raw: Record<string, unknown>[], rolled: Record<string, unknown>[], keys: string[], where: string) {
  expect(rolled.length, `${where}: row count`).toBe(raw.length);
  const key = (r: Record<string, unknown>) => keys.map((k) => String(r[k])).join('|');
  const byKey = new Map(rolled.map((r) => [key(r), r]));
  for (const a of raw) {
    const b = byKey.get(key(a));
    expect(b, `${where}: ${key(a)} missing on the rollup path`).toBeDefined();
    for (const col of Object.keys(a)) {
      if (keys.includes(col)) continue;
      const x = a[col] === null ? null : Number(a[col]);
      const y = b![col] === null || b![col] === undefined ? null : Number(b![col]);
      const msg = `${where} [${key(a)}] ${col}: raw ${String(a[col])} vs rollup ${String(b![col])}`;
      if (x === null) { expect(y, msg).toBeNull(); continue; }
      expect(y, msg).not.toBeNull();
      if (COUNTS.has(col.replace(/_prev$/, ''))) expect(y, msg).toBe(x);
      else expect(Math.abs(y! - x), msg).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x)));
    }
  }
}

async function comparePaths(c: Case, metrics = rolledMetrics(c.cube ?? 'base'), via = c.via?.[0] ?? undefined) {
  const q = { ...c.q, metrics };
  const p = plan(q, { asOf: t.dataset.asOf, scope: c.scope ?? NATIONAL });
  const keys = [...p.dims, ...(p.grain ? [p.grain] : [])];
  const raw = await on('raw', q, c.scope);
  expectSame(raw, await on('rollup', q, c.scope, false, via), keys, c.name);
  if (keys.length) expectSame(await on('raw', q, c.scope, true), await on('rollup', q, c.scope, true, via), [], `${c.name} (totals)`);
  return raw;
}

const CONTACTS_ALL = model.metrics.filter((m) => m.cube === 'contacts').map((m) => m.id);
const CONTACTS_NO_REACH = CONTACTS_ALL.filter((id) => id !== 'reached_customers');
/** A contacts case both ways: every metric (through `via[0]`, or no rollup covers it), and all but reach (through `via[1]`). */
async function compareContacts(c: Case) {
  const [all, noReach] = c.via!;
  if (all) await comparePaths(c, CONTACTS_ALL, all);
  else expect(() => buildSql(plan({ ...c.q, metrics: CONTACTS_ALL }, { asOf: t.dataset.asOf, scope: c.scope ?? NATIONAL }), 'crm', { source: 'rollup' }), c.name).toThrow(/no rollup/);
  return comparePaths(c, CONTACTS_NO_REACH, noReach!);
}

describe('the rollup tables are what the model says', () => {
  it('the base and the contacts cube have one', () => { expect(ROLLUP_CUBES).toEqual(['base', 'contacts']); });
  it('columns: the time column, the rollup dimensions, the measures', async () => {
    for (const id of ROLLUP_CUBES) {
      const { time, rollups } = model.cube(id);
      for (const r of rollups!) {
        const cols = await t.engine.query<{ name: string }>(`SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String} ORDER BY position`, { db: t.engine.db, t: r.table });
        expect(cols.map((c) => c.name), r.table).toEqual([time!.column, ...Object.values(r.dimensions), ...Object.keys(r.measures)]);
      }
    }
  });
  // (how much smaller it is depends on scale: 6000 subscribers over 337 cities barely repeat a
  // combination; at 10M a month is 29× smaller — see cubes.ts)
  it('counts every subscriber-month once', async () => {
    const [r] = await t.engine.query<{ raw: number; rolled: number; sm: number }>(`SELECT
      (SELECT count() FROM ${t.engine.t(cube.table)}) AS raw, (SELECT count() FROM ${t.engine.t(rollup.table)}) AS rolled,
      (SELECT sum(sub_months) FROM ${t.engine.t(rollup.table)}) AS sm`);
    expect(Number(r.sm)).toBe(Number(r.raw));
    expect(Number(r.rolled)).toBeLessThanOrEqual(Number(r.raw));
  });
  it('counts every contact once, in each channel rollup', async () => {
    const [r] = await t.engine.query<{ raw: number; daily: number; sub: number; monthly: number; n: number; s: number; m: number }>(`SELECT
      (SELECT count() FROM ${t.engine.t('contacts')}) AS raw, (SELECT count() FROM ${t.engine.t('contacts_daily')}) AS daily,
      (SELECT count() FROM ${t.engine.t('contacts_monthly_subscriber')}) AS sub, (SELECT count() FROM ${t.engine.t('contacts_monthly')}) AS monthly,
      (SELECT sum(contacts) FROM ${t.engine.t('contacts_daily')}) AS n, (SELECT sum(contacts) FROM ${t.engine.t('contacts_monthly_subscriber')}) AS s,
      (SELECT sum(contacts) FROM ${t.engine.t('contacts_monthly')}) AS m`);
    expect(Number(r.raw)).toBeGreaterThan(1000);
    for (const sum of [r.n, r.s, r.m]) expect(Number(sum)).toBe(Number(r.raw));
    expect(Number(r.monthly)).toBeLessThan(Number(r.sub));
  });
});

const FJ = { dimension: 'province', op: 'in' as const, values: ['350000'] };
/**
 * Shapes the channel rollups cover (the cube's time column is the day): the monthly one
 * (region × channel) for whole months, the daily one (more dimensions) for the rest. Reach is
 * on neither; `sets`: the contacts cube's sets answer it (reach.test.ts compares that path).
 */
const MONTHLY = [null, 'contacts_monthly'];
const BY_SUBSCRIBER = [null, 'contacts_monthly_subscriber'];
const DAILY_ONLY = [null, 'contacts_daily'];
const GOTONE = { dimension: 'brand', op: 'in' as const, values: ['gotone'] };
const CHANNEL_COVERED: Case[] = ([
  { name: 'national, default month', q: {}, via: MONTHLY, sets: true },
  { name: 'by channel, a quarter', q: { groupBy: ['channel'], timeRange: { from: '2025-01', to: '2025-03' } }, via: MONTHLY, sets: true },
  { name: 'Guangdong by day', q: { groupBy: ['day'], filters: [GD], timeRange: { from: '2025-03', to: '2025-03' } }, via: DAILY_ONLY },
  { name: 'channel class × month, default 12 months', q: { groupBy: ['channel_class', 'month'], filters: [FJ] }, via: MONTHLY },
  { name: 'lifecycle stage × channel (preference matrix)', q: { groupBy: ['lifecycle_stage', 'channel'], timeRange: { from: '2024-07', to: '2025-06' } }, via: BY_SUBSCRIBER },
  { name: 'lifecycle stage × channel, day-precision range', q: { groupBy: ['lifecycle_stage', 'channel'], timeRange: { from: '2024-07-02', to: '2025-06-30' } }, via: DAILY_ONLY },
  // the channel pages under a page filter (brand, customer type)
  { name: 'by channel, Guangdong, brand gotone, 12 months', q: { groupBy: ['channel'], filters: [GD, GOTONE], timeRange: { from: '2024-06', to: '2025-05' } }, via: BY_SUBSCRIBER, sets: true },
  { name: 'by month, customer type key_org, compare yoy', q: { groupBy: ['month'], filters: [{ dimension: 'customer_type', op: 'in', values: ['key_org'] }], timeRange: { from: '2025-01', to: '2025-05' }, compare: 'yoy' }, via: BY_SUBSCRIBER },
  { name: 'brand × customer type, channel class not_in', q: { groupBy: ['brand', 'customer_type'], filters: [{ dimension: 'channel_class', op: 'not_in', values: ['physical'] }] }, via: BY_SUBSCRIBER },
  { name: 'stage × channel, brand mzone, city viewer', q: { groupBy: ['lifecycle_stage', 'channel'], filters: [{ dimension: 'brand', op: 'in', values: ['mzone'] }], timeRange: { from: '2024-10', to: '2025-03' } }, scope: SHENZHEN, via: BY_SUBSCRIBER },
  { name: 'purpose × direction, channel not_in', q: { groupBy: ['purpose', 'direction'], filters: [{ dimension: 'channel', op: 'not_in', values: ['app', 'store'] }] }, via: DAILY_ONLY },
  { name: 'electronic channels only, by city', q: { groupBy: ['city'], filters: [GD, { dimension: 'channel_class', op: 'in', values: ['electronic'] }] }, via: MONTHLY },
  { name: 'by quarter, day-precision range', q: { groupBy: ['quarter'], timeRange: { from: '2024-11-17', to: '2025-04-03' } }, via: DAILY_ONLY },
  { name: 'by quarter, whole months given as days', q: { groupBy: ['quarter', 'channel'], timeRange: { from: '2024-10-01', to: '2025-03-31' } }, via: MONTHLY },
  { name: 'compare mom, Guangdong', q: { filters: [GD], compare: 'mom' }, via: MONTHLY, sets: true },
  { name: 'compare yoy by month × channel', q: { groupBy: ['month', 'channel'], timeRange: { from: '2025-01', to: '2025-05' }, compare: 'yoy' }, via: MONTHLY },
  { name: 'city viewer (scope filter on city)', q: { groupBy: ['channel', 'month'], timeRange: { from: '2025-01', to: '2025-03' } }, scope: SHENZHEN, via: MONTHLY },
  { name: 'having, order and limit', q: { groupBy: ['city'], filters: [{ dimension: 'contacts', op: 'gte', values: ['5'] }], orderBy: { metric: 'contacts', direction: 'desc' }, limit: 7 }, via: MONTHLY, sets: true },
  { name: 'a range with no rows', q: { groupBy: ['channel'], timeRange: { from: '2012-01', to: '2012-03' } }, via: MONTHLY, sets: true },
] as Case[]).map((c) => ({ ...c, cube: 'contacts' as const }));

describe('rollup path = raw path, for every base metric', () => {
  it('each base metric can be read from the rollup', () => {
    expect(BASE_METRICS.filter((id) => !model.metric(id)!.rollupSql)).toEqual([]);
  });
  for (const c of COVERED) {
    it(c.name, async () => {
      const raw = await comparePaths(c);
      if (c.name !== 'a range with no rows') expect(raw.length).toBeGreaterThan(0);
    });
  }
  it('each metric on its own (its own SQL alone in the statement)', async () => {
    for (const id of BASE_METRICS) await comparePaths({ name: id, q: { groupBy: ['value_tier', 'month'], filters: [GD], timeRange: { from: '2024-12', to: '2025-03' } } }, [id]);
  });
});

describe('channel rollup paths = raw path, for every contacts metric', () => {
  it('every contacts metric but reached customers can be read from the rollups, monthly first', () => {
    expect(rolledMetrics('contacts')).toEqual(CONTACTS_NO_REACH);
    expect(model.cube('contacts').rollups!.map((r) => r.table)).toEqual(['contacts_monthly', 'contacts_monthly_subscriber', 'contacts_daily']);
  });
  for (const c of CHANNEL_COVERED) {
    it(c.name, async () => {
      const raw = await compareContacts(c);
      if (c.name !== 'a range with no rows') expect(raw.length).toBeGreaterThan(0);
    });
  }
  it('each metric on its own, through each rollup that answers it', async () => {
    const q = { groupBy: ['channel', 'month'], filters: [GD], timeRange: { from: '2024-12', to: '2025-03' } };
    for (const id of CONTACTS_NO_REACH) await comparePaths({ name: id, cube: 'contacts', q }, [id], 'contacts_monthly');
    for (const id of CONTACTS_NO_REACH) await comparePaths({ name: id, cube: 'contacts', q: { ...q, groupBy: ['channel', 'month', 'brand'] } }, [id], 'contacts_monthly_subscriber');
    for (const id of CONTACTS_NO_REACH) await comparePaths({ name: id, cube: 'contacts', q: { ...q, groupBy: ['channel', 'day'] } }, [id], 'contacts_daily');
  });
});

describe('the planner picks the table by itself', () => {
  const sqlOf = async (q: MetricQuery, scope: Scope = NATIONAL) =>
    (await runMetricQuery(q, { engine: t.engine, asOf: t.dataset.asOf, scope })).sql;

  it('covered queries read the rollup (rows and totals)', async () => {
    for (const c of COVERED.slice(0, 6)) {
      for (const sql of await sqlOf({ ...c.q, metrics: BASE_METRICS }, c.scope)) expect(reads(sql), c.name).toEqual([rollup.table]);
    }
  });

  it('channel queries read the first channel rollup that covers them (and the sets for reach when they cover it); reach by a daily dimension or a subscriber attribute read contacts', async () => {
    for (const c of CHANNEL_COVERED) {
      const all = c.sets ? [c.via![1], 'contact_reach'] : [c.via![0] ?? 'contacts'];
      for (const [metrics, via] of [[CONTACTS_ALL, all], [CONTACTS_NO_REACH, [c.via![1]]]] as const) {
        const [rows] = await sqlOf({ ...c.q, metrics: [...metrics] }, c.scope); // (the totals may read a coarser one)
        expect(reads(rows), `${c.name}: ${metrics.length} metrics`).toEqual(via);
      }
    }
    for (const q of [
      { metrics: ['contacts', 'reached_customers'], groupBy: ['channel'], timeRange: { from: '2025-02-03', to: '2025-03-31' } },
      { metrics: ['reached_customers'], groupBy: ['lifecycle_stage'] },
      { metrics: ['conversion_rate'], groupBy: ['value_tier'] },
      { metrics: ['cost'], groupBy: ['channel'], filters: [{ dimension: 'sub_segment', op: 'in', values: ['club'] }] },
      { metrics: ['cost'], groupBy: ['brand'], timeRange: { from: '2025-02-03', to: '2025-03-31' } },
    ] as MetricQuery[]) {
      const [main] = await sqlOf(q);
      expect(reads(main), JSON.stringify(q)).toEqual(['contacts']);
    }
  });

  it('a dimension the rollup does not keep, grouped or filtered, reads subscriber_months', async () => {
    for (const q of [
      { metrics: ['subscribers'], groupBy: ['rfm_cell'] },
      { metrics: ['churn_rate'], groupBy: ['tenure_months'], filters: [GD] },
      { metrics: ['arpu', 'revenue'], groupBy: ['gender', 'month'] },
      { metrics: ['arpu'], groupBy: ['brand'], filters: [{ dimension: 'rfm_r', op: 'gte', values: ['4'] }] },
      { metrics: ['subscribers'], groupBy: ['credit_list'] },
    ] as MetricQuery[]) {
      const [main] = await sqlOf(q);
      expect(reads(main), JSON.stringify(q)).toEqual([cube.table]);
    }
  });
});

describe('kept correct on ingest', () => {
  const log = pino({ level: 'silent' });
  const admin: Viewer = { id: 'tester', name: 'Tester', role: 'admin', scope: NATIONAL };
  const csv = (text: string) => (async function* () { yield Buffer.from(text); })();
  const usage = (rows: string[]) => `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${rows.join('\n')}\n`;
  let service: ImportService;

  /**
   * Rows of a cube's rollups that differ from a fresh aggregate of its table (keys; measures to
   * 1e-9, so counts exactly; a bitmap of subscribers by its size).
   */
  async function drift(id: CubeId = 'base'): Promise<number> {
    const { time, rollups, table } = model.cube(id);
    let total = 0;
    for (const r of rollups!) {
      const dims = Object.values(r.dimensions);
      const bucket = r.grain === 'month' && time!.finest === 'day' ? `toStartOfMonth(${time!.column})` : time!.column;
      const measures = Object.entries(r.measures).map(([col, e]) => ({ col, e }));
      expect(measures.filter(({ e }) => e.includes('State(')), 'rollup measures are sums (a contacts import adds rows to them)').toEqual([]);
      const differs = measures.map(({ col }) => `abs(toFloat64(r.${col}) - toFloat64(s.${col})) > 1e-9 * greatest(1, abs(toFloat64(s.${col})))`).join(' OR ');
      const keys = [time!.column, ...dims];
      // a key may have several rows (an import adds its rows' sums): the rollup is their sum
      const [{ n }] = await t.engine.query<{ n: number }>(`SELECT count() AS n FROM
        (SELECT ${keys.join(', ')}, ${measures.map(({ col }) => `sum(${col}) AS ${col}`).join(', ')}, 1 AS here FROM ${t.engine.t(r.table)} GROUP BY ${keys.join(', ')}) AS r
        FULL OUTER JOIN (SELECT rt AS ${time!.column}, * EXCEPT rt FROM (SELECT ${bucket} AS rt, ${dims.join(', ')}, ${measures.map(({ col, e }) => `${e} AS ${col}`).join(', ')}, 1 AS here
          FROM ${t.engine.t(table)} GROUP BY rt, ${dims.join(', ')})) AS s USING (${keys.join(', ')})
        WHERE r.here IS NULL OR s.here IS NULL OR ${differs}`);
      total += Number(n);
    }
    return total;
  }
  const check = async (name: string) => {
    for (const id of ROLLUP_CUBES) expect(await drift(id), `${name}: ${id} rollup rows out of step with its table`).toBe(0);
    for (const c of [
      { name: `${name}: by month`, q: { groupBy: ['month'], timeRange: { from: '2024-12', to: t.dataset.asOf.slice(0, 7) } } },
      { name: `${name}: Fujian cities × value tier`, q: { groupBy: ['city', 'value_tier'], filters: [{ dimension: 'province', op: 'in' as const, values: ['350000'] }], timeRange: { from: '2025-01', to: t.dataset.asOf.slice(0, 7) } } },
      { name: `${name}: compare mom`, q: { compare: 'mom' as const } },
    ]) await comparePaths(c);
  };

  /** An upload, and how its move brought the base rollup in step: its staged rows moved, or months re-aggregated. */
  async function uploadUsage(rows: string[]) {
    const issued: string[] = [];
    await spyCommands(t.engine, (sql) => issued.push(sql), async () => {
      const r = await service.upload(csv(usage(rows)), 'usage', admin, null);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    });
    return {
      staged: issued.some((q) => /REPLACE PARTITION .* FROM crm_import_\w+\.base_monthly/s.test(q)),
      rebuilt: issued.some((q) => /FROM crm\.base_monthly_rebuild_/.test(q)),
    };
  }

  beforeAll(() => { service = new ImportService(t.engine, t.dataset, log, { maxBytes: 1 << 20, spoolDir: path.join(t.dataDir, 'spool') }); });

  it('before any import', async () => { await check('seeded'); });

  it('a new month of usage', async () => {
    const subs = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')}
      WHERE churned_on IS NULL AND activated_on < '2025-01-01' ORDER BY sub_id LIMIT 300`);
    const moved = await uploadUsage(subs.map((s, i) => `${s.id},2025-07,${(i % 11) * 13.25},${i % 700},${(i * 53) % 6000},${i % 30},${i % 4 ? 60 : 0}`));
    expect(moved).toEqual({ staged: true, rebuilt: false }); // no month re-aggregated
    expect(t.dataset.asOf).toBe('2025-07-31');
    const [july] = await t.engine.query<{ n: number }>(`SELECT sum(sub_months) AS n FROM ${t.engine.t(rollup.table)} WHERE month = '2025-07-01'`);
    expect(Number(july.n)).toBe(300);
    await check('after a new month');
  });

  it('new subscribers, then back-filled months in partitions that already hold rows', async () => {
    const subs = await service.upload(csv('sub_id,city,brand,activated_on,customer_type,contract_type\n70000001,350100,mzone,2025-01-10,public_individual,soft\n70000002,350200,gotone,2025-02-20,key_org,hard\n'), 'subscribers', admin, null);
    expect(subs.status, JSON.stringify(subs.body)).toBe(200);
    // months that held none of the two: staged
    expect(await uploadUsage(['70000001,2025-01,10,100,1000,5,10', '70000001,2025-02,190,500,3000,5,0', '70000001,2025-04,200,50,100,5,100', '70000002,2025-02,5,5,5,5,5']))
      .toEqual({ staged: true, rebuilt: false });
    await check('after new subscribers\' months');
    // April held 70000001's row, derived again from March on: the months re-aggregated
    expect(await uploadUsage(['70000001,2025-03,0,0,0,0,0', '70000002,2025-03,700,7,7,7,7'])).toEqual({ staged: false, rebuilt: true });
    await check('after back-fills');
  });

  it('contacts, in a month that already holds rows', async () => {
    // subscribers of one city, so that a channel's month gets contacts of several stages, brands
    // and customer types (contacts_monthly is summed from contacts_monthly_subscriber's staged rows)
    const subs = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')}
      WHERE churned_on IS NULL AND activated_on < '2025-01-01' AND city = '440100' ORDER BY sub_id LIMIT 50`);
    expect(subs.length).toBeGreaterThan(10);
    const rows = Array.from({ length: 50 }, (_, i) => subs[i % subs.length]).map((x, i) => `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:15:00,${x.id},${['app', 'store', 'hotline_in', 'sms'][i % 4]},${i % 4 === 3 ? 'outbound' : 'inbound'},${['inquiry', 'transaction', 'complaint', 'marketing'][i % 4]},${['usage', 'inquiry', 'change'][i % 3]},,${i % 3 ? 0 : 1},${i % 3 ? 0 : 25.5},${(i % 7) * 0.75},${30 + i},${i % 2}`);
    const [before] = await t.engine.query<{ n: number }>(`SELECT sum(contacts) AS n FROM ${t.engine.t('contacts_daily')} WHERE toYYYYMM(day) = 202503`);
    const r = await service.upload(csv(`ts,sub_id,channel,direction,purpose,lifecycle_stage,campaign_id,converted,revenue,cost,handle_sec,resolved_first\n${rows.join('\n')}\n`), 'contacts', admin, null);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [after] = await t.engine.query<{ n: number }>(`SELECT sum(contacts) AS n FROM ${t.engine.t('contacts_daily')} WHERE toYYYYMM(day) = 202503`);
    expect(Number(after.n)).toBe(Number(before.n) + 50);
    // the move plan carried the rollups' months itself (the new rows' sums added to the live
    // months, swapped in like the table's), so no month was re-aggregated whole
    const [plan] = await t.engine.query<{ plan: string }>(`SELECT argMax(plan, updated_at) AS plan FROM ${t.engine.t('import_jobs')} WHERE plan != '' GROUP BY id ORDER BY max(updated_at) DESC LIMIT 1`);
    expect((JSON.parse(plan.plan) as { steps: { table: string }[] }).steps.map((x) => x.table)).toEqual(['contacts', 'contacts_monthly', 'contacts_monthly_subscriber', 'contacts_daily', 'contact_reach']);
    await check('after contacts');
    await compareContacts({ name: 'after contacts: Guangdong by day × channel', cube: 'contacts', q: { groupBy: ['day', 'channel'], filters: [GD], timeRange: { from: '2025-03', to: '2025-03' } }, via: DAILY_ONLY });
    await compareContacts({ name: 'after contacts: Guangdong by channel', cube: 'contacts', q: { groupBy: ['channel'], filters: [GD], timeRange: { from: '2025-03', to: '2025-03' } }, via: MONTHLY });
    await compareContacts({ name: 'after contacts: stage × channel, gotone', cube: 'contacts', q: { groupBy: ['lifecycle_stage', 'channel'], filters: [GOTONE], timeRange: { from: '2025-03', to: '2025-03' } }, via: BY_SUBSCRIBER });
  });

  // Usage whose months held none of its subscribers (a new month here) stages the rollup rows of
  // the derived months and moves them with the months; usage that rewrites rows a month already
  // held re-aggregates the months after the move (July for the same subscribers: their months
  // are derived again from July on, and August held their rows). Either move, cut short by a
  // crash, is finished by the next start.
  for (const c of [
    { name: 'a new month: the staged rollup rows', month: '2025-08', crash: /REPLACE PARTITION .* FROM crm_import_\w+\.base_monthly/s },
    { name: 'a back-filled month: the rollup rebuild', month: '2025-07', crash: /REPLACE PARTITION .* FROM crm\.base_monthly_rebuild_/s },
  ]) {
    it(`a usage move interrupted during ${c.name} is finished by the next start`, async () => {
      const subs = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')}
        WHERE churned_on IS NULL AND activated_on < '2025-01-01' ORDER BY sub_id DESC LIMIT 40`);
      let crashed = 0;
      const crash = (sql: string) => { if (c.crash.test(sql)) { crashed++; throw new Error('simulated crash'); } };
      const file = usage(subs.map((s, i) => `${s.id},${c.month},${40 + i},100,900,3,40`));
      await spyCommands(t.engine, crash, () => expect(service.upload(csv(file), 'usage', admin, null)).rejects.toThrow(/simulated crash/));
      expect(crashed).toBe(1); // the move went the way named
      expect(await drift()).toBeGreaterThan(0); // subscriber_months has the month, the rollup not yet
      expect(await t.engine.query(`SELECT name FROM system.tables WHERE database = 'crm' AND startsWith(name, 'base_monthly_rebuild_')`)).toEqual([]);
      service = new ImportService(t.engine, t.dataset, log, { maxBytes: 1 << 20, spoolDir: path.join(t.dataDir, `spool-${c.month}`) });
      await service.ready;
      await check(`after the roll-forward (${c.name})`);
    });
  }

  it('a store whose rollups lack months (loaded before migration 006, 008, 010 or 012) gets them at start-up', async () => {
    for (const id of ROLLUP_CUBES) {
      for (const r of model.cube(id).rollups!) {
        await t.engine.command(`ALTER TABLE ${t.engine.t(r.table)} DROP PARTITION ID '202502'`);
        await t.engine.command(`ALTER TABLE ${t.engine.t(r.table)} DROP PARTITION ID '202410'`);
      }
      expect(await missingRollupMonths(t.engine, id), id).toEqual(['202410', '202502']);
    }
    await t.engine.command(`TRUNCATE TABLE ${t.engine.t('contacts_monthly_subscriber')}`); // a store from before migration 012
    expect((await missingRollupMonths(t.engine, 'contacts')).length).toBeGreaterThan(20);
    await prepareStore(t.engine);
    for (const id of ROLLUP_CUBES) {
      expect(await missingRollupMonths(t.engine, id), id).toEqual([]);
      expect(await drift(id), id).toBe(0);
    }
    // a rollup a store lacks whole (migration 012 on a store from before it) is built alone: the other rollups are not rebuilt
    await t.engine.command(`TRUNCATE TABLE ${t.engine.t('contacts_monthly_subscriber')}`);
    const rebuilt = new Set<string>();
    await spyCommands(t.engine, (sql) => { const m = /^INSERT INTO crm\.(\w+?)_rebuild_/.exec(sql); if (m) rebuilt.add(m[1]); }, () => prepareStore(t.engine));
    expect([...rebuilt]).toEqual(['contacts_monthly_subscriber']);
    expect(await missingRollupMonths(t.engine, 'contacts')).toEqual([]);
    expect(await drift('contacts')).toBe(0);
  });

  it('the scratch table of a rebuild killed half-way is dropped at start-up', async () => {
    const leftover = `${rollup.table}_rebuild_0123456789abcdef0123456789abcdef`;
    await t.engine.command(`CREATE TABLE ${t.engine.t(leftover)} AS ${t.engine.t(rollup.table)}`);
    await t.engine.command(`INSERT INTO ${t.engine.t(leftover)} SELECT * FROM ${t.engine.t(rollup.table)} LIMIT 10`);
    const channelLeftover = 'contacts_daily_rebuild_fedcba9876543210fedcba9876543210';
    await t.engine.command(`CREATE TABLE ${t.engine.t(channelLeftover)} AS ${t.engine.t('contacts_daily')}`);
    const scratch = () => t.engine.query<{ name: string }>(`SELECT name FROM system.tables WHERE database = 'crm' AND (startsWith(name, 'base_monthly') OR startsWith(name, 'contacts_daily')) ORDER BY name`);
    expect((await scratch()).map((r) => r.name)).toEqual([rollup.table, leftover, 'contacts_daily', channelLeftover]);
    await prepareStore(t.engine);
    expect((await scratch()).map((r) => r.name)).toEqual([rollup.table, 'contacts_daily']);
    expect(await drift()).toBe(0);
  });
});

describe('a day compared with the month before (compare mom by day)', () => {
  it('is the same day of the previous month, on the raw table and on the daily rollup; the 29th–31st of January compare with no day of February', async () => {
    // a February after a January with contacts on its 29th–31st (they would all land on February 28th)
    const month = (await t.engine.query<{ m: string }>(`SELECT formatDateTime(addMonths(max(day), 1), '%Y-%m') AS m FROM ${t.engine.t('contacts')} WHERE toMonth(day) = 1 AND toDayOfMonth(day) = 31`))[0].m;
    expect(month).toMatch(/^\d{4}-02$/);
    const jan = `${month.slice(0, 4)}-01`;
    const counts = new Map((await t.engine.query<{ d: string; n: number }>(
      `SELECT toString(day) AS d, count() AS n FROM ${t.engine.t('contacts')} WHERE formatDateTime(day, '%Y-%m') IN ({a:String}, {b:String}) GROUP BY d`,
      { a: month, b: jan })).map((r) => [r.d, Number(r.n)]));
    expect(counts.get(`${jan}-30`)).toBeGreaterThan(0);
    const q: MetricQuery = { metrics: ['contacts'], groupBy: ['day'], timeRange: { from: month, to: month }, compare: 'mom' };
    for (const source of ['raw', 'rollup'] as const) {
      const rows = await on(source, q, NATIONAL, false, 'contacts_daily');
      expect(new Set(rows.map((r) => r.day)).size, `${source}: one row per day`).toBe(rows.length);
      expect(rows.length).toBeGreaterThanOrEqual(28);
      for (const r of rows) {
        const day = String(r.day);
        expect(Number(r.contacts), `${source} ${day}`).toBe(counts.get(day) ?? 0);
        const prev = `${jan}-${day.slice(8)}`;
        expect(r.contacts_prev === null ? null : Number(r.contacts_prev), `${source} ${day} vs ${prev}`).toBe(counts.get(prev) ?? null);
      }
    }
  });
});
