/** Lifecycle: Kaplan–Meier step curves with Greenwood bands, medians, contract-end churn. */
import { axis, baseOption, memberColor, REFERENCE_COLOR, exact, num, rowsOf, tooltipLines, type Labels, type MetricResultLike, type Row, type TableData, LABELS_INSIDE } from './common';

export interface SurvivalCurve {
  key: string;
  tenure: number[];
  survival: (number | null)[];
  low: (number | null)[];
  /** high − low: stacked on `low` it draws the band */
  band: (number | null)[];
  high: (number | null)[];
  atRisk: (number | null)[];
}

/** Rows of `metrics(survival_rate, groupBy:[dim])` → one curve per group, sorted by tenure. Pure. */
export function survivalCurves(rows: Row[], dim: string | null): SurvivalCurve[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = dim ? String(r[dim]) : 'all';
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()].map(([key, rs]) => {
    const sorted = [...rs].sort((a, b) => Number(a.tenure) - Number(b.tenure));
    const low = sorted.map((r) => num(r.ci_low));
    const high = sorted.map((r) => num(r.ci_high));
    return {
      key,
      tenure: sorted.map((r) => Number(r.tenure)),
      survival: sorted.map((r) => num(r.survival_rate)),
      low,
      high,
      band: low.map((l, i) => (l === null || high[i] === null ? null : Math.max(0, high[i]! - l))),
      atRisk: sorted.map((r) => num(r.at_risk)),
    };
  });
}

/** Past two years of tenure, the axis ticks every 12 months and ends on the year after the last point. */
function yearTicks(curves: { tenure: number[] }[]): { max?: number; interval?: number } {
  const last = Math.max(0, ...curves.flatMap((c) => c.tenure));
  return last > 24 ? { max: Math.ceil(last / 12) * 12, interval: 12 } : {};
}

/** A member's place in its dimension's catalogue order (members it does not list last, in the order given). */
function catalogueRank(labels: Labels, dim: string | null): (id: string) => number {
  const order = dim && labels.order ? labels.order(dim) : [];
  return (id) => (order.includes(id) ? order.indexOf(id) : order.length);
}

/** `mark`: a month of tenure asked about (在网12个月的存活率), drawn as a dashed line with its curves' values read there. */
export function survivalOption(result: MetricResultLike | null, s: { dim: string | null; labels: Labels; bandLabel: (name: string) => string; monthsLabel: string; mark?: number | null }) {
  const { labels } = s;
  // the legend in the catalogue's order (全球通, 动感地带, 神州行), as the colours and the chat's reading of a point
  const rank = catalogueRank(labels, s.dim);
  const curves = survivalCurves(rowsOf(result), s.dim).sort((a, b) => rank(a.key) - rank(b.key));
  const name = (k: string) => (s.dim ? labels.member(s.dim, k) : labels.metric('survival_rate'));
  const series = curves.flatMap((c, i) => {
    const color = memberColor(labels, s.dim, c.key, i);
    const stack = `band-${c.key}`;
    return [
      // the band: an invisible lower line, then (high − low) stacked on it with a fill
      { name: s.bandLabel(name(c.key)), type: 'line', step: 'end', stack, symbol: 'none', silent: true, lineStyle: { opacity: 0 }, data: c.tenure.map((t, j) => [t, c.low[j]]), tooltip: { show: false } },
      { name: s.bandLabel(name(c.key)), type: 'line', step: 'end', stack, symbol: 'none', silent: true, lineStyle: { opacity: 0 }, areaStyle: { color, opacity: 0.15 }, data: c.tenure.map((t, j) => [t, c.band[j]]), tooltip: { show: false } },
      { name: name(c.key), type: 'line', step: 'end', symbol: 'none', lineStyle: { width: 2, color }, itemStyle: { color }, data: c.tenure.map((t, j) => [t, c.survival[j]]),
        ...(i === 0 && s.mark != null ? { markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: REFERENCE_COLOR }, label: { formatter: `${s.monthsLabel} ${s.mark}`, position: 'end' }, data: [{ xAxis: s.mark }] } } : {}) },
    ];
  });
  return {
    ...baseOption(),
    legend: { top: 0, data: curves.map((c) => name(c.key)) },
    tooltip: {
      trigger: 'axis', confine: true,
      formatter: (ps: { value: [number, number]; seriesName: string; marker: string }[]) => {
        const t = ps[0]?.value[0];
        const lines = curves.map((c, i) => {
          const j = c.tenure.indexOf(t);
          if (j < 0) return null;
          return { marker: `<span style="display:inline-block;margin-right:4px;border-radius:5px;width:10px;height:10px;background:${memberColor(labels, s.dim, c.key, i)}"></span>`, name: name(c.key), value: `${exact(labels, c.survival[j], 'percent')} [${exact(labels, c.low[j], 'percent')}, ${exact(labels, c.high[j], 'percent')}] n=${c.atRisk[j] ?? '—'}` };
        }).filter((x): x is NonNullable<typeof x> => !!x);
        return tooltipLines(`${s.monthsLabel} ${t}`, lines);
      },
    },
    grid: { left: 8, right: 16, top: 36, bottom: 28, ...LABELS_INSIDE },
    xAxis: { type: 'value', name: s.monthsLabel, nameLocation: 'middle', nameGap: 24, min: 0, ...yearTicks(curves) },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: axis(labels, 'percent') },
    series,
  };
}

