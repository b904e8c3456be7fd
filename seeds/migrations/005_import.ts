import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const importJobs: Migration = {
  version: 5,
  name: 'import jobs: idempotency keys, results, and the move plan a restart finishes',
  statements: (ctx) => [
    // One row per state change of a CSV import; the latest `updated_at` per id wins. A job
    // left in `moving` by a crash carries the plan that finishes it on the next start.
    ...createTable(ctx, {
      name: 'import_jobs',
      columns: [
        'id String', 'idempotency_key String', 'viewer String', `table_name ${LC}`, `status ${LC}`,
        'body_sha256 String', 'bytes UInt64', 'rows UInt64', 'plan String', 'result String',
        'created_at DateTime64(3)', 'updated_at DateTime64(3)',
      ],
      engine: 'ReplacingMergeTree',
      engineArgs: 'updated_at',
      orderBy: 'id',
    }),
  ],
};
