/** Segments: value tiers, brand sub-segments, heatmaps (RFM and friends), the migration sankey. */
import { axis, baseOption, figureLabel, memberColor, compact, exact, num, rowsOf, SELECTED_COLOR, tooltipLines, type Labels, type MetricResultLike, type Row, type TableData, LABELS_INSIDE } from './common';

/** Subscribers per member as bars, a ratio metric (ARPU) as a line on the right axis. */
export function barsWithLineOption(result: MetricResultLike | null, s: { dim: string; bar: string; line?: string; order?: string[]; selected?: string[]; labels: Labels }) {
  const { labels, dim, bar, line } = s;
  let rows = rowsOf(result);
  if (s.order) rows = [...rows].sort((a, b) => s.order!.indexOf(String(a[dim])) - s.order!.indexOf(String(b[dim])));
  const cats = rows.map((r) => labels.member(dim, r[dim]));
  const total = rows.reduce((t, r) => t + (num(r[bar]) ?? 0), 0);
  // past a dozen members (the chat's 31 provinces) value labels run into each other and
  // straight names overlap: the tooltip gives the figures, names are slanted
  const crowded = cats.length > 12;
  const slanted = cats.length > 8;
  return {
    ...baseOption(),
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis', confine: true, axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number; marker: string; seriesName: string }[]) => {
        const r = rows[ps[0].dataIndex];
        const share = total ? (num(r[bar]) ?? 0) / total : null;
        return tooltipLines(cats[ps[0].dataIndex], [
          ...ps.map((p, i) => ({ marker: p.marker, name: p.seriesName, value: exact(labels, r[i === 0 ? bar : line!], labels.format(i === 0 ? bar : line!)) })),
          { name: '%', value: exact(labels, share, 'percent') },
        ]);
      },
    },
    grid: { left: 8, right: 8, top: 32, bottom: 8, ...LABELS_INSIDE },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, fontSize: crowded ? 10 : 11, ...(slanted ? { rotate: cats.length > 32 ? 90 : 45 } : {}) } },
    yAxis: [
      { type: 'value', axisLabel: axis(labels, labels.format(bar), rows.map((r) => r[bar])) },
      ...(line ? [{ type: 'value', axisLabel: axis(labels, labels.format(line), rows.map((r) => r[line])), splitLine: { show: false } }] : []),
    ],
    series: [
      { name: labels.metric(bar), type: 'bar', barMaxWidth: 36, data: rows.map((r) => (s.selected?.includes(String(r[dim])) ? { value: num(r[bar]), itemStyle: { color: SELECTED_COLOR } } : num(r[bar]))), label: { show: !crowded, position: 'top', fontSize: 10, formatter: figureLabel(labels, labels.format(bar), rows.map((r) => r[bar])) } },
      ...(line ? [{ name: labels.metric(line), type: 'line', yAxisIndex: 1, symbolSize: 7, data: rows.map((r) => num(r[line])) }] : []),
    ],
  };
}

/** Sub-segments grouped by brand: one bar per sub-segment, coloured by its brand. */
export function subSegmentOption(result: MetricResultLike | null, s: { metric: string; brands: string[]; labels: Labels }) {
  const { labels, metric } = s;
  const fmt = labels.format(metric);
  const rows = [...rowsOf(result)].sort((a, b) =>
    s.brands.indexOf(String(a.brand)) - s.brands.indexOf(String(b.brand)) || (num(b[metric]) ?? 0) - (num(a[metric]) ?? 0));
  const cats = rows.map((r) => labels.member('sub_segment', r.sub_segment));
  return {
    ...baseOption(),
    legend: { top: 0, data: s.brands.map((b) => labels.member('brand', b)) },
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p: { dataIndex: number; marker: string }) => {
        const r = rows[p.dataIndex];
        return tooltipLines(`${labels.member('brand', r.brand)} · ${cats[p.dataIndex]}`, [{ marker: p.marker, name: labels.metric(metric), value: exact(labels, r[metric], fmt) }]);
      },
    },
    grid: { left: 8, right: 8, top: 32, bottom: 8, ...LABELS_INSIDE },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, fontSize: 11, rotate: 30 } },
    yAxis: { type: 'value', axisLabel: axis(labels, fmt, rows.map((r) => r[metric])) },
    // one series per brand so the legend names brands; each sub-segment has a value in one series only
    series: s.brands.map((b, i) => ({
      name: labels.member('brand', b), type: 'bar', stack: 'brand', barMaxWidth: 32, itemStyle: { color: memberColor(labels, 'brand', b, i) },
      data: rows.map((r) => (String(r.brand) === b ? num(r[metric]) : null)),
    })),
  };
}

