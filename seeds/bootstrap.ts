/**
 * What a fresh store needs before serving: migrations, the region catalogue, the published
 * capability scores, and (demo mode, empty store) generated demo data.
 */
import type { Engine } from '../server/engine/engine.ts';
import { migrate } from '../server/engine/migrate.ts';
import type { Dataset } from '../server/domains/dataset.ts';
import { loadPublishedScores } from './capability/load.ts';
import { generateDemo, type GenerateOptions } from './generate.ts';
import { REGIONS } from './regions.ts';
import { ensureSurvivalCounts, rebuildSurvivalCounts } from '../server/domains/lifecycle/counts.ts';
import { ensureSets } from './reach.ts';
import { dropRebuildLeftovers, ensureRollups } from './rollup.ts';

export async function loadRegions(engine: Engine): Promise<void> {
  const [r] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${engine.t('regions')}`);
  if (Number(r.n) === REGIONS.length) return;
  await engine.command(`TRUNCATE TABLE ${engine.t('regions')}`);
  await engine.insert('regions', REGIONS.map((x) => ({ code: x.code, level: x.level, parent: x.parent, name_zh: x.nameZh, short_zh: x.shortZh, name_en: x.nameEn })));
}

export async function prepareStore(engine: Engine): Promise<void> {
  await migrate(engine);
  await dropRebuildLeftovers(engine); // a rebuild killed half-way leaves its scratch table
  // a store loaded before a rollup's migration (006, 008, 010, 012) gets that rollup here, a month at a time
  await ensureRollups(engine);
  await ensureSets(engine); // and its reach sets (migration 011; 012 rebuilds them with brand and customer type)
  await loadRegions(engine);
  await loadPublishedScores(engine);
  // the survival counts of a store loaded before migration 007, or for another as-of
  const [meta] = await engine.query<{ asOf: string }>(`SELECT argMax(value, updated_at) AS asOf FROM ${engine.t('meta')} WHERE key = 'as_of'`);
  await ensureSurvivalCounts(engine, meta?.asOf || null);
}

export async function seedDemo(engine: Engine, dataset: Dataset, opts: GenerateOptions): Promise<void> {
  await generateDemo(engine, opts);
  await dataset.recordLoad(opts.asOf);
  await rebuildSurvivalCounts(engine, opts.asOf);
}
