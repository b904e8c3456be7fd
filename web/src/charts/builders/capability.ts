/** Capability: radar of entities against the foreign-carrier benchmark; the three-level tree. */
import { baseOption, exact, num, PALETTE, tooltipLines, type Labels, type Row, type TableData } from './common';

export const FOREIGN_CARRIERS = ['att_wireless', 'singapore_wireless', 'apac_wireless', 'bt', 'sbc', 'telstra', 'singtel_optus'];

/** Best and mean of the known foreign-carrier scores per node (unknown scores are left out, never guessed). Pure. */
export function capabilityBenchmark(rows: Row[], nodeDim: string, foreign = FOREIGN_CARRIERS): Map<string, { best: number | null; mean: number | null; n: number }> {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    if (!foreign.includes(String(r.capability_entity))) continue;
    const v = num(r.capability_score);
    const k = String(r[nodeDim]);
    if (!by.has(k)) by.set(k, []);
    if (v !== null) by.get(k)!.push(v);
  }
  return new Map([...by.entries()].map(([k, vs]) => [k, { best: vs.length ? Math.max(...vs) : null, mean: vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null, n: vs.length }]));
}

/**
 * How derived scores (a row with `derived: true`: not published, the mean of the entity's
 * area scores) are marked: a line with any is dotted with hollow symbols and its legend name
 * carries `suffix` (`partlySuffix` when only some of its points are derived); the tooltip puts
 * `valueNote(row)` after each derived value.
 */
export interface DerivedMarks { suffix: string; partlySuffix: string; valueNote: (row: Row) => string }

/** CJK and full-width characters take about two Latin letters' width. */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const textWidth = (s: string) => [...s].reduce((n, c) => n + (WIDE.test(c) ? 2 : 1), 0);

/**
 * A radar axis name in lines of at most `max` units (a Latin letter 1, a CJK character 2), so
 * that long names stay readable beside a small radar: words fill lines greedily (a hyphenated
 * word too long for a line breaks after its hyphen; a single longer word keeps its own line);
 * text without spaces (Chinese) is cut into the fewest lines of even length. Pure.
 */
