/**
 * Server mode (CLICKHOUSE_URL) through the real product process, against a ClickHouse HTTP
 * front that can be killed and started again (tests/helpers/ch-http.ts: ClickHouse's HTTP
 * interface with chDB's ClickHouse behind it, on one store that outlives the front).
 *
 * The issue: "Engine unreachable (server mode) or failing: /readyz 503 and
 * DATABASE_UNAVAILABLE within 2 s, process stays up, recovers by itself when the engine is
 * back". One product process, never restarted, sees: nothing listening → the front comes up
 * (store prepared by itself: migrations, demo data) → kill -9 → the front again on the same
 * store. Then what only server mode runs: query paths read-only on the server, and the CSV
 * import through `INSERT … SELECT … FROM input() FORMAT CSV`.
 *
 * Preparing the store (migrations, demo data) can outlast the product's 5 s retry tick; a
 * second attempt must not start meanwhile. On a loaded machine the default size already
 * outlasts it; `SM_SUBS=30000` makes sure of it (about 30 s more).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../seeds/migrations/index.ts';
import { loadConfig } from '../../server/config.ts';
import { Engine } from '../../server/engine/engine.ts';
import { startChHttp, type ChHttp } from '../helpers/ch-http.ts';
import { freePort, startServer } from '../helpers/server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/server-mode');
const DEMO_SUBSCRIBERS = Number(process.env.SM_SUBS ?? 500);
/** the product retries a server that was down every 5 s; ready within three tries */
const RECOVERY_MS = 15_000;
/** the issue's bound for a server that is down */
const DOWN_MS = 2_000;

