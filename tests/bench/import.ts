/**
 * npm run bench:import -- [--rows N] [--runs R] [--tables subscribers,usage,contacts] [--narrow]
 *   [--seed-subscribers N] [--store DIR] [--trace MS] [--json FILE]
 *
 * CSV import throughput, end to end through HTTP. Generates valid files (N rows each) in a
 * temp directory, starts the real app in this process on a fresh temp embedded store (a
 * small demo data set), signs in as demo-admin and uploads each file with
 * `POST /api/import/<table>` (Content-Length, an Idempotency-Key, streamed from disk).
 * Per upload: client-measured rows/s (request start → answer read), the server's phases
 * (its "import loaded" log line, ms) and this process's CPU seconds (server, engine and
 * client share it; "js": the JavaScript thread's share, server and client). R runs; each
 * run loads new subscribers, then usage for them (one month), then contacts for them
 * (subscribers are always loaded; --tables picks what is reported). Medians at the end.
 * Figures only, no pass/fail; the store and the files are deleted afterwards.
 *
 * After each answer the bench waits until the survival counts are in step again ("counts in
 * step +N s": a usage import that moves the as-of rebuilds them after answering).
 *
 * Beside each upload, the engine alone on the same file: one `INSERT … SELECT * FROM
 * file(…, CSVWithNames)` into a MergeTree table of the file's columns (types inferred, no
 * order), timed on the same engine after the upload: parsing and storing the rows, no checks,
 * no conversion, no derived tables. "engine alone" rows/s and the import's share of it.
 *
 * --store DIR: import into that existing store instead of a fresh demo one (e.g. a copy of a
 * bench store under .bench-data, to see what grows with the store). The store is modified and
 * kept: pass a copy.
 *
 * --narrow: the subscribers file has the 8 columns of tests/integration/import.test.ts
 * instead of every column. --trace MS: print every engine statement of an import that took
 * MS milliseconds or more, with the cores it kept busy (this process's CPU time over its time; background merges
 * count too).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../../server/config.ts';
import { Dataset } from '../../server/domains/dataset.ts';
import { CHURN_COUNTS_TABLE, countsAsOf } from '../../server/domains/lifecycle/counts.ts';
import { Engine } from '../../server/engine/engine.ts';
import { createApp } from '../../server/http/app.ts';
import { membersOf } from '../../server/model/members.ts';
import { prepareStore, seedDemo } from '../../seeds/bootstrap.ts';
import { CITIES } from '../../seeds/regions.ts';

const { values } = parseArgs({ options: {
  rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' },
  tables: { type: 'string', default: 'subscribers,usage,contacts' }, narrow: { type: 'boolean', default: false },
  'seed-subscribers': { type: 'string', default: '20000' }, store: { type: 'string' }, json: { type: 'string' }, trace: { type: 'string' },
} });
const N = Number(values.rows);
const RUNS = Number(values.runs);
const TABLES = values.tables!.split(',').map((t) => t.trim()).filter(Boolean);
if (!(N >= 1) || !(RUNS >= 1)) throw new Error('--rows and --runs take whole numbers ≥ 1');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-import-'));
const dataDir = values.store ? path.resolve(values.store) : path.join(tmp, 'store');
const filesDir = path.join(tmp, 'files');
fs.mkdirSync(filesDir);
// never leave the generated files and the store behind, whatever happens
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// ---- the files ------------------------------------------------------------------------
const ids = (d: string) => (membersOf(d) ?? []).map((m) => m.id);
const SEGMENTS: Record<string, string[]> = {};
for (const m of membersOf('sub_segment') ?? []) (SEGMENTS[m.parent!] ??= []).push(m.id);
const BRANDS = ids('brand');
const CITY_CODES = CITIES.map((c) => c.code);
const [CUSTOMER, CONTRACT, CHANNEL, AGE, GENDER, CREDIT, TIER] = ['customer_type', 'contract_type', 'channel', 'age_band', 'gender', 'credit_list', 'value_tier'].map(ids);
const [DIRECTION, PURPOSE, STAGE] = ['direction', 'purpose', 'lifecycle_stage'].map(ids);

const today = new Date();
const ym = (d: Date) => d.toISOString().slice(0, 7);
const lastMonth = ym(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)));
const thisMonth = ym(today);
const Y = today.getUTCFullYear();
const pad = (n: number) => String(n).padStart(2, '0');

/** Writes `n` lines made by `line(i)` after `header`, in 8 MB batches. */
function writeCsv(file: string, header: string, n: number, line: (i: number) => string): number {
  const fd = fs.openSync(file, 'w');
  let batch = `${header}\n`;
  for (let i = 0; i < n; i++) {
    batch += `${line(i)}\n`;
    if (batch.length > 8 << 20) { fs.writeSync(fd, batch); batch = ''; }
  }
  fs.writeSync(fd, batch);
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

/**
 * Subscribers firstId…firstId+n-1, activated three to one years ago (with every column: three
 * to two, and contracts ending last year: no date may be in the future); one in ten churned
 * on the first of this month.
 */
function subscribersFile(file: string, firstId: number, n: number): number {
  if (values.narrow) {
    return writeCsv(file, 'sub_id,city,brand,activated_on,sub_segment,contract_type,churned_on,satisfaction', n, (i) => {
      const b = BRANDS[i % 3];
      return `${firstId + i},${CITY_CODES[i % CITY_CODES.length]},${b},${Y - 3 + (i % 3)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))},${SEGMENTS[b][i % SEGMENTS[b].length]},${i % 4 ? 'none' : 'soft'},${i % 10 ? '' : `${thisMonth}-01`},${i % 101}`;
    });
  }
  const header = 'sub_id,city,brand,activated_on,sub_segment,value_tier,customer_type,contract_type,contract_end,acquisition_channel,churned_on,age_band,gender,credit_list,satisfaction,loyalty';
  return writeCsv(file, header, n, (i) => {
    const b = BRANDS[i % 3];
    const contract = CONTRACT[i % CONTRACT.length];
    const end = contract === 'none' ? '' : `${Y - 1}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`;
    return [firstId + i, CITY_CODES[(i * 7) % CITY_CODES.length], b, `${Y - 3 + (i % 2)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
      SEGMENTS[b][i % SEGMENTS[b].length], TIER[i % TIER.length], CUSTOMER[i % CUSTOMER.length], contract, end,
      CHANNEL[i % CHANNEL.length], i % 10 ? '' : `${thisMonth}-01`, AGE[i % AGE.length], GENDER[i % 2], CREDIT[i % CREDIT.length],
      i % 7 ? i % 101 : '', i % 5 ? (i * 3) % 101 : ''].join(',');
  });
}

/** One row per subscriber of the run, last month. */
const usageFile = (file: string, firstId: number, n: number) => writeCsv(file, 'sub_id,month,revenue,minutes,data_mb,sms,recharge', n,
  (i) => `${firstId + i},${lastMonth},${((i % 400) * 0.5).toFixed(2)},${i % 900},${(i * 37) % 20000}.5,${i % 60},${i % 3 ? 50 : 0}`);

/** One contact per subscriber of the run, last month. */
const contactsFile = (file: string, firstId: number, n: number) => writeCsv(file,
  'ts,sub_id,channel,direction,purpose,lifecycle_stage,campaign_id,converted,revenue,cost,handle_sec,resolved_first', n,
  (i) => `${lastMonth}-${pad(1 + (i % 28))} ${pad(i % 24)}:${pad(i % 60)}:${pad((i * 7) % 60)},${firstId + i},${CHANNEL[i % CHANNEL.length]},${DIRECTION[i % 2]},`
    + `${PURPOSE[i % PURPOSE.length]},${STAGE[i % STAGE.length]},${i % 9 ? '' : `C-${i % 50}`},${i % 4 ? 0 : 1},${i % 13},${(i % 50) / 10},${i % 900},${i % 2 ? 'true' : 'false'}`);

// ---- the app --------------------------------------------------------------------------
interface Loaded { msg: string; job: string; table: string; rows: number; seconds: number; ms: Record<string, number> }
const loadedLines: Loaded[] = [];
const log = pino({ level: 'info' }, {
  write(line: string) {
    const o = JSON.parse(line) as Loaded & { level: number };
    if (o.msg === 'import loaded') loadedLines.push(o);
    else if (o.level >= 40) process.stderr.write(line);
  },
});
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development',
  AUTH_JWT_SECRET: (await import('node:crypto')).randomBytes(32).toString('hex') });
const engine = await Engine.open(config.engine);
const dataset = new Dataset(engine);
if (values.trace !== undefined) {
  const min = Number(values.trace);
  for (const m of ['command', 'query'] as const) {
    const orig = engine[m].bind(engine) as (...a: unknown[]) => Promise<unknown>;
    (engine as unknown as Record<string, unknown>)[m] = async (...a: unknown[]) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      try { return await orig(...a); } finally {
        const ms = performance.now() - t0;
        const c = process.cpuUsage(c0);
        const cores = (c.user + c.system) / 1000 / Math.max(ms, 0.001);
        if (ms >= min) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${cores.toFixed(2)} cores  ${String(a[0]).replace(/\s+/g, ' ').slice(0, 130)}`);
      }
    };
  }
}
await prepareStore(engine);
let t = 0;
if (values.store) {
  await dataset.refresh();
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count() AS n FROM ${engine.t('subscribers')}`);
  console.log(`store: ${dataDir}, ${Number(n).toLocaleString('en')} subscribers, as-of ${dataset.asOf}`);
} else {
  const seedSubs = Number(values['seed-subscribers']);
  t = performance.now();
  await seedDemo(engine, dataset, { subscribers: seedSubs, seed: 42, asOf: today.toISOString().slice(0, 10), months: 12 });
  await dataset.refresh();
  console.log(`store: ${seedSubs.toLocaleString('en')} demo subscribers, 12 months, in ${((performance.now() - t) / 1000).toFixed(1)} s (${dataDir})`);
}
const { app } = await createApp({ config, engine, dataset, log });
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const port = (server.address() as { port: number }).port;
const login = await fetch(`http://127.0.0.1:${port}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":"demo-admin"}' });
const token = ((await login.json()) as { token: string }).token;

/** CPU seconds of this process's main (JavaScript) thread so far (Linux; 0 elsewhere). */
function mainThreadCpu(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** POST the file as the body, streamed from disk; the answer and the client-measured seconds. */
function upload(table: string, file: string): Promise<{ status: number; body: Record<string, any>; seconds: number; cpu: number; js: number }> {
  return new Promise((resolve, reject) => {
    const size = fs.statSync(file).size;
    const cpu0 = process.cpuUsage();
    const js0 = mainThreadCpu();
    const t0 = performance.now();
    const req = http.request({ agent: false, host: '127.0.0.1', port, path: `/api/import/${table}`, method: 'POST', headers: {
      authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': String(size), 'idempotency-key': randomUUID(),
    } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const seconds = (performance.now() - t0) / 1000;
        const c = process.cpuUsage(cpu0);
        resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), seconds, cpu: (c.user + c.system) / 1e6, js: mainThreadCpu() - js0 });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    fs.createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(req);
  });
}

// ---- the runs -------------------------------------------------------------------------
/** Seconds the engine alone takes to parse and store `file` (see the header). */
async function engineAlone(file: string): Promise<number> {
  const bare = engine.t('bench_engine_alone');
  await engine.command(`DROP TABLE IF EXISTS ${bare}`);
  await engine.command(`CREATE TABLE ${bare} ENGINE = MergeTree ORDER BY tuple() EMPTY AS SELECT * FROM file({f:String}, 'CSVWithNames')`, { f: file });
  const t0 = performance.now();
  await engine.command(`INSERT INTO ${bare} SELECT * FROM file({f:String}, 'CSVWithNames') SETTINGS input_format_parallel_parsing = 1`, { f: file });
  const seconds = (performance.now() - t0) / 1000;
  await engine.command(`DROP TABLE ${bare}`);
  return seconds;
}

/**
 * Seconds after the answer until the survival counts are in step again (a usage import that
 * moves the as-of rebuilds them after answering; survival queries read subscribers meanwhile).
 */
async function countsSettled(): Promise<number> {
  const t0 = performance.now();
  while ((await countsAsOf(engine)) !== dataset.asOf || (await countsAsOf(engine, CHURN_COUNTS_TABLE)) !== dataset.asOf) {
    if (performance.now() - t0 > 600_000) throw new Error('survival counts not in step 10 minutes after an import');
    await new Promise((r) => setTimeout(r, 50));
  }
  return (performance.now() - t0) / 1000;
}

interface Result { table: string; run: number; rows: number; mb: number; seconds: number; settleSeconds: number; rowsPerSecond: number; aloneRowsPerSecond: number; serverSeconds: number; cpu: number; js: number; ms: Record<string, number> }
const results: Result[] = [];
const makers: Record<string, (file: string, firstId: number, n: number) => number> = { subscribers: subscribersFile, usage: usageFile, contacts: contactsFile };
console.log(`${N.toLocaleString('en')} rows per file, ${RUNS} run${RUNS > 1 ? 's' : ''}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
for (let run = 1; run <= RUNS; run++) {
  const firstId = 100_000_000 + run * 10_000_000;
  for (const table of ['subscribers', ...TABLES.filter((x) => x !== 'subscribers')]) {
    const file = path.join(filesDir, `${table}.csv`);
    t = performance.now();
    const bytes = makers[table](file, firstId, N);
    const gen = (performance.now() - t) / 1000;
    const r = await upload(table, file);
    const settle = await countsSettled();
    const alone = TABLES.includes(table) ? await engineAlone(file) : 0;
    fs.rmSync(file);
    if (r.status !== 200) throw new Error(`${table}: ${r.status} ${JSON.stringify(r.body).slice(0, 2000)}`);
    if (r.body.rows !== N) throw new Error(`${table}: ${r.body.rows} rows loaded, expected ${N}`);
    const line = loadedLines.find((l) => l.job === r.body.id);
    const res: Result = { table, run, rows: N, mb: bytes / 1e6, seconds: r.seconds, settleSeconds: settle, rowsPerSecond: N / r.seconds, aloneRowsPerSecond: alone ? N / alone : 0, serverSeconds: r.body.seconds, cpu: r.cpu, js: r.js, ms: line?.ms ?? {} };
    results.push(res);
    if (!TABLES.includes(table)) continue; // subscribers are always loaded (usage and contacts need them), reported if asked
    console.log(`run ${run} ${table.padEnd(11)} ${res.mb.toFixed(0).padStart(4)} MB (generated in ${gen.toFixed(1)} s)  ${res.seconds.toFixed(2).padStart(6)} s  `
      + `${Math.round(res.rowsPerSecond).toLocaleString('en').padStart(9)} rows/s  counts in step +${res.settleSeconds.toFixed(1)} s  engine alone ${Math.round(res.aloneRowsPerSecond).toLocaleString('en')} rows/s  cpu ${res.cpu.toFixed(1)} s (js ${res.js.toFixed(1)})  `
      + `phases ms ${Object.entries(res.ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
console.log(`\nmedians over ${RUNS} run${RUNS > 1 ? 's' : ''} (${N.toLocaleString('en')} rows; rows/s = client-measured, request start → answer)`);
for (const table of TABLES) {
  const rs = results.filter((r) => r.table === table);
  if (!rs.length) continue;
  const phases = [...new Set(rs.flatMap((r) => Object.keys(r.ms)))];
  const rate = median(rs.map((r) => r.rowsPerSecond));
  const alone = median(rs.map((r) => r.aloneRowsPerSecond));
  console.log(`${table.padEnd(11)} ${Math.round(rate).toLocaleString('en').padStart(9)} rows/s  engine alone ${Math.round(alone).toLocaleString('en')} rows/s (import ${(rate / alone).toFixed(2)} of it)  `
    + `${median(rs.map((r) => r.seconds)).toFixed(2)} s, counts in step +${median(rs.map((r) => r.settleSeconds)).toFixed(1)} s  cpu ${median(rs.map((r) => r.cpu)).toFixed(1)} s (js ${median(rs.map((r) => r.js)).toFixed(1)})  `
    + `phases ms ${phases.map((p) => `${p} ${median(rs.map((r) => r.ms[p] ?? 0))}`).join(', ')}`);
}
console.log(`load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (values.json) fs.writeFileSync(values.json, JSON.stringify({ rows: N, runs: RUNS, narrow: values.narrow, results }, null, 2));

server.close();
await engine.close();
fs.rmSync(tmp, { recursive: true, force: true });
