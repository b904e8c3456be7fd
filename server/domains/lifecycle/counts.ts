/**
 * The survival pre-aggregations, both counted from subscribers at the data's as-of:
 * `survival_counts` (migration 007) and `contract_churn_counts` (migration 009, the counts of
 * contract-churn.ts by region, brand and customer type; read when a query's filters are on
 * those). What follows is said of the first; the second is built, checked and read alike.
 *
 * The survival counts: subscribers counted by the dimensions below × activation
 * month × tenure month, events and censorings at the data's as-of (table from migration 007).
 * It answers a survival query exactly when the query groups and filters only by these
 * dimensions, asks at that as-of, and selects whole activation months: every subscriber of
 * one (group, cohort, tenure) cell then stands or falls together, so summing the cells gives
 * the raw pass's counts to the unit (a test compares both).
 *
 * Rebuilt whole into a scratch table and swapped in (REPLACE PARTITION): by the demo
 * generator, and at start when its as-of is not the data's. A subscribers import, after its
 * answer, inserts its subscribers' cells as they are (the cells are sums; every read sums a
 * key's rows), so its cost follows the file, not the table. Read only while it is in step: same as-of, and built
 * from as many subscribers as there are now (a load that changes subscribers without changing
 * their number goes through the import, which keeps it in step). That state — as-of,
 * subscribers counted, and the table's rows (a table changed behind its back is out of step
 * too) — is kept in `meta` (`counts_state:<table>`), written after each write
 * of the table and cleared before a rebuild swaps one in: a reader never takes cells for
 * what they are not, and a crash between the two leaves the table out of step (rebuilt at
 * the next start).
 * Not on a cluster (the raw pass runs there).
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../../engine/engine.ts';
import { CITY_BATCH_WHERE, cityBatches } from '../../engine/batches.ts';
import { tenureSql } from '../../model/segmentation.ts';
import { contractChurnSql } from './contract-churn.ts';

export const COUNTS_TABLE = 'survival_counts';
export const CHURN_COUNTS_TABLE = 'contract_churn_counts';
/** dimension id → column; `cohort` is the survival cube's activation month */
export const COUNTS_DIMENSIONS: Record<string, string> = {
  province: 'province', city: 'city', brand: 'brand', contract_type: 'contract_type', customer_type: 'customer_type',
  cohort: "formatDateTime(cohort, '%Y-%m')",
};
/** dimension id → column of contract_churn_counts: the same but the cohort (besides it: relative_month) */
export const CHURN_COUNTS_DIMENSIONS: Record<string, string> = Object.fromEntries(Object.entries(COUNTS_DIMENSIONS).filter(([d]) => d !== 'cohort'));

/** The event at `asOf` and the tenure it ends (or is censored) at: the raw pass uses the same. */
export const EVENT_SQL = (asOf: string) => `churned_on IS NOT NULL AND churned_on <= ${asOf}`;
export const TENURE_SQL = (asOf: string) => tenureSql('activated_on', `if(${EVENT_SQL(asOf)}, churned_on, ${asOf})`);

type CountsTable = typeof COUNTS_TABLE | typeof CHURN_COUNTS_TABLE;
const stateKey = (table: CountsTable) => `counts_state:${table}`;

/** meta rows of one process are ordered by their updated_at (ms): never two in one ms */
let lastStamp = 0;
const stamp = () => (lastStamp = Math.max(Date.now(), lastStamp + 1));

interface State { asOf: string; rows: number; cells: number }

/** Records what the table holds (null: nothing to trust, readers go to subscribers). */
async function writeState(engine: Engine, table: CountsTable, state: State | null): Promise<void> {
  await engine.insert('meta', [{ key: stateKey(table), value: state ? `${state.asOf}|${state.rows}|${state.cells}` : '', updated_at: stamp() }]);
}
const cellCount = async (engine: Engine, table: CountsTable) => Number((await engine.query<{ n: number }>(`SELECT count() AS n FROM ${engine.t(table)}`))[0].n);

/**
 * The table's recorded state (asOf null: none, or cleared) beside what there is now:
 * subscribers, and the table's rows (a table changed behind its state's back is out of step).
 */
