import { createTable, dropTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const channelFilters: Migration = {
  version: 12,
  name: 'channel pages under page filters: a monthly channel rollup by lifecycle stage, brand and customer type; reach sets with brand and customer type',
  statements: (ctx) => [
    // contacts summed per month × region × channel × the contacted subscriber's lifecycle
    // stage, brand and customer type (server/model/cubes.ts, the contacts cube's second
    // rollup): the channel pages under a brand or customer-type filter, and the stage ×
    // channel matrix over whole months. Filled at start-up like every rollup a store lacks.
    ...createTable(ctx, {
      name: 'contacts_monthly_subscriber',
      columns: [
        'day Date', `province ${LC}`, `city ${LC}`, `channel ${LC}`, `lifecycle_stage ${LC}`, `brand ${LC}`, `customer_type ${LC}`,
        'contacts UInt64', 'conversions UInt64', 'cost Float64', 'converted_revenue Float64', 'handle_sec UInt64', 'resolved_first UInt64',
      ],
      partitionBy: 'toYYYYMM(day)',
      orderBy: '(province, city, day, channel, lifecycle_stage, brand, customer_type)',
    }),
    // migration 011's sets with the subscriber's brand and customer type (constant per
    // subscriber, so no more rows; in the key after sub_id, so merges keep them). The old
    // table is dropped: start-up rebuilds the sets of a store whose sets are empty.
    ...dropTable(ctx, 'contact_reach'),
    ...createTable(ctx, {
      name: 'contact_reach',
      columns: [
        'block UInt16', `province ${LC}`, `city ${LC}`, `brand ${LC}`, `customer_type ${LC}`, `level ${LC}`, `channel ${LC}`, 'sub_id UInt64',
        'months SimpleAggregateFunction(groupBitOr, UInt128)',
      ],
      engine: 'AggregatingMergeTree',
      partitionBy: 'block',
      orderBy: '(province, level, city, channel, sub_id, brand, customer_type)',
      shardBy: 'sub_id',
      settings: 'min_age_to_force_merge_seconds = 60, min_age_to_force_merge_on_partition_only = 1',
    }),
  ],
};