export function wrapName(text: string, max: number): string {
  const name = text.trim();
  if (textWidth(name) <= max) return name;
  if (!/\s/.test(name)) {
    const chars = [...name];
    const per = Math.ceil(chars.length / Math.ceil(textWidth(name) / max));
    const lines: string[] = [];
    for (let i = 0; i < chars.length; i += per) lines.push(chars.slice(i, i + per).join(''));
    return lines.join('\n');
  }
  const tokens = name.split(/\s+/).flatMap((word) => (textWidth(word) > max ? word.split(/(?<=-)/) : [word]).map((t, i) => ({ t, glue: i ? '' : ' ' })));
  const lines: string[] = [];
  let line = '';
  for (const { t, glue } of tokens) {
    const next = line ? `${line}${glue}${t}` : t;
    if (!line || textWidth(next) <= max) line = next;
    else { lines.push(line); line = t; }
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * Axis names wrap at this many units (wrapName): on a wide chart; on a phone (a chart narrower
 * than NARROW px); on a phone with many axes (the areas) at the sides, where the names are
 * closest together: toward the top and the bottom there is more room beside a name, and it
 * takes it (fewer lines leave it clear of its neighbours above and below).
 */
export const RADAR_NAME_WIDTH = { wide: 18, narrow: 10, narrowMany: 20 };
const NARROW = 480;
const MANY_AXES = 8;
/** on a phone with many axes: the radar's radius (of half the chart's width) and the gap to its names */
const MANY_RADIUS = 0.38;
const MANY_GAP = 5;

/** A name at the very top or bottom is centred on its axis, between its neighbours' names: it keeps to this width, growing away from the radar. */
const CENTRED_WIDTH = 12;

/**
 * The width a name of a phone's radar with many axes wraps at: beside the radar, the room
 * between its anchor and the chart's edge, from `side` units at the sides (across = 1) to more
 * toward the top and the bottom, where the anchor is nearer the chart's middle; a name right
 * at the top or the bottom (across ≈ 0, centred) CENTRED_WIDTH. `across`: |sin| of the
 * axis's angle from the top. Pure.
 */
export function manyAxesWidth(across: number, side = RADAR_NAME_WIDTH.narrowMany): number {
  if (across < 0.05) return CENTRED_WIDTH;
  const used = MANY_RADIUS + 0.03; // the gap, as a share of half a phone's chart
  return Math.floor((side * (1 - used * across)) / (1 - used));
}

export function radarOption(rows: Row[], s: { nodeDim: string; nodes: string[]; entities: string[]; labels: Labels; bestLabel: string; meanLabel: string; unknownLabel: string; benchmark: boolean; derived?: DerivedMarks }) {
  const { labels, nodeDim } = s;
  const row = (e: string, n: string) => rows.find((r) => r.capability_entity === e && String(r[nodeDim]) === n);
  // the benchmark is the foreign carriers' own scores, never a derived one
  const bench = capabilityBenchmark(rows.filter((r) => r.derived !== true), nodeDim);
  // an entity with no known score at this level draws nothing (its notes say why)
  const lines: { name: string; values: (number | null)[]; rows: (Row | undefined)[]; dashed?: boolean; derived?: boolean }[] = s.entities
    .map((e) => {
      const rs = s.nodes.map((n) => row(e, n));
      const values = rs.map((r) => num(r?.capability_score));
      const derived = rs.filter((r, i) => values[i] !== null && r?.derived === true).length;
      const known = values.filter((v) => v !== null).length;
      const suffix = !derived || !s.derived ? '' : derived === known ? s.derived.suffix : s.derived.partlySuffix;
      return { name: `${labels.member('capability_entity', e)}${suffix}`, values, rows: rs, derived: derived > 0 };
    })
    .filter((l) => l.values.some((v) => v !== null));
  if (s.benchmark) {
    lines.push({ name: s.bestLabel, values: s.nodes.map((n) => bench.get(n)?.best ?? null), rows: [], dashed: true });
    lines.push({ name: s.meanLabel, values: s.nodes.map((n) => bench.get(n)?.mean ?? null), rows: [], dashed: true });
  }
  const wrap = !!s.derived && lines.length <= 8;
  const axisName = (width: (name: string) => number, fontSize: number, lineHeight = fontSize + 2) => ({
    color: '#333', fontSize, lineHeight, formatter: (name?: string) => wrapName(name ?? '', width(name ?? '')),
  });
  const many = s.nodes.length > MANY_AXES;
  // ECharts lays the axes out evenly, the first at the top: how far across from the vertical a name sits (1: at a side)
  const names = s.nodes.map((n) => labels.member(nodeDim, n));
  const across = (name: string) => {
    const i = names.indexOf(name);
    return i < 0 ? 1 : Math.abs(Math.sin((2 * Math.PI * i) / names.length));
  };
  const baseOpt = {
    ...baseOption(),
    // with derived marks the names are longer: a few lines wrap (the benchmark's names stay in sight)
    legend: { top: 0, type: wrap ? 'plain' : 'scroll' },
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p: { name: string; value: (number | string)[]; dataIndex?: number }) => {
        const line = lines[p.dataIndex ?? -1];
        return tooltipLines(p.name, s.nodes.map((n, i) => {
          const v = p.value[i];
          if (v === '-' || v === null) return { name: labels.member(nodeDim, n), value: s.unknownLabel };
          const r = line?.rows[i];
          return { name: labels.member(nodeDim, n), value: `${exact(labels, v, 'score')}${r?.derived === true && s.derived ? ` ${s.derived.valueNote(r)}` : ''}` };
        }));
      },
    },
    radar: {
      // many axes: the name at the bottom may take three lines, the radar sits a little higher
      center: ['50%', many ? '53%' : wrap ? '60%' : '56%'], radius: wrap ? '60%' : '66%',
      indicator: s.nodes.map((n) => ({ name: labels.member(nodeDim, n), max: 4, min: 0 })),
      axisName: axisName(() => RADAR_NAME_WIDTH.wide, 11),
      splitNumber: 4,
    },
    series: [{
      type: 'radar', symbolSize: 5,
      data: lines.map((l, i) => ({
        name: l.name,
        // radar leaves a gap for '-' (unknown) instead of drawing a zero
        value: l.values.map((v) => (v === null ? '-' : v)),
        // derived: dotted, hollow points (the benchmark is dashed with filled points)
        ...(l.derived ? { symbol: 'emptyCircle', symbolSize: 7 } : {}),
        lineStyle: { type: l.derived ? 'dotted' : l.dashed ? 'dashed' : 'solid', width: 2, color: PALETTE[i % PALETTE.length] },
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        areaStyle: l.dashed ? undefined : { opacity: l.derived ? 0.03 : 0.08 },
      })),
    }],
  };
  // a narrow chart (a phone): a smaller radar leaves the (shorter-wrapped) names room on every side
  return {
    baseOption: baseOpt,
    media: [{
      query: { maxWidth: NARROW },
      option: {
        radar: many
          ? { radius: `${MANY_RADIUS * 100}%`, axisNameGap: MANY_GAP, axisName: axisName((name) => manyAxesWidth(across(name)), 9, 10) }
          : { radius: wrap ? '48%' : '54%', axisNameGap: 10, axisName: axisName(() => RADAR_NAME_WIDTH.narrow, 10) },
      },
    }],
  };
}