async function readState(engine: Engine, table: CountsTable): Promise<{ asOf: string | null; rows: number; cells: number; now: number; cellsNow: number; recorded: boolean }> {
  const [r] = await engine.query<{ state: string; recorded: number; now: number; cellsNow: number }>(`SELECT s.1 AS state, s.2 AS recorded, now, cellsNow
    FROM (SELECT (SELECT tuple(argMax(value, updated_at), count()) FROM ${engine.t('meta')} WHERE key = {k:String}) AS s,
      (SELECT count() FROM ${engine.t('subscribers')}) AS now, (SELECT count() FROM ${engine.t(table)}) AS cellsNow)`, { k: stateKey(table) });
  const [asOf, rows, cells] = String(r.state ?? '').split('|');
  return { asOf: asOf || null, rows: Number(rows ?? 0), cells: Number(cells ?? -1), now: Number(r.now), cellsNow: Number(r.cellsNow), recorded: Number(r.recorded) > 0 };
}

/**
 * The as-of the table may answer for now, or null (never built, out of step, or a cluster).
 * Asked on every survival query (one small statement, about a millisecond): a subscriber
 * load by any process, or straight into the table, is never answered from stale cells.
 */
export async function countsAsOf(engine: Engine, table: CountsTable = COUNTS_TABLE): Promise<string | null> {
  if (engine.cluster) return null;
  const s = await readState(engine, table);
  return s.asOf && s.rows > 0 && s.rows === s.now && s.cells === s.cellsNow ? s.asOf : null;
}

const SURVIVAL_KEYS = ['province', 'city', 'brand', 'contract_type', 'customer_type', 'cohort', 't'];
/** contractChurnSql groups by contract type and relative month itself, after these */
const CHURN_GROUPS = Object.values(CHURN_COUNTS_DIMENSIONS).filter((c) => c !== 'contract_type');
const CHURN_KEYS = [...CHURN_GROUPS, 'contract_type', 'relative_month'];

/**
 * Both tables' cells for the subscribers of `from` at `asOf` (the parameter {asOf:Date})
 * that pass `where`; `sourceRows`: a SQL expression. Both group by province and city, so a
 * batch of cities gives exactly its cells.
 */
function cellsSql(engine: Engine, from: string, sourceRows: string, where: string[] = []) {
  const a = '{asOf:Date}';
  return {
    survival: `SELECT ${a} AS as_of, ${sourceRows} AS source_rows,
        province, city, brand, contract_type, customer_type, toStartOfMonth(activated_on) AS cohort, ${TENURE_SQL(a)} AS t,
        countIf(${EVENT_SQL(a)}) AS events, countIf(NOT (${EVENT_SQL(a)})) AS censored
      FROM ${from}
      WHERE ${[`activated_on <= ${a}`, ...where].join(' AND ')}
      GROUP BY ${SURVIVAL_KEYS.join(', ')}`,
    churn: `SELECT ${a} AS as_of, ${sourceRows} AS source_rows, ${[...CHURN_KEYS, 'at_risk', 'churned'].join(', ')}
      FROM (${contractChurnSql(engine.db, a, where, CHURN_GROUPS, from)})`,
  };
}

const CELLS: Record<CountsTable, 'survival' | 'churn'> = { [COUNTS_TABLE]: 'survival', [CHURN_COUNTS_TABLE]: 'churn' };

/** Subscribers per rebuild statement: about a second each (chDB runs one statement at a time). */
const REBUILD_BATCH_ROWS = 2_000_000;

/**
 * Rebuilds the tables (default both) for `asOf` (YYYY-MM-DD) from subscribers, a batch of
 * cities per statement (6 s in one statement at 10M subscribers).
 */
