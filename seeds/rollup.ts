/**
 * Keeps each cube's rollups (server/model/cubes.ts: base → base_monthly, migration 006;
 * contacts → contacts_monthly and contacts_daily, migrations 010 and 008) equal to the cube's table. A month is recomputed
 * whole from the cube's table into a scratch table and swapped in with REPLACE PARTITION, so
 * readers see the old month or the new one, never half of it; repeating a rebuild gives the
 * same rows. Not a materialized view: the import moves partitions of the cubes' tables with
 * REPLACE PARTITION, and partition moves fire none.
 *
 * Callers: the demo generator (every month), the CSV import after its partition moves (also
 * when a restart finishes an interrupted move), and start-up for months never built.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../server/engine/engine.ts';
import { model, type Cube, type CubeId, type Rollup } from '../server/model/index.ts';
import { GRAINS } from '../server/model/types.ts';

const PARTITION_ID = /^\d{6}$/;

/** Cubes with a rollup, in model order. */
export const ROLLUP_CUBES: readonly CubeId[] = model.cubes.filter((c) => c.rollups?.length).map((c) => c.id);
const ROLLUPS: readonly { cube: Cube; rollup: Rollup }[] = model.cubes.flatMap((cube) => (cube.rollups ?? []).map((rollup) => ({ cube, rollup })));

/** The cube whose table is `table` and has a rollup (import steps name tables). */
export const rollupCubeOfTable = (table: string): CubeId | undefined => model.cubes.find((c) => c.rollups?.length && c.table === table)?.id;

/** Rebuilds every rollup of the cube for `months`: partition ids of the cube's table, toYYYYMM of its time column as text ('202505'). */
export async function rebuildRollup(engine: Engine, cubeId: CubeId, months: readonly string[]): Promise<void> {
  const todo = [...new Set(months)].sort();
  if (!todo.length) return;
  const bad = todo.filter((m) => !PARTITION_ID.test(m));
  if (bad.length) throw new Error(`rebuildRollup takes toYYYYMM partition ids, got ${bad.join(', ')}`);
  const cube = model.cube(cubeId);
  if (!cube.rollups?.length) throw new Error(`cube "${cubeId}" has no rollup`);
  for (const r of cube.rollups) await rebuildOne(engine, cube, r, todo);
}

/** INSERT of the rollup's rows for the rows of `from` (a table shaped like the cube's) that `where` keeps. */
function rollupInsertSql(cube: Cube, r: Rollup, into: string, from: string, where: string[]): string {
  const time = cube.time!.column;
  // a monthly rollup of a daily cube keeps the month's first day in the time column
  const bucket = r.grain && r.grain !== cube.time!.finest ? `toStartOfMonth(${time})` : time;
  const dims = Object.entries(r.dimensions);
  const measures = Object.entries(r.measures);
  return `INSERT INTO ${into} (${[time, ...dims.map(([, col]) => col), ...measures.map(([col]) => col)].join(', ')})
    SELECT ${[`${bucket} AS rollup_time`, ...dims.map(([d, col]) => `${cube.dimensions[d]} AS ${col}`), ...measures.map(([col, expr]) => `${expr} AS ${col}`)].join(', ')}
    FROM ${from}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY ${['rollup_time', ...dims.map(([, col]) => col)].join(', ')}`;
}

const grainOf = (cube: Cube, r: Rollup) => GRAINS.indexOf(r.grain ?? cube.time!.finest);
/** Can rollup `r`'s rows be summed from rollup `f`'s? Every dimension kept, time as fine or finer. */
const foldsInto = (cube: Cube, f: Rollup, r: Rollup) => Object.keys(r.dimensions).every((d) => d in f.dimensions) && grainOf(cube, f) <= grainOf(cube, r);

/** INSERT of rollup `r`'s rows summed from rows of rollup `f` in `from` (its measures are sums, as stageRollupRows needs). */
function rollupFromRollupSql(cube: Cube, r: Rollup, f: Rollup, into: string, from: string): string {
  const time = cube.time!.column;
  const bucket = grainOf(cube, r) > grainOf(cube, f) ? `toStartOfMonth(${time})` : time;
  const dims = Object.entries(r.dimensions).map(([d, col]) => `${f.dimensions[d]} AS ${col}`);
  const measures = Object.keys(r.measures);
  return `INSERT INTO ${into} (${[time, ...Object.values(r.dimensions), ...measures].join(', ')})
    SELECT ${[`${bucket} AS rollup_time`, ...dims, ...measures.map((m) => `sum(${m}) AS ${m}`)].join(', ')}
    FROM ${from}
    GROUP BY ${['rollup_time', ...Object.values(r.dimensions)].join(', ')}`;
}

/**
 * For a cube whose table only ever gains rows (contacts) and whose rollups hold sums: the
 * rollup rows of the new rows in `from`, each rollup into `${db}.<rollup table>` (created
 * here). A month's rows then sum to the month, so the import moves each rollup's months as
 * it moves the table's (live rows + these, swapped in), and no month is re-aggregated whole.
 * Finest first: a rollup whose rows a rollup already staged can be summed from (contacts_monthly
 * from contacts_monthly_subscriber) reads those rows, fewer than the new rows themselves.
 */
