/**
 * Cohort retention matrix (activation month × months since activation), counted in one
 * engine pass over `subscribers`; validation and scope from plan() on the survival cube.
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
  const sql = `SELECT cohort, k AS months_since, count() AS base,
  countIf(churned_on IS NULL OR churned_on > ${asOf} OR tenure_at_churn >= k) AS retained
FROM (
  SELECT ${cube.dimensions.cohort} AS cohort, churned_on,
    ${tenureSql('activated_on', asOf)} AS age,
    ${tenureSql('activated_on', `ifNull(churned_on, ${asOf})`)} AS tenure_at_churn
  FROM ${ctx.engine.t(cube.table)}
  WHERE ${where.join(' AND ')}
)
ARRAY JOIN range(toUInt32(least(age, ${params.add(maxMonths, 'UInt32')}) + 1)) AS k
GROUP BY cohort, k
ORDER BY cohort, k`;
  const rows = await ctx.engine.query<{ cohort: string; months_since: number; base: number; retained: number }>(sql, params.values, { signal: ctx.signal });
  const cells = rows.map((r) => {
    const base = Number(r.base);
    const retained = Number(r.retained);
    return { cohort: String(r.cohort), monthsSince: Number(r.months_since), base, retained, rate: base ? retained / base : null };
  });
  return { cells, sql };
}
