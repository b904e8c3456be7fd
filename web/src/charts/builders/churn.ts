/**
 * 离网分析: who leaves (churners and churn rate by segment and by tenure), where (the regions
 * one level down, against the parent's own rate) and when (the monthly trend, the months
 * around contract end). The charts themselves are the overview's ranked bars and trend and the
 * segments' bars-with-line; what this file adds is the reference line (the whole's own churn
 * rate, read from the API, never a mean of the members' rates), the tenure bands (one API
 * query per band, a range filter on tenure_months) and the tables.
 */
import { rowsOf, num, compact, wholeRow, REFERENCE_COLOR, type Labels, type MetricResultLike, type Row } from './common';
import { barsWithLineOption } from './segments';
import { rankedBarsOption } from './overview';

export const CHURN_RATE = 'churn_rate';
export const CHURNED = 'churned_subscribers';

/** The whole's figure to draw beside its members: a label (全国, 广东省) and the value. */
export interface Reference { label: string; value: number }

/**
 * The churn rate of the whole a grouped result splits: its `totals`, which the API recomputes
 * as churned ÷ subscribers at the start over all rows (the parent region's own rate, as its KPI
 * card shows it). Not a mean of the rows' rates: that would weigh a city of 2,000 subscribers
 * like one of 200,000. Null when the API gave no figure.
 */
export function wholeRate(result: MetricResultLike | null | undefined, metric = CHURN_RATE): number | null {
  const totals = result?.totals as Row | null | undefined;
  return totals ? num(totals[metric]) : null;
}

/** A reference line's settings from a label and a value that may be missing. */
export function reference(label: string | null, value: number | null): Reference | null {
  return label !== null && value !== null ? { label, value } : null;
}

/** Height of the regions' chart: every region named (31 provinces need more room than 21 cities). */
export function regionChartHeight(rows: number, min = 320, max = 560): number {
  return Math.min(max, Math.max(min, rows * 15 + 48));
}

/**
 * Regions one level down (provinces of the country, cities of a province; a city's own row)
 * ranked by churn rate, the parent's own rate dashed across them, the selected region marked.
 */
export function regionChurnOption(result: MetricResultLike | null, s: { dim: 'province' | 'city'; labels: Labels; reference: Reference | null; selected?: string | null }) {
  return rankedBarsOption(result, { dim: s.dim, metric: CHURN_RATE, labels: s.labels, reference: s.reference, selected: s.selected ?? null });
}

/**
 * Churned subscribers per member as bars (the churners' make-up: the tooltip gives each
 * member's share of them) and the churn rate as a line on the right axis, with the whole's
 * rate dashed on that axis. Members in the catalogue's order (`order`), never re-sorted.
 * The dashed line is named in the legend (深圳市整体 3.5%), not by a label on the line: a
 * label at its end sat on the last member's bar whenever that bar reached the line's height
 * (the bars and the line have their own axes, so no side of the line is safe from both).
 */
export function breakdownOption(result: MetricResultLike | null, s: { dim: string; labels: Labels; order?: string[]; reference: Reference | null }) {
  const base = barsWithLineOption(result, { dim: s.dim, bar: CHURNED, line: CHURN_RATE, order: s.order, labels: s.labels });
  const many = rowsOf(result).length > 6;
  const ref = s.reference;
  const refName = ref ? `${ref.label} ${compact(s.labels, ref.value, 'percent')}` : null;
  return {
    ...base,
    // the reference's entry on a row of its own: beside the two series it wrapped at a phone's width onto the plot
    ...(refName ? { legend: [{ ...base.legend, data: base.series.map((x) => x.name) }, { top: 20, data: [refName] }], grid: { ...base.grid, top: 52 } } : {}),
    // more than six members (sub-segments, channels) are named at a slant
    xAxis: { ...base.xAxis, axisLabel: { interval: 0, fontSize: 11, ...(many ? { rotate: 35 } : {}) } },
    series: [
      ...base.series,
      // a series of its own with no points: the legend names the line and draws it dashed
      ...(ref && refName ? [{
        name: refName, type: 'line', yAxisIndex: 1, data: [], symbol: 'none', silent: true, color: REFERENCE_COLOR,
        // no dot on the legend's icon: the line alone, dashed as drawn
        itemStyle: { opacity: 0 },
        lineStyle: { color: REFERENCE_COLOR, type: 'dashed', width: 1 },
        markLine: {
          // precision: ECharts rounds a mark line's position to 2 decimals by default (a 3.5% rate drawn at 4%)
          silent: true, symbol: 'none', precision: 20, lineStyle: { color: REFERENCE_COLOR, type: 'dashed' }, label: { show: false },
          data: [{ yAxis: ref.value }],
        },
      }] : []),
    ],
  };
}

/** Tenure bands in whole months since activation: [from, to), `to` null for the open last band (8_18 is 8–17 months). */
export interface TenureBand { id: string; from: number; to: number | null }

/**
 * Seed 002's prepaid lifecycle stages (0–8, 8–18, 18+ months: 充值少送 / 多送 / 最多送), the
 * open band split at three years, where two-year contracts have ended and renewed.
 */
export const TENURE_BANDS: TenureBand[] = [
  { id: '0_8', from: 0, to: 8 },
  { id: '8_18', from: 8, to: 18 },
  { id: '18_36', from: 18, to: 36 },
  { id: '36plus', from: 36, to: null },
];

/** The API filters that select one band: tenure_months ≥ from and < to (whole numbers). */
export function tenureFilters(b: TenureBand): { dimension: string; op: 'gte' | 'lt'; values: string[] }[] {
  return [
    { dimension: 'tenure_months', op: 'gte', values: [String(b.from)] },
    ...(b.to === null ? [] : [{ dimension: 'tenure_months', op: 'lt' as const, values: [String(b.to)] }]),
  ];
}

export const TENURE_DIM = 'tenure_band';

/**
 * The bands' answers (one `metrics` result per band, same order) as one result grouped by
 * band: each row is its band's own figures as the API returned them (totals), nothing summed
 * or divided here. A band whose answer is missing is left out; null until every band answered.
 */
export function tenureResult(bands: TenureBand[], results: (MetricResultLike | null | undefined)[], column: { labelZh: string; labelEn: string }): MetricResultLike | null {
  if (results.length !== bands.length || results.some((r) => !r)) return null;
  const first = results[0]!;
  const metrics = first.columns.filter((c) => c.type !== 'dimension');
  const rows: Row[] = [];
  bands.forEach((b, i) => {
    const t = wholeRow(results[i]);
    if (t) rows.push({ [TENURE_DIM]: b.id, ...Object.fromEntries(metrics.map((m) => [m.id, t[m.id] ?? null])) });
  });
  return { columns: [{ id: TENURE_DIM, labelZh: column.labelZh, labelEn: column.labelEn, type: 'dimension' }, ...metrics], rows, totals: null };
}

/** Labels that also name the tenure bands (the catalogue has no such dimension). */
export function withBandNames(labels: Labels, name: (b: TenureBand) => string, bands: TenureBand[] = TENURE_BANDS): Labels {
  return {
    ...labels,
    member: (dim, id) => {
      const b = dim === TENURE_DIM ? bands.find((x) => x.id === String(id)) : undefined;
      return b ? name(b) : labels.member(dim, id);
    },
  };
}