export async function stageRollupRows(engine: Engine, cubeId: CubeId, from: string, db: string): Promise<{ table: string; from: string }[]> {
  const cube = model.cube(cubeId);
  const staged: { rollup: Rollup; table: string; from: string }[] = [];
  for (const r of [...(cube.rollups ?? [])].reverse()) {
    const into = `${db}.${r.table}`;
    await engine.command(`CREATE TABLE ${into} AS ${engine.t(r.table)}`);
    // the coarsest staged rollup that holds r's keys (staged finest first, so the last found)
    const f = staged.findLast((x) => foldsInto(cube, x.rollup, r));
    await engine.command(f ? rollupFromRollupSql(cube, r, f.rollup, into, f.from) : rollupInsertSql(cube, r, into, from, []));
    staged.push({ rollup: r, table: r.table, from: into });
  }
  return staged.reverse().map(({ table, from: f }) => ({ table, from: f }));
}

async function rebuildOne(engine: Engine, cube: Cube, r: Rollup, todo: readonly string[]): Promise<void> {
  const select = (into: string) => rollupInsertSql(cube, r, into, engine.t(cube.table), [`toYYYYMM(${cube.time!.column}) = {m:UInt32}`]);

  if (engine.cluster) {
    // Distributed tables take no partition swaps: drop the month on every shard, then refill
    // it (readers may see the month empty meanwhile). Not exercised by the test suite.
    for (const m of todo) {
      await engine.command(`ALTER TABLE ${engine.t(`${r.table}_local`)} ON CLUSTER ${engine.cluster} DROP PARTITION ID {p:String}`, { p: m });
      await engine.command(select(engine.t(r.table)), { m: Number(m) });
    }
    return;
  }
  const target = engine.t(r.table);
  const scratch = engine.t(`${r.table}_rebuild_${randomUUID().replace(/-/g, '')}`);
  await engine.command(`CREATE TABLE ${scratch} AS ${target}`);
  try {
    for (const m of todo) {
      await engine.command(select(scratch), { m: Number(m) });
      const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${scratch} WHERE _partition_id = {p:String}`, { p: m });
      // an empty month is dropped: REPLACE PARTITION from an empty source is refused (allow_replace_partition_from_empty_source = 0)
      await engine.command(Number(n) ? `ALTER TABLE ${target} REPLACE PARTITION ID {p:String} FROM ${scratch}` : `ALTER TABLE ${target} DROP PARTITION ID {p:String}`, { p: m });
    }
  } finally {
    await engine.command(`DROP TABLE IF EXISTS ${scratch}`);
  }
}

/** Scratch tables of rebuilds that a crash interrupted (start-up drops them). */
export async function dropRebuildLeftovers(engine: Engine): Promise<string[]> {
  if (engine.cluster) return [];
  const sets = model.cubes.flatMap((c) => (c.sets ? [`${c.sets.table}_rebuild_`] : []));
  const prefixes = [...ROLLUPS.map(({ rollup }) => `${rollup.table}_rebuild_`), ...sets, 'survival_counts_rebuild_', 'contract_churn_counts_rebuild_'];
  const rows = await engine.query<{ name: string }>(`SELECT name FROM system.tables WHERE database = {db:String}
    AND arrayExists(p -> startsWith(name, p), {prefixes:Array(String)})`, { db: engine.db, prefixes });
  for (const { name } of rows) await engine.command(`DROP TABLE IF EXISTS ${engine.t(name)}`);
  return rows.map((x) => x.name);
}

/** Months of the cube's table that rollup `r` has no rows for. */
async function monthsLacking(engine: Engine, cube: Cube, r: Rollup): Promise<string[]> {
  const rows = await engine.query<{ m: string }>(`SELECT DISTINCT _partition_id AS m FROM ${engine.t(cube.table)}
    WHERE _partition_id GLOBAL NOT IN (SELECT DISTINCT _partition_id FROM ${engine.t(r.table)}) ORDER BY m`);
  return rows.map((x) => x.m);
}

/** Months of the cube's table that one of its rollups has no rows for (a store that predates the rollup). */
export async function missingRollupMonths(engine: Engine, cubeId: CubeId): Promise<string[]> {
  const cube = model.cube(cubeId);
  const missing = new Set<string>();
  for (const r of cube.rollups ?? []) for (const m of await monthsLacking(engine, cube, r)) missing.add(m);
  return [...missing].sort();
}

/** At start: each rollup gets the months it lacks (a store loaded before its migration), only those, a month at a time. */
export async function ensureRollups(engine: Engine): Promise<void> {
  for (const { cube, rollup } of ROLLUPS) {
    const months = await monthsLacking(engine, cube, rollup);
    if (months.length) await rebuildOne(engine, cube, rollup, months);
  }
}
