/**
 * The base rollup (issue 7, "Pre-aggregations"): for every base metric and every shape of
 * query the rollup covers, the rollup path gives what the raw path gives — counts exactly,
 * sums and ratios to 1e-9 (relative) — each path forced and the table it reads checked.
 * A query the rollup does not cover reads the raw table. After CSV imports (a new month, a
 * back-filled month, a move finished by a restart) the rollup is still in step with
 * subscriber_months, a store that predates the rollup gets it at start-up, and the scratch
 * table of a rebuild killed half-way is dropped at start-up.
 */
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStore } from '../../seeds/bootstrap.ts';
import { missingRollupMonths } from '../../seeds/rollup.ts';
import { ImportService } from '../../server/domains/import/service.ts';
import type { Viewer } from '../../server/http/context.ts';
import { model } from '../../server/model/index.ts';
import { runMetricQuery } from '../../server/query/execute.ts';
import { plan } from '../../server/query/plan.ts';
import { buildSql } from '../../server/query/sql.ts';
import { NATIONAL, type MetricQuery, type Scope } from '../../server/query/types.ts';
import { freshEngine } from '../helpers/engine.ts';

let t: Awaited<ReturnType<typeof freshEngine>>;
beforeAll(async () => { t = await freshEngine({ subscribers: 6000, months: 24 }); });
afterAll(async () => { await t?.close(); });

const cube = model.cube('base');
const rollup = cube.rollup!;
const BASE_METRICS = model.metrics.filter((m) => m.cube === 'base').map((m) => m.id);
const COUNTS = new Set(model.metrics.filter((m) => m.cube === 'base' && m.format === 'integer').map((m) => m.id));
const GD = { dimension: 'province', op: 'in' as const, values: ['440000'] };
const SHENZHEN: Scope = { level: 'city', province: '440000', city: '440300' };

