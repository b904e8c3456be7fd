/**
 * Keeps a cube's sets (server/model/types.ts MemberSets; contacts → contact_reach, migration
 * 011) equal to the cube's table: one row per subscriber and level key with the bit of every
 * month they appear in (server/query/source.ts: setBlockSql, setBitSql).
 *
 * - `rebuildSets`: from the whole table, a batch of cities and a level at a time (bounded memory),
 *   into a scratch table swapped in block by block. The generator, and start-up when the
 *   sets are empty but the table is not (a store loaded before migration 011).
 * - `addToSets`: the rows of a contacts import, inserted as they are, not folded. Rows of one
 *   key are OR-ed by merges and by the FINAL of every read, and contacts are only ever added,
 *   so adding the same rows twice (a move repeated after a crash) changes nothing. Queries read
 *   the sets again once the background merge has made each block one part (`setsMerged`).
 */
import { randomUUID } from 'node:crypto';
import { CITY_BATCH_WHERE, cityBatches } from '../server/engine/batches.ts';
import type { Engine } from '../server/engine/engine.ts';
import { model, type Cube, type CubeId } from '../server/model/index.ts';
import { SET_MONTHS, setBitSql, setBlockSql, setRowsWhereSql } from '../server/query/source.ts';

/** Cubes with sets, in model order. */
export const SET_CUBES: readonly CubeId[] = model.cubes.filter((c) => c.sets).map((c) => c.id);

/**
 * INSERTs of the rows of every level of the cube's sets from `from` (a table shaped like the
 * cube's) into `into`: one per row of `from`, not grouped. The table folds rows of one key as
 * they are inserted (an insert block is merged like a part, optimize_on_insert) and in
 * merges; grouping first took twice as long in a trial.
 */
function setInserts(cube: Cube, into: string, from: string, where: string[] = []): string[] {
  const sets = cube.sets!;
  const col = cube.time!.column;
  const levelDims = [...new Set(sets.levels.flatMap((l) => l.dims))];
  const columns = ['block', ...sets.dimensions, 'level', ...levelDims, 'sub_id', 'months'];
  return sets.levels.map((level) => {
    const cut = levelDims.map((d) => (level.dims.includes(d) ? `${cube.dimensions[d]} AS ${d}` : `'' AS ${d}`));
    return `INSERT INTO ${into} (${columns.join(', ')})
    SELECT ${setBlockSql(col)} AS block, ${sets.dimensions.map((d) => `${cube.dimensions[d]} AS ${d}`).join(', ')}, '${level.id}' AS level,
      ${cut.join(', ')}, sub_id, ${setBitSql(col)} AS months
    FROM ${from}
    WHERE ${[setRowsWhereSql(col), ...where].join(' AND ')}`;
  });
}

/** Rows per build statement (a bounded statement: chDB runs one at a time). */
const BATCH_ROWS = 4_000_000;

/** Rebuilds the cube's sets from its whole table. */
export async function rebuildSets(engine: Engine, cubeId: CubeId): Promise<void> {
  const cube = model.cube(cubeId);
  const sets = cube.sets;
  if (!sets) throw new Error(`cube "${cubeId}" has no sets`);
  const target = engine.t(sets.table);
  const source = engine.t(cube.table);
  if (engine.cluster) return; // a cluster never reads the sets (server/query/execute.ts)
  const scratch = engine.t(`${sets.table}_rebuild_${randomUUID().replace(/-/g, '')}`);
  await engine.command(`CREATE TABLE ${scratch} AS ${target}`);
  try {
    // the table's key starts with the regions: each statement reads a batch of whole cities
    for (const batch of await cityBatches(engine, source, BATCH_ROWS)) {
      for (const sql of setInserts(cube, scratch, source, CITY_BATCH_WHERE)) await engine.command(sql, batch);
    }
    // one part per block: a read's FINAL then has nothing to merge (setsMerged)
    await engine.command(`OPTIMIZE TABLE ${scratch} FINAL`);
    const parts = await engine.query<{ id: string }>(`SELECT DISTINCT _partition_id AS id FROM ${scratch} ORDER BY id`);
    const old = await engine.query<{ id: string }>(`SELECT DISTINCT _partition_id AS id FROM ${target} ORDER BY id`);
    for (const { id } of parts) await engine.command(`ALTER TABLE ${target} REPLACE PARTITION ID {id:String} FROM ${scratch}`, { id });
    for (const { id } of old) if (!parts.some((x) => x.id === id)) await engine.command(`ALTER TABLE ${target} DROP PARTITION ID {id:String}`, { id });
  } finally {
    await engine.command(`DROP TABLE IF EXISTS ${scratch}`);
  }
}

