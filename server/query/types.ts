/** The typed query: exactly the chat interpretation of ASK.md, and GraphQL's MetricQuery. */
export type FilterOp = 'in' | 'not_in' | 'gt' | 'gte' | 'lt' | 'lte';
export interface Filter {
  dimension: string;
  op: FilterOp;
  values: string[];
}
/** A filter on a ratio metric compared with `total` compares with the query's own total (the whole's figure: 低于全省平均). */
export const TOTAL = 'total';
/** The metric a compare column names (revenue_change, revenue_prev → revenue; with `compare` a query may filter and order by them), else null. */
export function comparedMetric(key: string, part: 'change' | 'prev' | 'any' = 'any'): string | null {
  const m = /^(.+)_(change|prev)$/.exec(key);
  return m && (part === 'any' || m[2] === part) ? m[1] : null;
}
export interface MetricQuery {
  metrics: string[];
  groupBy?: string[] | null;
  filters?: Filter[] | null;
  timeRange?: { from: string; to: string } | null;
  orderBy?: { metric: string; direction: 'asc' | 'desc' } | null;
  limit?: number | null;
  compare?: 'yoy' | 'mom' | null;
}

/** Whose data a request may touch; comes from verified identity only, never from the query. */
export type Scope =
  | { level: 'national' }
  | { level: 'province'; province: string }
  | { level: 'city'; province: string; city: string };
export const NATIONAL: Scope = Object.freeze({ level: 'national' });

export interface Column {
  id: string;
  labelZh: string;
  labelEn: string;
  /** 'dimension' | 'time' | a metric ValueFormat */
  type: string;
  /** a text column whose cells are in one language ('zh' | 'en'), beside its twin in the other: a UI shows the one it speaks */
  lang?: 'zh' | 'en';
}

export interface MetricResult {
  columns: Column[];
  rows: Record<string, unknown>[];
  totals: Record<string, unknown> | null;
  sql: string[];
  /** what the plan resolved, for restatements and the "i" panel */
  resolved: { from: string | null; to: string | null; asOf: string; timeDefaulted: boolean; scope: Scope };
}
