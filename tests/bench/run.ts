/**
 * npm run bench -- [--subscribers N] [--months M] [--runs R] [--json FILE] [--only TEXT]
 * (--only: just the query cases whose name contains TEXT, none of the whole-page figures)
 * Generates (or reuses) a data set, then measures each dashboard/domain query through
 * GraphQL over HTTP and the raw SQL it issued on the same engine, alternating the two.
 * Prints medians, p95 and the GraphQL/raw ratio side by side; figures only, no pass/fail.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../../server/config.ts';
import { Dataset } from '../../server/domains/dataset.ts';
import { Engine } from '../../server/engine/engine.ts';
import { createApp } from '../../server/http/app.ts';
import type { MetricQuery } from '../../server/query/types.ts';
import { prepareStore, seedDemo } from '../../seeds/bootstrap.ts';
import { progressBar } from '../../seeds/progress.ts';

const { values } = parseArgs({ options: {
  subscribers: { type: 'string', default: '10000000' }, months: { type: 'string', default: '36' },
  runs: { type: 'string', default: '15' }, json: { type: 'string' }, only: { type: 'string' }, 'as-of': { type: 'string', default: '2025-06-15' },
} });
const N = Number(values.subscribers), months = Number(values.months), runs = Number(values.runs), asOf = values['as-of']!;
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = path.join(root, '.bench-data', `${N}-${months}-${asOf}`);
// one session key for both apps below, so a sign-in on one is valid on the other
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', AUTH_JWT_SECRET: (await import('node:crypto')).randomBytes(32).toString('hex') });
const engine = await Engine.open(config.engine);
const dataset = new Dataset(engine);
await prepareStore(engine);
let ingest: { seconds: number; rowsPerSecond: number } | null = null;
if (await dataset.isEmpty()) {
  const t0 = performance.now();
  await seedDemo(engine, dataset, { subscribers: N, seed: 42, asOf, months, onProgress: progressBar(`generating ${N.toLocaleString('en')} subscribers`) });
  const seconds = (performance.now() - t0) / 1000;
  const [r] = await engine.query<{ n: number }>(`SELECT (SELECT count() FROM ${engine.t('subscribers')}) + (SELECT count() FROM ${engine.t('usage_monthly')}) + (SELECT count() FROM ${engine.t('subscriber_months')}) + (SELECT count() FROM ${engine.t('contacts')}) AS n`);
  ingest = { seconds, rowsPerSecond: Number(r.n) / seconds };
  console.log(`generated in ${seconds.toFixed(1)} s (${Math.round(ingest.rowsPerSecond).toLocaleString('en')} rows/s written)`);
}
await dataset.refresh();
// Two apps on the same engine: one without the result cache (uncached figures), one with it.
const listen = async (cacheEntries: number) => {
  const { app } = await createApp({ config: { ...config, resultCacheEntries: cacheEntries }, engine, dataset, log: pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql` };
};
const uncached = await listen(0);
const cached = await listen(2000);
const login = await fetch(uncached.url.replace('/graphql', '/api/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":"demo-admin"}' });
const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };

const GD = [{ dimension: 'province', op: 'in' as const, values: ['440000'] }];
const GOTONE = { dimension: 'brand', op: 'in' as const, values: ['gotone'] };
const METRICS_DOC = 'query($q: MetricQuery!) { metrics(query: $q) { rows totals } }';
interface Case { name: string; doc: string; variables: Record<string, unknown> }
const metricCase = (name: string, q: MetricQuery): Case => ({ name, doc: METRICS_DOC, variables: { q } });
const cases: Case[] = [
  metricCase('overview KPIs, Guangdong, MoM', { metrics: ['subscribers', 'arpu', 'churn_rate', 'revenue'], filters: GD, compare: 'mom' }),
  metricCase('overview e-channel share, Guangdong', { metrics: ['e_channel_share'], filters: GD }),
  metricCase('trend: ARPU & churn by month, 12 m', { metrics: ['arpu', 'churn_rate'], groupBy: ['month'], filters: GD }),
  metricCase('map: churn rate by province', { metrics: ['churn_rate'], groupBy: ['province'] }),
  metricCase('churn rate by city, Guangdong', { metrics: ['churn_rate'], groupBy: ['city'], filters: GD }),
  metricCase('segments: value tier', { metrics: ['subscribers', 'arpu', 'mou', 'dou', 'revenue', 'churn_rate'], groupBy: ['value_tier'], filters: GD }),
  metricCase('segments: RFM R×F', { metrics: ['subscribers'], groupBy: ['rfm_r', 'rfm_f'], filters: GD }),
  { name: 'segments: value-tier migration, Guangdong', doc: 'query($f: [FilterInput!]) { segmentMigration(scheme: value_tier, from: "2025-04", to: "2025-05", filters: $f) { flows { from to subscribers } } }', variables: { f: GD } },
  // the segments page's default: the first and last month of its 12-month range
  { name: 'segments: value-tier migration over 12 m, Guangdong', doc: 'query($f: [FilterInput!]) { segmentMigration(scheme: value_tier, from: "2024-06", to: "2025-05", filters: $f) { flows { from to subscribers } } }', variables: { f: GD } },
  // 10 months apart, both within a 12-month data set (at 100M × 12 months the page's default from month precedes the data)
  { name: 'segments: value-tier migration 2024-07 → 2025-05, Guangdong', doc: 'query($f: [FilterInput!]) { segmentMigration(scheme: value_tier, from: "2024-07", to: "2025-05", filters: $f) { flows { from to subscribers } } }', variables: { f: GD } },
  metricCase('channels: efficiency by channel', { metrics: ['contacts', 'conversion_rate', 'cost_per_conversion', 'roi', 'avg_handle_time', 'first_contact_resolution'], groupBy: ['channel'], filters: GD }),
  metricCase('channels: stage × channel', { metrics: ['contacts'], groupBy: ['lifecycle_stage', 'channel'], filters: GD }),
  // the channels page (12-month range): efficiency with reached customers reads contacts, the other two the channel rollup
  metricCase('channels page: efficiency incl. reach, 12 m', { metrics: ['contacts', 'reached_customers', 'conversions', 'conversion_rate', 'cost', 'cost_per_contact', 'cost_per_conversion', 'channel_revenue', 'roi', 'avg_handle_time', 'first_contact_resolution'], groupBy: ['channel'], filters: GD, timeRange: { from: '2024-06', to: '2025-05' } }),
  metricCase('channels page: e-channel share by month, yoy, 12 m', { metrics: ['e_channel_share'], groupBy: ['month'], filters: GD, timeRange: { from: '2024-06', to: '2025-05' }, compare: 'yoy' }),
  metricCase('channels page: stage × channel, 12 m', { metrics: ['contacts'], groupBy: ['lifecycle_stage', 'channel'], filters: GD, timeRange: { from: '2024-06', to: '2025-05' } }),
  // the channels page under a page filter (brand 全球通): the same queries narrowed by the contacted subscriber's brand
  metricCase('channels page, 全球通: efficiency incl. reach, 12 m', { metrics: ['contacts', 'reached_customers', 'conversions', 'conversion_rate', 'cost', 'cost_per_contact', 'cost_per_conversion', 'channel_revenue', 'roi', 'avg_handle_time', 'first_contact_resolution'], groupBy: ['channel'], filters: [...GD, GOTONE], timeRange: { from: '2024-06', to: '2025-05' } }),
  metricCase('channels page, 全球通: e-channel share by month, yoy, 12 m', { metrics: ['e_channel_share'], groupBy: ['month'], filters: [...GD, GOTONE], timeRange: { from: '2024-06', to: '2025-05' }, compare: 'yoy' }),
  metricCase('channels page, 全球通: stage × channel, 12 m', { metrics: ['contacts'], groupBy: ['lifecycle_stage', 'channel'], filters: [...GD, GOTONE], timeRange: { from: '2024-06', to: '2025-05' } }),
  metricCase('campaigns: lift by kind, 12 m', { metrics: ['campaign_lift', 'hit_rate'], groupBy: ['campaign_kind'], timeRange: { from: '2024-06', to: '2025-05' } }),
  metricCase('lifecycle: survival by brand, Guangdong', { metrics: ['survival_rate'], groupBy: ['brand'], filters: GD }),
  metricCase('lifecycle: median by contract type', { metrics: ['median_lifetime'], groupBy: ['contract_type'], filters: GD }),
  { name: 'lifecycle: cohort retention, Guangdong', doc: 'query($f: [FilterInput!]) { cohortRetention(filters: $f, timeRange: { from: "2024-06", to: "2025-05" }, maxMonths: 12) { cells { cohort monthsSince base retained rate } } }', variables: { f: GD } },
  { name: 'lifecycle: contract-expiry churn, Guangdong', doc: 'query($f: [FilterInput!]) { contractChurn(filters: $f) { points { contractType relativeMonth atRisk churned churnRate } } }', variables: { f: GD } },
  metricCase('capability: entities × dimension', { metrics: ['capability_score'], groupBy: ['capability_entity', 'capability_dimension'] }),
  // the chat's rankings by a change and comparisons with the whole (收入同比增长最快的5个省份, 广东哪些地市ARPU低于全省平均)
  metricCase('ranked by change: revenue yoy by province, top 5', { metrics: ['revenue'], groupBy: ['province'], compare: 'yoy', orderBy: { metric: 'revenue_change', direction: 'desc' }, limit: 5 }),
  metricCase('vs the total: Guangdong cities with ARPU below the province', { metrics: ['arpu'], groupBy: ['city'], filters: [...GD, { dimension: 'arpu', op: 'lt', values: ['total'] }] }),
  { name: 'chat: "广东各地市的离网率" (parse + query)', doc: 'query($q: String!) { ask(question: $q) { status rows } }', variables: { q: '广东各地市的离网率' } },
].filter((c) => values.only === undefined || c.name.includes(values.only));
const pageFigures = values.only === undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

// The raw side of each case is what its GraphQL request issued: the engine's reads are
// recorded during the request and replayed as they were, on the same engine.
type Read = { sql: string; params: Record<string, unknown> };
let recording: Read[] | null = null;
const engineQuery = engine.query.bind(engine);
engine.query = (async (sql: string, params: Record<string, unknown> = {}, opts = {}) => {
  recording?.push({ sql, params });
  return engineQuery(sql, params, opts);
}) as typeof engine.query;
/**
 * A keep-alive node:http client (as a browser reuses its connection): in-process `fetch`
 * (undici) spends about 0.4 ms more per request on the client side, which would show as
 * server overhead in the ratios.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
function httpJson(url: string, body?: string, headers: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: body === undefined ? 'GET' : 'POST', agent,
      headers: body === undefined ? headers : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))); } catch (e) { reject(e); } });
    });
    req.on('error', reject);
    req.end(body);
  });
}
const post = async (url: string, c: Case) => {
  const body = await httpJson(url, JSON.stringify({ query: c.doc, variables: c.variables }), auth) as { errors?: unknown; data?: { ask?: { status: string } } };
  if (body.errors) throw new Error(`${c.name}: ${JSON.stringify(body.errors)}`);
  if (body.data?.ask && body.data.ask.status !== 'ANSWERED') throw new Error(`${c.name}: ${JSON.stringify(body.data.ask)}`);
};

const results: Record<string, unknown>[] = [];
console.log(`\n${N.toLocaleString('en')} subscribers, ${months} months, ${runs} runs per case (alternating GraphQL / raw SQL)\n`);
console.log('case'.padEnd(46), 'gql med', 'gql p95', 'raw med', ' ratio', 'cached med', ' reads');
for (const c of cases) {
  const g: number[] = [], r: number[] = [];
  let reads = 0;
  for (let i = 0; i < runs + 1; i++) {
    recording = [];
    let t = performance.now();
    await post(uncached.url, c);
    const gt = performance.now() - t;
    const issued = recording;
    recording = null;
    reads = issued.length;
    t = performance.now();
    await Promise.all(issued.map((s) => engineQuery(s.sql, s.params)));
    const rt = performance.now() - t;
    if (i > 0) { g.push(gt); r.push(rt); } // first round warms up
  }
  const cachedTimes: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    await post(cached.url, c);
    if (i > 0) cachedTimes.push(performance.now() - t); // the first fills the cache
  }
  const raw = reads > 0;
  const row = { case: c.name, reads, gqlMedianMs: median(g), gqlP95Ms: p95(g), rawMedianMs: raw ? median(r) : null, ratio: raw ? median(g) / median(r) : null, cachedMedianMs: median(cachedTimes) };
  results.push(row);
  console.log(c.name.padEnd(46), row.gqlMedianMs.toFixed(1).padStart(7), row.gqlP95Ms.toFixed(1).padStart(7),
    row.rawMedianMs === null ? '      -' : row.rawMedianMs.toFixed(1).padStart(7), row.ratio === null ? '     -' : row.ratio.toFixed(2).padStart(6), row.cachedMedianMs.toFixed(1).padStart(10), String(reads).padStart(6));
}
// A whole province dashboard: the overview page's queries for Guangdong, sent at once as the
// page does (KPIs MoM and YoY, median lifetime, 12-month trend, province map, city list).
if (pageFigures) {
  const R = { from: '2024-06', to: '2025-05' }, LAST = { from: '2025-05', to: '2025-05' };
  const KPIS = ['subscribers', 'arpu', 'churn_rate', 'revenue', 'e_channel_share'];
  const page: MetricQuery[] = [
    { metrics: KPIS, filters: GD, timeRange: LAST, compare: 'mom' },
    { metrics: KPIS, filters: GD, timeRange: LAST, compare: 'yoy' },
    { metrics: ['median_lifetime'], filters: GD },
    { metrics: ['subscribers'], groupBy: ['month'], filters: GD, timeRange: R, compare: 'yoy' },
    { metrics: ['subscribers'], groupBy: ['province'], timeRange: R },
    { metrics: ['subscribers'], groupBy: ['city'], filters: GD, timeRange: R },
  ];
  const load = async (url: string) => {
    const t = performance.now();
    await Promise.all(page.map((q) => post(url, metricCase('dashboard', q))));
    return performance.now() - t;
  };
  // at least 40 loads: below 20 samples a p95 is the slowest load (the page is cheap to repeat)
  const loads = Math.max(runs, 40);
  const u: number[] = [], c: number[] = [];
  for (let i = 0; i < loads + 1; i++) { const x = await load(uncached.url); if (i > 0) u.push(x); }
  for (let i = 0; i < loads + 1; i++) { const x = await load(cached.url); if (i > 0) c.push(x); }
  const row = { case: `province dashboard (${page.length} queries at once)`, loads, gqlMedianMs: median(u), gqlP95Ms: p95(u), cachedMedianMs: median(c), cachedP95Ms: p95(c) };
  results.push(row);
  console.log(row.case.padEnd(42), row.gqlMedianMs.toFixed(1).padStart(7), row.gqlP95Ms.toFixed(1).padStart(7), '      -', '     -', row.cachedMedianMs.toFixed(1).padStart(10), `(cached p95 ${row.cachedP95Ms.toFixed(1)}; ${loads} loads each)`);
}
// The HTTP floor: a loopback round trip to /healthz, the part of the GraphQL/raw gap no server work can remove.
if (pageFigures) {
  const h: number[] = [];
  const base = uncached.url.replace('/graphql', '/healthz');
  for (let i = 0; i < 200; i++) { const t = performance.now(); await httpJson(base); if (i >= 20) h.push(performance.now() - t); }
  console.log(`HTTP floor (GET /healthz round trip on loopback): median ${median(h).toFixed(2)} ms`);
  results.push({ case: 'HTTP floor (/healthz round trip)', medianMs: median(h) });
}
// Cached throughput: one dashboard query, repeated by 20 connections for 8 s (autocannon, loopback).
if (pageFigures) {
  const autocannon = (await import('autocannon')).default;
  const body = JSON.stringify({ query: cases[0].doc, variables: cases[0].variables });
  const r = await autocannon({ url: cached.url, method: 'POST', connections: 20, duration: 8, headers: { 'content-type': 'application/json', ...auth }, body });
  console.log(`\ncached throughput (${cases[0].name}): ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors or non-2xx ${r.errors + r.non2xx}`);
  results.push({ case: 'cached throughput', reqPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.non2xx });
}

// Dashboard first paint on a warm server: open / signed in, until the KPI cards are ready.
if (!pageFigures) {
  // --only: no page figures
} else if (fs.existsSync(path.join(root, 'dist/web/index.html'))) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const base = cached.url.replace('/graphql', '');
  const token = auth.authorization.slice('Bearer '.length);
  const paints: number[] = [];
  for (let i = 0; i < 6; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await ctx.addCookies([{ name: 'crm_session', value: token, url: base }]);
    const page = await ctx.newPage();
    const t = performance.now();
    await page.goto(`${base}/`);
    await page.locator('[data-testid="kpi-subscribers"][data-state="ready"]').waitFor({ timeout: 60_000 });
    if (i > 0) paints.push(performance.now() - t); // the first warms the server and the cache
    await ctx.close();
  }
  await browser.close();
  console.log(`dashboard first paint (KPIs ready, warm): median ${median(paints).toFixed(0)} ms, worst ${Math.max(...paints).toFixed(0)} ms`);
  results.push({ case: 'dashboard first paint', medianMs: median(paints), maxMs: Math.max(...paints) });
} else {
  console.log('dashboard first paint: skipped (npm run build:web first)');
}

// Chat: parse time alone (an answer costs this plus the query it runs).
if (pageFigures) {
  const { createParser } = await import('../../server/domains/ask/index.ts');
  const parser = createParser();
  const questions = fs.readFileSync(path.join(root, 'tests/fixtures/ask-examples.jsonl'), 'utf8').trim().split('\n')
    .flatMap((l) => (JSON.parse(l) as { turns: { question: string }[] }).turns.map((t) => t.question));
  const times: number[] = [];
  for (let round = 0; round < 50; round++) {
    for (const q of questions) {
      const t = performance.now();
      parser.parse(q, { asOf: asOf });
      times.push(performance.now() - t);
    }
  }
  const sorted = times.sort((a, b) => a - b);
  const p99 = sorted[Math.floor(sorted.length * 0.99)];
  console.log(`\nchat parse: ${times.length} parses, median ${median(times).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
  results.push({ case: 'chat parse (no query)', parseMedianMs: median(times), parseP99Ms: p99 });
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`\npeak RSS ${peakRssMb.toFixed(0)} MB (server and engine share this process)`);
if (values.json) fs.writeFileSync(values.json, JSON.stringify({ subscribers: N, months, runs, ingest, peakRssMb, cases: results }, null, 2));
uncached.server.close();
cached.server.close();
await engine.close();
