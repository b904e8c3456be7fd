import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const channelMonthlyRollup: Migration = {
  version: 10,
  name: 'channel rollup by month: contacts by month, region and channel',
  statements: (ctx) => [
    // contacts summed per month × region × channel (server/model/cubes.ts, the first rollup of
    // the contacts cube); `day` holds the month's first day. Rebuilt per month partition by
    // seeds/rollup.ts, like the other rollups.
    ...createTable(ctx, {
      name: 'contacts_monthly',
      columns: [
        'day Date', `province ${LC}`, `city ${LC}`, `channel ${LC}`,
        'contacts UInt64', 'conversions UInt64', 'cost Float64', 'converted_revenue Float64', 'handle_sec UInt64', 'resolved_first UInt64',
      ],
      partitionBy: 'toYYYYMM(day)',
      orderBy: '(province, city, day, channel)',
    }),
  ],
};
