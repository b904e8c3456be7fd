/**
 * The one definition of a derived capability score. The 2003 source prints no dimension score
 * for the Chinese entities (only area and item scores) and only dimension scores for the
 * foreign carriers, so no level holds both. A derived dimension score bridges them:
 *
 *   for an entity with no known dimension score (not printed / not recorded) in a dimension,
 *   the plain mean of its KNOWN area scores in that dimension; unknown areas are skipped, and
 *   with no known area score there is nothing to derive (the score stays unknown).
 *
 * Published and recorded scores are never replaced: a derived value only fills a dimension
 * whose score is unknown or absent, and it is always marked (basis `mean_of_areas`, with how
 * many areas it averages). Areas are never derived from items (the source's area scores are not
 * means of their items), and the generic metric query (runMetricQuery, the chat) reads scores as
 * recorded only. Used by capabilityScores and capabilityComparison (service.ts).
 */
import { FRAMEWORK } from '../../model/members.ts';

export const DERIVED_BASIS = 'mean_of_areas' as const;

export interface LevelScore { entity: string; level: string; node: string; dimension: string; score: number | null }
export interface DerivedDimensionScore {
  entity: string;
  dimension: string;
  score: number;
  /** the known area scores averaged, in framework order */
  areas: { node: string; score: number }[];
  /** how many areas the dimension has in the framework */
  areasInDimension: number;
}

const AREAS_OF: ReadonlyMap<string, readonly string[]> = new Map(FRAMEWORK.dimensions.map((d) => [d.id, d.areas.map((a) => a.id)]));

/** 12 decimals: the mean without floating-point dust (1.67 + 1.58 + 1.34 + 1.85 = 6.4399…). */
const tidy = (x: number) => Math.round(x * 1e12) / 1e12;

/**
 * Derived dimension scores of every entity in `rows` (one entity's latest assessment: at most
 * one row per entity and node). Returns only the dimensions that get a value. Pure.
 */
export function deriveDimensionScores(rows: readonly LevelScore[]): DerivedDimensionScore[] {
  const score = new Map<string, number | null>();
  const entities: string[] = [];
  for (const r of rows) {
    if (!entities.includes(r.entity)) entities.push(r.entity);
    score.set(`${r.entity}\u0000${r.node}`, r.score === null || r.score === undefined ? null : Number(r.score));
  }
  const out: DerivedDimensionScore[] = [];
  for (const entity of entities) {
    for (const [dimension, areaIds] of AREAS_OF) {
      const own = score.get(`${entity}\u0000${dimension}`);
      if (own !== null && own !== undefined) continue; // published or recorded: never replaced
      const areas = areaIds.flatMap((node) => {
        const v = score.get(`${entity}\u0000${node}`);
        return v === null || v === undefined ? [] : [{ node, score: v }];
      });
      if (!areas.length) continue; // no known area score: unknown, never 0
      out.push({ entity, dimension, score: tidy(areas.reduce((s, a) => s + a.score, 0) / areas.length), areas, areasInDimension: areaIds.length });
    }
  }
  return out;
}

const fmt = (v: number) => (Math.round(v * 100) / 100).toFixed(2);

/** What a derived score says about itself, in both languages (the UI shows the one it speaks). */
export function derivedNote(d: DerivedDimensionScore): { zh: string; en: string } {
  const values = d.areas.map((a) => fmt(a.score)).join(', ');
  const n = d.areas.length;
  const all = n === d.areasInDimension;
  const left = d.areasInDimension - n;
  return {
    zh: `由领域得分平均推算（原文未公布维度得分）：${all ? `本维度 ${n} 个领域得分` : `本维度 ${d.areasInDimension} 个领域中 ${n} 个已知领域得分`}（${values}）的平均值${all ? '' : `，${left} 个未知领域不计`}。`,
    en: `Derived, not published: the mean of ${all ? `the ${n} area scores` : `${n} of the ${d.areasInDimension} area scores`} of this dimension (${values})${all ? '' : `; ${left} unknown area${left > 1 ? 's' : ''} left out`}.`,
  };
}
