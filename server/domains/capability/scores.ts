/**
 * Capability executor. Scores are read at the level of the finest capability dimension the
 * query names (item > area > dimension); per entity the latest assessment on or before the
 * chosen date, per node its latest record. At the dimension level a score the source does not
 * publish is derived from the areas (dimensionScoresSql: the one definition). A group with any
 * unknown score is unknown — never averaged as if it were 0 or absent.
 */
import type { Engine } from '../../engine/engine.ts';
import type { Plan } from '../../query/plan.ts';
import { OPS, catalogOrder } from '../../query/sql.ts';
import { derivation, derivedNote } from './derive.ts';
import { NODES } from './framework.ts';
import { bilingualNote } from './notes.ts';

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
 * The one definition of a derived capability score. The 2003 source prints no dimension score
 * for the Chinese entities (only area and item scores) and only dimension scores for the foreign
 * carriers, so no level holds both. A derived dimension score bridges them:
 *
 *   for an entity with no known dimension score (not printed / not recorded) in a dimension,
 *   the plain mean of its KNOWN area scores in that dimension; unknown areas are skipped, and
 *   with no known area score there is nothing to derive (the score stays unknown).
 *
 * Published and recorded scores are never replaced (a recorded 0 stands): a derived value only
 * fills a dimension whose score is unknown or absent, and it is always marked: `derived`, with
 * `derived_from` the (area, score) pairs it averages. Areas are never derived from items (the
 * source's area scores are not means of their items). One row per (entity, dimension) that has
 * a dimension record or a known area score, in latestScoresSql's columns plus those two; note,
 * comment and source are the dimension record's ('' without one). Read by the generic query
 * (capabilitySql, the chat on it) and by capabilityScores / capabilityComparison (service.ts);
 * tests/helpers/capability-reference.ts is an independent TypeScript formulation the tests
 * hold it to.
 */
export function dimensionScoresSql(db: string, on: string | null): string {
  return `SELECT entity, 'dimension' AS level, dimension AS node, dimension, '' AS area, '' AS item, assessed_on,
    recorded IS NULL AND notEmpty(known_areas) AS derived,
    if(derived, round(arrayAvg(x -> x.2, known_areas), 12), recorded) AS score,
    if(derived, known_areas, []) AS derived_from, note, comment, source
  FROM (
    SELECT entity, dimension, any(assessed_on) AS assessed_on, countIf(level = 'dimension') AS records,
      anyIf(score, level = 'dimension') AS recorded,
      groupArrayIf((node, assumeNotNull(score)), level = 'area' AND score IS NOT NULL) AS known_areas,
      anyIf(note, level = 'dimension') AS note, anyIf(comment, level = 'dimension') AS comment, anyIf(source, level = 'dimension') AS source
    FROM (${latestScoresSql(db, on)})
    WHERE level IN ('dimension', 'area')
    GROUP BY entity, dimension)
  WHERE records > 0 OR notEmpty(known_areas)`;
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
  const dimensionLevel = level === 'dimension';
  const cube = plan.parts[0].cube;
  const dims = plan.dims.map((d) => `${cube.dimensions[d]} AS ${d}`);
  // a filter on the score (a group with an unknown score is null: it never passes, as in SQL)
  const having = plan.havings.map((h, i) => { params[`h${i}`] = Number(h.values[0]); return `capability_score ${OPS[h.op]} {h${i}:Float64}`; });
  // without an asked order: the framework's (and the entities' catalogue) order, as every other answer
  const byCatalogue = plan.dims.flatMap((d, i) => catalogOrder(d, (ids) => { params[`o${i}`] = ids; return `{o${i}:Array(String)}`; }));
  const order = plan.orderBy ? `${plan.orderBy.key} ${plan.orderBy.direction.toUpperCase()} NULLS LAST` : byCatalogue.join(', ');
  // at the dimension level the recorded notes of the derived scores travel with their derivation (describe() words them)
  const sql = `SELECT ${[...dims, 'if(countIf(score IS NULL) > 0, NULL, round(avg(score), 12)) AS capability_score',
    `arraySort(arrayFilter(x -> x != '', groupUniqArray${dimensionLevel ? 'If(note, NOT derived)' : '(note)'})) AS note`,
    ...(dimensionLevel ? ['groupArrayIf((dimension, derived_from, note), derived) AS derivations'] : []),
    "arrayStringConcat(arraySort(arrayFilter(x -> x != '', groupUniqArray(comment))), '; ') AS comment", 'maxOrNull(assessed_on) AS assessed_on'].join(', ')}
FROM (${dimensionLevel ? dimensionScoresSql(db, on) : latestScoresSql(db, on)})
WHERE ${where.join(' AND ')}
${plan.dims.length ? `GROUP BY ${plan.dims.join(', ')}` : ''}
${having.length ? `HAVING ${having.join(' AND ')}` : ''}
${order ? `ORDER BY ${order}` : ''}
${plan.limit ? `LIMIT ${Number(plan.limit)}` : ''}`;
  return { sql, params };
}

type Derivation = [dimension: string, from: [string, number][], note: string];
/** Notes as one text: one note as recorded; several each ending as a sentence does. */
const joined = (parts: string[], zh: boolean) => (parts.length === 1 ? parts[0]
  : parts.map((p) => (zh ? (/[。）)]$/.test(p) ? p : `${p}。`) : /[.)]$/.test(p) ? p : `${p}.`)).join(zh ? '' : ' '));
const frameworkOrder = (node: string) => NODES.get(node)?.order ?? NODES.size;
/**
 * A row's notes in both languages (`note` English, `note_zh` Chinese) and how many of its
 * dimension scores are derived (`derived_dimensions`, dimension level only). A row over one
 * dimension says how its score was derived; a row over several names each dimension first, in
 * framework order. The recorded notes of derived scores follow once each, as "As recorded".
 */
function describe(row: Record<string, unknown>, level: CapabilityLevel, byDimension: boolean) {
  const recorded = ((row.note as string[] | undefined) ?? []).map((n) => bilingualNote(n)!);
  const zh = recorded.map((n) => n.zh);
  const en = recorded.map((n) => n.en);
  if (level === 'dimension') {
    const ds = [...((row.derivations as Derivation[] | undefined) ?? [])].sort((a, b) => frameworkOrder(a[0]) - frameworkOrder(b[0]));
    delete row.derivations;
    const was = [...new Set(ds.map((d) => d[2]).filter(Boolean))].map((n) => bilingualNote(n)!);
    const said = ds.map(([dimension, from]) => {
      const n = derivedNote(derivation(String(row.capability_entity ?? ''), dimension, from));
      const name = NODES.get(dimension);
      return byDimension ? n : { zh: `${name?.labelZh ?? dimension}：${n.zh}`, en: `${name?.labelEn ?? dimension}: ${n.en}` };
    });
    zh.unshift(...said.map((n) => n.zh), ...was.map((n) => `原文记录：${n.zh}`));
    en.unshift(...said.map((n) => n.en), ...was.map((n) => `As recorded: ${n.en}`));
    row.derived_dimensions = ds.length;
  }
  row.note = joined(en, false);
  row.note_zh = joined(zh, true);
  return row;
}

export async function runCapability(engine: Engine, plan: Plan, on: string | null) {
  const { sql, params } = capabilitySql(plan, engine.db, on);
  const level = capabilityLevel(plan);
  const byDimension = plan.dims.includes('capability_dimension');
  const rows = (await engine.query<Record<string, unknown>>(sql, params)).map((r) => describe(r, level, byDimension));
  return { rows, sql, params, level };
}
