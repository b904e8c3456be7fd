import { createTable, type Migration } from './ddl.ts';

const LC = 'LowCardinality(String)';

export const ask: Migration = {
  version: 3,
  name: 'chat: taught synonyms, words not understood',
  statements: (ctx) => [
    // Admin-taught words: word → metric, dimension or member. Latest row per word wins; removed = 1 retires it.
    ...createTable(ctx, {
      name: 'ask_synonyms',
      columns: ['word String', `kind ${LC}`, 'target String', `dimension ${LC}`, 'removed UInt8', 'created_at DateTime64(3)', 'created_by String'],
      orderBy: '(word, created_at)',
    }),
    ...createTable(ctx, {
      name: 'ask_misses',
      columns: ['word String', 'question String', `status ${LC}`, 'viewer String', 'asked_at DateTime64(3)'],
      partitionBy: 'toYYYYMM(asked_at)',
      orderBy: '(word, asked_at)',
    }),
  ],
};