/** The cube whose table is `table` and has sets (import steps name tables). */
export const setCubeOfTable = (table: string): CubeId | undefined => model.cubes.find((c) => c.sets && c.table === table)?.id;

/**
 * Adds the sets' rows of `from` (new rows of the cube's table, same columns) to `into` (default:
 * the live sets). Not folded as they are inserted (`optimize_on_insert = 0`): the added part is
 * merged into its block before queries read the sets again (`setsMerged`), and that merge folds
 * it. Folding on insert as well took 2.5× as long (about 0.43 s against 0.17 s per level and
 * million contacts, 3 runs each, same rows after FINAL).
 */
export async function addToSets(engine: Engine, cubeId: CubeId, from: string, into?: string): Promise<void> {
  const cube = model.cube(cubeId);
  for (const sql of setInserts(cube, into ?? engine.t(cube.sets!.table), from)) await engine.command(`${sql} SETTINGS optimize_on_insert = 0`);
}

/**
 * Whether every block of the cube's sets is one part. FINAL over a block that also holds an
 * import's part merges the two as it reads (about 15× slower than the raw pass in a trial),
 * so until the background merge has joined them (min_age_to_force_merge_seconds, migration
 * 011) the raw table answers. Results are the same either way.
 */
export async function setsMerged(engine: Engine, cubeId: CubeId): Promise<boolean> {
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM (SELECT partition_id FROM system.parts
    WHERE database = {db:String} AND table = {t:String} AND active GROUP BY partition_id HAVING count() > 1)`, { db: engine.db, t: model.cube(cubeId).sets!.table });
  return Number(n) === 0;
}

/** A table's partition ids (from the parts list: no rows read). */
const partitionsOf = async (engine: Engine, table: string): Promise<string[]> =>
  (await engine.query<{ p: string }>(`SELECT DISTINCT partition_id AS p FROM system.parts
    WHERE database = {db:String} AND table = {t:String} AND active`, { db: engine.db, t: table })).map((x) => x.p);

/** The sets' blocks (their partition ids, SET_MONTHS) that months of the cube's table fall in, from its month partitions (YYYYMM). */
async function blocksOfTable(engine: Engine, table: string): Promise<string[]> {
  const blocks = new Set<string>();
  for (const p of await partitionsOf(engine, table)) {
    const index = Number(p.slice(0, 4)) * 12 + Number(p.slice(4, 6)) - 1 - SET_MONTHS.epoch;
    if (index >= 0) blocks.add(String(Math.floor(index / SET_MONTHS.width)));
  }
  return [...blocks].sort();
}

/**
 * At start: the sets rebuilt when a block the cube's table has months in is missing from them —
 * a store loaded before they existed (011), one whose sets migration 012 or 013 dropped, or a rebuild
 * that swapped in some blocks and not the rest before a crash.
 */
export async function ensureSets(engine: Engine): Promise<CubeId[]> {
  const built: CubeId[] = [];
  if (engine.cluster) return built;
  for (const id of SET_CUBES) {
    const cube = model.cube(id);
    const need = await blocksOfTable(engine, cube.table);
    const have = new Set(await partitionsOf(engine, cube.sets!.table));
    if (need.some((b) => !have.has(b))) {
      await rebuildSets(engine, id);
      built.push(id);
    }
  }
  return built;
}
