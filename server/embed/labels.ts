/**
 * The labels an embed's chart needs, shipped with its data: the embed bundle has no catalog
 * (and no session to fetch one), so metrics, dimensions and the members that appear come
 * along, zh and en, in catalogue order.
 */
import { model } from '../model/index.ts';
import { membersOf } from '../model/members.ts';
import type { Filter, Scope } from '../query/types.ts';

export type Label = { zh: string; en: string };
export type MemberLabel = [id: string, zh: string, en: string];

export interface EmbedLabels {
  metrics: Record<string, Label & { format: string }>;
  dims: Record<string, Label>;
  /** dimension → its members that occur, in catalogue order */
  members: Record<string, MemberLabel[]>;
}

const REGION_DIMS = new Set(['province', 'city']);

/**
 * Members of a dimension a control may offer: those the scope may see and the locked filters
 * leave (a city control under a locked province offers that province's cities; a province
 * control under locked cities, their provinces). Nothing else could show a row.
 */
export function memberOptions(dim: string, scope: Scope, locked: readonly Filter[] = []): MemberLabel[] {
  let list = membersOf(dim) ?? [];
  if (REGION_DIMS.has(dim) && scope.level !== 'national') {
    list = list.filter((m) => (scope.level === 'province' ? m.id.slice(0, 2) === scope.province.slice(0, 2) : dim === 'city' ? m.id === scope.city : m.id === scope.province));
  }
  // (a locked dimension is never a control; regions nest: two digits of a code name its province)
  const same = (a: string, b: string) => a.slice(0, 2) === b.slice(0, 2);
  for (const f of locked) {
    if (dim === 'city' && f.dimension === 'province') list = list.filter((m) => f.values.some((p) => same(p, m.id)) === (f.op === 'in'));
    if (dim === 'province' && f.dimension === 'city' && f.op === 'in') list = list.filter((m) => f.values.some((c) => same(c, m.id)));
  }
  return list.map((m) => [m.id, m.labelZh, m.labelEn]);
}

export function labelsFor(metricIds: string[], dimIds: string[], rows: Record<string, unknown>[], extraMemberDims: string[] = []): EmbedLabels {
  const metrics: EmbedLabels['metrics'] = {};
  for (const id of metricIds) {
    const m = model.metric(id);
    if (m) metrics[id] = { zh: m.labelZh, en: m.labelEn, format: m.format };
  }
  const dims: EmbedLabels['dims'] = {};
  const members: EmbedLabels['members'] = {};
  for (const id of [...dimIds, ...extraMemberDims]) {
    const d = model.dimension(id);
    if (!d) continue;
    dims[id] = { zh: d.labelZh, en: d.labelEn };
    const all = membersOf(id);
    if (!all) continue; // open-ended (cohort, tenure): the ids are their own labels
    const seen = extraMemberDims.includes(id) ? null : new Set(rows.map((r) => String(r[id])));
    members[id] = all.filter((m) => !seen || seen.has(m.id)).map((m) => [m.id, m.labelZh, m.labelEn]);
  }
  return { metrics, dims, members };
}
