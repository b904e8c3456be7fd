/**
 * The chat's typed query (ASK.md "Interpretation": the `MetricQuery` shape) and the answer
 * the panel keeps per turn. Pure: no Vue, no DOM.
 */
import type { AskStatus, ChartKind } from '../generated/graphql';
import { defaultChart as sharedDefaultChart, TIME_GRAINS } from '../../../server/domains/ask/default-chart';

export type FilterOp = 'in' | 'not_in' | 'gt' | 'gte' | 'lt' | 'lte';
export type CompareKind = 'yoy' | 'mom';
export interface Filter { dimension: string; op: FilterOp; values: string[] }
export interface TimeRange { from: string; to: string }
export interface OrderBy { metric: string; direction: 'asc' | 'desc' }

/** Always with metrics, groupBy, filters and compare; timeRange, orderBy and limit only when set. */
export interface Interpretation {
  metrics: string[];
  groupBy: string[];
  filters: Filter[];
  timeRange?: TimeRange;
  orderBy?: OrderBy;
  limit?: number;
  compare: CompareKind | null;
}

export type { AskStatus, ChartKind };
export const CHART_KINDS: ChartKind[] = ['line', 'bar', 'pie', 'table', 'radar', 'funnel', 'sankey', 'heatmap', 'survival', 'kpi', 'map'];
export const GRAINS = TIME_GRAINS;
export const isGrain = (id: string): boolean => (GRAINS as readonly string[]).includes(id);

const OPS: FilterOp[] = ['in', 'not_in', 'gt', 'gte', 'lt', 'lte'];
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String) : []);

/**
 * A JSON interpretation (from `ask`, a choice or a saved view) → the canonical form, or null
 * when it is not one (no metric, wrong types). Unknown keys are dropped.
 */
export function normalizeInterpretation(raw: unknown): Interpretation | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const metrics = strings(r.metrics);
  if (!metrics.length) return null;
  const filters: Filter[] = [];
  for (const f of Array.isArray(r.filters) ? r.filters : []) {
    const x = f as Record<string, unknown>;
    if (!x || typeof x.dimension !== 'string' || !OPS.includes(x.op as FilterOp)) return null;
    filters.push({ dimension: x.dimension, op: x.op as FilterOp, values: strings(x.values) });
  }
  const q: Interpretation = { metrics, groupBy: strings(r.groupBy), filters, compare: r.compare === 'yoy' || r.compare === 'mom' ? r.compare : null };
  const t = r.timeRange as Record<string, unknown> | null | undefined;
  if (t && typeof t.from === 'string' && typeof t.to === 'string' && PERIOD.test(t.from) && PERIOD.test(t.to)) q.timeRange = { from: t.from, to: t.to };
  const o = r.orderBy as Record<string, unknown> | null | undefined;
  if (o && typeof o.metric === 'string' && (o.direction === 'asc' || o.direction === 'desc')) q.orderBy = { metric: o.metric, direction: o.direction };
  if (typeof r.limit === 'number' && Number.isInteger(r.limit) && r.limit > 0) q.limit = r.limit;
  return q;
}

/** The default chart: the server's own rule, one file shared by both (no copy to drift). */
export function defaultChart(q: Interpretation): ChartKind {
  return sharedDefaultChart(q);
}

/** After an edit: a chart that was the default follows the new shape; a chart the user asked for stays. */
export function chartAfterEdit(before: Interpretation, chart: ChartKind | null, after: Interpretation): ChartKind {
  if (!chart || chart === defaultChart(before)) return defaultChart(after);
  return chart;
}

/** The result a turn shows: what `ask` or `metrics` returned. */
export interface ResultColumn { id: string; labelZh: string; labelEn: string; type: string }
/** `from` / `to`: the rows' first and last day (null for metrics without a time axis). */
export interface ChatResult { columns: ResultColumn[]; rows: Record<string, unknown>[]; totals: Record<string, unknown> | null; asOf: string; from?: string | null; to?: string | null }

export interface MarkedWord { text: string; start: number; end: number }
export interface Choice { label: string; interpretation: Interpretation }

/** One answer as the panel keeps it (from `ask`, or built locally after a `metrics` re-run). */
export interface ChatAnswer {
  status: AskStatus;
  interpretation: Interpretation | null;
  restatement: string;
  language: string;
  graphql: string | null;
  variables: unknown;
  chart: ChartKind | null;
  requeried: boolean;
  result: ChatResult | null;
  asOf: string | null;
  unknownWords: MarkedWord[];
  choices: Choice[];
  message: string | null;
  /** the members the question asked about (全球通用户占比: 全球通), marked in the chart */
  focus: Focus | null;
  /** follow-ups the server checked against this answer (按月, 同比, 广东呢 …) */
  suggestions: string[];
  /** the point of tenure asked of a survival curve (在网12个月的存活率), marked on it */
  tenure?: Tenure | null;
}

export interface Focus { dimension: string; values: string[] }
export interface Tenure { months: number; within: boolean }
