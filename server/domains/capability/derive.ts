/**
 * How a derived capability score is described. The definition itself is SQL, in one place:
 * dimensionScoresSql (scores.ts): for an entity with no known dimension score in a dimension,
 * the plain mean of its known area scores there; published and recorded scores never replaced.
 * Here: the shape the typed fields and the notes take it in, and its note in both languages.
 */
import { FRAMEWORK } from '../../model/members.ts';

export const DERIVED_BASIS = 'mean_of_areas' as const;

export interface DerivedDimensionScore {
  entity: string;
  dimension: string;
  /** the known area scores averaged, in framework order */
  areas: { node: string; score: number }[];
  /** how many areas the dimension has in the framework */
  areasInDimension: number;
}

const AREAS_OF: ReadonlyMap<string, readonly string[]> = new Map(FRAMEWORK.dimensions.map((d) => [d.id, d.areas.map((a) => a.id)]));

/** A derived score as dimensionScoresSql gives it (`derived_from`: its (area, score) pairs), its areas in framework order. */
export function derivation(entity: string, dimension: string, from: readonly (readonly [string, number])[]): DerivedDimensionScore {
  const order = AREAS_OF.get(dimension) ?? [];
  const areas = from.map(([node, score]) => ({ node, score: Number(score) })).sort((x, y) => order.indexOf(x.node) - order.indexOf(y.node));
  return { entity, dimension, areas, areasInDimension: order.length };
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
