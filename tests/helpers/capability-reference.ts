/**
 * An independent TypeScript formulation of the capability reads, for the tests to hold the SQL
 * (server/domains/capability/scores.ts: latestScoresSql, dimensionScoresSql) to. Written from
 * the definitions in words, sharing no code with the server:
 * - per entity, its latest assessment on or before `on`; per node, its latest record;
 * - a dimension with no known score (null or no record) takes the plain mean of the entity's
 *   known area scores in that dimension; with none known it stays unknown (null when recorded,
 *   absent when not); a known score, 0 included, is never replaced.
 */
export interface RawScore { entity: string; assessed_on: string; level: string; node: string; dimension: string; score: number | null; recorded_at: number }
export interface ReferenceDimension { entity: string; dimension: string; score: number | null; derived: boolean; areas: number }

/** The latest assessment's latest records: one per (entity, node). */
export function latestRecords(rows: readonly RawScore[], on: string | null = null): RawScore[] {
  const assessment = new Map<string, string>();
  for (const r of rows) if ((!on || r.assessed_on <= on) && r.assessed_on > (assessment.get(r.entity) ?? '')) assessment.set(r.entity, r.assessed_on);
  const out = new Map<string, RawScore>();
  for (const r of rows) {
    if (assessment.get(r.entity) !== r.assessed_on) continue;
    const k = `${r.entity}|${r.node}`;
    const had = out.get(k);
    if (!had || r.recorded_at > had.recorded_at) out.set(k, r);
  }
  return [...out.values()];
}

/** Every (entity, dimension) with a dimension record or a known area score, `areasOf` giving each dimension's area ids. */
export function referenceDimensionScores(rows: readonly RawScore[], areasOf: ReadonlyMap<string, readonly string[]>, on: string | null = null): ReferenceDimension[] {
  const latest = latestRecords(rows, on);
  const out: ReferenceDimension[] = [];
  for (const entity of new Set(latest.map((r) => r.entity))) {
    for (const [dimension, areaIds] of areasOf) {
      const own = latest.find((r) => r.entity === entity && r.node === dimension);
      const known = latest.filter((r) => r.entity === entity && areaIds.includes(r.node) && r.score !== null).map((r) => r.score!);
      if (own && own.score !== null) out.push({ entity, dimension, score: own.score, derived: false, areas: 0 });
      else if (known.length) {
        let sum = 0;
        for (const v of known) sum += v;
        out.push({ entity, dimension, score: sum / known.length, derived: true, areas: known.length });
      } else if (own) out.push({ entity, dimension, score: null, derived: false, areas: 0 });
    }
  }
  return out;
}
