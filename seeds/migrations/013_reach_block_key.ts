import { createTable, dropTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const reachBlockKey: Migration = {
  version: 13,
  name: 'reach sets keyed by block first: FINAL never folds one subscriber\'s rows of two 128-month blocks together',
  statements: (ctx) => [
    // migration 012's sets with `block` leading the key. FINAL merges rows of one key across
    // partitions (do_not_merge_across_partitions_select_final is off by default): with the key
    // not holding the block, a subscriber contacted in two blocks (December 2019 and later) had
    // their two rows folded into one, with one of the blocks, and went missing from the other's
    // counts. Dropped and rebuilt at start-up like 012's.
    ...dropTable(ctx, 'contact_reach'),
    ...createTable(ctx, {
      name: 'contact_reach',
      columns: [
        'block UInt16', `province ${LC}`, `city ${LC}`, `brand ${LC}`, `customer_type ${LC}`, `level ${LC}`, `channel ${LC}`, 'sub_id UInt64',
        'months SimpleAggregateFunction(groupBitOr, UInt128)',
      ],
      engine: 'AggregatingMergeTree',
      partitionBy: 'block',
      orderBy: '(block, province, level, city, channel, sub_id, brand, customer_type)',
      shardBy: 'sub_id',
      settings: 'min_age_to_force_merge_seconds = 60, min_age_to_force_merge_on_partition_only = 1',
    }),
  ],
};
