/**
 * The option builders the chat needs and the pages never drew: generic bars / lines over
 * any grouping, pie, funnel, a generic radar and a two-dimension sankey. Same contract as
 * web/src/charts/builders: pure `(result, settings) => option`, labels passed in.
 */
import { axis, baseOption, figureLabel, compact, exact, memberColor, num, PALETTE, rowsOf, tooltipLines, type Labels, type MetricResultLike, type Row, LABELS_INSIDE } from '../charts/builders/common';

/** Distinct values of a column, in first-seen order (or by `order`, or ascending for time). */
export function categories(rows: Row[], key: string, s: { time?: boolean; order?: string[] } = {}): string[] {
  const seen = [...new Set(rows.map((r) => String(r[key])))];
  if (s.time) return seen.sort();
  if (s.order?.length) {
    const rank = (v: string) => { const i = s.order!.indexOf(v); return i < 0 ? Number.MAX_SAFE_INTEGER : i; };
    return [...seen].sort((a, b) => rank(a) - rank(b));
  }
  return seen;
}

export interface SeriesSpec {
  type: 'bar' | 'line';
  /** the category axis: a dimension or a time grain */
  x: string;
  /** a second grouping: one series per member (first metric only) */
  by: string | null;
  metrics: string[];
  labels: Labels;
  xIsTime?: boolean;
  xOrder?: string[];
  byOrder?: string[];
  /** suffix of the previous-period series when the query compares (yoy / mom) */
  prevLabel: string;
  /** x categories the time range cuts (a week of which it holds 3 days), with what to say of each: drawn faded, said in the tooltip */
  partial?: Map<string, string>;
}

/**
 * Bars or lines over one grouping: one series per metric (a second value axis when two
 * formats meet), its previous period beside it when compared, or one series per member of
 * a second grouping.
 */
export function seriesOption(result: MetricResultLike | null, s: SeriesSpec) {
  const { labels } = s;
  const rows = rowsOf(result);
  const xs = categories(rows, s.x, { time: s.xIsTime, order: s.xOrder });
  const at = (x: string, pred: (r: Row) => boolean = () => true) => rows.find((r) => String(r[s.x]) === x && pred(r));
  const formats = [...new Set(s.metrics.map((m) => labels.format(m)))].slice(0, 2);
  const axisOf = (m: string) => Math.max(0, formats.indexOf(labels.format(m)));
  type Line = { name: string; metric: string; data: (number | null)[]; prev?: boolean; member?: string };
  let lines: Line[];
  if (s.by) {
    const m = s.metrics[0];
    lines = categories(rows, s.by, { order: s.byOrder }).map((b) => ({
      name: labels.member(s.by!, b), metric: m, member: b, data: xs.map((x) => num(at(x, (r) => String(r[s.by!]) === b)?.[m])),
    }));
  } else {
    lines = s.metrics.flatMap((m) => {
      const own: Line = { name: labels.metric(m), metric: m, data: xs.map((x) => num(at(x)?.[m])) };
      const hasPrev = rows.some((r) => `${m}_prev` in r);
      return hasPrev ? [own, { name: `${labels.metric(m)} · ${s.prevLabel}`, metric: m, prev: true, data: xs.map((x) => num(at(x)?.[`${m}_prev`])) }] : [own];
    });
  }
  const xLabels = xs.map((x) => labels.member(s.x, x));
  const cut = (i: number) => s.partial?.get(xs[i]);
  const many = xs.length > 8 && !s.xIsTime;
  return {
    ...baseOption(),
    legend: lines.length > 1 ? { top: 0, type: 'scroll' } : undefined,
    tooltip: {
      trigger: 'axis', confine: true, axisPointer: { type: s.type === 'bar' ? 'shadow' : 'line' },
      formatter: (ps: { dataIndex: number; marker: string; seriesIndex: number }[]) =>
        tooltipLines(cut(ps[0].dataIndex) ? `${xLabels[ps[0].dataIndex]} · ${cut(ps[0].dataIndex)}` : xLabels[ps[0].dataIndex], ps.map((p) => {
          const l = lines[p.seriesIndex];
          return { marker: p.marker, name: l.name, value: exact(labels, l.data[p.dataIndex], labels.format(l.metric)) };
        })),
    },
    grid: { left: 8, right: 16, top: lines.length > 1 ? 32 : 12, bottom: 8, ...LABELS_INSIDE },
    xAxis: { type: 'category', data: xLabels, boundaryGap: s.type === 'bar', axisLabel: { interval: many ? 0 : 'auto', rotate: many ? 40 : 0, fontSize: 11 } },
    yAxis: formats.map((f, i) => ({ type: 'value', scale: s.type === 'line', axisLabel: axis(labels, f, lines.filter((l) => axisOf(l.metric) === i).flatMap((l) => l.data), s.type === 'line'), splitLine: { show: i === 0 } })),
    series: lines.map((l, i) => ({
      // a period the range cuts: a hollow, faded point (a faded bar), so its dip is not read as the data's
      name: l.name, type: s.type, yAxisIndex: axisOf(l.metric), data: l.data.map((v, j) => (cut(j) ? { value: v, symbol: 'emptyCircle', itemStyle: { opacity: 0.45 } } : v)),
      barMaxWidth: 36, symbolSize: 6,
      itemStyle: { color: l.member === undefined ? PALETTE[i % PALETTE.length] : memberColor(labels, s.by!, l.member, i), opacity: l.prev ? 0.55 : 1 },
      lineStyle: l.prev ? { type: 'dashed' } : undefined,
      // many lines (各省每月离网率: 31): the one pointed at, or its legend entry, stands out and the others fade
      ...(lines.length > 6 ? { emphasis: { focus: 'series' } } : {}),
      label: s.type === 'bar' && xs.length <= 12 && lines.length <= 2
        ? { show: true, position: 'top', fontSize: 10, formatter: figureLabel(labels, labels.format(l.metric), lines.filter((o) => o.metric === l.metric).flatMap((o) => o.data)) } : undefined,
    })),
  };
}

