/**
 * What an embed is (a chart kind over one metric query, its locked filters and the controls
 * a host page may change) and what its signed token carries. The claims are checked for
 * shape again after the signature verifies: a token is only as good as what it says.
 */
import type { Filter, MetricQuery } from '../query/types.ts';

/** Chart kinds an embed draws; each is one pure option builder of the dashboard (web/src/charts/builders). */
export const CHART_KINDS = ['trend', 'bars', 'map', 'bars_line', 'survival', 'median', 'scatter', 'heatmap'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** The control that changes the time range; every other control is a dimension id. */
export const TIME_CONTROL = 'timeRange';
export const LANGS = ['zh', 'en'] as const;
export type EmbedLang = (typeof LANGS)[number];

export interface EmbedSpec {
  query: MetricQuery;
  chart: ChartKind;
  /** always applied, never replaceable by a control */
  lockedFilters: Filter[];
  allowControls: string[];
  lang: EmbedLang;
  /** the saved view (and its version) the query was resolved from */
  view: { id: string; version: number } | null;
}

export interface EmbedClaims extends EmbedSpec {
  /** national, or the province / city code whose data the embed may show: the minter's scope */
  scope: string;
  /** who minted it: a viewer id, or `api:<user>` from the server-to-server endpoint */
  sub: string;
  jti: string;
  /** seconds since the epoch */
  exp: number;
}

/** The JWT payload: short keys keep the token (and the URL carrying it) small. */
export interface EmbedPayload {
  scope: string;
  q: MetricQuery;
  chart: ChartKind;
  lf: Filter[];
  ac: string[];
  lang: EmbedLang;
  view?: { id: string; v: number };
}

export const toPayload = (s: EmbedSpec, scope: string): EmbedPayload => ({
  scope, q: s.query, chart: s.chart, lf: s.lockedFilters, ac: s.allowControls, lang: s.lang,
  ...(s.view ? { view: { id: s.view.id, v: s.view.version } } : {}),
});

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const filtersOk = (v: unknown): v is Filter[] => Array.isArray(v) && v.every((f) => isObj(f) && typeof f.dimension === 'string' && typeof f.op === 'string' && strings(f.values));

/** Verified payload → claims, or null when a field is missing or of the wrong kind. */
export function claimsOf(p: Record<string, unknown>): EmbedClaims | null {
  const q = p.q;
  if (typeof p.scope !== 'string' || typeof p.sub !== 'string' || typeof p.jti !== 'string' || typeof p.exp !== 'number') return null;
  if (!isObj(q) || !strings(q.metrics) || (q.groupBy != null && !strings(q.groupBy)) || (q.filters != null && !filtersOk(q.filters))) return null;
  if (!(CHART_KINDS as readonly string[]).includes(String(p.chart)) || !filtersOk(p.lf) || !strings(p.ac) || !(LANGS as readonly string[]).includes(String(p.lang))) return null;
  const view = isObj(p.view) && typeof p.view.id === 'string' && typeof p.view.v === 'number' ? { id: p.view.id, version: p.view.v } : null;
  return {
    scope: p.scope, sub: p.sub, jti: p.jti, exp: p.exp,
    query: q as unknown as MetricQuery, chart: p.chart as ChartKind, lockedFilters: p.lf, allowControls: p.ac, lang: p.lang as EmbedLang, view,
  };
}
