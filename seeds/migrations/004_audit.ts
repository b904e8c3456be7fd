import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const audit: Migration = {
  version: 4,
  name: 'audit log: who ran which query, in which scope, how many rows',
  statements: (ctx) => [
    ...createTable(ctx, {
      name: 'audit_log',
      columns: ['at DateTime64(3)', 'viewer String', `role ${LC}`, `scope ${LC}`, 'query_id String', `entry ${LC}`, 'query String', 'rows UInt32', `status ${LC}`],
      partitionBy: 'toYYYYMM(at)',
      orderBy: '(at, viewer)',
      settings: 'ttl_only_drop_parts = 1',
    }),
  ],
};
