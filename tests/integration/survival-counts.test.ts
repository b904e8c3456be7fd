/**
 * The survival pre-aggregation (issue 7, "survival counts by cohort × tenure × group"): for
 * every shape it covers, the counts path gives the raw pass's counts to the unit and so the
 * same Kaplan–Meier curves, medians and log-rank test; what it does not cover, or a table
 * out of step (another as-of, subscribers added since), reads subscribers. After a
 * subscribers import (once the work following its answer is done) it agrees again. The contract-churn counts
 * (by region, brand, customer type) are held to the raw pass the same way.
 */
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareStore } from '../../seeds/bootstrap.ts';
import { ImportService } from '../../server/domains/import/service.ts';
import { CHURN_COUNTS_TABLE, addToSurvivalCounts, countsAsOf, rebuildSurvivalCounts } from '../../server/domains/lifecycle/counts.ts';
import { contractChurn } from '../../server/domains/lifecycle/contract-churn.ts';
import { countsCover, runSurvival } from '../../server/domains/lifecycle/survival.ts';
import type { Viewer } from '../../server/http/context.ts';
import { runMetricQuery } from '../../server/query/execute.ts';
import { plan } from '../../server/query/plan.ts';
import { NATIONAL, type MetricQuery, type Scope } from '../../server/query/types.ts';
import { freshEngine, spyCommands } from '../helpers/engine.ts';

let t: Awaited<ReturnType<typeof freshEngine>>;
beforeAll(async () => { t = await freshEngine({ subscribers: 6000, months: 24 }); });
afterAll(async () => { await t?.close(); });

const GD = { dimension: 'province', op: 'in' as const, values: ['440000'] };
const SHENZHEN: Scope = { level: 'city', province: '440000', city: '440300' };
interface Case { name: string; q: Omit<MetricQuery, 'metrics'>; scope?: Scope }
const COVERED: Case[] = [
  { name: 'national, one curve', q: {} },
  { name: 'by brand, Guangdong', q: { groupBy: ['brand'], filters: [GD] } },
  { name: 'by contract type', q: { groupBy: ['contract_type'] } },
  { name: 'by customer type × brand, whole-month cohorts', q: { groupBy: ['customer_type', 'brand'], timeRange: { from: '2023-01', to: '2024-06' } } },
  { name: 'by cohort, a year of cohorts', q: { groupBy: ['cohort'], timeRange: { from: '2024-01', to: '2024-12' } } },
  { name: 'by city, province filter, not_in brand', q: { groupBy: ['city'], filters: [GD, { dimension: 'brand', op: 'not_in', values: ['mzone'] }] } },
  { name: 'range running past the as-of', q: { groupBy: ['brand'], timeRange: { from: '2024-01', to: '2026-12' } } },
  { name: 'city viewer (scope filter on city)', q: { groupBy: ['contract_type'] }, scope: SHENZHEN },
];

const survival = async (c: Case, source: 'raw' | 'counts') => {
  const p = plan({ ...c.q, metrics: ['survival_rate'] }, { asOf: t.dataset.asOf, scope: c.scope ?? NATIONAL });
  return runSurvival(t.engine, p, 'log', source);
};
const reads = (sql: string) => sql.match(/FROM crm\.(\w+)/)![1];

