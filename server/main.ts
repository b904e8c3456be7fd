/** Composition root: config → engine → store → app → listen. */
import { ConfigError, loadConfig } from './config.ts';
import type { AppError } from './errors.ts';
import { Dataset } from './domains/dataset.ts';
import { Engine } from './engine/engine.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './log.ts';
import { shutdown } from './shutdown.ts';
import { prepareStore, seedDemo } from '../seeds/bootstrap.ts';
import { progressBar } from '../seeds/progress.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  // a refusal to start is a message for the operator, not a stack trace
  console.error(e instanceof ConfigError ? e.message : String(e));
  process.exit(1);
}
const log = createLogger(config.logLevel);
const engine = await Engine.open(config.engine);
const dataset = new Dataset(engine);

async function prepare(): Promise<void> {
  await prepareStore(engine);
  if (config.seedDemo && (await dataset.isEmpty())) {
    const asOf = new Date().toISOString().slice(0, 10);
    log.info({ subscribers: config.demoSubscribers, asOf }, 'empty store: generating demo data (first start only)');
    const t0 = Date.now();
    await seedDemo(engine, dataset, { subscribers: config.demoSubscribers, seed: 42, asOf, months: 36, onProgress: progressBar('demo data') });
    log.info({ seconds: (Date.now() - t0) / 1000 }, 'demo data ready');
  }
  await dataset.refresh();
}

try {
  await prepare();
} catch (e) {
  if (engine.mode !== 'server' || (e as AppError).code !== 'DATABASE_UNAVAILABLE') throw e;
  // A ClickHouse server that is down must not keep the product down: serve (readyz 503,
  // DATABASE_UNAVAILABLE) and keep trying until it is back.
  log.error({ err: (e as Error).message }, 'ClickHouse server unreachable; serving and retrying every 5 s');
  let preparing = false; // one attempt at a time: preparing (demo data, rollups) can outlast 5 s
  const retry = setInterval(() => {
    if (preparing) return;
    preparing = true;
    prepare().then(() => { clearInterval(retry); log.info('ClickHouse server reachable again; store ready'); }, () => {})
      .finally(() => { preparing = false; });
  }, 5000);
}
// Several product processes may serve one ClickHouse server (behind a load balancer): a load
// through one bumps the data version in `meta`; the others see it within the poll interval
// and stop answering from their result caches. Embedded, this process is the only writer.
const poll = engine.mode === 'server' && config.dataVersionPollSeconds > 0
  ? setInterval(() => { dataset.refresh().catch(() => {}); }, config.dataVersionPollSeconds * 1000)
  : null;
poll?.unref();
const { app, audit } = await createApp({ config, engine, dataset, log });
const server = app.listen(config.port, config.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  log.info({ url: `http://${config.host}:${port}/`, graphiql: `http://${config.host}:${port}/graphiql`, engine: engine.mode, asOf: dataset.asOf }, 'CRM analytics server listening');
});
const stop = () => shutdown({ log, engine, deadlineMs: config.shutdownSeconds * 1000, closeHttp: () => server.close(), flush: () => audit.flush() });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
