/** The result cache: same query + scope + version → one engine query; a load invalidates it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultCache } from '../../server/query/cache.ts';
import { runMetricQuery } from '../../server/query/execute.ts';
import { NATIONAL, type MetricResult } from '../../server/query/types.ts';
import { freshEngine } from '../helpers/engine.ts';

let t: Awaited<ReturnType<typeof freshEngine>>;
beforeAll(async () => { t = await freshEngine({ subscribers: 2000, months: 6 }); });
afterAll(async () => { await t?.close(); });

describe('result cache', () => {
  it('answers repeats from memory, shares in-flight work, separates scopes, and misses after a load', async () => {
    const results = new ResultCache<MetricResult>(100);
    const ctx = () => ({ engine: t.engine, asOf: t.dataset.asOf, scope: NATIONAL, cache: { results, dataVersion: t.dataset.version } });
    const q = { metrics: ['churn_rate'], groupBy: ['brand'] };
    const [a, b] = await Promise.all([runMetricQuery(q, ctx()), runMetricQuery({ groupBy: ['brand'], metrics: ['churn_rate'] }, ctx())]);
    expect(results.misses).toBe(1); // the second, concurrent one joined the first
    expect(b).toBe(a);
    await runMetricQuery(q, ctx());
    expect(results.misses).toBe(1);
    await runMetricQuery(q, { ...ctx(), scope: { level: 'province', province: '440000' } });
    expect(results.misses).toBe(2); // another scope is another entry
    const before = t.dataset.version;
    await t.dataset.recordLoad(t.dataset.asOf); // what an import does
    expect(t.dataset.version).toBe(before + 1);
    const c = await runMetricQuery(q, ctx());
    expect(results.misses).toBe(3);
    expect(c.rows).toEqual(a.rows); // same data, recomputed
  });

  it('does not keep failures', async () => {
    const results = new ResultCache<number>(10);
    await expect(results.get('k', async () => { throw new Error('engine down'); })).rejects.toThrow('engine down');
    expect(await results.get('k', async () => 42)).toBe(42);
  });

  it('evicts the least recently used beyond its size', async () => {
    const results = new ResultCache<number>(2);
    await results.get('a', async () => 1);
    await results.get('b', async () => 2);
    await results.get('a', async () => 1); // a is now the most recent
    await results.get('c', async () => 3); // evicts b
    const misses = results.misses;
    await results.get('a', async () => 1);
    expect(results.misses).toBe(misses);
    await results.get('b', async () => 2);
    expect(results.misses).toBe(misses + 1);
  });
});
