/**
 * Follow-ups (ASK.md): the previous interpretation is kept and only what the new question
 * names changes.
 *   只看深圳 / only X        replaces the region filter (province and city as one family)
 *   再加上X / also X          adds a member (or a metric — metrics are merged in parse.ts)
 *   去掉X / remove X          drops a member (not_in when it was not filtered on)
 *   按月 / by month           sets the time grain
 *   改成按合约类型             replaces the grouping; 按X alone adds to it
 *   前5 / 同比 / 上个月        replace order, comparison, time
 * Two or more members of one dimension in a filter stand side by side (grouped by it).
 */
import { GRAIN_IDS, REGION_DIMS } from './constants.ts';
import type { CommandId, Filter, MetricQuery } from './types.ts';

/** A member or dimension mention after context resolution. */
export interface Mention { tok: number; dim: string; ids: string[] | null; mode: CommandId | null; qualifier?: boolean }

export interface FollowupChanges {
  grain: { id: string; mode: CommandId | null } | null;
  trend: boolean;
  total: boolean;
  time: { range: { from: string; to: string }; remove: boolean } | null;
  order: { orderBy: { metric: string; direction: 'asc' | 'desc' } | null; limit: number | null; remove: boolean } | null;
  compare: { id: 'yoy' | 'mom'; remove: boolean } | null;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const beforeGrain = (groupBy: string[]) => {
  const gi = groupBy.findIndex((g) => GRAIN_IDS.has(g));
  return gi >= 0 ? gi : groupBy.length;
};

/** Applies the mentions and changes of a follow-up to q (a copy of the previous interpretation). */
export function applyFollowup(q: MetricQuery, ms: Mention[], x: FollowupChanges, changed: Set<string>): void {
  const groupBy = q.groupBy!;
  let filters: Filter[] = q.filters!;

  // grouping: 改成按X replaces it, 按X adds to it, 去掉X removes it
  const dimMs = ms.filter((m) => !m.ids && !m.qualifier);
  const replaceDims = dimMs.filter((m) => m.mode === 'replace' || m.mode === 'only');
  if (replaceDims.length) {
    const keep = groupBy.filter((g) => GRAIN_IDS.has(g));
    groupBy.length = 0;
    groupBy.push(...uniq(replaceDims.map((m) => m.dim)), ...keep);
  }
  for (const m of dimMs) {
    changed.add(m.dim);
    if (m.mode === 'remove') {
      const i = groupBy.indexOf(m.dim);
      if (i >= 0) groupBy.splice(i, 1);
      continue;
    }
    if (!groupBy.includes(m.dim)) groupBy.splice(beforeGrain(groupBy), 0, m.dim);
  }
  if (x.total && !dimMs.length) for (let i = groupBy.length - 1; i >= 0; i--) if (!GRAIN_IDS.has(groupBy[i])) groupBy.splice(i, 1);

  // members, per dimension; province and city are one family for "only X"
  const byDim = new Map<string, Mention[]>();
  for (const m of ms.filter((x) => x.ids)) byDim.set(m.dim, [...(byDim.get(m.dim) ?? []), m]);
  const replaced = new Set<string>();
  const inFilter = (dim: string) => filters.find((f) => f.dimension === dim && f.op === 'in');
  const addIn = (dim: string, vals: string[]) => {
    const existing = inFilter(dim);
    if (existing) existing.values = uniq([...existing.values, ...vals]);
    else filters.push({ dimension: dim, op: 'in', values: vals });
  };
  for (const [dim, list] of byDim) {
    changed.add(dim);
    const rep = list.filter((m) => m.mode !== 'add' && m.mode !== 'remove');
    const add = list.filter((m) => m.mode === 'add');
    const rem = list.filter((m) => m.mode === 'remove');
    if (rep.length) {
      const family: ReadonlySet<string> = REGION_DIMS.has(dim) ? REGION_DIMS : new Set([dim]);
      if (![...family].some((d) => replaced.has(d))) filters = filters.filter((f) => !family.has(f.dimension));
      family.forEach((d) => replaced.add(d));
      addIn(dim, uniq(rep.flatMap((m) => m.ids!)));
    }
    if (add.length) addIn(dim, uniq(add.flatMap((m) => m.ids!)));
    for (const m of rem) {
      const existing = inFilter(dim);
      if (existing && m.ids!.some((v) => existing.values.includes(v))) {
        existing.values = existing.values.filter((v) => !m.ids!.includes(v));
        if (!existing.values.length) filters = filters.filter((f) => f !== existing);
      } else {
        const ex = filters.find((f) => f.dimension === dim && f.op === 'not_in');
        if (ex) ex.values = uniq([...ex.values, ...m.ids!]);
        else filters.push({ dimension: dim, op: 'not_in', values: [...m.ids!] });
      }
    }
  }
  // two or more members of one dimension named now stand side by side
  for (const f of filters) {
    if (f.op === 'in' && f.values.length >= 2 && byDim.has(f.dimension) && !groupBy.includes(f.dimension)) {
      groupBy.splice(beforeGrain(groupBy), 0, f.dimension);
    }
  }
  q.filters = filters;

  // grain: set (replacing any other grain) or removed
  if (x.grain) {
    const gi = groupBy.findIndex((g) => GRAIN_IDS.has(g));
    if (x.grain.mode === 'remove') { if (gi >= 0 && groupBy[gi] === x.grain.id) groupBy.splice(gi, 1); }
    else if (gi >= 0) groupBy[gi] = x.grain.id;
    else groupBy.push(x.grain.id);
    changed.add(x.grain.id);
  } else if (x.trend && !groupBy.some((g) => GRAIN_IDS.has(g))) groupBy.push('month');

  if (x.time) q.timeRange = x.time.remove ? null : { ...x.time.range };
  if (x.order) {
    if (x.order.remove) { q.orderBy = null; q.limit = null; }
    else { q.orderBy = x.order.orderBy; q.limit = x.order.limit; }
  }
  if (x.compare) q.compare = x.compare.remove ? null : x.compare.id;
}
