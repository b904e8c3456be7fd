/**
 * answer.chart → which of the dashboard's option builders draws it. The choice is pure (a
 * plan, unit-tested); `planOption` then calls the same builders the pages use
 * (web/src/charts/builders) and, for shapes the pages never drew, the chat's own
 * (./builders). A kind that cannot draw the shape (a pie of two groupings) falls back to
 * what can, and says so.
 */
import { geoMapOption, rankedBarsOption, trendOption, type MapDim } from '../charts/builders/overview';
import type { LoadedMap } from '../charts/geo';
import { barsWithLineOption, heatmapOption } from '../charts/builders/segments';
import { survivalOption } from '../charts/builders/lifecycle';
import { FOREIGN_CARRIERS, radarOption } from '../charts/builders/capability';
import { num, rowsOf, type Labels, type MetricResultLike } from '../charts/builders/common';
import { categories, flowSankeyOption, funnelOption, genericRadarOption, pieOption, seriesOption } from './builders';
import { defaultChart, isGrain, type ChartKind, type Focus, type Interpretation } from './model';

export type ChartPlan =
  | { type: 'kpi'; metrics: string[] }
  | { type: 'table' }
  | { type: 'trend'; metric: string }
  /** ascending: the question ranks low to high (离网率最低的地市): the smallest on top, and kept when the chart is cut */
  | { type: 'ranked'; dim: string; metric: string; ascending?: true }
  | { type: 'barsLine'; dim: string; bar: string; line?: string }
  | { type: 'series'; series: 'bar' | 'line'; x: string; by: string | null; metrics: string[] }
  | { type: 'pie'; dim: string; metric: string }
  | { type: 'funnel'; dim: string; metric: string }
  | { type: 'heatmap'; x: string; y: string; metric: string }
  | { type: 'radar'; node: string; by: string | null; metrics: string[] }
  /** entity: the one entity a result not grouped by entity is of (its filter) */
  | { type: 'capabilityRadar'; node: string; entity?: string }
  | { type: 'sankey'; from: string; to: string; metric: string }
  | { type: 'survival'; dim: string | null }
  /** China by province, or the cities of `province` */
  | { type: 'map'; dim: MapDim; metric: string; province: string | null };

export interface ChartChoice {
  plan: ChartPlan;
  /** the kind asked for could not draw this result: the plan is the nearest that can */
  fellBack: boolean;
}

export interface Shape {
  rows: number;
  /** the result carries `<metric>_prev` columns (compare) */
  hasPrev: boolean;
  /** catalog format of a metric */
  format: (metric: string) => string;
  /** the one province the rows' cities lie in (a map of cities draws it), else null */
  province?: string | null;
}

const CAPABILITY_NODES = ['capability_dimension', 'capability_area', 'capability_item'];
/** from this many categories on (or when the question ranks), a bar chart ranks horizontally, largest on top (smallest when the question asks low to high) */
export const RANK_FROM = 9;