interface Case { name: string; q: Omit<MetricQuery, 'metrics'>; scope?: Scope }
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
  { name: 'day-precision range by month', q: { groupBy: ['month'], timeRange: { from: '2025-02-10', to: '2025-03-20' } } },
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
async function on(source: 'raw' | 'rollup', q: MetricQuery, scope: Scope = NATIONAL, totals = false) {
  const p = plan(q, { asOf: t.dataset.asOf, scope });
  const built = buildSql(p, t.engine.db, { source, totals });
  expect(reads(built.sql), `${source} reads`).toEqual([source === 'raw' ? cube.table : rollup.table]);
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

async function comparePaths(c: Case, metrics = BASE_METRICS) {
  const q = { ...c.q, metrics };
  const p = plan(q, { asOf: t.dataset.asOf, scope: c.scope ?? NATIONAL });
  const keys = [...p.dims, ...(p.grain ? [p.grain] : [])];
  const raw = await on('raw', q, c.scope);
  expectSame(raw, await on('rollup', q, c.scope), keys, c.name);
  if (keys.length) expectSame(await on('raw', q, c.scope, true), await on('rollup', q, c.scope, true), [], `${c.name} (totals)`);
  return raw;
}

describe('the rollup table is what the model says', () => {
  it('columns: the time column, the rollup dimensions, the measures', async () => {
    const cols = await t.engine.query<{ name: string }>(`SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String} ORDER BY position`, { db: t.engine.db, t: rollup.table });
    expect(cols.map((c) => c.name)).toEqual([cube.time!.column, ...Object.values(rollup.dimensions), ...Object.keys(rollup.measures)]);
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
});

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

describe('the planner picks the table by itself', () => {
  const sqlOf = async (q: MetricQuery, scope: Scope = NATIONAL) =>
    (await runMetricQuery(q, { engine: t.engine, asOf: t.dataset.asOf, scope })).sql;

  it('covered queries read the rollup (rows and totals)', async () => {
    for (const c of COVERED.slice(0, 6)) {
      for (const sql of await sqlOf({ ...c.q, metrics: BASE_METRICS }, c.scope)) expect(reads(sql), c.name).toEqual([rollup.table]);
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

  /** Rollup rows that differ from a fresh aggregate of subscriber_months (keys, counts; sums to 1e-9). */
  async function drift(): Promise<number> {
    const keys = [cube.time!.column, ...Object.values(rollup.dimensions)];
    const measures = Object.entries(rollup.measures);
    const differs = measures.map(([col]) => col === 'revenue' || col === 'minutes' || col === 'data_mb'
      ? `abs(r.${col} - s.${col}) > 1e-9 * greatest(1, abs(s.${col}))` : `r.${col} != s.${col}`).join(' OR ');
    const [{ n }] = await t.engine.query<{ n: number }>(`SELECT count() AS n FROM
      (SELECT *, 1 AS here FROM ${t.engine.t(rollup.table)}) AS r
      FULL OUTER JOIN (SELECT ${keys.map((k) => `${cube.dimensions[k] ?? k} AS ${k}`).join(', ')}, ${measures.map(([col, e]) => `${e} AS ${col}`).join(', ')}, 1 AS here
        FROM ${t.engine.t(cube.table)} GROUP BY ${keys.join(', ')}) AS s USING (${keys.join(', ')})
      WHERE r.here IS NULL OR s.here IS NULL OR ${differs}`);
    return Number(n);
  }
  const check = async (name: string) => {
    expect(await drift(), `${name}: rollup rows out of step with subscriber_months`).toBe(0);
    for (const c of [
      { name: `${name}: by month`, q: { groupBy: ['month'], timeRange: { from: '2024-12', to: t.dataset.asOf.slice(0, 7) } } },
      { name: `${name}: Fujian cities × value tier`, q: { groupBy: ['city', 'value_tier'], filters: [{ dimension: 'province', op: 'in' as const, values: ['350000'] }], timeRange: { from: '2025-01', to: t.dataset.asOf.slice(0, 7) } } },
      { name: `${name}: compare mom`, q: { compare: 'mom' as const } },
    ]) await comparePaths(c);
  };

  beforeAll(() => { service = new ImportService(t.engine, t.dataset, log, { maxBytes: 1 << 20, spoolDir: path.join(t.dataDir, 'spool') }); });

  it('before any import', async () => { await check('seeded'); });

  it('a new month of usage', async () => {
    const subs = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')}
      WHERE churned_on IS NULL AND activated_on < '2025-01-01' ORDER BY sub_id LIMIT 300`);
    const r = await service.upload(csv(usage(subs.map((s, i) => `${s.id},2025-07,${(i % 11) * 13.25},${i % 700},${(i * 53) % 6000},${i % 30},${i % 4 ? 60 : 0}`))), 'usage', admin, null);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(t.dataset.asOf).toBe('2025-07-31');
    const [july] = await t.engine.query<{ n: number }>(`SELECT sum(sub_months) AS n FROM ${t.engine.t(rollup.table)} WHERE month = '2025-07-01'`);
    expect(Number(july.n)).toBe(300);
    await check('after a new month');
  });

  it('new subscribers, then back-filled months in partitions that already hold rows', async () => {
    const subs = await service.upload(csv('sub_id,city,brand,activated_on,customer_type,contract_type\n70000001,350100,mzone,2025-01-10,public_individual,soft\n70000002,350200,gotone,2025-02-20,key_org,hard\n'), 'subscribers', admin, null);
    expect(subs.status, JSON.stringify(subs.body)).toBe(200);
    const a = await service.upload(csv(usage(['70000001,2025-01,10,100,1000,5,10', '70000001,2025-02,190,500,3000,5,0', '70000001,2025-04,200,50,100,5,100', '70000002,2025-02,5,5,5,5,5'])), 'usage', admin, null);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const b = await service.upload(csv(usage(['70000001,2025-03,0,0,0,0,0', '70000002,2025-03,700,7,7,7,7'])), 'usage', admin, null);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    await check('after back-fills');
  });

  it('a move interrupted during the rollup rebuild is finished by the next start', async () => {
    const subs = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')}
      WHERE churned_on IS NULL AND activated_on < '2025-01-01' ORDER BY sub_id DESC LIMIT 40`);
    const command = t.engine.command.bind(t.engine);
    t.engine.command = async (sql, params, opts) => {
      if (/REPLACE PARTITION .* FROM crm\.base_monthly_rebuild_/s.test(sql)) throw new Error('simulated crash');
      return command(sql, params, opts);
    };
    await expect(service.upload(csv(usage(subs.map((s) => `${s.id},2025-08,40,100,900,3,40`))), 'usage', admin, null)).rejects.toThrow(/simulated crash/);
    t.engine.command = command;
    expect(await drift()).toBeGreaterThan(0); // subscriber_months has August, the rollup not yet
    expect(await t.engine.query(`SELECT name FROM system.tables WHERE database = 'crm' AND startsWith(name, 'base_monthly_rebuild_')`)).toEqual([]);
    service = new ImportService(t.engine, t.dataset, log, { maxBytes: 1 << 20, spoolDir: path.join(t.dataDir, 'spool-2') });
    await service.ready;
    await check('after the roll-forward');
  });

  it('a store whose rollup lacks months (loaded before migration 006) gets them at start-up', async () => {
    await t.engine.command(`ALTER TABLE ${t.engine.t(rollup.table)} DROP PARTITION ID '202502'`);
    await t.engine.command(`ALTER TABLE ${t.engine.t(rollup.table)} DROP PARTITION ID '202410'`);
    expect(await missingRollupMonths(t.engine)).toEqual(['202410', '202502']);
    await prepareStore(t.engine);
    expect(await missingRollupMonths(t.engine)).toEqual([]);
    expect(await drift()).toBe(0);
  });

  it('the scratch table of a rebuild killed half-way is dropped at start-up', async () => {
    const leftover = `${rollup.table}_rebuild_0123456789abcdef0123456789abcdef`;
    await t.engine.command(`CREATE TABLE ${t.engine.t(leftover)} AS ${t.engine.t(rollup.table)}`);
    await t.engine.command(`INSERT INTO ${t.engine.t(leftover)} SELECT * FROM ${t.engine.t(rollup.table)} LIMIT 10`);
    const scratch = () => t.engine.query<{ name: string }>(`SELECT name FROM system.tables WHERE database = 'crm' AND startsWith(name, 'base_monthly')`);
    expect((await scratch()).map((r) => r.name).sort()).toEqual([rollup.table, leftover]);
    await prepareStore(t.engine);
    expect((await scratch()).map((r) => r.name)).toEqual([rollup.table]);
    expect(await drift()).toBe(0);
  });
});