/** The radar's rows as an exportable table: entity, node, score, how it was obtained, note. Pure. */
export function radarTable(rows: Row[], s: { nodeDim: string; nodes: string[]; entities: string[]; labels: Labels; basis: (row: Row) => string; cols: { entity: string; node: string; score: string; basis: string; note: string } }): TableData {
  const out: Row[] = [];
  for (const e of s.entities) {
    for (const n of s.nodes) {
      const r = rows.find((x) => x.capability_entity === e && String(x[s.nodeDim]) === n);
      if (!r) continue;
      out.push({ entity: s.labels.member('capability_entity', e), node: s.labels.member(s.nodeDim, n), score: num(r.capability_score), basis: s.basis(r), note: String(r.note ?? '') });
    }
  }
  return {
    columns: [
      { key: 'entity', label: s.cols.entity, format: 'text' },
      { key: 'node', label: s.cols.node, format: 'text' },
      { key: 'score', label: s.cols.score, format: 'score' },
      { key: 'basis', label: s.cols.basis, format: 'text' },
      { key: 'note', label: s.cols.note, format: 'text' },
    ],
    rows: out,
  };
}

export interface TreeMember { id: string; labelZh: string; labelEn: string; parent?: string | null }
export interface TreeNode {
  id: string;
  level: 'dimension' | 'area' | 'item';
  label: string;
  score: number | null;
  /** not published: the mean of its area scores (row `derived: true`) */
  derived: boolean;
  /** the row itself (a derived score's basis is read from it) */
  row?: Row;
  note: string;
  comment: string;
  children: TreeNode[];
}

/**
 * The dimension → area → item tree of one entity, from the catalog members (parents) and
 * its scores per level (rows keyed by capability_dimension / _area / _item). Pure.
 */
export function capabilityTree(
  members: { dimension: TreeMember[]; area: TreeMember[]; item: TreeMember[] },
  scores: { dimension: Row[]; area: Row[]; item: Row[] },
  label: (m: TreeMember) => string,
): TreeNode[] {
  const find = (rows: Row[], dim: string, id: string) => rows.find((r) => String(r[dim]) === id);
  const node = (m: TreeMember, level: TreeNode['level'], rows: Row[], dim: string, children: TreeNode[]): TreeNode => {
    const r = find(rows, dim, m.id);
    return { id: m.id, level, label: label(m), score: num(r?.capability_score), derived: r?.derived === true, row: r, note: String(r?.note ?? ''), comment: String(r?.comment ?? ''), children };
  };
  return members.dimension.map((d) =>
    node(d, 'dimension', scores.dimension, 'capability_dimension', members.area.filter((a) => a.parent === d.id).map((a) =>
      node(a, 'area', scores.area, 'capability_area', members.item.filter((i) => i.parent === a.id).map((i) => node(i, 'item', scores.item, 'capability_item', [])))),
    ));
}

export function treeTable(tree: TreeNode[], s: { labels: Labels; levelLabel: (l: string) => string; cols: { node: string; score: string; comment: string; note: string; level: string; basis?: string }; basis?: (n: TreeNode) => string }): TableData {
  const rows: Row[] = [];
  const walk = (n: TreeNode) => {
    rows.push({ level: s.levelLabel(n.level), node: n.label, score: n.score, ...(s.basis ? { basis: n.score === null ? '' : s.basis(n) } : {}), comment: n.comment, note: n.note });
    n.children.forEach(walk);
  };
  tree.forEach(walk);
  return {
    columns: [
      { key: 'level', label: s.cols.level, format: 'text' },
      { key: 'node', label: s.cols.node, format: 'text' },
      { key: 'score', label: s.cols.score, format: 'score' },
      ...(s.basis ? [{ key: 'basis', label: s.cols.basis ?? 'basis', format: 'text' }] : []),
      { key: 'comment', label: s.cols.comment, format: 'text' },
      { key: 'note', label: s.cols.note, format: 'text' },
    ],
    rows,
  };
}
