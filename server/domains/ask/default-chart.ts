/**
 * The default chart for an interpretation (ASK.md). One rule for the server's parser and the
 * dashboard's chat panel (web/src/chat imports this file): no imports, so it bundles anywhere.
 */
const GRAINS = new Set(['day', 'month', 'quarter', 'year']);

export type DefaultChart = 'survival' | 'radar' | 'line' | 'kpi' | 'bar' | 'table';

export function defaultChart(q: { metrics: readonly string[]; groupBy?: readonly string[] | null }): DefaultChart {
  if (q.metrics.includes('survival_rate')) return 'survival';
  const g = q.groupBy ?? [];
  const dims = g.filter((x) => !GRAINS.has(x));
  if (q.metrics.includes('capability_score') && (dims.includes('capability_dimension') || dims.includes('capability_area'))
    && dims.every((d) => d.startsWith('capability_'))) return 'radar';
  if (g.some((x) => GRAINS.has(x))) return 'line';
  if (dims.length === 0) return 'kpi';
  if (dims.length <= 2) return 'bar';
  return 'table';
}
