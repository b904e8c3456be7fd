/**
 * Survival executor: one engine pass counts events and censorings per group × tenure month;
 * Node walks that small table (km.ts). Time origin activation, event churn, right-censored
 * at the as-of date. A timeRange here selects activation dates (cohorts).
 */
import type { Engine } from '../../engine/engine.ts';
import type { Plan } from '../../query/plan.ts';
import type { Filter } from '../../query/types.ts';
import { COUNTS_DIMENSIONS, COUNTS_TABLE, countsAsOf, EVENT_SQL, TENURE_SQL } from './counts.ts';
import { type ConfType, type KmPoint, type LogRank, type TimeCount, kaplanMeier, logRank, medianLifetime } from './km.ts';

export interface SurvivalGroup {
  key: Record<string, string>;
  points: KmPoint[];
  median: number | null;
  n: number;
}
export interface SurvivalResult {
  groups: SurvivalGroup[];
  logRank: LogRank | null;
  sql: string;
  params: Record<string, unknown>;
}

/** Which table a survival query reads: the pre-counted cells when they cover it (counts.ts). */
export type SurvivalSource = 'raw' | 'counts';

/** Does the survival pre-aggregation answer this plan (as-of aside)? */
export function countsCover(plan: Plan): boolean {
  const dims = [...plan.dims, ...plan.filters.map((f) => f.dimension)];
  if (!dims.every((d) => d in COUNTS_DIMENSIONS)) return false;
  if (!plan.range) return true;
  // whole activation months: from a month's first day to a month's last day (or past the as-of)
  const { fromDay, toDay } = plan.range;
  const next = new Date(`${toDay}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return fromDay.endsWith('-01') && (next.getUTCDate() === 1 || toDay >= plan.asOf);
}

export function survivalSql(plan: Plan, db: string, source: SurvivalSource = 'raw'): { sql: string; params: Record<string, unknown> } {
  const counts = source === 'counts';
  const dimensions = counts ? COUNTS_DIMENSIONS : plan.parts[0].cube.dimensions;
  const params: Record<string, unknown> = { asOf: plan.asOf };
  const where = counts ? ['as_of = {asOf:Date}'] : ['activated_on <= {asOf:Date}'];
  plan.filters.forEach((f: Filter, i) => {
    const expr = dimensions[f.dimension];
    if (f.op === 'in' || f.op === 'not_in') {
      params[`f${i}`] = f.values;
      where.push(`${expr} ${f.op === 'in' ? 'IN' : 'NOT IN'} {f${i}:Array(String)}`);
    } else {
      params[`f${i}`] = f.values[0];
      where.push(`${expr} ${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[f.op]} {f${i}:String}`);
    }
  });
  if (plan.range) {
    params.from = plan.range.fromDay;
    params.to = plan.range.toDay;
    where.push(counts ? 'cohort BETWEEN toStartOfMonth({from:Date}) AND toStartOfMonth({to:Date})' : 'activated_on BETWEEN {from:Date} AND {to:Date}');
  }
  const dims = plan.dims.map((d) => `${dimensions[d]} AS ${d}`);
  const measures = counts
    ? ['t', 'sum(events) AS events', 'sum(censored) AS censored']
    : [`${TENURE_SQL('{asOf:Date}')} AS t`, `countIf(${EVENT_SQL('{asOf:Date}')}) AS events`, `countIf(NOT (${EVENT_SQL('{asOf:Date}')})) AS censored`];
  const sql = `SELECT ${[...dims, ...measures].join(', ')}
FROM ${db}.${counts ? COUNTS_TABLE : plan.parts[0].cube.table}
WHERE ${where.join(' AND ')}
GROUP BY ${[...plan.dims, 't'].join(', ')}
ORDER BY ${[...plan.dims, 't'].join(', ')}`;
  return { sql, params };
}

/** `source`: 'auto' reads the pre-counted cells when they cover the plan and are in step. */
export async function runSurvival(engine: Engine, plan: Plan, confType: ConfType = 'log', source: SurvivalSource | 'auto' = 'auto'): Promise<SurvivalResult> {
  const use = source !== 'auto' ? source : countsCover(plan) && (await countsAsOf(engine)) === plan.asOf ? 'counts' : 'raw';
  const { sql, params } = survivalSql(plan, engine.db, use);
  const rows = await engine.query<Record<string, string | number>>(sql, params);
  const byGroup = new Map<string, { key: Record<string, string>; counts: TimeCount[] }>();
  for (const r of rows) {
    const key = Object.fromEntries(plan.dims.map((d) => [d, String(r[d])]));
    const id = JSON.stringify(key);
    const g = byGroup.get(id) ?? { key, counts: [] };
    g.counts.push({ t: Number(r.t), events: Number(r.events), censored: Number(r.censored) });
    byGroup.set(id, g);
  }
  const groups = [...byGroup.values()].map(({ key, counts }) => {
    const points = kaplanMeier(counts, confType);
    return { key, points, median: medianLifetime(points), n: points[0]?.at_risk ?? 0 };
  });
  const lr = plan.dims.length ? logRank(new Map([...byGroup.entries()].map(([id, g]) => [id, g.counts]))) : null;
  if (lr) lr.groups.forEach((g) => { g.group = Object.values(JSON.parse(g.group) as Record<string, string>).join(' / '); });
  return { groups, logRank: lr, sql, params };
}