/** Polls `probe` until it returns true; the time it took, or a failure naming `what`. */
async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await probe().catch(() => false)) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const prevMonth = (day: string) => {
  const y = +day.slice(0, 4), m = +day.slice(5, 7);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
const lastDay = (ym: string) => new Date(Date.UTC(+ym.slice(0, 4), +ym.slice(5, 7), 0)).toISOString().slice(0, 10);

describe('server mode: a ClickHouse server that is down, comes up, dies and comes back', { timeout: 120_000 }, () => {
  let chPort: number;
  let store: string;
  let front: ChHttp | null = null;
  let product: Awaited<ReturnType<typeof startServer>>;
  const readyz = async () => {
    const r = await fetch(`${product.url}/readyz`);
    return { status: r.status, body: (await r.json()) as Record<string, any> };
  };
  /** What the product answers, and the same numbers counted on the store directly. */
  const numbers = async () => {
    const { body: ready } = await readyz();
    const month = prevMonth(ready.asOf);
    const q = `query($q: MetricQuery!) { metrics(query: $q) { rows totals } dataset { subscribers dataVersion } }`;
    const r = await product.gql(q, { q: { metrics: ['subscribers', 'new_subscribers'], groupBy: ['brand'], timeRange: { from: month, to: month } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.errors).toBeUndefined();
    const byBrand = Object.fromEntries((r.body.data.metrics.rows as Record<string, unknown>[]).map((x) => [x.brand, { subscribers: Number(x.subscribers), new_subscribers: Number(x.new_subscribers) }]));
    const direct = await front!.query<{ brand: string; at_end: string; activated: string }>(
      `SELECT toString(brand) AS brand,
         countIf(activated_on <= {e:Date} AND (churned_on IS NULL OR churned_on > {e:Date})) AS at_end,
         countIf(activated_on >= {s:Date} AND activated_on <= {e:Date}) AS activated
       FROM crm.subscribers GROUP BY brand ORDER BY brand`, { s: `${month}-01`, e: lastDay(month) });
    const expected = Object.fromEntries(direct.filter((d) => Number(d.at_end) || Number(d.activated)).map((d) => [d.brand, { subscribers: Number(d.at_end), new_subscribers: Number(d.activated) }]));
    const [{ n }] = await front!.query<{ n: string }>('SELECT count() AS n FROM crm.subscribers');
    return { month, byBrand, expected, dataset: r.body.data.dataset as { subscribers: number; dataVersion: number }, count: Number(n) };
  };
  /** readyz and a GraphQL query, each answered as unavailable within the issue's bound */
  const expectDown = async () => {
    const t0 = Date.now();
    const ready = await readyz();
    const readyMs = Date.now() - t0;
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('DATABASE_UNAVAILABLE');
    expect(ready.body.engineReachable).toBe(false);
    const t1 = Date.now();
    const r = await product.gql('{ metrics(query: { metrics: ["arpu"] }) { rows } }');
    const gqlMs = Date.now() - t1;
    expect(r.status).toBe(503);
    expect(r.body.errors?.[0].extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(readyMs).toBeLessThan(DOWN_MS);
    expect(gqlMs).toBeLessThan(DOWN_MS);
    expect((await fetch(`${product.url}/healthz`)).status).toBe(200);
    return { readyMs, gqlMs };
  };
  const logLines = (msg: string) => product.output().split('\n').filter((l) => l.includes(`"msg":"${msg}"`)).length;

  beforeAll(async () => {
    chPort = await freePort(); // nothing listens there yet
    store = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-ch-store-'));
    product = await startServer({
      CLICKHOUSE_URL: `http://127.0.0.1:${chPort}`, READY_WAIT: 'skip', LOG_LEVEL: 'info',
      SEED_DEMO: 'true', DEMO_SUBSCRIBERS: String(DEMO_SUBSCRIBERS),
    });
  });
  afterAll(async () => {
    await product?.stop();
    await front?.stop();
    if (store) fs.rmSync(store, { recursive: true, force: true });
  });

  let before: Awaited<ReturnType<typeof numbers>>;

  it('nothing listening: the process stays up, readyz 503 and DATABASE_UNAVAILABLE within 2 s', async () => {
    const t = await expectDown();
    expect(logLines('ClickHouse server unreachable; serving and retrying every 5 s')).toBe(1);
    console.log(`server down at start: readyz ${t.readyMs} ms, graphql ${t.gqlMs} ms`);
  });

  it('the server comes up: ready by itself (no restart), migrations applied, right numbers', async () => {
    front = await startChHttp({ port: chPort, dataDir: store });
    const readyMs = await waitFor('readyz 200 after the server came up', async () => (await readyz()).status === 200, RECOVERY_MS);
    // the demo data (SEED_DEMO, empty store) follows the migrations: wait for its load
    const loadedMs = await waitFor('demo data loaded', async () => (await readyz()).body.dataVersion >= 1, 90_000);
    console.log(`server up: readyz 200 after ${readyMs} ms, demo data loaded after ${readyMs + loadedMs} ms`);
    const { body } = await readyz();
    expect(body).toMatchObject({ status: 'ready', engine: 'server' });
    const versions = await front.query<{ version: number }>('SELECT DISTINCT version FROM crm.schema_migrations ORDER BY version');
    expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((m) => m.version));
    // prepared once: one retry did it, the next ticks did not start it again
    await waitFor('"store ready" logged', async () => logLines('ClickHouse server reachable again; store ready') > 0, 10_000);
    expect(logLines('empty store: generating demo data (first start only)')).toBe(1);
    expect(logLines('ClickHouse server reachable again; store ready')).toBe(1);

    before = await numbers();
    expect(before.count).toBe(DEMO_SUBSCRIBERS);
    const [{ ids }] = await front.query<{ ids: string }>('SELECT uniqExact(sub_id) AS ids FROM crm.subscribers');
    expect(Number(ids)).toBe(DEMO_SUBSCRIBERS);
    expect(before.dataset.subscribers).toBe(before.count);
    expect(Object.keys(before.expected).length).toBeGreaterThan(0);
    expect(before.byBrand).toEqual(before.expected);
  });

  it('query paths run read-only on the server (readonly = 2 reaches the engine, per query)', async () => {
    const engine = await Engine.open(loadConfig({ CLICKHOUSE_URL: front!.url, NODE_ENV: 'test' }).engine);
    try {
      const [r] = await engine.query<{ ro: string; rows: string }>("SELECT getSetting('readonly') AS ro, getSetting('max_result_rows') AS rows");
      expect(String(r.ro)).toBe('2');
      expect(String(r.rows)).toBe('1000000');
      // a write through the server with the query path's settings is refused by the engine…
      const refused = await engine.command('CREATE TABLE default.ro_probe (x UInt8) ENGINE = Memory', {}, { settings: { readonly: '2' } }).then(() => null, (e) => e);
      expect(refused?.code).toBe('BAD_QUERY');
      expect(refused?.details?.engineCode).toBe('READONLY');
      // …and the setting does not outlive its query
      await engine.command('CREATE TABLE default.ro_probe (x UInt8) ENGINE = Memory');
      await engine.command('DROP TABLE default.ro_probe');
    } finally {
      await engine.close();
    }
  });

  it('kill -9 of the server: readyz 503 and DATABASE_UNAVAILABLE within 2 s; back on the same store: recovers by itself, data intact', async () => {
    await front!.kill();
    const t = await expectDown();
    console.log(`server killed: readyz ${t.readyMs} ms, graphql ${t.gqlMs} ms`);
    expect((await product.gql('{ catalog { metrics { id } } }')).status).toBe(200); // what needs no engine still answers

    front = await startChHttp({ port: chPort, dataDir: store });
    const readyMs = await waitFor('readyz 200 after the server came back', async () => (await readyz()).status === 200, RECOVERY_MS);
    console.log(`server back: readyz 200 after ${readyMs} ms`);
    const after = await numbers();
    expect(after.count).toBe(DEMO_SUBSCRIBERS);
    expect(after.dataset).toEqual(before.dataset);
    expect(after.byBrand).toEqual(before.byBrand);
    expect(after.byBrand).toEqual(after.expected);
  });

  it('a server that stops answering (SIGSTOP) gives readyz 503 and DATABASE_UNAVAILABLE within 2 s, not at the request timeout; SIGCONT: answers again', async () => {
    process.kill(front!.pid, 'SIGSTOP');
    try {
      const t0 = Date.now();
      const ready = await readyz();
      const readyMs = Date.now() - t0;
      expect(ready.status).toBe(503);
      const t1 = Date.now();
      // a query no earlier test asked (the result cache must not answer it)
      const r = await product.gql('{ metrics(query: { metrics: ["mou"], groupBy: ["brand"] }) { rows } }');
      const gqlMs = Date.now() - t1;
      expect(r.status).toBe(503);
      expect(r.body.errors?.[0].extensions?.code).toBe('DATABASE_UNAVAILABLE');
      console.log(`server hung: readyz ${readyMs} ms, graphql ${gqlMs} ms`);
      expect(readyMs).toBeLessThan(DOWN_MS);
      expect(gqlMs).toBeLessThan(DOWN_MS);
    } finally {
      process.kill(front!.pid, 'SIGCONT');
    }
    await waitFor('readyz 200 after SIGCONT', async () => (await readyz()).status === 200, RECOVERY_MS);
    const r = await product.gql('{ metrics(query: { metrics: ["mou"], groupBy: ["brand"] }) { rows } }');
    expect(r.status).toBe(200);
    expect(r.body.data.metrics.rows.length).toBeGreaterThan(0);
  });

  it('two product processes on one server: a load through one reaches the other\'s answers within its poll interval (no stale cache)', async () => {
    const other = await startServer({ CLICKHOUSE_URL: `http://127.0.0.1:${chPort}`, SEED_DEMO: 'false', DATA_VERSION_POLL_SECONDS: '1' });
    try {
      const { body: ready } = await readyz();
      const month = prevMonth(prevMonth(ready.asOf));
      // the Shenzhen subscribers activated in `month`, counted from their survival curve
      const q = { metrics: ['survival_rate'], filters: [{ dimension: 'city', op: 'in', values: ['440300'] }, { dimension: 'cohort', op: 'in', values: [month] }] };
      const newSubs = async (p: typeof product) => {
        const r = await p.gql('query($q: MetricQuery!) { metrics(query: $q) { rows } }', { q });
        expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
        // every subscriber of the cohort ends (event) or is censored at one tenure
        return (r.body.data.metrics.rows as { events: number; censored: number }[]).reduce((n, x) => n + Number(x.events) + Number(x.censored), 0);
      };
      const before = await newSubs(other);
      expect(await newSubs(product)).toBe(before);
      const csv = `sub_id,city,brand,activated_on\n${[1, 2, 3].map((i) => `8800000${i},440300,gotone,${month}-1${i}`).join('\n')}\n`;
      const r = await fetch(`${product.url}/api/import/subscribers`, {
        method: 'POST', body: csv,
        headers: { authorization: `Bearer ${product.adminToken}`, 'content-type': 'text/csv', 'idempotency-key': `two-processes-${Date.now()}` },
      });
      expect(r.status, await r.clone().text()).toBe(200);
      expect(await newSubs(product)).toBe(before + 3);
      // the other process cached `before`; its poll (1 s here) sees the new data version
      const seenMs = await waitFor('the other process answers with the load', async () => (await newSubs(other)) === before + 3, 5_000);
      console.log(`second process saw the load after ${seenMs} ms`);
    } finally {
      await other.stop();
    }
  });

  it('CSV import on a server (input() FORMAT CSV): clean rows arrive; a bad file is 422 with nothing loaded', async () => {
    const post = async (file: string, key: string) => {
      const r = await fetch(`${product.url}/api/import/subscribers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${product.adminToken}`, 'content-type': 'text/csv', 'idempotency-key': key },
        body: fs.readFileSync(path.join(FIXTURES, file)),
      });
      return { status: r.status, body: (await r.json()) as Record<string, any> };
    };
    const dataset = async () => (await product.gql('{ dataset { subscribers dataVersion } }')).body.data.dataset as { subscribers: number; dataVersion: number };
    const start = await dataset();

    const ok = await post('subscribers.csv', `server-mode-ok-${Date.now()}`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'loaded', table: 'subscribers', rows: 6 });
    const loaded = await front!.query<Record<string, unknown>>(
      `SELECT sub_id, province, city, toString(brand) AS brand, toString(activated_on) AS activated_on, toString(churned_on) AS churned_on
       FROM crm.subscribers WHERE sub_id >= 90000000 ORDER BY sub_id`);
    expect(loaded.map((x) => [Number(x.sub_id), x.province, x.city, x.brand, x.activated_on, x.churned_on])).toEqual([
      [90000001, '440000', '440300', 'gotone', '2023-03-01', null],
      [90000002, '440000', '440300', 'mzone', '2023-04-15', '2024-06-30'],
      [90000003, '440000', '440100', 'easyown', '2022-11-20', null],
      [90000004, '440000', '440100', 'gotone', '2021-07-01', null],
      [90000005, '350000', '350100', 'mzone', '2024-01-10', null],
      [90000006, '350000', '350100', 'easyown', '2024-05-05', null],
    ]);
    const afterOk = await dataset();
    expect(afterOk.subscribers).toBe(start.subscribers + 6);
    expect(afterOk.dataVersion).toBe(start.dataVersion + 1);

    const bad = await post('subscribers-bad.csv', `server-mode-bad-${Date.now()}`);
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.body.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[3, 'activated_on'], [4, 'brand']]);
    expect(await dataset()).toEqual(afterOk);
    const [{ n }] = await front!.query<{ n: string }>('SELECT count() AS n FROM crm.subscribers WHERE sub_id >= 90000100');
    expect(Number(n)).toBe(0);
    const staging = await front!.query<{ name: string }>("SELECT name FROM system.databases WHERE startsWith(name, 'crm_import_')");
    expect(staging).toEqual([]);
  });
});
