/**
 * What every option builder shares. Builders are pure: `(result, settings) => option`, no
 * DOM, no i18n instance; labels and formats arrive in `settings` as plain functions.
 */
import { formatValue, axisFormatter, type AxisSpan, type Locale } from '../../i18n/format';

export interface Labels {
  locale: Locale;
  /** (dimension id, member id) → label */
  member: (dim: string, id: unknown) => string;
  metric: (id: string) => string;
  /** dimension id → label */
  dim: (id: string) => string;
  /** catalog format of a metric */
  format: (id: string) => string;
  /** dimension id → its members' ids in the catalogue's order (colours follow it) */
  order?: (dim: string) => readonly string[];
}

export interface ResultColumn { id: string; labelZh: string; labelEn: string; type: string; lang?: string | null }
/** A column shown in `locale`: a text column in the other language (its twin is there) is not. */
export const speaks = (c: ResultColumn, locale: Locale) => !c.lang || c.lang === (locale === 'en' ? 'en' : 'zh');
export interface MetricResultLike {
  columns: ResultColumn[];
  rows: unknown[];
  totals?: unknown;
}
export type Row = Record<string, unknown>;

export interface TableColumn { key: string; label: string; format: string }
export interface TableData { columns: TableColumn[]; rows: Row[] }

/** what the viewer picked or asked about: a drilled region, the member a question named */
export const SELECTED_COLOR = '#e8590c';
/** a reference mark's grey (the whole's rate dashed across its members, a month marked on a curve) */
export const REFERENCE_COLOR = '#667085';

/**
 * A grid whose left/right/top/bottom hold its axis labels too: ECharts 6's form of the
 * deprecated `containLabel: true` (which, without `use(LegacyGridContainLabel)`, it turns into
 * exactly this, with a warning).
 */
export const LABELS_INSIDE = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;

export const PALETTE = ['#1f6fd1', '#f59f00', '#2f9e44', '#e8590c', '#7048e8', '#0c8599', '#c2255c', '#5c940d', '#495057', '#1098ad', '#d6336c', '#f08c00'];
/**
 * A member's colour: its place in the catalogue's order of its dimension, so one member keeps
 * one colour on every chart (a chart that leaves a member out does not shift the others);
 * `fallback` (the series' index) where the order does not know it.
 */
export function memberColor(labels: Labels, dim: string | null, id: unknown, fallback: number): string {
  const i = dim ? labels.order?.(dim).indexOf(String(id)) ?? -1 : -1;
  return PALETTE[(i >= 0 ? i : fallback) % PALETTE.length];
}
export const BASE_TEXT = { fontFamily: 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' };

export const rowsOf = (r: MetricResultLike | null | undefined): Row[] => (r?.rows ?? []) as Row[];
/** An answer's figures for the whole: its totals (grouped), else its one row. */
export const wholeRow = (r: MetricResultLike | null | undefined): Row | null => ((r?.totals ?? rowsOf(r)[0] ?? null) as Row | null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : v === null || v === undefined || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null);

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const exact = (labels: Labels, v: unknown, format: string) => formatValue(v, format, labels.locale, 'exact');
export const compact = (labels: Labels, v: unknown, format: string) => formatValue(v, format, labels.locale, 'compact');
/**
 * The figures drawn on a chart's bars or points, each compact, with one number of decimals
 * among those that share a unit: 4.0% beside 4.1%, not 4% (compact forms drop trailing
 * zeros); 70.0 元 beside 72.3 元. Figures in different units (3.08万 beside 4,000) are left as
 * they are. `values`: every figure the labels will show.
 */
export function figureText(labels: Labels, format: string, values: readonly unknown[]): (v: unknown) => string {
  // [whole part with any sign or currency before it, decimals, unit after]
  const parts = (t: string) => /^(\D*[\d,]+)(?:\.(\d+))?(.*)$/.exec(t);
  const shown = values.map((v) => compact(labels, v, format)).map(parts).filter((m): m is RegExpExecArray => m !== null);
  const units = new Set(shown.map((m) => m[3]));
  const decimals = Math.max(0, ...shown.map((m) => m[2]?.length ?? 0));
  return (v) => {
    const t = compact(labels, v, format);
    const m = parts(t);
    if (!m || !decimals || (m[2]?.length ?? 0) >= decimals || units.size !== 1 || !units.has(m[3])) return t;
    return `${m[1]}.${(m[2] ?? '').padEnd(decimals, '0')}${m[3]}`;
  };
}

/** `figureText` as an ECharts label formatter (it is given `{ value }`). */
export function figureLabel(labels: Labels, format: string, values: readonly unknown[]): (p: { value: unknown }) => string {
  const f = figureText(labels, format, values);
  return (p) => f(p.value);
}

/**
 * A value axis's labels in a metric's format; `values`: what is drawn on it, so that every
 * tick takes one unit and one number of decimals (axisFormatter); `scale`: the axis runs
 * from the least value (ECharts' `scale: true`), not from zero.
 */
export const axis = (labels: Labels, format: string, values?: readonly unknown[], scale = false) =>
  ({ formatter: axisFormatter(format, labels.locale, values ? spanOf(values, scale) : null), hideOverlap: true });

/** What values span on an axis (null when none is a number): the largest magnitude, and max − min (from zero unless `scale`). */
export function spanOf(values: readonly unknown[], scale = false): AxisSpan | null {
  const ns = values.map(num).filter((n): n is number => n !== null);
  if (!ns.length) return null;
  const [min, max] = [Math.min(...ns), Math.max(...ns)];
  const [lo, hi] = scale ? [min, max] : [Math.min(0, min), Math.max(0, max)];
  return { top: Math.max(Math.abs(min), Math.abs(max)), spread: hi - lo };
}

/** Tooltip lines "marker name: exact value". */
export function tooltipLines(title: string, lines: { marker?: string; name: string; value: string }[]): string {
  return [`<b>${escapeHtml(title)}</b>`, ...lines.map((l) => `${l.marker ?? ''}${escapeHtml(l.name)}：<b>${escapeHtml(l.value)}</b>`)].join('<br/>');
}

const label = (c: ResultColumn, locale: Locale) => (locale === 'en' ? c.labelEn : c.labelZh);

/** Any MetricResult as an exportable table: dimension cells become member labels, numbers stay exact. */
export function resultTable(r: MetricResultLike | null | undefined, labels: Labels): TableData {
  if (!r) return { columns: [], rows: [] };
  const shown = r.columns.filter((c) => speaks(c, labels.locale));
  const columns = shown.map((c) => ({ key: c.id, label: label(c, labels.locale), format: c.type }));
  const rows = rowsOf(r).map((row) => {
    const out: Row = {};
    for (const c of shown) out[c.id] = c.type === 'dimension' ? labels.member(c.id, row[c.id]) : row[c.id];
    return out;
  });
  return { columns, rows };
}

export const baseOption = () => ({
  textStyle: BASE_TEXT,
  color: PALETTE,
  animationDuration: 300,
  tooltip: { confine: true },
});
