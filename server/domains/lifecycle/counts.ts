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
 * generator, after a subscribers import, and at start when its as-of is not the data's. Read
 * only while it is in step: same as-of, and built from as many subscribers as there are now
 * (a load that changes subscribers without changing their number goes through the import,
 * which rebuilds it).
 * Not on a cluster (the raw pass runs there).
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../../engine/engine.ts';
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

/**
 * The as-of the table may answer for now, or null (empty, out of step, or a cluster). Asked
 * on every survival query (one small statement, about a millisecond): a subscriber load by
 * any process, or straight into the table, is never answered from stale cells.
 */
export async function countsAsOf(engine: Engine, table: typeof COUNTS_TABLE | typeof CHURN_COUNTS_TABLE = COUNTS_TABLE): Promise<string | null> {
  if (engine.cluster) return null;
  // Every write replaces the table whole with one as-of and one source_rows in all its rows
  // (replaceWhole), so its first row tells: no need to read the columns through.
  const [r] = await engine.query<{ a: string | null; built: number | null; now: number }>(`SELECT s.1 AS a, s.2 AS built, now
    FROM (SELECT (SELECT tuple(toString(as_of), source_rows) FROM ${engine.t(table)} LIMIT 1) AS s, (SELECT count() FROM ${engine.t('subscribers')}) AS now)`);
  return Number(r.built) > 0 && Number(r.built) === Number(r.now) ? String(r.a) : null;
}

const SURVIVAL_KEYS = ['province', 'city', 'brand', 'contract_type', 'customer_type', 'cohort', 't'];
/** contractChurnSql groups by contract type and relative month itself, after these */
const CHURN_GROUPS = Object.values(CHURN_COUNTS_DIMENSIONS).filter((c) => c !== 'contract_type');
const CHURN_KEYS = [...CHURN_GROUPS, 'contract_type', 'relative_month'];

/** Both tables' cells for the subscribers of `from` at `asOf` (the parameter {asOf:Date}); `sourceRows`: a SQL expression. */
function cellsSql(engine: Engine, from: string, sourceRows: string) {
  const a = '{asOf:Date}';
  return {
    survival: `SELECT ${a} AS as_of, ${sourceRows} AS source_rows,
        province, city, brand, contract_type, customer_type, toStartOfMonth(activated_on) AS cohort, ${TENURE_SQL(a)} AS t,
        countIf(${EVENT_SQL(a)}) AS events, countIf(NOT (${EVENT_SQL(a)})) AS censored
      FROM ${from}
      WHERE activated_on <= ${a}
      GROUP BY ${SURVIVAL_KEYS.join(', ')}`,
    churn: `SELECT ${a} AS as_of, ${sourceRows} AS source_rows, ${[...CHURN_KEYS, 'at_risk', 'churned'].join(', ')}
      FROM (${contractChurnSql(engine.db, a, [], CHURN_GROUPS, from)})`,
  };
}

type CountsTable = typeof COUNTS_TABLE | typeof CHURN_COUNTS_TABLE;
const KEYS: Record<CountsTable, { keys: string[]; measures: string[]; cells: 'survival' | 'churn' }> = {
  [COUNTS_TABLE]: { keys: SURVIVAL_KEYS, measures: ['events', 'censored'], cells: 'survival' },
  [CHURN_COUNTS_TABLE]: { keys: CHURN_KEYS, measures: ['at_risk', 'churned'], cells: 'churn' },
};

/** Rebuilds the tables (default both) for `asOf` (YYYY-MM-DD) from subscribers. */
export async function rebuildSurvivalCounts(engine: Engine, asOf: string, tables: readonly CountsTable[] = [COUNTS_TABLE, CHURN_COUNTS_TABLE]): Promise<void> {
  if (engine.cluster) return;
  const cells = cellsSql(engine, engine.t('subscribers'), `(SELECT count() FROM ${engine.t('subscribers')})`);
  for (const table of tables) await replaceWhole(engine, table, cells[KEYS[table].cells], asOf);
}

