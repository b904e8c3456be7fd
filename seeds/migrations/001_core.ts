import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

/** Subscriber attributes every fact row carries (denormalised: ClickHouse reads no joins on query paths). */
const SUBSCRIBER_ATTRS = [
  `province ${LC}`, `city ${LC}`, `brand ${LC}`, `sub_segment ${LC}`, `customer_type ${LC}`,
  `contract_type ${LC}`, `acquisition_channel ${LC}`, `credit_list ${LC}`, `age_band ${LC}`, `gender ${LC}`,
  `satisfaction_band ${LC}`, `loyalty_band ${LC}`,
];

export const core: Migration = {
  version: 1,
  name: 'core tables: regions, subscribers, usage, subscriber months, contacts, campaigns',
  statements: (ctx) => [
    ...createTable(ctx, {
      name: 'regions',
      columns: ['code String', `level ${LC}`, 'parent String', 'name_zh String', 'short_zh String', 'name_en String'],
      engine: 'ReplacingMergeTree',
      orderBy: 'code',
    }),
    ...createTable(ctx, {
      name: 'subscribers',
      columns: [
        'sub_id UInt64', `province ${LC}`, `city ${LC}`, `brand ${LC}`, `sub_segment ${LC}`, `customer_type ${LC}`,
        `contract_type ${LC}`, 'contract_end Nullable(Date)', `acquisition_channel ${LC}`,
        'activated_on Date', 'churned_on Nullable(Date)', `age_band ${LC}`, `gender ${LC}`, `credit_list ${LC}`,
        'satisfaction UInt8', 'loyalty UInt8', `satisfaction_band ${LC}`, `loyalty_band ${LC}`,
      ],
      orderBy: '(province, city, sub_id)',
      shardBy: 'sub_id',
    }),
    // Raw monthly usage as operators deliver it; `subscriber_months` is derived from it.
    ...createTable(ctx, {
      name: 'usage_monthly',
      columns: ['month Date', 'sub_id UInt64', 'revenue Float64', 'minutes Float64', 'data_mb Float64', 'sms UInt32', 'recharge Float64'],
      partitionBy: 'toYYYYMM(month)',
      orderBy: '(sub_id, month)',
      shardBy: 'sub_id',
    }),
    // One row per subscriber per month in which they were in the base (activated by the month's
    // end, not churned before its start). Segments that change monthly (value tier, RFM,
    // quadrant) are computed into it from usage by seeds/derive.ts.
    ...createTable(ctx, {
      name: 'subscriber_months',
      columns: [
        'month Date', 'sub_id UInt64', ...SUBSCRIBER_ATTRS,
        `value_tier ${LC}`, `quadrant ${LC}`, 'rfm_r UInt8', 'rfm_f UInt8', 'rfm_m UInt8',
        'tenure_months UInt16', 'is_new UInt8', 'is_churned UInt8', 'is_active UInt8',
        'revenue Float64', 'minutes Float64', 'data_mb Float64', 'sms UInt32', 'recharge Float64',
      ],
      partitionBy: 'toYYYYMM(month)',
      orderBy: '(province, city, month, sub_id)',
      shardBy: 'sub_id',
    }),
    ...createTable(ctx, {
      name: 'contacts',
      columns: [
        'ts DateTime', 'day Date', 'sub_id UInt64', `province ${LC}`, `city ${LC}`, `brand ${LC}`, `sub_segment ${LC}`,
        `customer_type ${LC}`, `value_tier ${LC}`, `channel ${LC}`, `direction ${LC}`, `purpose ${LC}`,
        `lifecycle_stage ${LC}`, 'campaign_id String', 'converted UInt8', 'revenue Float64', 'cost Float64',
        'handle_sec UInt32', 'resolved_first UInt8',
      ],
      partitionBy: 'toYYYYMM(day)',
      orderBy: '(province, city, day, channel)',
      shardBy: 'sub_id',
    }),
    // One row per campaign list (model-targeted or random control) per city.
    ...createTable(ctx, {
      name: 'campaigns',
      columns: [
        'campaign_id String', 'month Date', `province ${LC}`, `city ${LC}`, `kind ${LC}`, `list_type ${LC}`,
        'targeted UInt32', 'hits UInt32', 'contacted UInt32', 'retained UInt32',
      ],
      partitionBy: 'toYear(month)',
      orderBy: '(province, city, month, campaign_id, list_type)',
    }),
  ],
};
