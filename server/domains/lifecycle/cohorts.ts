/**
 * Cohort retention matrix (activation month × months since activation). One engine pass
 * over `subscribers` counts subscribers per (cohort, months observed, months retained);
 * Node walks that small table into the matrix, as for the survival curves. Validation and
 * scope come from plan() on the survival cube.
 *
 * Definitions (tenure as DOMAIN.md counts it, whole months as an age does):
 *  - base(c, k): subscribers activated in month c whose k-month anniversary is on or before
 *    as-of, i.e. tenure(activated_on, as-of) ≥ k;
 *  - retained(c, k): those of them not churned before that anniversary, i.e. never churned
 *    (by as-of) or tenure(activated_on, churned_on) ≥ k. Month 0 is therefore 100%.
 */
import { badInput } from '../../errors.ts';
import { tenureSql } from '../../model/segmentation.ts';
import type { QueryContext } from '../../query/execute.ts';
import { plan } from '../../query/plan.ts';
import { addMonths, firstDay, ymOf } from '../../query/time.ts';
import type { Filter } from '../../query/types.ts';
import { SqlParams, filterClauses } from '../segments/filter-sql.ts';

export const MAX_COHORT_MONTHS = 120;

export async function cohortRetention(
  a: { filters: Filter[]; timeRange?: { from: string; to: string } | null; maxMonths?: number | null }, ctx: QueryContext,
) {
  const maxMonths = a.maxMonths ?? 24;
  if (!Number.isInteger(maxMonths) || maxMonths < 0 || maxMonths > MAX_COHORT_MONTHS) {
    throw badInput(`maxMonths must be a whole number from 0 to ${MAX_COHORT_MONTHS}, got ${maxMonths}`);
  }
  const p = plan({ metrics: ['survival_rate'], filters: a.filters, timeRange: a.timeRange ?? null }, { asOf: ctx.asOf, scope: ctx.scope });
  const cube = p.parts[0].cube;
  const params = new SqlParams();
  const asOf = params.add(p.asOf, 'Date');
  // default: the cohorts of the last maxMonths months and the as-of month (a full triangle)
  const range = p.range ?? { fromDay: firstDay(addMonths(ymOf(p.asOf), -maxMonths)), toDay: p.asOf };
  const where = [
    `activated_on <= ${asOf}`,
    `activated_on BETWEEN ${params.add(range.fromDay, 'Date')} AND ${params.add(range.toDay, 'Date')}`,
    ...filterClauses(cube, p.filters, params),
  ];
  const max = params.add(maxMonths, 'UInt32');
  // observed = whole months elapsed by as-of (capped); kept = months completed before a
  // churn on or before as-of (≤ observed). base(k) = Σ observed ≥ k; retained(k) = Σ kept ≥ k.
  const sql = `SELECT cohort, least(age, ${max}) AS observed,
  if(churned_on IS NOT NULL AND churned_on <= ${asOf}, least(observed, tenure_at_churn), observed) AS kept,
  count() AS subscribers
FROM (
  SELECT ${cube.dimensions.cohort} AS cohort, churned_on,
    ${tenureSql('activated_on', asOf)} AS age,
    ${tenureSql('activated_on', `ifNull(churned_on, ${asOf})`)} AS tenure_at_churn
  FROM ${ctx.engine.t(cube.table)}
  WHERE ${where.join(' AND ')}
)
GROUP BY cohort, observed, kept`;
  const rows = await ctx.engine.query<{ cohort: string; observed: number; kept: number; subscribers: number }>(sql, params.values, { signal: ctx.signal });
  const byCohort = new Map<string, { base: number[]; retained: number[] }>();
  for (const r of rows) {
    const c = byCohort.get(r.cohort) ?? { base: [], retained: [] };
    byCohort.set(r.cohort, c);
    const n = Number(r.subscribers);
    for (let k = 0; k <= Number(r.observed); k++) c.base[k] = (c.base[k] ?? 0) + n;
    for (let k = 0; k <= Number(r.kept); k++) c.retained[k] = (c.retained[k] ?? 0) + n;
  }
  const cells = [...byCohort.keys()].sort().flatMap((cohort) => {
    const { base, retained } = byCohort.get(cohort)!;
    return base.map((b, k) => ({ cohort, monthsSince: k, base: b, retained: retained[k] ?? 0, rate: b ? (retained[k] ?? 0) / b : null }));
  });
  return { cells, sql };
}