export interface HeatmapSpec {
  x: { dim: string; ids: string[]; title: string };
  y: { dim: string; ids: string[]; title: string };
  value: string;
  /** tooltip name of the value (default: the metric's label) */
  valueLabel?: string;
  format: string;
  /** first y id at the top (default: at the bottom, like a value axis) */
  yTopDown?: boolean;
  /** rotate long x labels */
  xRotate?: number;
  /** extra lines for the tooltip of a cell */
  extra?: (row: Row) => { name: string; value: string }[];
  /** the value of a cell without a row (a count: 0, drawn like a row's 0); without it the cell stays empty */
  fill?: number;
  /**
   * false: cells too narrow for their figures (the chat's 31 provinces × 3 brands drew them over
   * each other): no figures in the cells, a colour scale at the right instead (default true)
   */
  cellLabels?: boolean;
}

/** A generic heatmap: rows with x / y member ids and a value. Cells without a row stay empty unless `fill`. */
export function heatmapOption(rows: Row[], spec: HeatmapSpec, labels: Labels) {
  const xi = new Map(spec.x.ids.map((id, i) => [id, i]));
  const yi = new Map(spec.y.ids.map((id, i) => [id, i]));
  const data = rows
    .filter((r) => xi.has(String(r[spec.x.dim])) && yi.has(String(r[spec.y.dim])))
    .map((r) => ({ value: [xi.get(String(r[spec.x.dim]))!, yi.get(String(r[spec.y.dim]))!, num(r[spec.value])], row: r }));
  if (spec.fill !== undefined) {
    const seen = new Set(data.map((d) => `${d.value[0]}:${d.value[1]}`));
    spec.x.ids.forEach((x, i) => spec.y.ids.forEach((y, j) => {
      if (!seen.has(`${i}:${j}`)) data.push({ value: [i, j, spec.fill!], row: { [spec.x.dim]: x, [spec.y.dim]: y, [spec.value]: spec.fill } });
    }));
  }
  const values = data.map((d) => d.value[2]).filter((v): v is number => v !== null);
  // the y axis's name sits just left of its longest label (a fixed gap put it off the canvas beside 1…5)
  const yLabels = spec.y.ids.map((id) => String(labels.member(spec.y.dim, id)));
  const yLabelWidth = Math.max(0, ...yLabels.map(labelPx));
  // the x axis's name below its labels, however far they are slanted
  const xLabels = spec.x.ids.map((id) => String(labels.member(spec.x.dim, id)));
  const xNameGap = spec.xRotate ? Math.round(Math.sin((spec.xRotate * Math.PI) / 180) * Math.max(0, ...xLabels.map(labelPx))) + 20 : 26;
  const max = values.length ? Math.max(...values) : 1;
  const min = values.length ? Math.min(...values) : 0;
  const cellLabels = spec.cellLabels ?? true;
  const cellText = (v: number | null) => (spec.format === 'percent' && v !== null ? `${(v * 100).toFixed(1)}%` : compact(labels, v, spec.format));
  return {
    ...baseOption(),
    tooltip: {
      confine: true,
      formatter: (p: { data: { row: Row } }) =>
        tooltipLines(`${spec.x.title} ${labels.member(spec.x.dim, p.data.row[spec.x.dim])} · ${spec.y.title} ${labels.member(spec.y.dim, p.data.row[spec.y.dim])}`, [
          { name: spec.valueLabel ?? labels.metric(spec.value), value: exact(labels, p.data.row[spec.value], spec.format) },
          ...(spec.extra?.(p.data.row) ?? []),
        ]),
    },
    grid: { left: spec.y.title ? 28 : 8, right: cellLabels ? 16 : 16 + Math.max(labelPx(cellText(max)), labelPx(cellText(min))), top: 8, bottom: spec.x.title ? 28 : 8, ...LABELS_INSIDE },
    xAxis: { type: 'category', name: spec.x.title, nameLocation: 'middle', nameGap: xNameGap, data: xLabels, splitArea: { show: true }, axisLabel: { interval: 0, fontSize: 11, rotate: spec.xRotate ?? 0 } },
    yAxis: { type: 'category', name: spec.y.title, nameLocation: 'middle', nameGap: yLabelWidth + 14, inverse: !!spec.yTopDown, data: spec.y.ids.map((id) => labels.member(spec.y.dim, id)), splitArea: { show: true }, axisLabel: { fontSize: 11 } },
    visualMap: {
      min, max: max === min ? min + 1 : max, calculable: false, inRange: { color: ['#f1f6fd', '#74a9e8', '#1f6fd1', '#0b3a75'] },
      // shown only when the cells carry no figures: then the colours are read against it
      show: !cellLabels, orient: 'vertical', right: 0, top: 'middle', itemHeight: 120, itemWidth: 10, text: [cellText(max), cellText(min)], textStyle: { fontSize: 10 },
    },
    series: [{
      type: 'heatmap', data,
      // a grid of rates reads down and across: every cell with one decimal (86.0% beside 85.4%, not 86%)
      label: { show: cellLabels, fontSize: 10, formatter: (p: { data: { value: [number, number, number | null] } }) => cellText(num(p.data.value[2])) },
      itemStyle: { borderColor: '#fff', borderWidth: 1 },
    }],
  };
}

export interface Flow { from: string; to: string; subscribers: number }
export interface SankeyNode { name: string; id: string; side: 'from' | 'to'; label: string; value: number }
export interface SankeyLink { source: string; target: string; value: number }

