import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const channelRollup: Migration = {
  version: 8,
  name: 'channel rollup: contacts by day, region, channel, direction, purpose and lifecycle stage',
  statements: (ctx) => [
    // contacts summed per day × dimension combination (server/model/cubes.ts, `rollups` of the
    // contacts cube). Rebuilt whole, one month partition at a time, by seeds/rollup.ts, like
    // base_monthly (migration 006) and for the same reason: imports move contacts partitions.
    ...createTable(ctx, {
      name: 'contacts_daily',
      columns: [
        'day Date', `province ${LC}`, `city ${LC}`, `channel ${LC}`, `direction ${LC}`, `purpose ${LC}`, `lifecycle_stage ${LC}`,
        'contacts UInt64', 'conversions UInt64', 'cost Float64', 'converted_revenue Float64', 'handle_sec UInt64', 'resolved_first UInt64',
      ],
      partitionBy: 'toYYYYMM(day)',
      orderBy: '(province, city, day, channel, direction, purpose, lifecycle_stage)',
    }),
  ],
};
