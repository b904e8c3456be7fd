import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const rollups: Migration = {
  version: 6,
  name: 'rollups: the base cube by month and its dashboard dimensions',
  statements: (ctx) => [
    // subscriber_months summed per month × dimension combination (server/model/cubes.ts,
    // `rollup` of the base cube). Rebuilt whole, one month partition at a time, by
    // seeds/rollup.ts — not a materialized view: imports move subscriber_months partitions
    // (REPLACE PARTITION), which fire no view. Plain MergeTree: a rebuilt partition holds
    // one row per key already, and summing merges would only cost merges.
    ...createTable(ctx, {
      name: 'base_monthly',
      columns: [
        'month Date', `province ${LC}`, `city ${LC}`, `brand ${LC}`, `sub_segment ${LC}`, `customer_type ${LC}`, `contract_type ${LC}`,
        `value_tier ${LC}`, `quadrant ${LC}`,
        'sub_months UInt64', 'base_end UInt64', 'base_start UInt64', 'new_subs UInt64', 'churned UInt64', 'active UInt64',
        'revenue Float64', 'minutes Float64', 'data_mb Float64',
      ],
      partitionBy: 'toYYYYMM(month)',
      orderBy: '(province, city, month, brand, sub_segment, customer_type, contract_type, value_tier, quadrant)',
    }),
  ],
};