describe('survival counts', () => {
  it('are built for the data\'s as-of and in step', async () => {
    expect(await countsAsOf(t.engine)).toBe(t.dataset.asOf);
  });

  for (const c of COVERED) {
    it(`${c.name}: the counts path equals the raw pass`, async () => {
      const p = plan({ ...c.q, metrics: ['survival_rate'] }, { asOf: t.dataset.asOf, scope: c.scope ?? NATIONAL });
      expect(countsCover(p)).toBe(true);
      const raw = await survival(c, 'raw');
      const counted = await survival(c, 'counts');
      expect(reads(raw.sql)).toBe('subscribers');
      expect(reads(counted.sql)).toBe('survival_counts');
      expect(raw.groups.length).toBeGreaterThan(0);
      expect(counted.groups).toEqual(raw.groups); // same at-risk, events, censored, KM, CI, median per group
      expect(counted.logRank).toEqual(raw.logRank);
      const auto = await runSurvival(t.engine, p); // what the product picks
      expect(reads(auto.sql)).toBe('survival_counts');
    });
  }

  it('shapes it does not cover read subscribers: another dimension, a cut month, another as-of', async () => {
    const notCovered: [string, MetricQuery, string?][] = [
      ['age band', { metrics: ['median_lifetime'], groupBy: ['age_band'] }],
      ['acquisition channel filter', { metrics: ['survival_rate'], filters: [{ dimension: 'acquisition_channel', op: 'in', values: ['app'] }] }],
      ['range cut mid-month', { metrics: ['survival_rate'], timeRange: { from: '2024-01-10', to: '2024-06-30' } }],
      ['another as-of', { metrics: ['median_lifetime'], groupBy: ['brand'] }, '2024-12-31'],
    ];
    for (const [name, q, asOf] of notCovered) {
      const p = plan(q, { asOf: asOf ?? t.dataset.asOf, scope: NATIONAL });
      const r = await runSurvival(t.engine, p);
      expect(reads(r.sql), name).toBe('subscribers');
    }
  });

  it('the metric query gives the same medians whichever path answers it', async () => {
    const q: MetricQuery = { metrics: ['median_lifetime'], groupBy: ['brand'], filters: [GD] };
    const auto = await runMetricQuery(q, { engine: t.engine, asOf: t.dataset.asOf, scope: NATIONAL });
    expect(auto.sql[0]).toMatch(/FROM crm\.survival_counts/);
    const p = plan(q, { asOf: t.dataset.asOf, scope: NATIONAL });
    const raw = await runSurvival(t.engine, p, 'log', 'raw');
    expect(auto.rows.map((r) => [r.brand, r.median_lifetime])).toEqual(raw.groups.map((g) => [g.key.brand, g.median]));
  });

  it('subscribers added behind its back: out of step, not read; a subscribers import rebuilds it', async () => {
    const c = COVERED[1];
    const p = plan({ ...c.q, metrics: ['survival_rate'] }, { asOf: t.dataset.asOf, scope: NATIONAL });
    // a direct insert (as an operator's bulk load would do): the table no longer matches
    await t.engine.command(`INSERT INTO crm.subscribers (sub_id, province, city, brand, activated_on, churned_on)
      VALUES (88000001, '440000', '440300', 'gotone', '2024-02-01', '2024-09-15')`);
    expect(await countsAsOf(t.engine)).toBeNull();
    expect(reads((await runSurvival(t.engine, p)).sql)).toBe('subscribers');
    await rebuildSurvivalCounts(t.engine, '2024-12-31'); // in step, but for another as-of
    expect(await countsAsOf(t.engine)).toBe('2024-12-31');
    expect(reads((await runSurvival(t.engine, p)).sql)).toBe('subscribers');

    const admin: Viewer = { id: 'admin', name: 'admin', role: 'admin', scope: NATIONAL };
    const service = new ImportService(t.engine, t.dataset, pino({ level: 'silent' }), { maxBytes: 1 << 20, spoolDir: path.join(t.dataDir, 'spool-counts') });
    await service.ready;
    const csv = `sub_id,city,brand,activated_on,churned_on\n88000003,440300,gotone,2023-05-20,2024-11-02\n88000004,440300,easyown,2024-01-15,\n`;
    const r = await service.upload((async function* () { yield Buffer.from(csv); })(), 'subscribers', admin, null);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await service.settled(); // the counts follow the answer
    expect(await countsAsOf(t.engine)).toBe(t.dataset.asOf);
    const counted = await runSurvival(t.engine, p);
    expect(reads(counted.sql)).toBe('survival_counts');
    expect(counted.groups).toEqual((await runSurvival(t.engine, p, 'log', 'raw')).groups);
  });

  it('a store built before migration 007 gets its counts at start-up', async () => {
    await t.engine.command('TRUNCATE TABLE crm.survival_counts');
    expect(await countsAsOf(t.engine)).toBeNull();
    await prepareStore(t.engine);
    expect(await countsAsOf(t.engine)).toBe(t.dataset.asOf);
  });
});

