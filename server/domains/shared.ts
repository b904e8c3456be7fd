/** Small adapters every domain resolver shares: the query context and the result shape. */
import type { RequestContext } from '../http/context.ts';
import type { QueryContext } from '../query/execute.ts';
import type { Filter, MetricResult, Scope } from '../query/types.ts';
import { parseDay } from '../query/time.ts';

export function queryContext(ctx: RequestContext, asOf?: string | null): QueryContext {
  return {
    engine: ctx.engine,
    asOf: asOf ? parseDay(asOf, 'asOf') : ctx.dataset.asOf,
    asOfGiven: !!asOf,
    scope: ctx.viewer.scope,
    signal: ctx.signal,
    cache: ctx.results ? { results: ctx.results, dataVersion: ctx.dataset.version } : undefined,
    onResult: (query, rows) => ctx.audit?.record({
      viewer: ctx.viewer.id, role: ctx.viewer.role, scope: scopeLabel(ctx.viewer.scope), entry: 'graphql', query, rows, status: 'ok',
    }),
  };
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
