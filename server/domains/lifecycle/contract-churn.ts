/**
 * Churn around contract end (seed 002: low before, rising in the last three months,
 * highest at expiry), per contract type, in one engine pass (ARRAY JOIN over k).
 *
 * Relative month k (−6 … +6) is the k-th month counted from the contract end date the way
 * DOMAIN.md counts tenure: [addMonths(contract_end, k), addMonths(contract_end, k + 1)).
 * Calendar months would split the expiry month across k = 0 and k = +1 for every contract
 * that ends mid-month and blur the peak. A window counts once its last day is on or before
 * as-of. At risk: activated before the window and not churned before it; churned: churned
 * inside it.
 *
 * The same counts are kept pre-aggregated by region, brand and customer type at the data's
 * as-of (counts.ts, `contract_churn_counts`), read when they cover the filters and are in step.
 */
import type { QueryContext } from '../../query/execute.ts';
import { plan } from '../../query/plan.ts';
import type { Filter } from '../../query/types.ts';
import { SqlParams, filterClauses } from '../segments/filter-sql.ts';
import { CHURN_COUNTS_DIMENSIONS, CHURN_COUNTS_TABLE, countsAsOf } from './counts.ts';

export const RELATIVE_MONTHS = 6;

/**
 * The one definition: at risk and churned per relative month k, grouped by contract type,
 * k and `keys` (columns of subscribers), over subscribers passing `where`. `asOf`: a SQL
 * expression (a parameter or a literal). `from`: the subscribers table (default `db`'s own).
 *
 * A subscriber with a contract, activated by as-of, has a cell in every window complete by
 * as-of (its last day on or before it); in window k it is at risk when activated before
 * the window starts and not churned before it, and churned when it churned inside it. The
 * windows' 14 bounds b (b[i] starts window i − 7; b[14] ends window 6) are computed once
 * per subscriber, and three counts over them say everything:
 *   lo   = the first window starting after activation (bounds ≤ activated_on, − 6);
 *   last = the last complete window (bounds − 1 ≤ as-of, − 8);
 *   kc   = the window holding the churn day (bounds ≤ churned_on, − 7; 7 when none).
 * It is at risk in windows lo … min(kc, last) and churned in kc when kc ≤ last. Subscribers
 * are counted by (lo, last, kc) first, and only those counts are spread over the windows
 * (about 5× faster than spreading every subscriber over 13 windows; the same numbers).
 */
export function contractChurnSql(db: string, asOf: string, where: string[], keys: readonly string[] = [], from = `${db}.subscribers`): string {
  const group = [...keys, 'contract_type'];
  const conditions = ['contract_end IS NOT NULL', `activated_on <= ${asOf}`, ...where];
  return `SELECT ${[...group, 'k AS relative_month'].join(', ')},
  sumIf(n, k >= lo AND k <= hi) AS at_risk,
  sumIf(n, churns AND k = hi AND k >= lo) AS churned
FROM (
  SELECT ${group.join(', ')}, lo, hi, last, churns, count() AS n
  FROM (
    SELECT ${group.join(', ')},
      arrayMap(j -> addMonths(assumeNotNull(contract_end), j), range(${-RELATIVE_MONTHS}, ${RELATIVE_MONTHS + 2})) AS b,
      toInt8(arrayCount(x -> x <= activated_on, b) - ${RELATIVE_MONTHS}) AS lo,
      toInt8(arrayCount(x -> x - 1 <= ${asOf}, b) - ${RELATIVE_MONTHS + 2}) AS last,
      toInt8(if(churned_on IS NULL, ${RELATIVE_MONTHS + 1}, arrayCount(x -> x <= assumeNotNull(churned_on), b) - ${RELATIVE_MONTHS + 1})) AS kc,
      least(kc, last) AS hi,
      churned_on IS NOT NULL AND kc <= last AS churns
    FROM ${from}
    WHERE ${conditions.join(' AND ')})
  GROUP BY ${group.join(', ')}, lo, hi, last, churns)
ARRAY JOIN range(${-RELATIVE_MONTHS}, last + 1) AS k
GROUP BY ${[...group, 'k'].join(', ')}`;
}

/** The counts answer a query whose filters (scope included) are all on dimensions they keep. */
const churnCountsCover = (filters: readonly Filter[]) => filters.every((f) => f.dimension in CHURN_COUNTS_DIMENSIONS);

export async function contractChurn(a: { filters: Filter[] }, ctx: QueryContext, source: 'auto' | 'raw' | 'counts' = 'auto') {
  const p = plan({ metrics: ['survival_rate'], filters: a.filters }, { asOf: ctx.asOf, scope: ctx.scope });
  const cube = p.parts[0].cube;
  const params = new SqlParams();
  const use = source !== 'auto' ? source
    : churnCountsCover(p.filters) && (await countsAsOf(ctx.engine, CHURN_COUNTS_TABLE)) === p.asOf ? 'counts' : 'raw';
  let sql: string;
  if (use === 'counts') {
    const where = filterClauses({ ...cube, dimensions: CHURN_COUNTS_DIMENSIONS }, p.filters, params);
    sql = `SELECT contract_type, relative_month, sum(at_risk) AS at_risk, sum(churned) AS churned
FROM ${ctx.engine.t(CHURN_COUNTS_TABLE)}${where.length ? `\nWHERE ${where.join(' AND ')}` : ''}
GROUP BY contract_type, relative_month
ORDER BY contract_type, relative_month`;
  } else {
    const asOf = params.add(p.asOf, 'Date');
    sql = `${contractChurnSql(ctx.engine.db, asOf, filterClauses(cube, p.filters, params))}\nORDER BY contract_type, relative_month`;
  }
  const rows = await ctx.engine.query<{ contract_type: string; relative_month: number; at_risk: number; churned: number }>(sql, params.values, { signal: ctx.signal });
  const points = rows.map((r) => {
    const atRisk = Number(r.at_risk);
    const churned = Number(r.churned);
    return { contractType: String(r.contract_type), relativeMonth: Number(r.relative_month), atRisk, churned, churnRate: atRisk ? churned / atRisk : null };
  });
  return { points, sql };
}