export async function rebuildSurvivalCounts(engine: Engine, asOf: string, tables: readonly CountsTable[] = [COUNTS_TABLE, CHURN_COUNTS_TABLE], batchRows = REBUILD_BATCH_ROWS): Promise<void> {
  if (engine.cluster) return;
  // imports are serialised and the generator runs alone: the count holds while this runs
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${engine.t('subscribers')}`);
  const batches = await cityBatches(engine, engine.t('subscribers'), batchRows);
  const cells = cellsSql(engine, engine.t('subscribers'), String(Number(n)), CITY_BATCH_WHERE);
  for (const table of tables) {
    await replaceWhole(engine, table, batches.map((b) => ({ sql: cells[CELLS[table]], params: { ...b, asOf } })), asOf, Number(n));
  }
}

/**
 * After an import added the subscribers of `added` (imports only add them): both tables are
 * sums, so the new subscribers' cells are inserted as they are — into each table that was in
 * step for `asOf` with the subscribers there were before — and its state moves on. A table
 * that was not (another as-of, out of step, never built, or this ran already: a repeat after
 * a restart) is rebuilt from every subscriber. 'added' when both were added to.
 */
export async function addToSurvivalCounts(engine: Engine, asOf: string, added: string): Promise<'added' | 'rebuilt'> {
  if (engine.cluster) return 'rebuilt';
  const [{ staged }] = await engine.query<{ staged: number }>(`SELECT count() AS staged FROM ${added}`);
  let all = true;
  for (const table of [COUNTS_TABLE, CHURN_COUNTS_TABLE] as const) {
    const s = await readState(engine, table);
    const before = s.now - Number(staged);
    if (!(s.asOf === asOf && s.rows === before && before > 0 && s.cells === s.cellsNow)) {
      all = false;
      await rebuildSurvivalCounts(engine, asOf, [table]);
      continue;
    }
    // readers already take the table for out of step (subscribers grew): insert, then the state
    await engine.command(`INSERT INTO ${engine.t(table)} ${cellsSql(engine, added, String(s.now))[CELLS[table]]}`, { asOf });
    await writeState(engine, table, { asOf, rows: s.now, cells: await cellCount(engine, table) });
  }
  return all ? 'added' : 'rebuilt';
}

/** Fills a scratch copy of `table` with the rows of `selects` and swaps it in whole; the state says `asOf`, `rows` after. */
async function replaceWhole(engine: Engine, table: CountsTable, selects: { sql: string; params: Record<string, unknown> }[], asOf: string, rows: number): Promise<void> {
  const target = engine.t(table);
  const scratch = engine.t(`${table}_rebuild_${randomUUID().replace(/-/g, '')}`);
  await engine.command(`CREATE TABLE ${scratch} AS ${target}`);
  try {
    for (const { sql, params } of selects) await engine.command(`INSERT INTO ${scratch} ${sql}`, params);
    const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${scratch}`);
    await writeState(engine, table, null); // from here until the new state, readers go to subscribers
    await engine.command(Number(n) ? `ALTER TABLE ${target} REPLACE PARTITION tuple() FROM ${scratch}` : `TRUNCATE TABLE ${target}`);
    await writeState(engine, table, { asOf, rows, cells: Number(n) });
  } finally {
    await engine.command(`DROP TABLE IF EXISTS ${scratch}`);
  }
}

/**
 * At start, and after a usage import that moved the as-of: each table rebuilt when it is not
 * in step for `asOf` (or was never built), each on its own.
 */
export async function ensureSurvivalCounts(engine: Engine, asOf: string | null): Promise<boolean> {
  if (!asOf || engine.cluster) return false;
  const stale: CountsTable[] = [];
  for (const table of [COUNTS_TABLE, CHURN_COUNTS_TABLE] as const) {
    await adoptTableState(engine, table);
    if ((await countsAsOf(engine, table)) !== asOf) stale.push(table);
  }
  if (!stale.length) return false;
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${engine.t('subscribers')}`);
  if (!Number(n)) return false;
  await rebuildSurvivalCounts(engine, asOf, stale);
  return true;
}

/**
 * A store written before the state moved to `meta` kept it in the table's rows (one as-of and
 * one source_rows in every row, the table replaced whole each time): taken from its first row
 * once, so such a store is not rebuilt for it.
 */
async function adoptTableState(engine: Engine, table: CountsTable): Promise<void> {
  if ((await readState(engine, table)).recorded) return;
  const [r] = await engine.query<{ a: string; rows: number }>(`SELECT toString(as_of) AS a, source_rows AS rows FROM ${engine.t(table)} LIMIT 1`);
  if (r) await writeState(engine, table, { asOf: r.a, rows: Number(r.rows), cells: await cellCount(engine, table) });
}