describe('contract churn counts', () => {
  const SZ_SCOPE = { level: 'city' as const, province: '440000', city: '440300' };
  const cases: { name: string; filters: MetricQuery['filters']; scope?: Scope }[] = [
    { name: 'national', filters: [] },
    { name: 'Guangdong', filters: [GD] },
    { name: 'city viewer', filters: [], scope: SZ_SCOPE },
    { name: 'brand not_in, customer type in', filters: [{ dimension: 'brand', op: 'not_in', values: ['mzone'] }, { dimension: 'customer_type', op: 'in', values: ['public_individual'] }] },
    { name: 'hard contracts in two cities', filters: [{ dimension: 'contract_type', op: 'in', values: ['hard'] }, { dimension: 'city', op: 'in', values: ['440300', '350100'] }] },
  ];
  const churn = (filters: MetricQuery['filters'], source: 'auto' | 'raw' | 'counts', scope: Scope = NATIONAL) =>
    contractChurn({ filters: filters ?? [] }, { engine: t.engine, asOf: t.dataset.asOf, scope }, source);

  it('are built for the data\'s as-of and in step', async () => {
    await rebuildSurvivalCounts(t.engine, t.dataset.asOf);
    expect(await countsAsOf(t.engine, CHURN_COUNTS_TABLE)).toBe(t.dataset.asOf);
  });

  for (const c of cases) {
    it(`${c.name}: the counts path equals the raw pass, and is the one picked`, async () => {
      const raw = await churn(c.filters, 'raw', c.scope);
      expect(reads(raw.sql)).toBe('subscribers');
      expect(raw.points.length).toBeGreaterThan(0);
      expect(raw.points.some((x) => x.churned > 0)).toBe(true);
      const counted = await churn(c.filters, 'counts', c.scope);
      expect(reads(counted.sql)).toBe(CHURN_COUNTS_TABLE);
      expect(counted.points).toEqual(raw.points);
      expect(reads((await churn(c.filters, 'auto', c.scope)).sql)).toBe(CHURN_COUNTS_TABLE);
    });
  }

  it('a filter on another dimension reads subscribers', async () => {
    expect(reads((await churn([{ dimension: 'sub_segment', op: 'in', values: ['young'] }], 'auto')).sql)).toBe('subscribers');
  });

  it('subscribers added behind its back: not read; a subscribers import rebuilds it; start-up builds it when missing', async () => {
    await t.engine.command(`INSERT INTO crm.subscribers (sub_id, province, city, brand, contract_type, contract_end, activated_on, churned_on)
      VALUES (88000101, '440000', '440300', 'gotone', 'hard', '2024-09-30', '2023-09-01', '2024-10-10')`);
    expect(await countsAsOf(t.engine, CHURN_COUNTS_TABLE)).toBeNull();
    expect(reads((await churn([GD], 'auto')).sql)).toBe('subscribers');

    const admin: Viewer = { id: 'admin', name: 'admin', role: 'admin', scope: NATIONAL };
    const service = new ImportService(t.engine, t.dataset, pino({ level: 'silent' }), { maxBytes: 1 << 20, spoolDir: path.join(t.dataDir, 'spool-churn') });
    await service.ready;
    const csv = 'sub_id,city,brand,activated_on,contract_type,contract_end,churned_on\n88000102,440300,gotone,2022-06-01,hard,2024-06-30,2024-07-05\n88000103,440100,mzone,2023-01-01,soft,2024-10-31,\n';
    const r = await service.upload((async function* () { yield Buffer.from(csv); })(), 'subscribers', admin, null);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await service.settled(); // the counts follow the answer
    expect(await countsAsOf(t.engine, CHURN_COUNTS_TABLE)).toBe(t.dataset.asOf);
    const counted = await churn([GD], 'auto');
    expect(reads(counted.sql)).toBe(CHURN_COUNTS_TABLE);
    expect(counted.points).toEqual((await churn([GD], 'raw')).points);

    await t.engine.command(`TRUNCATE TABLE crm.${CHURN_COUNTS_TABLE}`);
    expect(await countsAsOf(t.engine, CHURN_COUNTS_TABLE)).toBeNull();
    await prepareStore(t.engine);
    expect(await countsAsOf(t.engine, CHURN_COUNTS_TABLE)).toBe(t.dataset.asOf);
  });
});

describe('rebuilt a batch of cities per statement', () => {
  it('gives the cells of one statement over every subscriber', async () => {
    const cells = async (table: string) => t.engine.query<Record<string, unknown>>(`SELECT * EXCEPT (source_rows) FROM crm.${table} ORDER BY ALL`);
    await rebuildSurvivalCounts(t.engine, t.dataset.asOf, undefined, 1e12);
    const whole = [await cells('survival_counts'), await cells(CHURN_COUNTS_TABLE)];
    const issued: string[] = [];
    await spyCommands(t.engine, (sql) => issued.push(sql), () => rebuildSurvivalCounts(t.engine, t.dataset.asOf, undefined, 500));
    expect(issued.filter((q) => /INSERT INTO crm\.survival_counts_rebuild_/.test(q)).length).toBeGreaterThan(5);
    expect(whole[0].length).toBeGreaterThan(100);
    expect(await cells('survival_counts')).toEqual(whole[0]);
    expect(await cells(CHURN_COUNTS_TABLE)).toEqual(whole[1]);
    expect(await countsAsOf(t.engine)).toBe(t.dataset.asOf);
  });
});

