/**
 * Capability executor. Scores are read at the level of the finest capability dimension the
 * query names (item > area > dimension); per entity the latest assessment on or before the
 * chosen date, per node its latest record. A group with any unknown score is unknown —
 * never averaged as if it were 0 or absent.
 */
import type { Engine } from '../../engine/engine.ts';
import type { Plan } from '../../query/plan.ts';
import { OPS, catalogOrder } from '../../query/sql.ts';

export type CapabilityLevel = 'dimension' | 'area' | 'item';

export function capabilityLevel(plan: Plan): CapabilityLevel {
  const named = new Set([...plan.dims, ...plan.filters.map((f) => f.dimension)]);
  if (named.has('capability_item')) return 'item';
  if (named.has('capability_area')) return 'area';
  return 'dimension';
}

const AREA_OF = "if(level = 'area', node, if(level = 'item', arrayStringConcat(arraySlice(splitByChar('.', node), 1, 2), '.'), ''))";

/** Latest score per (entity, node) within each entity's latest assessment on or before `on`. */
export function latestScoresSql(db: string, on: string | null): string {
  return `SELECT entity, level, node, dimension, ${AREA_OF} AS area, if(level = 'item', node, '') AS item,
    assessed_on, argMax(tuple(score), recorded_at).1 AS score, argMax(note, recorded_at) AS note,
    argMax(comment, recorded_at) AS comment, argMax(source, recorded_at) AS source
  FROM ${db}.capability_scores
  WHERE (entity, assessed_on) GLOBAL IN (
    SELECT entity, max(assessed_on) FROM ${db}.capability_scores ${on ? 'WHERE assessed_on <= {on:Date}' : ''} GROUP BY entity)
  GROUP BY entity, level, node, dimension, assessed_on`;
}

/**
 * The plan's filters (the viewer's scope included) over latestScoresSql's rows, with their
 * values added to `params` as f0, f1, …. Shared by this executor and the typed capability fields.
 */
export function capabilityWhere(plan: Plan, params: Record<string, unknown>): string[] {
  const cube = plan.parts[0].cube;
  const where: string[] = [];
  plan.filters.forEach((f, i) => {
    // The scope filter arrives as province/city: region-coded entities outside it are hidden,
    // the published benchmark entities stay visible to everyone. A city also sees its own
    // province's assessment, as plan()'s applyScope allows it to name it.
    if (f.dimension === 'province' || f.dimension === 'city') {
      params[`f${i}`] = f.dimension === 'province' ? f.values[0].slice(0, 2) : f.values[0];
      where.push(f.dimension === 'province'
        ? `(NOT match(entity, '^[0-9]{6}$') OR substring(entity, 1, 2) = {f${i}:String})`
        : `(NOT match(entity, '^[0-9]{6}$') OR entity = {f${i}:String} OR entity = concat(substring({f${i}:String}, 1, 2), '0000'))`);
      return;
    }
    params[`f${i}`] = f.values;
    where.push(`${cube.dimensions[f.dimension]} ${f.op === 'not_in' ? 'NOT IN' : 'IN'} {f${i}:Array(String)}`);
  });
  return where;
}

export function capabilitySql(plan: Plan, db: string, on: string | null): { sql: string; params: Record<string, unknown> } {
  const level = capabilityLevel(plan);
  const params: Record<string, unknown> = { level, ...(on ? { on } : {}) };
  const where = ['level = {level:String}', ...capabilityWhere(plan, params)];
  const cube = plan.parts[0].cube;
  const dims = plan.dims.map((d) => `${cube.dimensions[d]} AS ${d}`);
  // a filter on the score (a group with an unknown score is null: it never passes, as in SQL)
  const having = plan.havings.map((h, i) => { params[`h${i}`] = Number(h.values[0]); return `capability_score ${OPS[h.op]} {h${i}:Float64}`; });
  // without an asked order: the framework's (and the entities' catalogue) order, as every other answer
  const byCatalogue = plan.dims.flatMap((d, i) => catalogOrder(d, (ids) => { params[`o${i}`] = ids; return `{o${i}:Array(String)}`; }));
  const order = plan.orderBy ? `${plan.orderBy.key} ${plan.orderBy.direction.toUpperCase()} NULLS LAST` : byCatalogue.join(', ');
  const sql = `SELECT ${[...dims, 'if(countIf(score IS NULL) > 0, NULL, avg(score)) AS capability_score',
    "arrayStringConcat(arrayFilter(x -> x != '', groupUniqArray(note)), '; ') AS note", "arrayStringConcat(arrayFilter(x -> x != '', groupUniqArray(comment)), '; ') AS comment", 'maxOrNull(assessed_on) AS assessed_on'].join(', ')}
FROM (${latestScoresSql(db, on)})
WHERE ${where.join(' AND ')}
${plan.dims.length ? `GROUP BY ${plan.dims.join(', ')}` : ''}
${having.length ? `HAVING ${having.join(' AND ')}` : ''}
${order ? `ORDER BY ${order}` : ''}
${plan.limit ? `LIMIT ${Number(plan.limit)}` : ''}`;
  return { sql, params };
}

export async function runCapability(engine: Engine, plan: Plan, on: string | null) {
  const { sql, params } = capabilitySql(plan, engine.db, on);
  const rows = await engine.query(sql, params);
  return { rows, sql, params, level: capabilityLevel(plan) };
}
