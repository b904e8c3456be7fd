import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const contactReach: Migration = {
  version: 11,
  name: 'reach sets: the subscribers each channel reached, with the months it reached them',
  statements: (ctx) => [
    // One row per subscriber and level key (a channel, or all channels) with a bit per month
    // in which they were contacted: `months` bit k = month k of 128-month block `block`
    // (seeds/reach.ts). Reached customers over whole months = rows whose bits meet the range
    // (server/query/source.ts). Rows for the same key are OR-ed together by merges and by
    // FINAL, so adding a contacts import's rows is an insert; the parts an import adds are
    // merged in the background after a minute (the sets are read while a block is one part).
    ...createTable(ctx, {
      name: 'contact_reach',
      columns: [
        'block UInt16', `province ${LC}`, `city ${LC}`, `level ${LC}`, `channel ${LC}`, 'sub_id UInt64',
        'months SimpleAggregateFunction(groupBitOr, UInt128)',
      ],
      engine: 'AggregatingMergeTree',
      partitionBy: 'block',
      orderBy: '(province, level, city, channel, sub_id)',
      shardBy: 'sub_id',
      settings: 'min_age_to_force_merge_seconds = 60, min_age_to_force_merge_on_partition_only = 1',
    }),
  ],
};