/** The chart plan for an answer's chart kind, its interpretation and the result's shape. Pure. */
export function chooseChart(kind: ChartKind | null, q: Interpretation, shape: Shape): ChartChoice {
  const asked = kind ?? defaultChart(q);
  const dims = q.groupBy.filter((g) => !isGrain(g));
  const grain = q.groupBy.find(isGrain) ?? null;
  const ms = q.metrics;
  const one = ms.length === 1;
  const ok = (plan: ChartPlan): ChartChoice => ({ plan, fellBack: false });

  if (asked === 'table') return ok({ type: 'table' });
  if (ms.includes('survival_rate')) return { plan: { type: 'survival', dim: dims[0] ?? null }, fellBack: asked !== 'survival' };
  if (q.groupBy.length === 0) return { plan: { type: 'kpi', metrics: ms }, fellBack: asked !== 'kpi' };
  // a chart has an axis and at most one series grouping: three groupings only fit a table
  if (q.groupBy.length > 2) return { plan: { type: 'table' }, fellBack: true };

  /** what draws any grouped result: lines over time, bars otherwise */
  const general = (): ChartPlan => {
    if (grain) {
      if (one && grain === 'month' && dims.length === 0) return { type: 'trend', metric: ms[0] };
      return { type: 'series', series: 'line', x: grain, by: dims[0] ?? null, metrics: ms };
    }
    return bars();
  };
  const bars = (): ChartPlan => {
    const x = grain ?? dims[0];
    const by = grain ? dims[0] ?? null : dims[1] ?? null;
    if (!grain && dims.length === 1) {
      const d = dims[0];
      if (one && !shape.hasPrev) {
        const ascending = q.orderBy?.metric === ms[0] && q.orderBy.direction === 'asc';
        if (shape.rows >= RANK_FROM || q.orderBy) return { type: 'ranked', dim: d, metric: ms[0], ...(ascending ? { ascending: true as const } : {}) };
        return { type: 'barsLine', dim: d, bar: ms[0] };
      }
      if (ms.length === 2 && !shape.hasPrev && shape.format(ms[0]) !== shape.format(ms[1])) return { type: 'barsLine', dim: d, bar: ms[0], line: ms[1] };
    }
    return { type: 'series', series: 'bar', x, by, metrics: ms };
  };
  const singleDim = !grain && dims.length === 1 && one;
  const twoGroups = q.groupBy.length === 2 && one;

  switch (asked) {
    case 'kpi': return { plan: general(), fellBack: true };
    case 'line': {
      if (grain) return ok(general());
      return ok({ type: 'series', series: 'line', x: dims[0], by: dims[1] ?? null, metrics: ms });
    }
    case 'bar': return ok(bars());
    case 'pie': return singleDim && !shape.hasPrev ? ok({ type: 'pie', dim: dims[0], metric: ms[0] }) : { plan: general(), fellBack: true };
    case 'funnel': return singleDim && !shape.hasPrev ? ok({ type: 'funnel', dim: dims[0], metric: ms[0] }) : { plan: general(), fellBack: true };
    case 'heatmap': return twoGroups ? ok({ type: 'heatmap', x: q.groupBy[0], y: q.groupBy[1], metric: ms[0] }) : { plan: general(), fellBack: true };
    case 'sankey': return twoGroups && !grain ? ok({ type: 'sankey', from: dims[0], to: dims[1], metric: ms[0] }) : { plan: general(), fellBack: true };
    case 'radar': {
      const node = dims.find((d) => CAPABILITY_NODES.includes(d));
      if (ms.includes('capability_score') && node && dims.includes('capability_entity') && dims.length === 2) return ok({ type: 'capabilityRadar', node });
      // one entity's profile (中国电信各维度): the capability page's radar, its derived scores marked
      const entity = q.filters.filter((f) => f.dimension === 'capability_entity' && f.op === 'in').flatMap((f) => f.values);
      if (ms.includes('capability_score') && node && dims.length === 1 && entity.length === 1) return ok({ type: 'capabilityRadar', node, entity: entity[0] });
      if (!grain && dims.length === 1) return ok({ type: 'radar', node: dims[0], by: null, metrics: ms });
      if (!grain && dims.length === 2 && one) return ok({ type: 'radar', node: node ?? dims[0], by: dims.find((d) => d !== (node ?? dims[0]))!, metrics: ms });
      return { plan: general(), fellBack: true };
    }
    case 'survival': return { plan: general(), fellBack: true };
    case 'map': {
      // China by province, or one province's cities: rows of cities across provinces have no one map
      const d = dims[0];
      if (singleDim && !shape.hasPrev && d === 'province') return ok({ type: 'map', dim: d, metric: ms[0], province: null });
      if (singleDim && !shape.hasPrev && d === 'city' && shape.province) return ok({ type: 'map', dim: d, metric: ms[0], province: shape.province });
      return { plan: general(), fellBack: true };
    }
    default: return { plan: general(), fellBack: true };
  }
}

