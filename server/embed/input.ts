/**
 * The mint request, from GraphQL (typed by the SDL) or from the server-to-server endpoint
 * (any JSON): checked for shape here, field by field, every problem listed at once. What
 * passes is normalised, because it ends up inside the signed token.
 */
import { badInput } from '../errors.ts';
import type { Filter, FilterOp, MetricQuery } from '../query/types.ts';
import { CHART_KINDS, type ChartKind, type EmbedLang } from './claims.ts';

export interface MintInput {
  viewId?: string | null;
  viewVersion?: number | null;
  viewDimension?: string | null;
  query?: unknown;
  chart: string;
  lockedFilters?: unknown;
  allowControls?: unknown;
  ttlSeconds?: number | null;
  lang?: string | null;
}

export interface ParsedMint {
  source: { view: { id: string; version: number | null; dimension: string | null } } | { query: MetricQuery };
  chart: ChartKind;
  lockedFilters: Filter[];
  allowControls: string[];
  ttlSeconds: number | null;
  lang: EmbedLang;
}

const OPS: FilterOp[] = ['in', 'not_in', 'gt', 'gte', 'lt', 'lte'];
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_LIST = 50;
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function ids(v: unknown, what: string, problems: string[]): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > MAX_LIST || !v.every((x) => typeof x === 'string' && ID.test(x))) {
    problems.push(`${what} must be a list of at most ${MAX_LIST} ids`);
    return [];
  }
  return [...new Set(v as string[])];
}

function filters(v: unknown, what: string, problems: string[]): Filter[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > MAX_LIST) { problems.push(`${what} must be a list of at most ${MAX_LIST} filters`); return []; }
  const out: Filter[] = [];
  v.forEach((f, i) => {
    if (!isObj(f) || typeof f.dimension !== 'string' || !ID.test(f.dimension) || !OPS.includes(f.op as FilterOp)
      || !Array.isArray(f.values) || f.values.length === 0 || f.values.length > 500 || !f.values.every((x) => typeof x === 'string' || typeof x === 'number')) {
      problems.push(`${what}[${i}] must be { dimension, op: ${OPS.join(' | ')}, values: [1–500 strings] }`);
      return;
    }
    out.push({ dimension: f.dimension, op: f.op as FilterOp, values: (f.values as unknown[]).map((x) => String(x).slice(0, 64)) });
  });
  return out;
}

/** Any JSON → a MetricQuery with only the known fields, or problems. */
export function parseQuery(v: unknown, problems: string[]): MetricQuery | null {
  if (!isObj(v)) { problems.push('query must be a MetricQuery object ({ metrics, groupBy, filters, timeRange, orderBy, limit, compare })'); return null; }
  const unknown = Object.keys(v).filter((k) => !['metrics', 'groupBy', 'filters', 'timeRange', 'orderBy', 'limit', 'compare'].includes(k));
  if (unknown.length) problems.push(`query has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k.slice(0, 32)}"`).join(', ')}`);
  const q: MetricQuery = { metrics: ids(v.metrics, 'query.metrics', problems) };
  if (v.groupBy != null) q.groupBy = ids(v.groupBy, 'query.groupBy', problems);
  if (v.filters != null) q.filters = filters(v.filters, 'query.filters', problems);
  if (v.timeRange != null) {
    const t = v.timeRange;
    if (!isObj(t) || typeof t.from !== 'string' || typeof t.to !== 'string' || t.from.length > 10 || t.to.length > 10) problems.push('query.timeRange must be { from, to } (YYYY-MM or YYYY-MM-DD)');
    else q.timeRange = { from: t.from, to: t.to };
  }
  if (v.orderBy != null) {
    const o = v.orderBy;
    if (!isObj(o) || typeof o.metric !== 'string' || !ID.test(o.metric) || (o.direction !== 'asc' && o.direction !== 'desc')) problems.push('query.orderBy must be { metric, direction: asc | desc }');
    else q.orderBy = { metric: o.metric, direction: o.direction };
  }
  if (v.limit != null) {
    if (typeof v.limit !== 'number') problems.push('query.limit must be a number');
    else q.limit = v.limit;
  }
  if (v.compare != null) {
    if (v.compare !== 'yoy' && v.compare !== 'mom') problems.push('query.compare must be yoy or mom');
    else q.compare = v.compare;
  }
  return q;
}

export function parseLang(v: unknown): EmbedLang | null {
  if (v === undefined || v === null || v === '') return 'zh';
  if (v === 'zh' || v === 'zh-CN') return 'zh';
  if (v === 'en') return 'en';
  return null;
}

/** The mint request's shape (what it means — ids, scope, chart fit — is the service's job). */
export function parseMint(input: MintInput): ParsedMint {
  const problems: string[] = [];
  const hasView = input.viewId !== undefined && input.viewId !== null && input.viewId !== '';
  const hasQuery = input.query !== undefined && input.query !== null;
  let source: ParsedMint['source'] | null = null;
  if (hasView === hasQuery) problems.push('give either viewId (a saved view) or query (a MetricQuery), not both and not neither');
  else if (hasView) {
    if (typeof input.viewId !== 'string' || input.viewId.length > 64) problems.push('viewId must be a saved view id');
    else if (input.viewVersion != null && (!Number.isInteger(input.viewVersion) || input.viewVersion < 1)) problems.push('viewVersion must be a version number (1, 2, …)');
    else if (input.viewDimension != null && (typeof input.viewDimension !== 'string' || !ID.test(input.viewDimension))) problems.push('viewDimension must be a dimension id');
    else source = { view: { id: input.viewId, version: input.viewVersion ?? null, dimension: input.viewDimension ?? null } };
  } else {
    if (input.viewDimension != null) problems.push('viewDimension picks a chart of a saved view: give it with viewId');
    const q = parseQuery(input.query, problems);
    if (q) source = { query: q };
  }
  const chart = String(input.chart ?? '');
  if (!(CHART_KINDS as readonly string[]).includes(chart)) problems.push(`chart must be one of ${CHART_KINDS.join(', ')}`);
  const lockedFilters = filters(input.lockedFilters, 'lockedFilters', problems);
  const allowControls = ids(input.allowControls, 'allowControls', problems);
  let ttlSeconds: number | null = null;
  if (input.ttlSeconds !== undefined && input.ttlSeconds !== null) {
    if (typeof input.ttlSeconds !== 'number' || !Number.isInteger(input.ttlSeconds)) problems.push('ttlSeconds must be a whole number of seconds');
    else ttlSeconds = input.ttlSeconds;
  }
  const lang = parseLang(input.lang);
  if (!lang) problems.push('lang must be zh or en');
  if (problems.length || !source) throw badInput(problems.join('; '), { problems });
  return { source, chart: chart as ChartKind, lockedFilters, allowControls, ttlSeconds, lang: lang! };
}
