import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// chDB binds one data directory per process: every test file runs in its own forked
// process (isolate), and integration files open their own fresh DATA_DIR.
export default defineConfig({
  // Node loads graphql-js's CommonJS build (no "exports" map); Vite would pick index.mjs for
  // our imports while @graphql-tools keeps the CJS one — two realms. Pin the one Node uses.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    isolate: true,
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
    globalSetup: ['tests/helpers/tmp-root.ts'],
  },
});
