/**
 * Survival executor: one engine pass counts events and censorings per group × tenure month;
 * Node walks that small table (km.ts). Time origin activation, event churn, right-censored
 * at the as-of date. A timeRange here selects activation dates (cohorts).
 */
import type { Engine } from '../../engine/engine.ts';
import { tenureSql } from '../../model/segmentation.ts';
import type { Plan } from '../../query/plan.ts';
import type { Filter } from '../../query/types.ts';
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

export function survivalSql(plan: Plan, db: string): { sql: string; params: Record<string, unknown> } {
  const cube = plan.parts[0].cube;
  const params: Record<string, unknown> = { asOf: plan.asOf };
  const where = ['activated_on <= {asOf:Date}'];
  plan.filters.forEach((f: Filter, i) => {
    const expr = cube.dimensions[f.dimension];
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
    where.push('activated_on BETWEEN {from:Date} AND {to:Date}');
  }
  const dims = plan.dims.map((d) => `${cube.dimensions[d]} AS ${d}`);
  const event = 'churned_on IS NOT NULL AND churned_on <= {asOf:Date}';
  const sql = `SELECT ${[...dims, `${tenureSql('activated_on', `if(${event}, churned_on, {asOf:Date})`)} AS t`,
    `countIf(${event}) AS events`, `countIf(NOT (${event})) AS censored`].join(', ')}
FROM ${db}.${cube.table}
WHERE ${where.join(' AND ')}
GROUP BY ${[...plan.dims, 't'].join(', ')}
ORDER BY ${[...plan.dims, 't'].join(', ')}`;
  return { sql, params };
}

export async function runSurvival(engine: Engine, plan: Plan, confType: ConfType = 'log'): Promise<SurvivalResult> {
  const { sql, params } = survivalSql(plan, engine.db);
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
