/**
 * Builds `subscriber_months` from `usage_monthly` + `subscribers` with the segment rules
 * of server/model/segmentation.ts. Used by the demo generator and by CSV import, so both
 * load the same way. Works on a sub_id range so large loads go in bounded chunks.
 */
import type { Engine } from '../server/engine/engine.ts';
import { QUADRANT, RFM, VALUE_TIER, tenureSql } from '../server/model/segmentation.ts';

const recencyScore = (months: string) =>
  `multiIf(${months} IS NULL, 1, ${RFM.recency.map((r) => `${months} <= ${r.maxMonths}, ${r.score}`).join(', ')}, 1)`;
const frequencyScore = (n: string) => `multiIf(${RFM.frequency.map((r) => `${n} >= ${r.minMonths}, ${r.score}`).join(', ')}, 1)`;
const monetaryScore = (avg: string) => `multiIf(${RFM.monetary.map((r) => `${avg} >= ${r.minRevenue}, ${r.score}`).join(', ')}, 1)`;
const valueTier = (arpu: string) =>
  `multiIf(customer_type IN (${VALUE_TIER.keyCustomerTypes.map((t) => `'${t}'`).join(', ')}), 'key', ` +
  `${VALUE_TIER.thresholds.map((t) => `${arpu} >= ${t.minArpu}, '${t.tier}'`).join(', ')}, 'drop')`;
const quadrant = (arpu: string, dataMb: string, minutes: string) => {
  const ability = `${arpu} >= ${QUADRANT.strongAbilityMinArpu}`;
  const desire = `(${dataMb} >= ${QUADRANT.strongDesireMinDataMb} OR ${minutes} >= ${QUADRANT.strongDesireMinMinutes})`;
  return `multiIf(${ability} AND ${desire}, 'A', ${ability}, 'B', ${desire}, 'D', 'C')`;
};

/** Window frames: rows are the subscriber's consecutive months in the base. */
const W = (n: number) => `OVER (PARTITION BY sub_id ORDER BY month ROWS BETWEEN ${n - 1} PRECEDING AND CURRENT ROW)`;

/**
 * Subscriber months of the sub_ids in [{lo}, {hi}] from `${db}.usage_monthly` and
 * `${db}.subscribers`, into `${db}.subscriber_months` (or `opts.into`). `opts.from`: a table
 * (sub_id, min_month) — only those subscribers, and only their months from min_month on (the
 * earlier rows are read, for the windows, not written). `opts.sinceColumn`: the same, with
 * `min_month` a column of `${db}.subscribers` itself (the import's copy of the subscribers it
 * touches): no second join, about 0.4 CPU s less per million subscribers.
 */
export function deriveSql(db: string, opts: { into?: string; from?: string; sinceColumn?: boolean } = {}): string {
  if (opts.from && opts.sinceColumn) throw new Error('deriveSql: from or sinceColumn, not both');
  const from = opts.from
    ? `\nINNER JOIN (SELECT sub_id AS f_sub_id, min_month AS f_min_month FROM ${opts.from} WHERE sub_id BETWEEN {lo:UInt64} AND {hi:UInt64}) AS f
  ON f.f_sub_id = x.sub_id
WHERE x.month >= f.f_min_month`
    : opts.sinceColumn ? '\nWHERE x.month >= x.f_min_month' : '';
  return `
INSERT INTO ${opts.into ?? `${db}.subscriber_months`}
SELECT
  month, sub_id, province, city, brand, sub_segment, customer_type, contract_type, acquisition_channel, credit_list,
  age_band, gender, satisfaction_band, loyalty_band,
  ${valueTier('arpu3')} AS value_tier,
  ${quadrant('arpu3', 'data3', 'minutes3')} AS quadrant,
  ${recencyScore('recency')} AS rfm_r,
  ${frequencyScore('active6')} AS rfm_f,
  ${monetaryScore('arpu3')} AS rfm_m,
  greatest(0, ${tenureSql('activated_on', 'month')}) AS tenure_months,
  toStartOfMonth(activated_on) = month AS is_new,
  churned_on IS NOT NULL AND toStartOfMonth(churned_on) = month AS is_churned,
  is_active, revenue, minutes, data_mb, sms, recharge
FROM (
  SELECT u.month AS month, u.sub_id AS sub_id, s.province AS province, s.city AS city, s.brand AS brand,
    s.sub_segment AS sub_segment, s.customer_type AS customer_type, s.contract_type AS contract_type,
    s.acquisition_channel AS acquisition_channel, s.credit_list AS credit_list, s.age_band AS age_band, s.gender AS gender,
    s.satisfaction_band AS satisfaction_band, s.loyalty_band AS loyalty_band, s.activated_on AS activated_on, s.churned_on AS churned_on,${opts.sinceColumn ? ' s.min_month AS f_min_month,' : ''}
    u.revenue AS revenue, u.minutes AS minutes, u.data_mb AS data_mb, u.sms AS sms, u.recharge AS recharge,
    (u.minutes > 0 OR u.data_mb > 0 OR u.sms > 0) AS is_active,
    avg(u.revenue) ${W(RFM.monetaryWindow)} AS arpu3,
    avg(u.data_mb) ${W(RFM.monetaryWindow)} AS data3,
    avg(u.minutes) ${W(RFM.monetaryWindow)} AS minutes3,
    sum(toUInt8(u.minutes > 0 OR u.data_mb > 0 OR u.sms > 0)) ${W(RFM.frequencyWindow)} AS active6,
    dateDiff('month', max(if(u.recharge > 0, u.month, NULL)) OVER (PARTITION BY sub_id ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), u.month) AS recency
  FROM ${db}.usage_monthly AS u
  INNER JOIN ${db}.subscribers AS s ON s.sub_id = u.sub_id
  WHERE u.sub_id BETWEEN {lo:UInt64} AND {hi:UInt64}
    AND s.sub_id BETWEEN {lo:UInt64} AND {hi:UInt64}
    AND u.month BETWEEN toStartOfMonth(s.activated_on) AND toStartOfMonth(ifNull(s.churned_on, u.month)) -- months in the base only
) AS x${from}`;
}

export async function deriveSubscriberMonths(engine: Engine, lo: number, hi: number): Promise<void> {
  await engine.command(deriveSql(engine.db), { lo, hi });
}
