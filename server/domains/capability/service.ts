/**
 * Capability reads: the framework, scores per entity and node, the radar comparison and an
 * entity's history. Entities are validated and scoped by plan() (capability_entity filter),
 * so a region outside the viewer's scope is FORBIDDEN exactly as in the generic query;
 * rows come from latestScoresSql (latest assessment on or before `on`, latest record per node).
 */
import { badInput } from '../../errors.ts';
import type { QueryContext } from '../../query/execute.ts';
import { type Plan, plan } from '../../query/plan.ts';
import { parseDay } from '../../query/time.ts';
import { FOREIGN_CARRIERS, NODES, frameworkTree } from './framework.ts';
import { type CapabilityLevel, capabilityWhere, latestScoresSql } from './scores.ts';

interface ScoreRow {
  entity: string; level: CapabilityLevel; node: string; dimension: string; score: number | null;
  note: string; comment: string; source: string; assessed_on: string;
}
const orNull = (s: string | null | undefined) => (s ? s : null);

export const capabilityFramework = () => frameworkTree();

function entityPlan(entities: readonly string[], ctx: QueryContext): Plan {
  if (!entities.length) throw badInput('Name at least one entity (a published carrier id such as "china_telecom", or a province / city code).');
  return plan({ metrics: ['capability_score'], filters: [{ dimension: 'capability_entity', op: 'in', values: [...entities] }] }, { asOf: ctx.asOf, scope: ctx.scope });
}

async function latestScores(p: Plan, ctx: QueryContext, on: string | null | undefined, level: CapabilityLevel | null) {
  const params: Record<string, unknown> = {};
  const where = capabilityWhere(p, params);
  if (on) params.on = parseDay(on, 'on');
  if (level) { params.level = level; where.push('level = {level:String}'); }
  const sql = `SELECT entity, level, node, dimension, score, note, comment, source, assessed_on
FROM (${latestScoresSql(ctx.engine.db, on ?? null)})
WHERE ${where.join(' AND ')}`;
  const rows = await ctx.engine.query<ScoreRow>(sql, params, { signal: ctx.signal });
  return { rows, sql };
}

/** Unknown scores stay null (known = false), never 0; the note says why. */
export async function capabilityScores(a: { entities: string[]; level?: CapabilityLevel | null; on?: string | null }, ctx: QueryContext) {
  const entities = [...new Set(a.entities)];
  const { rows } = await latestScores(entityPlan(entities, ctx), ctx, a.on, a.level ?? null);
  const order = (r: ScoreRow) => NODES.get(r.node)?.order ?? NODES.size;
  return rows
    .sort((x, y) => entities.indexOf(x.entity) - entities.indexOf(y.entity) || order(x) - order(y))
    .map((r) => ({
      entity: r.entity, level: r.level, node: r.node, dimension: r.dimension,
      score: r.score === null ? null : Number(r.score), known: r.score !== null,
      note: orNull(r.note), comment: orNull(r.comment), source: orNull(r.source), assessedOn: r.assessed_on,
    }));
}

/**
 * Per dimension: each entity's dimension score, and the best and the mean of the foreign
 * carriers. Like the executor's groups, a benchmark with any unknown carrier is unknown.
 */
export async function capabilityComparison(a: { entities: string[]; on?: string | null }, ctx: QueryContext) {
  const entities = [...new Set(a.entities)];
  entityPlan(entities, ctx); // validates and scopes the caller's entities with their own messages
  const p = entityPlan([...new Set([...entities, ...FOREIGN_CARRIERS])], ctx);
  const { rows } = await latestScores(p, ctx, a.on, 'dimension');
  const score = (entity: string, dimension: string) => {
    const r = rows.find((x) => x.entity === entity && x.node === dimension);
    return r && r.score !== null ? Number(r.score) : null;
  };
  return frameworkTree().map((d) => {
    const foreign = FOREIGN_CARRIERS.map((e) => score(e, d.id));
    const known = foreign.every((s) => s !== null);
    const values = foreign as number[];
    return {
      dimension: d.id, labelZh: d.labelZh, labelEn: d.labelEn,
      scores: entities.map((entity) => ({ entity, score: score(entity, d.id) })),
      foreignBest: known && values.length ? Math.max(...values) : null,
      foreignMean: known && values.length ? values.reduce((s, v) => s + v, 0) / values.length : null,
    };
  });
}

/** Every recording for an entity, newest first; a recording is the rows of one save. */
export async function capabilityAssessments(a: { entity: string }, ctx: QueryContext) {
  const p = entityPlan([a.entity], ctx);
  const params: Record<string, unknown> = {};
  const where = capabilityWhere(p, params);
  const sql = `SELECT entity, assessed_on, recorded_at, recorded_by, count() AS items
FROM ${ctx.engine.t('capability_scores')}
WHERE ${where.join(' AND ')}
GROUP BY entity, assessed_on, recorded_at, recorded_by
ORDER BY assessed_on DESC, recorded_at DESC`;
  const rows = await ctx.engine.query<{ entity: string; assessed_on: string; recorded_at: string; recorded_by: string; items: number }>(sql, params, { signal: ctx.signal });
  return rows.map((r) => ({ entity: r.entity, assessedOn: r.assessed_on, recordedAt: r.recorded_at, recordedBy: r.recorded_by, items: Number(r.items) }));
}
