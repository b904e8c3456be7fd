/** A real embedded engine on a fresh data directory, with a small deterministic data set. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { Dataset } from '../../server/domains/dataset.ts';
import { Engine } from '../../server/engine/engine.ts';
import { prepareStore, seedDemo } from '../../seeds/bootstrap.ts';

export const TEST_AS_OF = '2025-06-15';

export async function freshEngine(opts: { seed?: boolean; subscribers?: number; months?: number } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });
  const engine = await Engine.open(config.engine);
  const dataset = new Dataset(engine);
  await prepareStore(engine);
  if (opts.seed !== false) {
    await seedDemo(engine, dataset, { subscribers: opts.subscribers ?? 6000, seed: 7, asOf: TEST_AS_OF, months: opts.months ?? 24 });
  }
  await dataset.refresh();
  return {
    engine, dataset, config, dataDir,
    async close() {
      await engine.close();
      // the engine's background work (a merge finishing) may still add a file while the tree is removed: retry
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/**
 * Runs `fn` with every statement `engine.command` issues shown to `spy` first (which may throw:
 * a simulated crash at that statement); the engine is restored afterwards, whatever happens.
 */
export async function spyCommands<T>(engine: Engine, spy: (sql: string) => void, fn: () => Promise<T>): Promise<T> {
  const command = engine.command.bind(engine);
  engine.command = async (sql, params, opts) => { spy(sql); return command(sql, params, opts); };
  try {
    return await fn();
  } finally {
    engine.command = command;
  }
}