/**
 * Shares of a whole: one slice per member, largest first. Slices are labelled with their
 * share only when the metric adds up across members (`share`); a rate or an average is
 * labelled with its own value, since its "share of the sum" means nothing.
 */
export function pieOption(result: MetricResultLike | null, s: { dim: string; metric: string; labels: Labels; share?: boolean; focus?: string[] }) {
  const { labels, dim, metric } = s;
  const fmt = labels.format(metric);
  const rows = rowsOf(result).filter((r) => (num(r[metric]) ?? 0) > 0).sort((a, b) => num(b[metric])! - num(a[metric])!);
  const total = rows.reduce((t, r) => t + num(r[metric])!, 0);
  const share = s.share ?? true;
  return {
    ...baseOption(),
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p: { name: string; value: number; marker: string }) =>
        tooltipLines(p.name, [
          { marker: p.marker, name: labels.metric(metric), value: exact(labels, p.value, fmt) },
          ...(share ? [{ name: '%', value: exact(labels, total ? p.value / total : null, 'percent') }] : []),
        ]),
    },
    series: [{
      type: 'pie', radius: ['32%', '62%'], center: ['50%', '52%'], avoidLabelOverlap: true,
      itemStyle: { borderColor: '#fff', borderWidth: 1 },
      label: { fontSize: 11, formatter: (p: { name: string; percent: number; value: number }) => `${p.name} ${share ? `${p.percent.toFixed(1)}%` : compact(labels, p.value, fmt)}` },
      // the members asked about (全球通用户占比) stand out of the ring, labelled in bold
      selectedMode: s.focus?.length ? 'multiple' : false, selectedOffset: 10,
      data: rows.map((r) => {
        const asked = !!s.focus?.includes(String(r[dim]));
        return { name: labels.member(dim, r[dim]), value: num(r[metric]), id: String(r[dim]), ...(asked ? { selected: true, label: { fontWeight: 'bold' } } : {}) };
      }),
    }],
  };
}

/**
 * Members as funnel steps: in the dimension's own order when it has one (lifecycle stages 认知 →
 * 获取 → 使用 → 查询 → 变更), else largest at the top.
 */
export function funnelOption(result: MetricResultLike | null, s: { dim: string; metric: string; labels: Labels; order?: string[] }) {
  const { labels, dim, metric } = s;
  const fmt = labels.format(metric);
  const at = (r: Record<string, unknown>) => { const i = s.order?.indexOf(String(r[dim])) ?? -1; return i < 0 ? Infinity : i; };
  const steps = !!s.order?.length;
  const rows = rowsOf(result).filter((r) => num(r[metric]) !== null).sort((a, b) => (steps ? at(a) - at(b) : 0) || num(b[metric])! - num(a[metric])!);
  const max = rows.reduce((m, r) => Math.max(m, num(r[metric])!), 0) || 1;
  return {
    ...baseOption(),
    tooltip: { trigger: 'item', confine: true, formatter: (p: { name: string; value: number; marker: string }) => tooltipLines(p.name, [{ marker: p.marker, name: labels.metric(metric), value: exact(labels, p.value, fmt) }]) },
    series: [{
      type: 'funnel', left: '8%', right: '8%', top: 8, bottom: 8, min: 0, max, sort: steps ? 'none' : 'descending', gap: 2,
      label: { show: true, position: 'inside', fontSize: 11, formatter: (p: { name: string; value: number }) => `${p.name}  ${compact(labels, p.value, fmt)}` },
      data: rows.map((r) => ({ name: labels.member(dim, r[dim]), value: num(r[metric]) })),
    }],
  };
}

