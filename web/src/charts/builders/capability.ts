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

export function radarOption(rows: Row[], s: { nodeDim: string; nodes: string[]; entities: string[]; labels: Labels; bestLabel: string; meanLabel: string; unknownLabel: string; benchmark: boolean }) {
  const { labels, nodeDim } = s;
  const score = (e: string, n: string) => num(rows.find((r) => r.capability_entity === e && String(r[nodeDim]) === n)?.capability_score);
  const bench = capabilityBenchmark(rows, nodeDim);
  // an entity with no known score at this level draws nothing (its notes say why)
  const lines: { name: string; values: (number | null)[]; dashed?: boolean }[] = s.entities
    .map((e) => ({ name: labels.member('capability_entity', e), values: s.nodes.map((n) => score(e, n)) }))
    .filter((l) => l.values.some((v) => v !== null));
  if (s.benchmark) {
    lines.push({ name: s.bestLabel, values: s.nodes.map((n) => bench.get(n)?.best ?? null), dashed: true });
    lines.push({ name: s.meanLabel, values: s.nodes.map((n) => bench.get(n)?.mean ?? null), dashed: true });
  }
  return {
    ...baseOption(),
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p: { name: string; value: (number | string)[] }) =>
        tooltipLines(p.name, s.nodes.map((n, i) => ({ name: labels.member(nodeDim, n), value: p.value[i] === '-' || p.value[i] === null ? s.unknownLabel : exact(labels, p.value[i], 'score') }))),
    },
    radar: {
      center: ['50%', '56%'], radius: '66%',
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
        lineStyle: { type: l.dashed ? 'dashed' : 'solid', width: 2, color: PALETTE[i % PALETTE.length] },
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        areaStyle: l.dashed ? undefined : { opacity: 0.08 },
      })),
    }],
  };
}

export interface TreeMember { id: string; labelZh: string; labelEn: string; parent?: string | null }
export interface TreeNode {
  id: string;
  level: 'dimension' | 'area' | 'item';
  label: string;
  score: number | null;
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
    return { id: m.id, level, label: label(m), score: num(r?.capability_score), note: String(r?.note ?? ''), comment: String(r?.comment ?? ''), children };
  };
  return members.dimension.map((d) =>
    node(d, 'dimension', scores.dimension, 'capability_dimension', members.area.filter((a) => a.parent === d.id).map((a) =>
      node(a, 'area', scores.area, 'capability_area', members.item.filter((i) => i.parent === a.id).map((i) => node(i, 'item', scores.item, 'capability_item', [])))),
    ));
}

export function treeTable(tree: TreeNode[], s: { labels: Labels; levelLabel: (l: string) => string; cols: { node: string; score: string; comment: string; note: string; level: string } }): TableData {
  const rows: Row[] = [];
  const walk = (n: TreeNode) => { rows.push({ level: s.levelLabel(n.level), node: n.label, score: n.score, comment: n.comment, note: n.note }); n.children.forEach(walk); };
  tree.forEach(walk);
  return {
    columns: [
      { key: 'level', label: s.cols.level, format: 'text' },
      { key: 'node', label: s.cols.node, format: 'text' },
      { key: 'score', label: s.cols.score, format: 'score' },
      { key: 'comment', label: s.cols.comment, format: 'text' },
      { key: 'note', label: s.cols.note, format: 'text' },
    ],
    rows,
  };
}
