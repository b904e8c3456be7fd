/**
 * Capability reads: the framework, scores per entity and node, the radar comparison and an
 * entity's history. Entities are validated and scoped by plan() (capability_entity filter),
 * so a region outside the viewer's scope is FORBIDDEN exactly as in the generic query;
 * rows come from latestScoresSql (latest assessment on or before `on`, latest record per node).
 * With `derive` (the default) the dimension rows are dimensionScoresSql's: a dimension score that
 * is unknown or absent is the mean of the known area scores, marked `derived` / `mean_of_areas`;
 * `derive: false` answers exactly as recorded.
 */
import { badInput } from '../../errors.ts';
import type { QueryContext } from '../../query/execute.ts';
import { type Plan, plan } from '../../query/plan.ts';
import { parseDay } from '../../query/time.ts';
import { DERIVED_BASIS, type DerivedDimensionScore, derivation, derivedNote } from './derive.ts';
import { FOREIGN_CARRIERS, NODES, frameworkTree } from './framework.ts';
import { bilingualNote } from './notes.ts';
import { type CapabilityLevel, capabilityWhere, dimensionScoresSql, latestScoresSql } from './scores.ts';

interface ScoreRow {
  entity: string; level: CapabilityLevel; node: string; dimension: string; score: number | null;
  derived: boolean | number; derived_from: [string, number][];
  note: string; comment: string; source: string; assessed_on: string;
}
const orNull = (s: string | null | undefined) => (s ? s : null);
export type CapabilityBasis = 'recorded' | typeof DERIVED_BASIS;
export interface CapabilityScoreOut {
  entity: string; level: CapabilityLevel; node: string; dimension: string; score: number | null; known: boolean;
  note: string | null; noteZh: string | null; noteEn: string | null; comment: string | null; source: string | null; assessedOn: string;
  derived: boolean; basis: CapabilityBasis | null; areasAveraged: number | null; areasInDimension: number | null;
}
const LEVELS: readonly CapabilityLevel[] = ['dimension', 'area', 'item'];

export const capabilityFramework = () => frameworkTree();

function entityPlan(entities: readonly string[], ctx: QueryContext): Plan {
  if (!entities.length) throw badInput('Name at least one entity (a published carrier id such as "china_telecom", or a province / city code).');
  return plan({ metrics: ['capability_score'], filters: [{ dimension: 'capability_entity', op: 'in', values: [...entities] }] }, { asOf: ctx.asOf, scope: ctx.scope });
}

const COLUMNS = 'entity, level, node, dimension, score, derived, derived_from, note, comment, source, assessed_on';
/** The latest scores at `levels`; with `derive`, the dimension rows are dimensionScoresSql's (derived where unpublished). */
async function latestScores(p: Plan, ctx: QueryContext, on: string | null | undefined, levels: readonly CapabilityLevel[], derive: boolean) {
  const params: Record<string, unknown> = {};
  const where = capabilityWhere(p, params);
  if (on) params.on = parseDay(on, 'on');
  const db = ctx.engine.db;
  const recorded = derive ? levels.filter((l) => l !== 'dimension') : levels;
  const parts = [
    ...(derive && levels.includes('dimension') ? [`SELECT ${COLUMNS} FROM (${dimensionScoresSql(db, on ?? null)})`] : []),
    ...(recorded.length ? [`SELECT ${COLUMNS.replace('derived, derived_from', "false AS derived, CAST([], 'Array(Tuple(String, Float64))') AS derived_from")}
  FROM (${latestScoresSql(db, on ?? null)}) WHERE level IN {levels:Array(String)}`] : []),
  ];
  params.levels = recorded;
  const sql = `SELECT ${COLUMNS} FROM (${parts.join('\n  UNION ALL ')})
WHERE ${where.join(' AND ')}`;
  const rows = await ctx.engine.query<ScoreRow>(sql, params, { signal: ctx.signal });
  return rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score), derived: Boolean(r.derived) }));
}

