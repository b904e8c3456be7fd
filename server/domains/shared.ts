/** Small adapters every domain resolver shares: the query context and the result shape. */
import type { RequestContext } from '../http/context.ts';
import { stableKey } from '../query/cache.ts';
import type { QueryContext } from '../query/execute.ts';
import type { Filter, MetricResult, Scope } from '../query/types.ts';
import { parseDay } from '../query/time.ts';

export function queryContext(ctx: RequestContext, asOf?: string | null): QueryContext {
  return {
    engine: ctx.engine,
    asOf: asOf ? parseDay(asOf, 'asOf') : ctx.dataset.asOf,
    asOfGiven: !!asOf,
    scope: ctx.viewer.scope,
    firstMonth: ctx.dataset.firstMonth,
    signal: ctx.signal,
    cache: ctx.results ? { results: ctx.results, dataVersion: ctx.dataset.version } : undefined,
    onResult: (query, rows) => ctx.audit?.record({
      viewer: ctx.viewer.id, role: ctx.viewer.role, scope: scopeLabel(ctx.viewer.scope), entry: 'graphql', query, rows, status: 'ok',
    }),
  };
}

/**
 * A typed domain field that issues its own SQL (not through runMetricQuery) gets what a
 * metric query gets: its answer cached per (field, arguments, scope, as-of, data version),
 * shared by concurrent identical requests, and an audit entry per answer. `rows` counts
 * what it returned, for the audit trail.
 */
export async function domainField<T>(field: string, args: object, ctx: QueryContext, compute: (ctx: QueryContext) => Promise<T>, rows: (r: T) => number): Promise<T> {
  const r = ctx.cache
    // the shared computation is not cancelled by the one client that started it
    ? await ctx.cache.results.get(stableKey([field, args, ctx.scope, ctx.asOf, ctx.asOfGiven ?? false, ctx.cache.dataVersion]), () => compute({ ...ctx, signal: undefined }))
    : await compute(ctx);
  ctx.onResult?.({ field, ...args }, rows(r));
  return r;
}

export const scopeLabel = (s: Scope) => (s.level === 'national' ? 'national' : s.level === 'province' ? s.province : s.city);

export function toResultType(r: MetricResult) {
  return {
    columns: r.columns, rows: r.rows, totals: r.totals, sql: r.sql.join(';\n'),
    asOf: r.resolved.asOf, from: r.resolved.from, to: r.resolved.to, timeDefaulted: r.resolved.timeDefaulted,
    scope: scopeLabel(r.resolved.scope),
  };
}

export const filtersOf = (f: readonly { dimension: string; op: string; values: readonly string[] }[] | null | undefined): Filter[] =>
  (f ?? []).map((x) => ({ dimension: x.dimension, op: x.op as Filter['op'], values: [...x.values] }));