/** Median lifetime per group; a group whose curve never falls to 50 % shows "not reached". */
export function medianOption(result: MetricResultLike | null, s: { dim: string; labels: Labels; notReached: string }) {
  const { labels, dim } = s;
  // the groups top to bottom in the catalogue's order, as the survival curves' legend beside it
  const rank = catalogueRank(labels, dim);
  const rows = [...rowsOf(result)].sort((a, b) => rank(String(a[dim])) - rank(String(b[dim])));
  const cats = rows.map((r) => labels.member(dim, r[dim]));
  return {
    ...baseOption(),
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true,
      formatter: (ps: { dataIndex: number }[]) => {
        const r = rows[ps[0].dataIndex];
        return tooltipLines(cats[ps[0].dataIndex], [{ name: labels.metric('median_lifetime'), value: num(r.median_lifetime) === null ? s.notReached : exact(labels, r.median_lifetime, 'months') }]);
      },
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, ...LABELS_INSIDE },
    xAxis: { type: 'value', axisLabel: axis(labels, 'months') },
    yAxis: { type: 'category', data: cats, inverse: true },
    series: [{
      type: 'bar', barMaxWidth: 22,
      data: rows.map((r) => num(r.median_lifetime) ?? 0),
      label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => (num(rows[p.dataIndex].median_lifetime) === null ? s.notReached : exact(labels, rows[p.dataIndex].median_lifetime, 'months')) },
    }],
  };
}

export interface ContractPoint { contractType: string; relativeMonth: number; atRisk: number; churned: number; churnRate: number | null }

/** Churn rate by month relative to contract end (−6 … +6), one line per contract type, expiry marked. */
export function contractChurnOption(points: ContractPoint[], s: { labels: Labels; relLabel: string }) {
  const { labels } = s;
  const months = [...new Set(points.map((p) => p.relativeMonth))].sort((a, b) => a - b);
  const types = [...new Set(points.map((p) => p.contractType))];
  const at = (t: string, m: number) => points.find((p) => p.contractType === t && p.relativeMonth === m);
  return {
    ...baseOption(),
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis', confine: true,
      formatter: (ps: { dataIndex: number; marker: string; seriesName: string }[]) => {
        const m = months[ps[0].dataIndex];
        return tooltipLines(`${s.relLabel} ${m > 0 ? '+' : ''}${m}`, ps.map((p, i) => {
          const pt = at(types[i], m);
          return { marker: p.marker, name: p.seriesName, value: `${exact(labels, pt?.churnRate, 'percent')} (${exact(labels, pt?.churned, 'integer')} / ${exact(labels, pt?.atRisk, 'integer')})` };
        }));
      },
    },
    grid: { left: 8, right: 16, top: 36, bottom: 28, ...LABELS_INSIDE },
    xAxis: { type: 'category', name: s.relLabel, nameLocation: 'middle', nameGap: 24, data: months.map((m) => (m > 0 ? `+${m}` : String(m))) },
    yAxis: { type: 'value', axisLabel: axis(labels, 'percent') },
    series: types.map((t, i) => ({
      name: labels.member('contract_type', t), type: 'line', symbolSize: 6, itemStyle: { color: memberColor(labels, 'contract_type', t, i) }, lineStyle: { color: memberColor(labels, 'contract_type', t, i) },
      data: months.map((m) => num(at(t, m)?.churnRate)),
      ...(i === 0 ? { markLine: { silent: true, symbol: 'none', lineStyle: { color: '#c92a2a', type: 'dashed' }, data: [{ xAxis: months.indexOf(0) }], label: { formatter: '0' } } } : {}),
    })),
  };
}

/** The contract-expiry points as a table (contract type named, the counts beside the rate). */
export function contractTable(points: ContractPoint[], s: { labels: Labels; relLabel: string; atRiskLabel: string }): TableData {
  const { labels } = s;
  return {
    columns: [
      { key: 'contractType', label: labels.dim('contract_type'), format: 'text' }, { key: 'relativeMonth', label: s.relLabel, format: 'integer' },
      { key: 'atRisk', label: s.atRiskLabel, format: 'integer' }, { key: 'churned', label: labels.metric('churned_subscribers'), format: 'integer' },
      { key: 'churnRate', label: labels.metric('churn_rate'), format: 'percent' },
    ],
    rows: points.map((x) => ({ ...x, contractType: labels.member('contract_type', x.contractType) })),
  };
}
