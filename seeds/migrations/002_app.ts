import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const app: Migration = {
  version: 2,
  name: 'application tables: dataset meta, capability scores, saved views',
  statements: (ctx) => [
    // Key/value facts about the loaded data: as_of, data_version (bumped on every ingest).
    ...createTable(ctx, {
      name: 'meta',
      columns: ['key String', 'value String', 'updated_at DateTime64(3)'],
      engine: 'ReplacingMergeTree',
      engineArgs: 'updated_at',
      orderBy: 'key',
    }),
    // Published (2003) and self-assessed scores; every row is kept (history), the latest
    // `recorded_at` per (entity, assessed_on, node) wins.
    ...createTable(ctx, {
      name: 'capability_scores',
      columns: [
        `entity ${LC}`, 'assessed_on Date', `level ${LC}`, 'node String', `dimension ${LC}`,
        'score Nullable(Float64)', 'note String', 'source String', 'comment String',
        'recorded_at DateTime64(3)', 'recorded_by String',
      ],
      orderBy: '(entity, assessed_on, node, recorded_at)',
    }),
    // Append-only: every save is a new version; delete is a version with deleted = 1.
    ...createTable(ctx, {
      name: 'saved_views',
      columns: [
        'view_id String', 'version UInt32', 'scope String', 'owner String', 'name String', 'page String',
        'state String', 'is_default UInt8', 'deleted UInt8', 'saved_at DateTime64(3)', 'saved_by String',
      ],
      orderBy: '(scope, view_id, version)',
      // a save acknowledged to a user is on disk, power loss included
      settings: 'fsync_after_insert = 1, fsync_part_directory = 1',
    }),
  ],
};
