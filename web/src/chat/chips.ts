/**
 * The restatement as chips: an interpretation → one chip per metric, filter, grouping, the
 * time range (a "default" chip when none was named), order / limit and comparison — and
 * back. Editing is done on chips (remove, replace, add) and read back as an interpretation,
 * which the panel re-runs through `metrics`. Pure: labels are the component's business.
 */
import { isGrain, type CompareKind, type Filter, type FilterOp, type Interpretation, type TimeRange } from './model';

export type Chip =
  | { key: string; kind: 'metric'; id: string }
  | { key: string; kind: 'filter'; dimension: string; op: FilterOp; values: string[] }
  | { key: string; kind: 'group'; id: string; grain: boolean }
  /** range null: no time was named, the metric's default applies */
  | { key: string; kind: 'time'; range: TimeRange | null }
  | { key: string; kind: 'order'; metric: string; direction: 'asc' | 'desc'; limit: number | null }
  | { key: string; kind: 'limit'; limit: number }
  | { key: string; kind: 'compare'; value: CompareKind };

export type ChipKind = Chip['kind'];
/** A chip without its key (what an editor produces). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ChipValue = DistributiveOmit<Chip, 'key'>;

export type ChipEdit =
  | { type: 'remove'; key: string }
  | { type: 'replace'; key: string; chip: ChipValue }
  | { type: 'add'; chip: ChipValue };

/** Interpretation → chips, in restatement order: metrics, filters, grouping, time, order / limit, compare. */
export function toChips(q: Interpretation): Chip[] {
  const chips: Chip[] = [];
  q.metrics.forEach((id, i) => chips.push({ key: `metric:${i}`, kind: 'metric', id }));
  q.filters.forEach((f, i) => chips.push({ key: `filter:${i}`, kind: 'filter', dimension: f.dimension, op: f.op, values: [...f.values] }));
  q.groupBy.forEach((id, i) => chips.push({ key: `group:${i}`, kind: 'group', id, grain: isGrain(id) }));
  chips.push({ key: 'time', kind: 'time', range: q.timeRange ? { ...q.timeRange } : null });
  if (q.orderBy) chips.push({ key: 'order', kind: 'order', metric: q.orderBy.metric, direction: q.orderBy.direction, limit: q.limit ?? null });
  else if (q.limit) chips.push({ key: 'limit', kind: 'limit', limit: q.limit });
  if (q.compare) chips.push({ key: 'compare', kind: 'compare', value: q.compare });
  return chips;
}

/**
 * Chips → interpretation. Keeps it valid: duplicate metrics / groupings collapse, at most
 * one time grain, an order on something no longer queried moves to the first metric.
 */
export function fromChips(chips: readonly (Chip | ChipValue)[]): Interpretation {
  const metrics: string[] = [];
  const groupBy: string[] = [];
  const filters: Filter[] = [];
  const q: Interpretation = { metrics, groupBy, filters, compare: null };
  for (const c of chips) {
    switch (c.kind) {
      case 'metric': if (!metrics.includes(c.id)) metrics.push(c.id); break;
      case 'filter': if (c.values.length) filters.push({ dimension: c.dimension, op: c.op, values: [...c.values] }); break;
      case 'group':
        if (groupBy.includes(c.id)) break;
        if (isGrain(c.id)) { const g = groupBy.findIndex(isGrain); if (g >= 0) groupBy.splice(g, 1); }
        groupBy.push(c.id);
        break;
      case 'time': if (c.range) q.timeRange = { ...c.range }; break;
      case 'order':
        q.orderBy = { metric: c.metric, direction: c.direction };
        if (c.limit) q.limit = c.limit;
        break;
      case 'limit': q.limit = c.limit; break;
      case 'compare': q.compare = c.value; break;
    }
  }
  // a filter on a metric's change (revenue_change < 0) holds while that metric is compared
  for (let i = filters.length - 1; i >= 0; i--) {
    const of = changeOf(filters[i].dimension);
    if (of && (!q.compare || !metrics.includes(of))) filters.splice(i, 1);
  }
  // ranked by a metric's change (revenue_change): while compared; without a comparison, by the metric itself
  const changed = q.orderBy ? changeOf(q.orderBy.metric) : null;
  if (q.orderBy && changed && metrics.includes(changed) && !q.compare) q.orderBy = { ...q.orderBy, metric: changed };
  else if (q.orderBy && !(changed && metrics.includes(changed)) && !metrics.includes(q.orderBy.metric) && !groupBy.includes(q.orderBy.metric)) {
    if (metrics.length) q.orderBy = { ...q.orderBy, metric: metrics[0] };
    else delete q.orderBy;
  }
  return q;
}