/**
 * A radar over the members of one grouping: one line per metric, or per member of a second
 * grouping (first metric). Scores run 0–4; other values scale to their largest.
 */
export function genericRadarOption(result: MetricResultLike | null, s: { node: string; by: string | null; metrics: string[]; labels: Labels; nodeOrder?: string[] }) {
  const { labels } = s;
  const rows = rowsOf(result);
  const nodes = categories(rows, s.node, { order: s.nodeOrder });
  const at = (n: string, pred: (r: Row) => boolean = () => true) => rows.find((r) => String(r[s.node]) === n && pred(r));
  const lines = s.by
    ? categories(rows, s.by).map((b) => ({ name: labels.member(s.by!, b), metric: s.metrics[0], values: nodes.map((n) => num(at(n, (r) => String(r[s.by!]) === b)?.[s.metrics[0]])) }))
    : s.metrics.map((m) => ({ name: labels.metric(m), metric: m, values: nodes.map((n) => num(at(n)?.[m])) }));
  const score = s.metrics.every((m) => labels.format(m) === 'score');
  const max = Math.max(0, ...lines.flatMap((l) => l.values.filter((v): v is number => v !== null)));
  return {
    ...baseOption(),
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p: { name: string; dataIndex: number }) => {
        const l = lines[p.dataIndex];
        return tooltipLines(l.name, nodes.map((n, i) => ({ name: labels.member(s.node, n), value: exact(labels, l.values[i], labels.format(l.metric)) })));
      },
    },
    radar: { center: ['50%', '56%'], radius: '64%', indicator: nodes.map((n) => ({ name: labels.member(s.node, n), min: 0, max: score ? 4 : max * 1.1 || 1 })), axisName: { color: '#333', fontSize: 11 } },
    series: [{
      type: 'radar', symbolSize: 5,
      data: lines.map((l, i) => ({ name: l.name, value: l.values.map((v) => (v === null ? '-' : v)), lineStyle: { width: 2, color: PALETTE[i % PALETTE.length] }, itemStyle: { color: PALETTE[i % PALETTE.length] }, areaStyle: { opacity: 0.08 } })),
    }],
  };
}

/** Flows from the members of one grouping (left) to those of another (right). */
export function flowSankeyOption(result: MetricResultLike | null, s: { from: string; to: string; metric: string; labels: Labels }) {
  const { labels, metric } = s;
  const fmt = labels.format(metric);
  const rows = rowsOf(result).filter((r) => (num(r[metric]) ?? 0) > 0);
  const node = (side: 'L' | 'R', dim: string, id: unknown) => ({ name: `${side}:${String(id)}`, label: labels.member(dim, id) });
  const nodes = new Map<string, string>();
  const links = rows.map((r) => {
    const a = node('L', s.from, r[s.from]);
    const b = node('R', s.to, r[s.to]);
    nodes.set(a.name, a.label);
    nodes.set(b.name, b.label);
    return { source: a.name, target: b.name, value: num(r[metric])! };
  });
  return {
    ...baseOption(),
    tooltip: {
      confine: true,
      formatter: (p: { dataType: string; name: string; value: number; data: { source?: string; target?: string } }) => (p.dataType === 'edge'
        ? tooltipLines(`${nodes.get(p.data.source!)} → ${nodes.get(p.data.target!)}`, [{ name: labels.metric(metric), value: exact(labels, p.value, fmt) }])
        : tooltipLines(nodes.get(p.name) ?? p.name, [{ name: labels.metric(metric), value: exact(labels, p.value, fmt) }])),
    },
    series: [{
      type: 'sankey', left: 8, right: 90, top: 8, bottom: 8, nodeGap: 8, draggable: false, emphasis: { focus: 'adjacency' },
      data: [...nodes.keys()].map((name, i) => ({ name, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
      links,
      label: { fontSize: 11, formatter: (p: { name: string }) => nodes.get(p.name) ?? p.name },
      lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
    }],
  };
}
