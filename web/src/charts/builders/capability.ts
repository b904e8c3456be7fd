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
  return {
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
      center: ['50%', wrap ? '60%' : '56%'], radius: wrap ? '60%' : '66%',
      indicator: s.nodes.map((n) => ({ name: labels.member(nodeDim, n), max: 4, min: 0 })),
      axisName: { color: '#333', fontSize: 11 },
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