/** The metric whose change an order key is (revenue_change → revenue), else null. Pure. */
export function changeOf(key: string): string | null {
  return key.endsWith('_change') ? key.slice(0, -'_change'.length) : null;
}

/** Can this chip be removed? The last metric cannot (a query needs one); a default time is not a condition. */
export function removable(chip: Chip, chips: readonly Chip[]): boolean {
  if (chip.kind === 'metric') return chips.filter((c) => c.kind === 'metric').length > 1;
  if (chip.kind === 'time') return chip.range !== null;
  return true;
}

/** Applies one edit to an interpretation → the interpretation to re-run. */
export function applyEdit(q: Interpretation, edit: ChipEdit): Interpretation {
  const chips = toChips(q);
  if (edit.type === 'add') return fromChips([...chips, edit.chip]);
  const i = chips.findIndex((c) => c.key === edit.key);
  if (i < 0) return fromChips(chips);
  const old = chips[i];
  if (edit.type === 'remove') {
    if (!removable(old, chips)) return fromChips(chips);
    const rest = chips.filter((_, j) => j !== i);
    // ordering by a removed grouping means nothing any more; nor does a threshold on a removed metric
    if (old.kind === 'group') return fromChips(rest.filter((c) => !(c.kind === 'order' && c.metric === old.id)));
    if (old.kind === 'metric') return fromChips(rest.filter((c) => !(c.kind === 'filter' && c.dimension === old.id)));
    return fromChips(rest);
  }
  const next = chips.map((c, j) => (j === i ? ({ ...edit.chip, key: old.key } as Chip) : c));
  // swapping a metric (or a grouping) carries the order over to the new one
  const renamed = (old.kind === 'metric' && edit.chip.kind === 'metric') || (old.kind === 'group' && edit.chip.kind === 'group')
    ? { from: old.id, to: (edit.chip as { id: string }).id } : null;
  if (!renamed) return fromChips(next);
  // a threshold belongs to its metric: swapping the metric drops it (5% means nothing for ARPU)
  return fromChips(next.flatMap((c) => (c.kind === 'order' && c.metric === renamed.from ? [{ ...c, metric: renamed.to }]
    : old.kind === 'metric' && c.kind === 'filter' && c.dimension === renamed.from ? [] : [c])));
}

/** Same query? (compares the canonical forms) */
export const sameQuery = (a: Interpretation, b: Interpretation): boolean => JSON.stringify(fromChips(toChips(a))) === JSON.stringify(fromChips(toChips(b)));

export interface CatalogMetricLike { id: string; dimensions: string[]; grains: string[] }

/** Metrics that can replace (or join) the query's metrics: every grouping and filter must apply to them. */
export function metricChoices(catalog: readonly CatalogMetricLike[], q: Interpretation): string[] {
  // a threshold on a metric (its filter's dimension is the metric) goes with that metric
  const dims = [...q.groupBy.filter((g) => !isGrain(g)), ...q.filters.map((f) => f.dimension).filter((d) => !catalog.some((m) => m.id === d))];
  const grains = q.groupBy.filter(isGrain);
  return catalog.filter((m) => dims.every((d) => m.dimensions.includes(d)) && grains.every((g) => m.grains.includes(g))).map((m) => m.id);
}

/** Dimensions (and time grains) every metric of the query can be grouped or filtered by. */
export function dimensionChoices(catalog: readonly CatalogMetricLike[], q: Interpretation): { dimensions: string[]; grains: string[] } {
  const ms = q.metrics.map((id) => catalog.find((m) => m.id === id)).filter((m): m is CatalogMetricLike => !!m);
  if (!ms.length) return { dimensions: [], grains: [] };
  const inter = (lists: string[][]) => lists[0].filter((x) => lists.every((l) => l.includes(x)));
  return { dimensions: inter(ms.map((m) => m.dimensions)), grains: inter(ms.map((m) => m.grains)) };
}

/**
 * A threshold's value as typed in the chip editor, in the unit its chip reads: a rate is
 * typed in percent (0.05 reads 5, with a % beside the box), anything else as it is.
 * `fromText` is the inverse (null when the text is not a number).
 */
export function thresholdInput(format: string): { suffix: string; toText: (v: string) => string; fromText: (s: string) => string | null } {
  const scale = format === 'percent' || format === 'change' ? 100 : 1;
  const tidy = (n: number) => String(Number(n.toPrecision(12)));
  return {
    suffix: scale === 100 ? '%' : '',
    toText: (v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? tidy(Number(v) * scale) : v),
    fromText: (s) => {
      // the query's total (低于全省平均) stays as it is
      if (s.trim().toLowerCase() === 'total') return 'total';
      const t = s.trim().replace(/[%％]$/, '').replace(/,/g, '');
      return t !== '' && Number.isFinite(Number(t)) ? tidy(Number(t) / scale) : null;
    },
  };
}
