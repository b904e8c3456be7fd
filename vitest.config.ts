import { defineConfig } from 'vitest/config';

// chDB binds one data directory per process: every test file runs in its own forked
// process (isolate), and integration files open their own fresh DATA_DIR.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    isolate: true,
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
  },
});
