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
/** dimension id → column of contract_churn_counts (besides contract_type and relative_month) */
export const CHURN_COUNTS_DIMENSIONS: Record<string, string> = {
  province: 'province', city: 'city', brand: 'brand', contract_type: 'contract_type', customer_type: 'customer_type',
};
/** dimension id → column; `cohort` is the survival cube's activation month */
export const COUNTS_DIMENSIONS: Record<string, string> = {
  province: 'province', city: 'city', brand: 'brand', contract_type: 'contract_type', customer_type: 'customer_type',
  cohort: "formatDateTime(cohort, '%Y-%m')",
};

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
  const [r] = await engine.query<{ a: string | null; built: number; now: number }>(`SELECT
      (SELECT any(as_of) FROM ${engine.t(table)}) AS a, (SELECT any(source_rows) FROM ${engine.t(table)}) AS built,
      (SELECT count() FROM ${engine.t('subscribers')}) AS now`);
  return Number(r.built) > 0 && Number(r.built) === Number(r.now) ? String(r.a) : null;
}

/** Rebuilds both tables for `asOf` (YYYY-MM-DD) from subscribers. */
export async function rebuildSurvivalCounts(engine: Engine, asOf: string): Promise<void> {
  if (engine.cluster) return;
  const a = '{asOf:Date}';
  const sourceRows = `(SELECT count() FROM ${engine.t('subscribers')}) AS source_rows`;
  await replaceWhole(engine, COUNTS_TABLE, `SELECT ${a} AS as_of, ${sourceRows},
        province, city, brand, contract_type, customer_type, toStartOfMonth(activated_on) AS cohort, ${TENURE_SQL(a)} AS t,
        countIf(${EVENT_SQL(a)}) AS events, countIf(NOT (${EVENT_SQL(a)})) AS censored
      FROM ${engine.t('subscribers')}
      WHERE activated_on <= ${a}
      GROUP BY province, city, brand, contract_type, customer_type, cohort, t`, asOf);
  const keys = Object.values(CHURN_COUNTS_DIMENSIONS).filter((c) => c !== 'contract_type');
  await replaceWhole(engine, CHURN_COUNTS_TABLE, `SELECT ${a} AS as_of, ${sourceRows}, ${[...keys, 'contract_type', 'relative_month', 'at_risk', 'churned'].join(', ')}
      FROM (${contractChurnSql(engine.db, a, [], keys)})`, asOf);
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

/** At start: rebuilt when its as-of is not the data's (or it was never built). */
export async function ensureSurvivalCounts(engine: Engine, asOf: string | null): Promise<boolean> {
  if (!asOf || engine.cluster) return false;
  if ((await countsAsOf(engine)) === asOf && (await countsAsOf(engine, CHURN_COUNTS_TABLE)) === asOf) return false;
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${engine.t('subscribers')}`);
  if (!Number(n)) return false;
  await rebuildSurvivalCounts(engine, asOf);
  return true;
}
