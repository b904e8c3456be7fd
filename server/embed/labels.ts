/**
 * The labels an embed's chart needs, shipped with its data: the embed bundle has no catalog
 * (and no session to fetch one), so metrics, dimensions and the members that appear come
 * along, zh and en, in catalogue order.
 */
import { model } from '../model/index.ts';
import { membersOf } from '../model/members.ts';
import type { Scope } from '../query/types.ts';

export type Label = { zh: string; en: string };
export type MemberLabel = [id: string, zh: string, en: string];

export interface EmbedLabels {
  metrics: Record<string, Label & { format: string }>;
  dims: Record<string, Label>;
  /** dimension → its members that occur, in catalogue order */
  members: Record<string, MemberLabel[]>;
}

const REGION_DIMS = new Set(['province', 'city']);

/** Members of a dimension a scope may see (regions outside it are not offered as choices). */
export function memberOptions(dim: string, scope: Scope): MemberLabel[] {
  let list = membersOf(dim) ?? [];
  if (REGION_DIMS.has(dim) && scope.level !== 'national') {
    list = list.filter((m) => (scope.level === 'province' ? m.id.slice(0, 2) === scope.province.slice(0, 2) : dim === 'city' ? m.id === scope.city : m.id === scope.province));
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
