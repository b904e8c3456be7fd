/**
 * Where an answer goes next: a saved view (nearest dashboard page + the exact chat query)
 * and GraphiQL (the executed document, pre-filled). Pure.
 */
import { isGrain, normalizeInterpretation, CHART_KINDS, type ChartKind, type Focus, type Interpretation } from './model';
import { OVERVIEW_METRICS, SURVIVAL_GROUPS } from '../../../server/model/page-choices';

export type ViewPage = 'overview' | 'segments' | 'channels' | 'lifecycle' | 'capability';

/** URL / saved-view key holding the chat query (the server keeps state values up to 1000 characters). */
export const CHAT_KEY = 'chat';
export const STATE_VALUE_MAX = 1000;

const SEGMENT_DIMS = ['value_tier', 'sub_segment', 'customer_type', 'quadrant', 'credit_list', 'satisfaction_band', 'loyalty_band', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_cell'];
const SEGMENT_SCHEMES = ['value_tier', 'brand', 'sub_segment', 'customer_type', 'quadrant', 'credit_list', 'satisfaction_band', 'loyalty_band'];

/** The chat query, its chart and the member it marks (广东排第几: 广东), as one URL value. */
export function encodeChat(q: Interpretation, chart: ChartKind | null, focus: Focus | null = null): string {
  return JSON.stringify({ q, ...(chart ? { chart } : {}), ...(focus ? { focus } : {}) });
}

/** A member mark read back: a dimension the query groups by, and a few ids (else null). */
function focusOf(v: unknown, q: Interpretation): Focus | null {
  const f = v as Focus | null | undefined;
  if (!f || typeof f.dimension !== 'string' || !q.groupBy.includes(f.dimension) || !Array.isArray(f.values)) return null;
  const values = f.values.filter((x): x is string => typeof x === 'string').slice(0, 20);
  return values.length ? { dimension: f.dimension, values } : null;
}

/** A `chat` URL value back to a query, chart and marked member; null when it is not one. */
export function decodeChat(s: unknown): { q: Interpretation; chart: ChartKind | null; focus: Focus | null } | null {
  if (typeof s !== 'string' || s.length > STATE_VALUE_MAX * 2) return null;
  try {
    const v = JSON.parse(s) as { q?: unknown; chart?: unknown; focus?: unknown };
    const q = normalizeInterpretation(v?.q);
    if (!q) return null;
    return { q, chart: CHART_KINDS.includes(v.chart as ChartKind) ? (v.chart as ChartKind) : null, focus: focusOf(v.focus, q) };
  } catch {
    return null;
  }
}

/**
 * An answer as a saved view: the dashboard page nearest to it, with the page's own
 * settings where the query maps onto them (metric, grouping, time range), plus the exact
 * chat query under `chat` (with the member the answer marks), which re-opens the answer in
 * the chat panel.
 * `domain` is the catalog domain of a metric (base, contacts, campaigns, survival, capability).
 */
export function viewOfAnswer(q: Interpretation, chart: ChartKind | null, domain: (metric: string) => string | undefined, focus: Focus | null = null): { page: ViewPage; state: Record<string, string> } {
  const m = q.metrics[0];
  const dims = [...q.groupBy, ...q.filters.map((f) => f.dimension)].filter((d) => !isGrain(d));
  const state: Record<string, string> = {};
  let page: ViewPage;
  switch (domain(m)) {
    case 'contacts': case 'campaigns': page = 'channels'; break;
    case 'survival': {
      page = 'lifecycle';
      const g = q.groupBy.find((d) => SURVIVAL_GROUPS.includes(d));
      if (g) state.group = g;
      break;
    }
    case 'capability': {
      page = 'capability';
      if (q.groupBy.includes('capability_area')) state.level = 'area';
      const ents = q.filters.find((f) => f.dimension === 'capability_entity' && f.op === 'in');
      if (ents?.values.length) state.entities = ents.values.slice(0, 8).join(',');
      break;
    }
    default: {
      if (dims.some((d) => SEGMENT_DIMS.includes(d))) {
        page = 'segments';
        const s = q.groupBy.find((d) => SEGMENT_SCHEMES.includes(d));
        if (s) state.scheme = s;
      } else {
        page = 'overview';
        if (OVERVIEW_METRICS.includes(m)) state[q.groupBy.some(isGrain) ? 'trend' : 'map'] = m;
      }
    }
  }
  if (q.timeRange) {
    state.from = q.timeRange.from.slice(0, 7);
    state.to = q.timeRange.to.slice(0, 7);
  }
  state[CHAT_KEY] = encodeChat(q, chart, focus);
  return { page, state };
}

/** Input fields of `MetricQuery` whose values are enum literals (printed bare, not as strings). */
const ENUM_FIELDS = new Set(['op', 'direction', 'compare']);

/**
 * A JSON value as a GraphQL input literal: object keys bare, enum fields bare, everything
 * else as JSON. With `indent`, an object puts one field per line (nested values stay inline).
 */
export function graphqlLiteral(v: unknown, key = '', indent: string | null = null): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => graphqlLiteral(x, key)).join(', ')}]`;
  if (typeof v === 'object') {
    const fields = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => `${k}: ${graphqlLiteral(x, k)}`);
    return indent === null || !fields.length ? `{${fields.join(', ')}}` : `{\n${fields.map((f) => `${indent}  ${f}`).join('\n')}\n${indent}}`;
  }
  if (typeof v === 'string' && ENUM_FIELDS.has(key) && /^[A-Za-z_]\w*$/.test(v)) return v;
  return JSON.stringify(v);
}

/**
 * The document with its variables written in place: the operation's variable definitions
 * dropped, each `$name` replaced by its value as a literal (an object one field per line).
 * Same query, runnable without a variables pane.
 */
export function inlineVariables(document: string, variables: unknown): string {
  const vars = (variables && typeof variables === 'object' ? variables : {}) as Record<string, unknown>;
  const doc = document.replace(/^(\s*(?:query|mutation)\s+\w+)\s*\([^)]*\)/, '$1');
  return doc.replace(/\$(\w+)/g, (_, name: string, at: number) => {
    const lineStart = doc.lastIndexOf('\n', at) + 1;
    return graphqlLiteral(vars[name], '', /^\s*/.exec(doc.slice(lineStart))![0]);
  });
}

/**
 * GraphiQL with the executed document in the editor. The GraphiQL bundled with the server
 * reads only `query` from its URL (not `variables`; checked in the browser), so the link
 * carries the document with its variables inlined, under a comment saying so.
 */
export function graphiqlHref(query: string, variables: unknown, comment = ''): string {
  const doc = `${comment ? `# ${comment}\n` : ''}${inlineVariables(query, variables)}`;
  return `/graphiql?${new URLSearchParams({ query: doc }).toString()}`;
}