/**
 * Sankey nodes and links from a migration matrix. Each segment appears twice (left: the
 * first month, right: the second), so a segment → itself flow is not a cycle; 'new'
 * exists only on the left, 'churned' only on the right; zero flows are dropped. Pure.
 */
export function sankeyFromMigration(flows: Flow[], s: { scheme: string; member: (dim: string, id: string) => string; newLabel: string; churnedLabel: string; order?: string[] }) {
  const name = (side: 'from' | 'to', id: string) => `${side === 'from' ? 'L' : 'R'}:${id}`;
  const labelOf = (id: string) => (id === 'new' ? s.newLabel : id === 'churned' ? s.churnedLabel : s.member(s.scheme, id));
  const nodes = new Map<string, SankeyNode>();
  const links: SankeyLink[] = [];
  for (const f of flows) {
    const v = Number(f.subscribers);
    if (!Number.isFinite(v) || v <= 0) continue;
    if (f.from === 'churned' || f.to === 'new') continue; // cannot happen in a well-formed matrix
    const a = name('from', f.from);
    const b = name('to', f.to);
    for (const [n, side, id] of [[a, 'from', f.from], [b, 'to', f.to]] as const) {
      const node = nodes.get(n) ?? { name: n, id, side, label: labelOf(id), value: 0 };
      node.value += v;
      nodes.set(n, node);
    }
    links.push({ source: a, target: b, value: v });
  }
  const rank = (id: string) => (id === 'new' ? -1 : id === 'churned' ? 1e6 : s.order ? s.order.indexOf(id) : 0);
  const ordered = [...nodes.values()].sort((x, y) => (x.side === y.side ? rank(x.id) - rank(y.id) : x.side === 'from' ? -1 : 1));
  return { nodes: ordered, links };
}

const NEW_COLOR = '#868e96';

/** About how wide a label at 11 px is (a CJK character 12 px, any other 7: on the generous side). */
const labelPx = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e7f ? 12 : 7), 0);

export function sankeyOption(flows: Flow[], s: { scheme: string; labels: Labels; newLabel: string; churnedLabel: string; order?: string[]; fromMonth: string; toMonth: string }) {
  const { labels } = s;
  const { nodes, links } = sankeyFromMigration(flows, { scheme: s.scheme, member: labels.member, newLabel: s.newLabel, churnedLabel: s.churnedLabel, order: s.order });
  const byName = new Map(nodes.map((n) => [n.name, n]));
  // newcomers grey (from outside the base, and no tier's colour), leavers red; tiers their own colours
  const colorOf = (id: string) => (id === 'new' ? NEW_COLOR : id === 'churned' ? '#c92a2a' : memberColor(labels, s.scheme, id, Math.max(0, s.order?.indexOf(id) ?? 0)));
  const nodeLabel = (name: string) => `${byName.get(name)?.label ?? name}  ${compact(labels, byName.get(name)?.value, 'integer')}`;
  // the right-hand nodes are labelled on their right: room for the longest (Maintain  21.43K), never cut at the edge
  const right = Math.max(64, ...nodes.filter((n) => n.side === 'to').map((n) => labelPx(nodeLabel(n.name)) + 14));
  return {
    ...baseOption(),
    tooltip: {
      confine: true,
      formatter: (p: { dataType: string; data: SankeyLink & { name?: string } }) => {
        if (p.dataType === 'edge') {
          const a = byName.get(p.data.source)!;
          const b = byName.get(p.data.target)!;
          return tooltipLines(`${a.label} (${s.fromMonth}) → ${b.label} (${s.toMonth})`, [{ name: labels.metric('subscribers'), value: exact(labels, p.data.value, 'integer') }]);
        }
        const n = byName.get(p.data.name!)!;
        return tooltipLines(`${n.label} (${n.side === 'from' ? s.fromMonth : s.toMonth})`, [{ name: labels.metric('subscribers'), value: exact(labels, n.value, 'integer') }]);
      },
    },
    series: [{
      type: 'sankey', left: 8, right, top: 8, bottom: 8, nodeGap: 10, layoutIterations: 0, draggable: false,
      emphasis: { focus: 'adjacency' },
      data: nodes.map((n) => ({ name: n.name, itemStyle: { color: colorOf(n.id) } })),
      links,
      label: { fontSize: 11, formatter: (p: { name: string }) => nodeLabel(p.name) },
      lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
    }],
  };
}

export function flowsTable(flows: Flow[], s: { scheme: string; labels: Labels; newLabel: string; churnedLabel: string; fromTitle: string; toTitle: string }): TableData {
  const labelOf = (id: string) => (id === 'new' ? s.newLabel : id === 'churned' ? s.churnedLabel : s.labels.member(s.scheme, id));
  return {
    columns: [
      { key: 'from', label: s.fromTitle, format: 'text' },
      { key: 'to', label: s.toTitle, format: 'text' },
      { key: 'subscribers', label: s.labels.metric('subscribers'), format: 'integer' },
    ],
    rows: flows.map((f) => ({ from: labelOf(f.from), to: labelOf(f.to), subscribers: f.subscribers })),
  };
}
