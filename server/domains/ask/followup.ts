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
 * Regions are a hierarchy, as on the dashboard:
 *   按地市 after 按省份        replaces it (a city already names its province)
 *   广东呢 / 只看广东          after a ranking of provinces, drills down to its cities
 *   全国 / nationwide          drops the region filter; a ranking of cities goes back up to provinces
 * A ranking cut to its top N (前5), then given a time grain (按月), keeps those N members
 * (from the previous answer's rows) over time instead of cutting the time series to N rows.
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
  national: boolean;
  /** the previous answer's rows, best first, when known */
  ranked: readonly Record<string, unknown>[] | null;
}

/** What the region hierarchy and the ranking rules did, for the restatement's notes. */
export interface FollowupEffects {
  /** the province drilled into (its cities now stand side by side) */
  drilled: string | null;
  /** nationwide again, and a ranking of cities back up to provinces */
  rolledUp: boolean;
  /** the members of the previous top N, kept over time */
  kept: { dimension: string; count: number; metric: string; direction: 'asc' | 'desc' } | null;
  /** the one city named after a ranking of regions (深圳呢): among its province's cities, marked */
  marked: { dimension: string; values: string[] } | null;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const beforeGrain = (groupBy: string[]) => {
  const gi = groupBy.findIndex((g) => GRAIN_IDS.has(g));
  return gi >= 0 ? gi : groupBy.length;
};

/** Applies the mentions and changes of a follow-up to q (a copy of the previous interpretation). */
export function applyFollowup(q: MetricQuery, ms: Mention[], x: FollowupChanges, changed: Set<string>): FollowupEffects {
  const groupBy = q.groupBy!;
  let filters: Filter[] = q.filters!;
  const effects: FollowupEffects = { drilled: null, rolledUp: false, kept: null, marked: null };
  const before = { dims: groupBy.filter((g) => !GRAIN_IDS.has(g)), grain: groupBy.some((g) => GRAIN_IDS.has(g)), orderBy: q.orderBy ?? null, limit: q.limit ?? null };

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
    if (groupBy.includes(m.dim)) continue;
    // one region level at a time: 按地市 after 按省份 replaces it
    const sibling = REGION_DIMS.has(m.dim) ? groupBy.findIndex((g) => g !== m.dim && REGION_DIMS.has(g)) : -1;
    if (sibling >= 0 && !dimMs.some((o) => o.dim === groupBy[sibling])) groupBy[sibling] = m.dim;
    else groupBy.splice(beforeGrain(groupBy), 0, m.dim);
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
  // two or more members of one dimension named now stand side by side; one word for several
  // (只看预付费: 动感地带 and 神州行) filters to them as one group, as in a first question; a region
  // beside a region grouping (cities) is already apart
  for (const f of filters) {
    const named = byDim.get(f.dimension) ?? [];
    const oneWord = named.length === 1 && named[0].mode !== 'add';
    if (REGION_DIMS.has(f.dimension) && groupBy.some((g) => REGION_DIMS.has(g))) continue;
    if (f.op === 'in' && f.values.length >= 2 && named.length && !oneWord && !groupBy.includes(f.dimension)) {
      groupBy.splice(beforeGrain(groupBy), 0, f.dimension);
    }
  }
  // 全国: no region filter; cities ranked within a province go back up to provinces
  const regionNamed = [...byDim.keys()].some((d) => REGION_DIMS.has(d));
  if (x.national && !regionNamed) {
    filters = filters.filter((f) => !REGION_DIMS.has(f.dimension));
    const ci = groupBy.indexOf('city');
    if (ci >= 0 && !dimMs.some((m) => m.dim === 'city')) {
      if (groupBy.includes('province')) groupBy.splice(ci, 1);
      else groupBy[ci] = 'province';
      effects.rolledUp = true;
    }
  }
  // a ranking of provinces narrowed to one province (广东呢) or to cities drills down to cities
  const pi = groupBy.indexOf('province');
  if (pi >= 0 && !dimMs.length && replaced.has('province')) {
    const prov = filters.find((f) => f.dimension === 'province' && f.op === 'in');
    const city = filters.some((f) => f.dimension === 'city' && f.op === 'in');
    if (city || prov?.values.length === 1) {
      if (groupBy.includes('city')) groupBy.splice(pi, 1);
      else groupBy[pi] = 'city';
      effects.drilled = city ? null : prov!.values[0];
      changed.add('city');
    }
  }
  // one city asked about (深圳呢) beside a ranking of cities (or of provinces, drilled above): it
  // stands among its province's cities, marked, not as a chart of one bar; 只看深圳 narrows to it
  const oneCity = filters.find((f) => f.dimension === 'city' && f.op === 'in');
  const cityMs = byDim.get('city') ?? [];
  if (oneCity?.values.length === 1 && groupBy.includes('city') && !dimMs.length && cityMs.length === 1 && cityMs[0].mode === null && before.dims.some((d) => REGION_DIMS.has(d))) {
    const c = oneCity.values[0];
    filters = [...filters.filter((f) => f !== oneCity), { dimension: 'province', op: 'in', values: [`${c.slice(0, 2)}0000`] }];
    effects.marked = { dimension: 'city', values: [c] };
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

  // 前5 then 按月: the five members over time (a limit would cut member × month rows instead)
  const dim = before.dims.length === 1 ? before.dims[0] : null;
  const timedNow = !before.grain && groupBy.some((g) => GRAIN_IDS.has(g));
  if (timedNow && dim && groupBy.includes(dim) && before.limit != null && before.orderBy && !x.order && !byDim.has(dim) && x.ranked) {
    const values = uniq(x.ranked.map((r) => r[dim]).filter((v): v is string => typeof v === 'string' && v !== ''));
    if (values.length) {
      q.filters = [...q.filters.filter((f) => f.dimension !== dim), { dimension: dim, op: 'in', values }];
      q.orderBy = null;
      q.limit = null;
      effects.kept = { dimension: dim, count: values.length, metric: before.orderBy.metric, direction: before.orderBy.direction };
    }
  }

  // a ranking then over time (各地市排名 → monthly): the series in time order, not each month's rows by value
  if (timedNow && !effects.kept && !x.order && q.orderBy && q.limit == null) q.orderBy = null;
  if (x.time) q.timeRange = x.time.remove ? null : { ...x.time.range };
  if (x.order) {
    if (x.order.remove) { q.orderBy = null; q.limit = null; }
    else { q.orderBy = x.order.orderBy; q.limit = x.order.limit; }
  }
  if (x.compare) q.compare = x.compare.remove ? null : x.compare.id;
  return effects;
}
