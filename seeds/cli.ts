/**
 * npm run seed -- --subscribers N --seed S --as-of YYYY-MM-DD [--months 36]
 * Regenerates the demo data in DATA_DIR (or on CLICKHOUSE_URL), replacing what is there.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { Dataset } from '../server/domains/dataset.ts';
import { Engine } from '../server/engine/engine.ts';
import { parseDay } from '../server/query/time.ts';
import { prepareStore, seedDemo } from './bootstrap.ts';
import { progressBar } from './progress.ts';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '42' },
    'as-of': { type: 'string', default: new Date().toISOString().slice(0, 10) },
    months: { type: 'string', default: '36' },
  },
});
const subscribers = Number(values.subscribers);
const seed = Number(values.seed);
const months = Number(values.months);
const problems: string[] = [];
if (!Number.isInteger(subscribers) || subscribers < 1) problems.push('--subscribers must be a whole number ≥ 1');
if (!Number.isInteger(seed) || seed < 0) problems.push('--seed must be a whole number ≥ 0');
if (!Number.isInteger(months) || months < 1 || months > 120) problems.push('--months must be a whole number from 1 to 120');
try { parseDay(values['as-of']!, '--as-of'); } catch (e) { problems.push((e as Error).message); }
if (problems.length) {
  console.error(`seed: ${problems.join('; ')}`);
  process.exit(2);
}

const config = loadConfig();
const engine = await Engine.open(config.engine);
const dataset = new Dataset(engine);
await prepareStore(engine);
const t0 = Date.now();
await seedDemo(engine, dataset, { subscribers, seed, asOf: values['as-of']!, months, onProgress: progressBar('seeding') });
const [c] = await engine.query<Record<string, number>>(`SELECT
  (SELECT count() FROM ${engine.t('subscribers')}) AS subscribers, (SELECT count() FROM ${engine.t('subscriber_months')}) AS subscriber_months,
  (SELECT count() FROM ${engine.t('contacts')}) AS contacts, (SELECT count() FROM ${engine.t('campaigns')}) AS campaigns`);
console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(c).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', ')} (seed ${seed}, as of ${values['as-of']}, ${months} months)`);
await engine.close();