export interface PlanContext {
  labels: Labels;
  /** member ids of a dimension in catalog order (ordered dimensions draw in that order) */
  order: (dim: string) => string[];
  /** does the metric add up across members (counts, amounts)? rates and averages do not */
  additive?: (metric: string) => boolean;
  words: {
    prev: string; prevYear: string; best: string; mean: string; unknown: string; band: (name: string) => string; months: string; noData: string;
    /** a derived capability score's marks (the capability page's): legend suffixes, the tooltip's note */
    derived?: { suffix: string; partlySuffix: string; note: string };
  };
  /** the registered map a map plan draws on (charts/chinaMap.ts); without it, ranked bars */
  geo?: LoadedMap | null;
  /** the point of tenure the question asked (在网12个月): a survival plan marks it */
  tenure?: { months: number } | null;
  /** the members the question asked about: marked where the plan draws their dimension */
  focus?: Focus | null;
  /** what the answer's totals are the figure of (全国, 广东省): ranked bars of a rate draw it as a line */
  whole?: string | null;
  /** the rows' first and last day (the answer's from / to): a week it cuts is marked, with `cutWeek`'s words */
  range?: { from: string; to: string } | null;
  cutWeek?: (days: number) => string;
}

/** The Monday of an ISO week (`2026-W43`: 2026-10-19): week 1 holds 4 January. Null for any other label. */
export function isoWeekMonday(label: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!m) return null;
  const jan4 = Date.UTC(+m[1], 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday1 + (+m[2] - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** How many of an ISO week's seven days lie in [from, to] (days, YYYY-MM-DD). */
export function daysInRange(week: string, from: string, to: string): number {
  const monday = isoWeekMonday(week);
  if (!monday) return 7;
  let n = 0;
  for (let i = 0; i < 7; i++) {
    const day = new Date(Date.parse(`${monday}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    if (day >= from && day <= to) n++;
  }
  return n;
}

/**
 * What an answer's totals cover: the one region its filters name, else the viewer's own scope
 * (全国 for a national viewer); null when other filters narrow it (the line would need a longer name).
 */
export function wholeOf(q: Pick<Interpretation, 'filters' | 'metrics'>, viewerScope: string, labels: Labels, national: string): string | null {
  // a threshold on a queried metric (低于全省平均) drops rows, not the whole: the totals are computed without it
  const narrowing = q.filters.filter((f) => !q.metrics.includes(f.dimension));
  const regions = narrowing.filter((f) => f.dimension === 'province' || f.dimension === 'city');
  if (narrowing.length > regions.length) return null;
  if (regions.length === 1 && regions[0].op === 'in' && regions[0].values.length === 1) return labels.member(regions[0].dimension, regions[0].values[0]);
  if (regions.length) return null;
  if (viewerScope === 'national') return national;
  return labels.member(viewerScope.endsWith('0000') ? 'province' : 'city', viewerScope);
}

/** Members the question lists (广州和深圳, or the five of a top 5 kept by month) draw in the listed order; others in `order`'s. */
export function listedOrder(q: Pick<Interpretation, 'filters'>, order: (dim: string) => string[]): (dim: string) => string[] {
  return (dim) => q.filters.find((f) => f.dimension === dim && f.op === 'in' && f.values.length > 1)?.values ?? order(dim);
}

/**
 * The rows in the catalog's member order of each grouping (bands 95–100 … <40, value tiers,
 * lifecycle stages) when no order was asked: the query sorts by id, which reads alphabetically.
 * Time and dimensions without an order keep the query's order (a stable sort).
 */
export function inCatalogOrder<R extends MetricResultLike>(result: R, q: Pick<Interpretation, 'groupBy' | 'orderBy'>, order: (dim: string) => string[]): R {
  const keys = q.orderBy ? [] : q.groupBy.filter((g) => !isGrain(g) && order(g).length);
  if (!keys.length) return result;
  const at = (k: string, v: unknown) => { const i = order(k).indexOf(String(v)); return i < 0 ? Infinity : i; };
  const time = q.groupBy.filter(isGrain);
  const rows = [...rowsOf(result)].sort((a, b) => {
    for (const g of time) { const d = String(a[g] ?? '').localeCompare(String(b[g] ?? '')); if (d) return d; }
    for (const k of keys) { const d = at(k, a[k]) - at(k, b[k]); if (d) return d; }
    return 0;
  });
  return { ...result, rows };
}

/** How many categories a chart draws at most (the table always has every row). */
export const MAX_CATEGORIES = 40;
/** A heatmap's cells carry their figures up to this many columns and rows (else a colour scale is shown). */
export const CELL_LABELS_MAX = 12;

/** The rows a chart draws: all of them, or the largest MAX_CATEGORIES when one grouping has more (the smallest, for a ranking low to high). */
export function chartRows(plan: ChartPlan, result: MetricResultLike): { result: MetricResultLike; truncated: boolean } {
  const rows = rowsOf(result);
  const key = plan.type === 'ranked' || plan.type === 'pie' || plan.type === 'funnel' || plan.type === 'barsLine' ? plan.dim
    : plan.type === 'series' && !isGrain(plan.x) && !plan.by ? plan.x : null;
  const metric = plan.type === 'ranked' || plan.type === 'pie' || plan.type === 'funnel' ? plan.metric
    : plan.type === 'barsLine' ? plan.bar : plan.type === 'series' ? plan.metrics[0] : null;
  if (!key || !metric || rows.length <= MAX_CATEGORIES) return { result, truncated: false };
  const sign = plan.type === 'ranked' && plan.ascending ? -1 : 1;
  const top = [...rows].filter((r) => num(r[metric]) !== null).sort((a, b) => sign * (num(b[metric])! - num(a[metric])!)).slice(0, MAX_CATEGORIES);
  return { result: { ...result, rows: top }, truncated: true };
}

/** Height that fits a plan (ranked bars grow with their rows). */
export function planHeight(plan: ChartPlan, rows: number): number {
  if (plan.type === 'ranked') return Math.max(160, Math.min(MAX_CATEGORIES, rows) * 20 + 40);
  if (plan.type === 'heatmap' || plan.type === 'radar' || plan.type === 'capabilityRadar' || plan.type === 'sankey' || plan.type === 'map') return 340;
  return 280;
}

/** The ECharts option of a plan (null for kpi and table, which are components). */
export function planOption(plan: ChartPlan, result: MetricResultLike, ctx: PlanContext): object | null {
  const { labels, order, words } = ctx;
  const rows = rowsOf(result);
  const focusOn = (dim: string) => (ctx.focus?.dimension === dim ? ctx.focus.values : undefined);
  switch (plan.type) {
    case 'kpi': case 'table': return null;
    case 'trend': return trendOption(result, { metric: plan.metric, labels, prevLabel: words.prev });
    case 'ranked': {
      // a rate or an average: the whole's figure beside its parts (a sum would be off the scale)
      const total = num((result as { totals?: Record<string, unknown> | null }).totals?.[plan.metric]);
      const reference = total !== null && ctx.whole && !(ctx.additive?.(plan.metric) ?? true) ? { label: ctx.whole, value: total } : null;
      return rankedBarsOption(result, { dim: plan.dim, metric: plan.metric, labels, selected: focusOn(plan.dim) ?? null, reference, smallestOnTop: plan.ascending });
    }
    case 'barsLine': return barsWithLineOption(result, { dim: plan.dim, bar: plan.bar, line: plan.line, selected: focusOn(plan.dim), order: order(plan.dim).length ? order(plan.dim) : undefined, labels });
    case 'series': {
      // weeks the range cuts (a range of months seldom starts on a Monday): faded, and the tooltip says how many days they hold
      const range = ctx.range;
      const weeks = plan.x === 'week' && range ? categories(rows, 'week', { time: true }) : [];
      const partial = new Map(weeks.map((w) => [w, daysInRange(w, range!.from, range!.to)] as const).filter(([, n]) => n < 7)
        .map(([w, n]) => [w, ctx.cutWeek?.(n) ?? `${n}/7`]));
      return seriesOption(result, {
        type: plan.series, x: plan.x, by: plan.by, metrics: plan.metrics, labels, xIsTime: isGrain(plan.x),
        xOrder: isGrain(plan.x) ? undefined : order(plan.x), byOrder: plan.by ? order(plan.by) : undefined, prevLabel: words.prev,
        ...(partial.size ? { partial } : {}),
      });
    }
    case 'pie': return pieOption(result, { dim: plan.dim, metric: plan.metric, labels, share: ctx.additive?.(plan.metric) ?? true, focus: focusOn(plan.dim) });
    case 'funnel': return funnelOption(result, { dim: plan.dim, metric: plan.metric, labels, order: order(plan.dim) });
    case 'heatmap': {
      const ids = (d: string) => categories(rows, d, { time: isGrain(d), order: isGrain(d) ? undefined : order(d) });
      return heatmapOption(rows, {
        x: { dim: plan.x, ids: ids(plan.x), title: labels.dim(plan.x) }, y: { dim: plan.y, ids: ids(plan.y), title: labels.dim(plan.y) },
        value: plan.metric, format: labels.format(plan.metric), yTopDown: true, xRotate: ids(plan.x).length > 20 ? 90 : ids(plan.x).length > 6 ? 30 : 0,
        fill: ctx.additive?.(plan.metric) ? 0 : undefined,
        // the drawer is about 600 px wide: past a dozen columns a cell is narrower than its figure
        cellLabels: ids(plan.x).length <= CELL_LABELS_MAX && ids(plan.y).length <= CELL_LABELS_MAX,
      }, labels);
    }
    case 'radar': return genericRadarOption(result, { node: plan.node, by: plan.by, metrics: plan.metrics, labels, nodeOrder: order(plan.node) });
    case 'capabilityRadar': {
      const nodes = categories(rows, plan.node, { order: order(plan.node) });
      const of = plan.entity;
      const entities = of ? [of] : categories(rows, 'capability_entity');
      // a dimension score the source does not print is derived (the row's derived_dimensions): marked as on the capability page
      const marked = rows.map((r) => ({ ...r, ...(of ? { capability_entity: of } : {}), derived: Number(r.derived_dimensions ?? 0) > 0 }));
      const d = words.derived;
      return radarOption(marked, {
        // the foreign carriers' best and mean only when the answer holds every one of them (AT&T alone is not "the best")
        nodeDim: plan.node, nodes, entities, labels, bestLabel: words.best, meanLabel: words.mean, unknownLabel: words.unknown,
        benchmark: FOREIGN_CARRIERS.every((e) => entities.includes(e)),
        ...(d ? { derived: { suffix: d.suffix, partlySuffix: d.partlySuffix, valueNote: () => d.note } } : {}),
      });
    }
    case 'sankey': return flowSankeyOption(result, { from: plan.from, to: plan.to, metric: plan.metric, labels });
    case 'survival': return survivalOption(result, { dim: plan.dim, labels, bandLabel: words.band, monthsLabel: words.months, mark: ctx.tenure?.months ?? null });
    case 'map': return ctx.geo?.regions.length
      ? geoMapOption(result, { metric: plan.metric, labels, regions: ctx.geo.regions, map: ctx.geo.map, dim: plan.dim, noData: words.noData })
      : rankedBarsOption(result, { dim: plan.dim, metric: plan.metric, labels });
  }
}

/** KPI figures of an ungrouped answer: the value, and the change when compared. Pure. */
export function kpiFigures(q: Interpretation, result: MetricResultLike): { id: string; value: unknown; change: number | null | undefined }[] {
  const row = ((result.totals && typeof result.totals === 'object' ? result.totals : null) ?? rowsOf(result)[0] ?? {}) as Record<string, unknown>;
  return q.metrics.map((id) => ({ id, value: row[id] ?? null, change: q.compare ? num(row[`${id}_change`]) : undefined }));
}
