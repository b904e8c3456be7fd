/**
 * recordAssessment: a province or city scores itself on the framework. Everything is
 * checked before anything is written (every problem reported at once), then all rows go in
 * one insert, so an assessment is never half-written. Rows are never updated: a new save of
 * the same entity and date is a new recording, and reads take the latest (history kept).
 */
import type { Engine } from '../../engine/engine.ts';
import { badInput, forbidden } from '../../errors.ts';
import { applyScope } from '../../query/plan.ts';
import { parseDay } from '../../query/time.ts';
import type { Scope } from '../../query/types.ts';
import { regionByCode } from '../../../seeds/regions.ts';
import { NODES, PUBLISHED_ENTITY_IDS } from './framework.ts';

export const MAX_COMMENT_CHARS = 2000;
export const SELF_ASSESSMENT_SOURCE = 'self-assessment';

export interface AssessmentInput {
  entity: string;
  assessedOn: string;
  scores: readonly { node: string; score: number; comment?: string | null }[];
}

export async function recordAssessment(
  input: AssessmentInput,
  ctx: { engine: Engine; scope: Scope; viewerId: string; now?: () => number },
) {
  const problems: string[] = [];
  const { entity } = input;
  const region = /^\d{6}$/.test(entity) ? regionByCode(entity) : undefined;
  if (!region) {
    problems.push(PUBLISHED_ENTITY_IDS.has(entity)
      ? `"${entity}" is a published benchmark and cannot be re-assessed; record assessments under a province or city code`
      : `unknown entity "${entity}": assessments are recorded under a province or city code (GB/T 2260, e.g. "440300" for 深圳市)`);
  } else {
    // Same rule and message as every read (plan's applyScope); a city may write only its own assessment.
    applyScope([{ dimension: 'capability_entity', op: 'in', values: [entity] }], ctx.scope);
    if (ctx.scope.level === 'city' && entity !== ctx.scope.city) {
      throw forbidden(`Your access is limited to ${regionByCode(ctx.scope.city)?.nameZh ?? ctx.scope.city}; you can record assessments for it only.`);
    }
  }
  let assessedOn = input.assessedOn;
  try { assessedOn = parseDay(input.assessedOn, 'assessedOn'); } catch (e) { problems.push((e as Error).message); }
  // a future date would become every reader's current assessment until then
  const today = new Date((ctx.now ?? Date.now)() + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai
  if (!problems.length && assessedOn > today) problems.push(`assessedOn ${assessedOn} is in the future (today is ${today}, Asia/Shanghai): record an assessment once it has taken place`);
  if (!input.scores.length) problems.push('scores is empty: score at least one framework node');
  const seen = new Set<string>();
  input.scores.forEach((s, i) => {
    const at = `scores[${i}] (${s.node})`;
    if (!NODES.has(s.node)) problems.push(`${at}: unknown capability node; the capabilityFramework query lists dimension, area and item ids`);
    if (seen.has(s.node)) problems.push(`${at}: the node is scored twice`);
    seen.add(s.node);
    if (typeof s.score !== 'number' || !Number.isFinite(s.score) || s.score < 0 || s.score > 4) problems.push(`${at}: score ${s.score} is outside 0–4`);
    const chars = [...(s.comment ?? '')].length;
    if (chars > MAX_COMMENT_CHARS) problems.push(`${at}: comment has ${chars} characters; at most ${MAX_COMMENT_CHARS}`);
  });
  if (problems.length) throw badInput(problems.join('; '), { problems });

  const recordedAt = (ctx.now ?? Date.now)();
  const rows = input.scores.map((s) => {
    const node = NODES.get(s.node)!;
    return {
      entity, assessed_on: assessedOn, level: node.level, node: node.id, dimension: node.dimension,
      score: s.score, note: '', source: SELF_ASSESSMENT_SOURCE, comment: s.comment ?? '',
      recorded_at: recordedAt, recorded_by: ctx.viewerId,
    };
  });
  await ctx.engine.insert('capability_scores', rows);
  return { entity, assessedOn, recordedAt: new Date(recordedAt).toISOString(), recordedBy: ctx.viewerId, items: rows.length };
}