/**
 * After an import added the subscribers of `added` (imports only add them): both tables are
 * sums, so the new subscribers' cells are added to the old ones — each table that was in
 * step for `asOf` with the subscribers there were before. A table that was not (another
 * as-of, out of step, empty, or this ran already: a repeat after a restart) is rebuilt
 * from every subscriber. Either way whole tables are swapped in, so a reader never sees
 * half of it. 'added' when both were added to.
 */
export async function addToSurvivalCounts(engine: Engine, asOf: string, added: string): Promise<'added' | 'rebuilt'> {
  if (engine.cluster) return 'rebuilt';
  const [r] = await engine.query<{ now: number; staged: number; s: string | null; sb: number; c: string | null; cb: number }>(`SELECT
      (SELECT count() FROM ${engine.t('subscribers')}) AS now, (SELECT count() FROM ${added}) AS staged,
      (SELECT any(as_of) FROM ${engine.t(COUNTS_TABLE)}) AS s, (SELECT max(source_rows) FROM ${engine.t(COUNTS_TABLE)}) AS sb,
      (SELECT any(as_of) FROM ${engine.t(CHURN_COUNTS_TABLE)}) AS c, (SELECT max(source_rows) FROM ${engine.t(CHURN_COUNTS_TABLE)}) AS cb`);
  const before = Number(r.now) - Number(r.staged);
  const inStep = (a: string | null, built: number) => String(a) === asOf && Number(built) === before && before > 0;
  const state: [CountsTable, boolean][] = [[COUNTS_TABLE, inStep(r.s, r.sb)], [CHURN_COUNTS_TABLE, inStep(r.c, r.cb)]];
  const cells = cellsSql(engine, added, String(Number(r.now)));
  for (const [table, addTo] of state) {
    if (!addTo) {
      await rebuildSurvivalCounts(engine, asOf, [table]);
      continue;
    }
    const { keys, measures, cells: which } = KEYS[table];
    const columns = ['as_of', ...keys, ...measures].join(', ');
    await replaceWhole(engine, table, `SELECT as_of, ${Number(r.now)} AS source_rows, ${keys.join(', ')}, ${measures.map((m) => `sum(${m}) AS ${m}`).join(', ')}
      FROM (SELECT ${columns} FROM ${engine.t(table)} UNION ALL SELECT ${columns} FROM (${cells[which]}))
      GROUP BY as_of, ${keys.join(', ')}`, asOf);
  }
  return state.every(([, addTo]) => addTo) ? 'added' : 'rebuilt';
}

/** Fills a scratch copy of `table` with `select` and swaps it in whole. */
async function replaceWhole(engine: Engine, table: string, select: string, asOf: string): Promise<void> {
  const target = engine.t(table);
  const scratch = engine.t(`${table}_rebuild_${randomUUID().replace(/-/g, '')}`);
  await engine.command(`CREATE TABLE ${scratch} AS ${target}`);
  try {
    await engine.command(`INSERT INTO ${scratch} ${select}`, { asOf });
    const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${scratch}`);
    await engine.command(Number(n) ? `ALTER TABLE ${target} REPLACE PARTITION tuple() FROM ${scratch}` : `TRUNCATE TABLE ${target}`);
  } finally {
    await engine.command(`DROP TABLE IF EXISTS ${scratch}`);
  }
}

/**
 * At start: each table rebuilt when its as-of is not the data's (or it was never built).
 * Each on its own: a store without contracts has no contract-churn cells, so that table is
 * never in step, and rebuilding it (a pass over the subscribers with a contract) must not
 * bring the survival counts' pass over every subscriber with it at every start.
 */
export async function ensureSurvivalCounts(engine: Engine, asOf: string | null): Promise<boolean> {
  if (!asOf || engine.cluster) return false;
  const stale: CountsTable[] = [];
  for (const table of [COUNTS_TABLE, CHURN_COUNTS_TABLE] as const) if ((await countsAsOf(engine, table)) !== asOf) stale.push(table);
  if (!stale.length) return false;
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${engine.t('subscribers')}`);
  if (!Number(n)) return false;
  await rebuildSurvivalCounts(engine, asOf, stale);
  return true;
}