describe('a subscribers import adds its subscribers\' counts', () => {
  it('after its answer, when the tables were in step: cells added (no pass over every subscriber), both paths still equal; a repeat rebuilds', async () => {
    await rebuildSurvivalCounts(t.engine, t.dataset.asOf);
    expect(await countsAsOf(t.engine)).toBe(t.dataset.asOf);
    const issued: string[] = [];
    await spyCommands(t.engine, (sql) => issued.push(sql), async () => {
      const admin: Viewer = { id: 'admin', name: 'admin', role: 'admin', scope: NATIONAL };
      const service = new ImportService(t.engine, t.dataset, pino({ level: 'silent' }), { maxBytes: 1 << 20, spoolDir: path.join(t.dataDir, 'spool-add') });
      await service.ready;
      const csv = 'sub_id,city,brand,activated_on,contract_type,contract_end,churned_on\n88000201,440300,gotone,2022-03-01,hard,2024-03-31,2024-04-10\n88000202,440100,mzone,2023-08-15,soft,2024-08-31,\n88000203,440300,easyown,2024-02-01,,,2024-09-20\n';
      const r = await service.upload((async function* () { yield Buffer.from(csv); })(), 'subscribers', admin, null);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      // answered with the counts out of step: survival reads subscribers until they are added
      expect(await countsAsOf(t.engine)).toBeNull();
      const p = plan({ ...COVERED[1].q, metrics: ['survival_rate'] }, { asOf: t.dataset.asOf, scope: NATIONAL });
      expect(reads((await runSurvival(t.engine, p)).sql)).toBe('subscribers');
      await service.settled();
    });
    // the new cells were inserted as they are: nothing rebuilt, no statement read every subscriber
    expect(issued.filter((q) => /_counts_rebuild_/.test(q))).toEqual([]);
    const inserts = issued.filter((q) => /INSERT INTO crm\.(survival|contract_churn)_counts\b/.test(q));
    expect(inserts).toHaveLength(2);
    for (const q of inserts) expect(q).not.toMatch(/FROM crm\.subscribers\b/);
    expect(await countsAsOf(t.engine)).toBe(t.dataset.asOf);
    expect(await countsAsOf(t.engine, CHURN_COUNTS_TABLE)).toBe(t.dataset.asOf);
    const compare = async () => {
      for (const c of [COVERED[0], COVERED[1], COVERED[3], COVERED[7]]) {
        const p = plan({ ...c.q, metrics: ['survival_rate'] }, { asOf: t.dataset.asOf, scope: c.scope ?? NATIONAL });
        const counted = await runSurvival(t.engine, p, 'log', 'counts');
        expect(counted.groups, c.name).toEqual((await runSurvival(t.engine, p, 'log', 'raw')).groups);
      }
      for (const filters of [[], [GD]]) {
        const ctx = { engine: t.engine, asOf: t.dataset.asOf, scope: NATIONAL };
        expect((await contractChurn({ filters }, ctx, 'counts')).points).toEqual((await contractChurn({ filters }, ctx, 'raw')).points);
      }
    };
    await compare();

    // the same cells offered again (a repeat after a restart): not in step with "before", so rebuilt
    await t.engine.command('CREATE TABLE crm.readd AS crm.subscribers');
    await t.engine.command('INSERT INTO crm.readd SELECT * FROM crm.subscribers WHERE sub_id IN (88000201, 88000202, 88000203)');
    expect(await addToSurvivalCounts(t.engine, t.dataset.asOf, 'crm.readd')).toBe('rebuilt');
    await t.engine.command('DROP TABLE crm.readd');
    await compare();
  });
});

describe('a usage import that moves the as-of', () => {
  it('answers before the counts are rebuilt for the new as-of; they are in step once the import service has settled', async () => {
    const admin: Viewer = { id: 'admin', name: 'admin', role: 'admin', scope: NATIONAL };
    const service = new ImportService(t.engine, t.dataset, pino({ level: 'silent' }), { maxBytes: 1 << 20, spoolDir: path.join(t.dataDir, 'spool-asof') });
    await service.ready;
    const subs = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM crm.subscribers WHERE churned_on IS NULL ORDER BY sub_id LIMIT 30`);
    const month = '2025-07';
    const events: string[] = [];
    const spy = (sql: string) => { if (/INSERT INTO crm\.survival_counts_rebuild_/.test(sql)) events.push('rebuild'); };
    await spyCommands(t.engine, spy, async () => {
      const csv = `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${subs.map((s) => `${s.id},${month},30,100,500,3,30`).join('\n')}\n`;
      const r = await service.upload((async function* () { yield Buffer.from(csv); })(), 'usage', admin, null);
      events.push('answered');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(t.dataset.asOf).toBe('2025-07-31');
      await service.settled();
    });
    expect(events[0]).toBe('answered');
    expect(events.filter((e) => e === 'rebuild').length).toBeGreaterThan(0);
    expect(await countsAsOf(t.engine)).toBe('2025-07-31');
    expect(await countsAsOf(t.engine, CHURN_COUNTS_TABLE)).toBe('2025-07-31');
    const p = plan({ metrics: ['survival_rate'], groupBy: ['brand'] }, { asOf: t.dataset.asOf, scope: NATIONAL });
    expect((await runSurvival(t.engine, p, 'log', 'counts')).groups).toEqual((await runSurvival(t.engine, p, 'log', 'raw')).groups);
  });
});
