/**
 * Property: whatever the viewer, metric, grouping, filters (other provinces included) and
 * entry point, no returned row lies outside the viewer's scope; totals equal an independent
 * national query with the scope as an explicit filter; out-of-scope requests are FORBIDDEN.
 */
import fc from 'fast-check';
import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../server/http/schema.ts';
import type { RequestContext, Viewer } from '../../server/http/context.ts';
import { runMetricQuery } from '../../server/query/execute.ts';
import { NATIONAL, type Filter, type Scope } from '../../server/query/types.ts';
import { freshEngine } from '../helpers/engine.ts';

let t: Awaited<ReturnType<typeof freshEngine>>;
beforeAll(async () => { t = await freshEngine({ subscribers: 3000, months: 6 }); });
afterAll(async () => { await t?.close(); });

const SCOPES: Scope[] = [
  { level: 'national' }, { level: 'province', province: '440000' }, { level: 'province', province: '350000' },
  { level: 'city', province: '440000', city: '440300' }, { level: 'city', province: '350000', city: '350100' },
];
const REGION_FILTERS: Filter[] = [
  { dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'province', op: 'in', values: ['350000'] },
  { dimension: 'province', op: 'in', values: ['110000', '440000'] }, { dimension: 'city', op: 'in', values: ['440300'] },
  { dimension: 'city', op: 'in', values: ['440100', '440300'] }, { dimension: 'city', op: 'in', values: ['350100'] },
  { dimension: 'city', op: 'not_in', values: ['440300'] },
];
const METRICS = { base: ['subscribers', 'churn_rate', 'arpu', 'revenue'], contacts: ['contacts', 'conversion_rate', 'e_channel_share', 'roi'] };
const GROUPS = { base: [[], ['city'], ['province'], ['brand'], ['city', 'brand']], contacts: [[], ['city'], ['channel'], ['province', 'channel']] };

const inside = (s: Scope, code: string) => s.level === 'national' || (s.level === 'province' ? code.slice(0, 2) === s.province.slice(0, 2) : code === s.city);
const scopeFilter = (s: Scope): Filter[] => (s.level === 'national' ? [] : s.level === 'province' ? [{ dimension: 'province', op: 'in', values: [s.province] }] : [{ dimension: 'city', op: 'in', values: [s.city] }]);
const close = (a: unknown, b: unknown) => (a === null || b === null ? a === b : Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(b))));

const arb = fc.record({
  scope: fc.constantFrom(...SCOPES),
  cube: fc.constantFrom('base' as const, 'contacts' as const),
  m: fc.nat(3),
  g: fc.nat(4),
  filters: fc.subarray(REGION_FILTERS, { maxLength: 2 }),
  entry: fc.constantFrom('metrics', 'typed', 'survival'),
});

describe('scope on every path (property)', () => {
  it('no row outside scope, totals match an explicit filter, out-of-scope is FORBIDDEN', async () => {
    let checked = 0, forbiddenSeen = 0;
    await fc.assert(fc.asyncProperty(arb, async ({ scope, cube, m, g, filters, entry }) => {
      const metric = METRICS[cube][m];
      const groupBy = GROUPS[cube][g % GROUPS[cube].length];
      const outside = filters.some((f) => f.op === 'in' && f.values.some((v) => !inside(scope, v) && !(scope.level === 'city' && f.dimension === 'province' && v === scope.province)))
        // a city's figures in a row named after its province: refused
        || (scope.level === 'city' && (entry === 'typed' && cube === 'contacts' && !groupBy.length ? ['channel'] : groupBy).includes('province'));
      const viewer: Viewer = { id: 'p', name: 'p', role: 'analyst', scope };
      const ctx: RequestContext = { engine: t.engine, dataset: t.dataset, viewer };
      let rows: Record<string, unknown>[] = [];
      let totals: Record<string, unknown> | null = null;
      let code: string | null = null;
      if (entry === 'survival') {
        const out = await graphql({ schema, source: 'query($g: [ID!], $f: [FilterInput!]) { survival(groupBy: $g, filters: $f) { groups { key n } } }',
          variableValues: { g: groupBy.filter((x) => x !== 'channel'), f: filters }, contextValue: ctx });
        code = (out.errors?.[0]?.originalError as { code?: string } | undefined)?.code ?? (out.errors ? 'ERROR' : null);
        rows = code ? [] : (out.data as { survival: { groups: { key: Record<string, unknown> }[] } }).survival.groups.map((x) => x.key);
      } else if (entry === 'typed' && cube === 'contacts') {
        const out = await graphql({ schema, source: 'query($g: [ID!], $f: [FilterInput!]) { channelEfficiency(groupBy: $g, filters: $f) { rows totals } }',
          variableValues: { g: groupBy.length ? groupBy : ['channel'], f: filters }, contextValue: ctx });
        code = (out.errors?.[0]?.originalError as { code?: string } | undefined)?.code ?? (out.errors ? 'ERROR' : null);
        if (!code) ({ rows, totals } = (out.data as { channelEfficiency: { rows: Record<string, unknown>[]; totals: Record<string, unknown> } }).channelEfficiency);
      } else {
        try {
          const r = await runMetricQuery({ metrics: [metric], groupBy, filters }, { engine: t.engine, asOf: t.dataset.asOf, scope });
          rows = r.rows;
          totals = r.totals;
        } catch (e) { code = (e as { code?: string }).code ?? 'ERROR'; }
      }
      if (outside) {
        expect(code).toBe('FORBIDDEN');
        forbiddenSeen++;
        return;
      }
      expect(code).toBeNull();
      for (const row of rows) {
        if (row.province !== undefined) expect(inside(scope, String(row.province))).toBe(true);
        if (row.city !== undefined) expect(inside(scope, String(row.city))).toBe(true);
      }
      if (entry === 'metrics' && totals) {
        const independent = await runMetricQuery({ metrics: [metric], filters: [...filters, ...scopeFilter(scope)] }, { engine: t.engine, asOf: t.dataset.asOf, scope: NATIONAL });
        expect(close(totals[metric], independent.rows[0]?.[metric] ?? null)).toBe(true);
      }
      checked++;
    }), { numRuns: Number(process.env.SCOPE_RUNS ?? 2000), seed: 20261122 });
    expect(checked).toBeGreaterThan(100);
    expect(forbiddenSeen).toBeGreaterThan(100);
  }, 600_000);
});