/** How a score was obtained, and its note in both languages (the recorded `note` stays as recorded). */
function recordedFields(score: number | null, note: string | null) {
  const n = bilingualNote(note);
  const basis: CapabilityBasis | null = score === null ? null : 'recorded';
  return { derived: false, basis, areasAveraged: null, areasInDimension: null, noteZh: n?.zh ?? null, noteEn: n?.en ?? null };
}
function derivedFields(d: DerivedDimensionScore, recordedNote: string | null) {
  const n = derivedNote(d);
  const was = bilingualNote(recordedNote);
  return {
    derived: true, basis: DERIVED_BASIS, areasAveraged: d.areas.length, areasInDimension: d.areasInDimension,
    // the derivation first; what the record says (why the source prints none) after it
    note: [n.en, was ? `As recorded: ${was.en}` : ''].filter(Boolean).join(' '),
    noteZh: [n.zh, was ? `原文记录：${was.zh}` : ''].filter(Boolean).join(''),
    noteEn: [n.en, was ? `As recorded: ${was.en}` : ''].filter(Boolean).join(' '),
  };
}

/**
 * Scores per entity and node. Unknown scores stay null (known = false), never 0; the note says
 * why. With `derive`, an unknown or absent dimension score of an entity with known area scores
 * is their mean (derived = true, basis mean_of_areas); published scores are never replaced.
 */
export async function capabilityScores(a: { entities: string[]; level?: CapabilityLevel | null; on?: string | null; derive?: boolean | null }, ctx: QueryContext): Promise<CapabilityScoreOut[]> {
  const entities = [...new Set(a.entities)];
  const rows = await latestScores(entityPlan(entities, ctx), ctx, a.on, a.level ? [a.level] : LEVELS, a.derive ?? true);
  const out: CapabilityScoreOut[] = rows.map((r) => ({
    entity: r.entity, level: r.level, node: r.node, dimension: r.dimension,
    score: r.score, known: r.score !== null, note: orNull(r.note), comment: orNull(r.comment), source: orNull(r.source), assessedOn: r.assessed_on,
    ...(r.derived ? derivedFields(derivation(r.entity, r.dimension, r.derived_from), orNull(r.note)) : recordedFields(r.score, orNull(r.note))),
  }));
  const order = (r: { node: string }) => NODES.get(r.node)?.order ?? NODES.size;
  return out.sort((x, y) => entities.indexOf(x.entity) - entities.indexOf(y.entity) || order(x) - order(y));
}

/**
 * Per dimension: each entity's dimension score (derived from its areas where unpublished, with
 * `derive`, marked), and the best and the mean of the foreign carriers. Like the executor's
 * groups, a benchmark with any unknown carrier is unknown.
 */
export async function capabilityComparison(a: { entities: string[]; on?: string | null; derive?: boolean | null }, ctx: QueryContext) {
  const entities = [...new Set(a.entities)];
  entityPlan(entities, ctx); // validates and scopes the caller's entities with their own messages
  const rows = await capabilityScores({ entities: [...new Set([...entities, ...FOREIGN_CARRIERS])], level: 'dimension', on: a.on, derive: a.derive }, ctx);
  const find = (entity: string, dimension: string) => rows.find((x) => x.entity === entity && x.node === dimension);
  const score = (entity: string, dimension: string) => find(entity, dimension)?.score ?? null;
  return frameworkTree().map((d) => {
    const foreign = FOREIGN_CARRIERS.map((e) => score(e, d.id));
    const known = foreign.every((s) => s !== null);
    const values = foreign as number[];
    return {
      dimension: d.id, labelZh: d.labelZh, labelEn: d.labelEn,
      scores: entities.map((entity) => {
        const r = find(entity, d.id);
        return {
          entity, score: r?.score ?? null, derived: r?.derived ?? false, basis: r?.basis ?? null,
          areasAveraged: r?.areasAveraged ?? null, areasInDimension: r?.areasInDimension ?? null, noteZh: r?.noteZh ?? null, noteEn: r?.noteEn ?? null,
        };
      }),
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
