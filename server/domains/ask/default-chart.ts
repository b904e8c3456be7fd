/**
 * The default chart for an interpretation (ASK.md). One rule for the server's parser and the
 * dashboard's chat panel (web/src/chat imports this file): no imports, so it bundles anywhere.
 */
/** The time grains (server/model/types.ts GRAINS, held equal by tests/unit/model.test.ts), for the dashboard too. */
export const TIME_GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
const GRAINS: ReadonlySet<string> = new Set(TIME_GRAINS);

export type DefaultChart = 'survival' | 'radar' | 'line' | 'kpi' | 'bar' | 'table';

export function defaultChart(q: {
  metrics: readonly string[]; groupBy?: readonly string[] | null; filters?: readonly { dimension: string }[] | null; orderBy?: unknown;
}): DefaultChart {
  if (q.metrics.includes('survival_rate')) return 'survival';
  const g = q.groupBy ?? [];
  const dims = g.filter((x) => !GRAINS.has(x));
  // a profile of scores is a radar; ranked (weakest area first) it is bars, which read in order
  if (q.metrics.includes('capability_score') && (dims.includes('capability_dimension') || dims.includes('capability_area'))
    && dims.every((d) => d.startsWith('capability_')) && !q.orderBy) return 'radar';
  // a series by time is a line, unless a threshold on its metric (哪些月份的ARPU低于75元) keeps
  // only some periods: a line would draw through the ones left out, bars show which are there
  const threshold = (q.filters ?? []).some((f) => q.metrics.includes(f.dimension));
  if (g.some((x) => GRAINS.has(x))) return threshold ? 'bar' : 'line';
  if (dims.length === 0) return 'kpi';
  if (dims.length <= 2) return 'bar';
  return 'table';
}
