/**
 * One CSV import, end to end: receive (cut, spool; each part typed, checked and converted
 * for the target in one statement: sql.ts), check across rows and against loaded data,
 * derive, then move into the live tables — all of it, or nothing. The log line "import
 * loaded" gives the phases in ms (receive, of which upload and parts: the engine's time on
 * the parts; validate, convert, derive, plan, move, rollup, finish).
 *
 * Nothing loaded unless clean: rows live in the job's own database (`<db>_import_<id>`)
 * until every check has passed. The move is partition swaps only:
 *   - `ALTER TABLE t REPLACE PARTITION ID p FROM staging` for partitioned tables (usage,
 *     subscriber months, contacts, campaigns). The staging partition holds the partition's
 *     current rows plus the new ones, so each swap is atomic for readers and idempotent:
 *     repeating it gives the same partition. The current rows come in as the live parts
 *     themselves (`ATTACH PARTITION … FROM` live: hard links, so the cost does not grow with
 *     the month); a subscriber-months partition holding rows that the import re-derives is
 *     copied without them instead.
 *   - `ATTACH PARTITION tuple() FROM staging` for `subscribers` (one partition, add-only:
 *     copying a 100M-row table per import to REPLACE it would not do). Readers see all the
 *     new parts at once; a retry first counts which staged sub_ids are already there (the
 *     first run need not: the checks have just found none, under the import lock).
 * The plan (which partitions, from where) is recorded in `import_jobs` as `moving` before
 * the first swap. If the process dies mid-way, the next start re-runs the plan from the
 * staging database (still on disk) — roll forward, never half a load; the data version is
 * bumped then. Imports are serialised (validate → move under one lock), so a plan never
 * races another writer. Readers see a plan whole: its swaps, the rollups and the data
 * version run as one engine section (`Engine.exclusive`), and statements sent meanwhile wait
 * for its end (usage moved and subscriber months not yet is never read).
 *
 * chdb 3.4's connection runs one statement at a time (a 10 s statement stalls every
 * dashboard query for 10 s), so long work is cut into bounded statements: the upload in
 * parts, rows in slices (`sliceRows`), subscribers in ranges, partitions one by one. The
 * whole-file statements left (counting repeated and already-loaded keys; the table of
 * duplicates and the messages only when there are any) take about 0.1 s per million rows.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { deriveSql } from '../../../seeds/derive.ts';
import { addToSets, setCubeOfTable } from '../../../seeds/reach.ts';
import { rebuildRollup, rollupCubeOfTable, stageRollupRows } from '../../../seeds/rollup.ts';
import { addToSurvivalCounts, ensureSurvivalCounts, rebuildSurvivalCounts } from '../lifecycle/counts.ts';
import type { Dataset } from '../dataset.ts';
import type { Engine } from '../../engine/engine.ts';
import { model } from '../../model/index.ts';
import { RFM } from '../../model/segmentation.ts';
import type { Viewer } from '../../http/context.ts';
import { CsvScanner, ErrorList, RecordCutter, Utf8Stream, readHeader, type RowError } from './csv-scan.ts';
import { JobStore, type Job, type Outcome, type Plan, type PlanStep } from './jobs.ts';
import { affectedSql, bind, convertsOnArrival, dupsSql, errorsSql, errorsTableSql, fanOutSql, importParams, jobSubscribersSql, jobTables, keyGateSql, loadSql, loadedSql, loadedUsageSql, messagesSql, stagedSubscriberGateSql, usageGateSql, type CheckSources, type Layout } from './sql.ts';
import { Spool, loadPart, type Part } from './stage.ts';
import { TABLES, type ImportTable } from './tables.ts';

export interface ImportOptions {
  maxBytes: number;
  spoolDir: string;
  /** rows per validation / conversion statement */
  sliceRows?: number;
  /** subscribers per statement deriving a usage import's subscriber months (default DERIVE_SUBSCRIBERS) */
  deriveSubscribers?: number;
}

export class TooLarge extends Error {}

/** Months of history before the first new month that the monthly windows read (RFM, tiers). */
const LOOKBACK_ROWS = Math.max(RFM.frequencyWindow, RFM.monetaryWindow, ...RFM.recency.map((r) => r.maxMonths + 1));
/** Subscribers per derivation statement unless the options say otherwise: 0.5–0.8 s each (README, CSV import). */
const DERIVE_SUBSCRIBERS = 500_000;

const reject = (message: string, errors: RowError[], totalErrors: number, extra: Record<string, unknown> = {}): Outcome => ({
  status: 422, body: { code: 'BAD_USER_INPUT', message, errors, totalErrors, ...extra },
});

interface Received {
  layout: Layout | null;
  bodySha256: string;
  problem: Outcome | null;
  /** ms: until the last byte arrived, and spent by the engine on the parts (for the log) */
  timing: { upload: number; engine: number };
}

/**
 * Did the engine refuse the data (then: its "(at row N)" within the part, or null), or
 * fail for another reason (undefined)?
 */
function parseRefusal(e: unknown): number | null | undefined {
  const d = (e as { details?: { engine?: string; engineCode?: string } }).details;
  if (!d?.engineCode || !/PARSE|INCORRECT_DATA|CANNOT_READ|TOO_LARGE_STRING|CANNOT_INSERT_NULL|ATTEMPT_TO_READ_AFTER_EOF/.test(d.engineCode)) return undefined;
  const m = /\(at row (\d+)\)/.exec(d.engine ?? '');
  return m ? Number(m[1]) : null;
}

export class ImportService {
  readonly jobs: JobStore;
  readonly ready: Promise<void>;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly perKey = new Map<string, Promise<Outcome>>();
  private readonly slice: number;

  constructor(
    private readonly engine: Engine,
    private readonly dataset: Dataset,
    private readonly log: Logger,
    private readonly opts: ImportOptions,
  ) {
    this.jobs = new JobStore(engine);
    this.slice = opts.sliceRows ?? 1_000_000;
    this.ready = this.exclusive(() => this.recover(true)).catch((err) => log.error({ err }, 'import recovery failed'));
  }

  /**
   * One upload. Bad input is an Outcome (4xx), not an exception; TooLarge and engine
   * failures throw. With an idempotency key, uploads under the same key run one after the
   * other, and once one has loaded, the others answer its result without loading.
   */
  upload(input: AsyncIterable<Buffer>, table: ImportTable, viewer: Viewer, key: string | null): Promise<Outcome> {
    if (!key) return this.ready.then(() => this.run(input, table, viewer, ''));
    const k = `${viewer.id}\u0000${key}`;
    const prior = this.perKey.get(k);
    const mine = (async () => {
      await this.ready;
      if (prior) await prior.catch(() => {});
      const done = await this.jobs.findLoaded(viewer.id, key);
      if (done) return this.replay(input, table, key, done);
      return this.run(input, table, viewer, key);
    })();
    this.perKey.set(k, mine);
    void mine.catch(() => {}).finally(() => { if (this.perKey.get(k) === mine) this.perKey.delete(k); });
    return mine;
  }

  /** Answers a retry with the first result, after checking it is the same upload. */
  private async replay(input: AsyncIterable<Buffer>, table: ImportTable, key: string, done: { id: string; table: string; bodySha256: string; result: Outcome }): Promise<Outcome> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of input) {
      bytes += chunk.length;
      if (bytes > this.opts.maxBytes) throw new TooLarge();
      hash.update(chunk);
    }
    if (done.table !== table || hash.digest('hex') !== done.bodySha256) {
      return reject(`Idempotency-Key "${key}" was already used for a different upload (job ${done.id}); use a new key for a new file.`, [], 0);
    }
    return { ...done.result, headers: { ...done.result.headers, 'idempotent-replayed': 'true' } };
  }

  private async run(input: AsyncIterable<Buffer>, table: ImportTable, viewer: Viewer, key: string): Promise<Outcome> {
    const job = this.jobs.create(table, viewer.id, key);
    const t0 = Date.now();
    const db = `${this.engine.db}_import_${job.id.replace(/-/g, '')}`;
    const spool = new Spool(path.join(this.opts.spoolDir, job.id));
    let keepDb = false;
    try {
      const rx = await this.receive(input, job, db, spool, importParams(viewer.scope));
      const received = Date.now();
      if (rx.problem) {
        this.jobs.set(job, 'rejected');
        return { ...rx.problem, body: { ...rx.problem.body, id: job.id } };
      }
      const outcome = await this.exclusive(async () => {
        await this.recover(false);
        return this.validateAndMove(job, db, rx, viewer, { t0, received }, () => { keepDb = true; });
      });
      return { ...outcome, body: { ...outcome.body, id: job.id } };
    } catch (e) {
      this.jobs.set(job, 'failed');
      throw e;
    } finally {
      await spool.dispose();
      if (!keepDb) await this.engine.command(`DROP DATABASE IF EXISTS ${db}`).catch((err) => this.log.warn({ err, db }, 'could not drop import staging'));
    }
  }

  /**
   * Reads the upload: header, then the fast path (record boundaries, UTF-8, parts typed and
   * checked by the engine while the upload goes on); if the engine or the UTF-8 check
   * refuses something, the slow path scans every byte (the parts already spooled, then the
   * rest of the upload) to list each structural problem with its row.
   */
  private async receive(input: AsyncIterable<Buffer>, job: Job, db: string, spool: Spool, params: Record<string, unknown>): Promise<Received> {
    const spec = TABLES[job.table];
    const hash = job.idempotencyKey ? createHash('sha256') : null; // only a key needs the body's hash
    const errors = new ErrorList(100);
    const head: Buffer[] = [];
    const tables = jobTables(db);
    let layout: Layout | null = null;
    let cutter: RecordCutter | null = null;
    const utf8 = new Utf8Stream();
    // slow.scanner set: the slow path is on; slow.refused: the part the engine refused
    const slow: { scanner: CsvScanner | null; refused: { part: Part; engineRow: number | null } | null } = { scanner: null, refused: null };
    let headerProblem: Outcome | null = null;
    let bytes = 0;
    const queue: Promise<void>[] = [];
    const t0 = Date.now();
    const timing = { upload: 0, engine: 0 };
    const enqueue = async (part: Part | null) => {
      if (!part) return;
      const prev = queue.at(-1) ?? Promise.resolve();
      const p = prev.then(async () => {
        if (slow.refused) return;
        try {
          const started = Date.now();
          await loadPart(this.engine, layout!, tables.source, part, params);
          timing.engine += Date.now() - started;
          job.rowsStaged += part.rows;
        } catch (e) {
          const engineRow = parseRefusal(e);
          if (engineRow === undefined) throw e; // not the data: the engine itself failed
          slow.refused = { part, engineRow };
        }
      });
      p.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
      queue.push(p);
      if (queue.length > 2) await queue.shift(); // at most two parts waiting: back-pressure on the upload
    };
    const slowPath = async () => {
      const scanner = new CsvScanner(layout!.header, errors);
      for (const file of await spool.files()) {
        for await (const c of fs.createReadStream(file)) scanner.scan(c as Buffer);
      }
      slow.scanner = scanner;
    };

    try {
      for await (const piece of input) {
        let chunk = piece as Buffer;
        bytes += chunk.length;
        if (bytes > this.opts.maxBytes) throw new TooLarge();
        hash?.update(chunk);
        job.bytesReceived = bytes;
        if (headerProblem) continue; // drain: the answer is known, the client is still sending
        if (!layout) {
          head.push(chunk);
          const buf = Buffer.concat(head);
          let header;
          try {
            header = readHeader(buf, false);
          } catch (e) {
            headerProblem = reject((e as Error).message, [{ row: 1, column: null, message: (e as Error).message }], 1);
            continue;
          }
          if (!header) continue;
          const problems = headerProblems(job.table, header.names);
          if (problems.length) { headerProblem = reject(headerMessage(problems.length), problems, problems.length); continue; }
          layout = { table: job.table, header: header.names };
          cutter = new RecordCutter();
          await this.engine.command(`CREATE DATABASE IF NOT EXISTS ${db}`);
          for (const sql of fanOutSql(layout, tables, this.engine.t(spec.target))) await this.engine.command(sql);
          await this.stopMerges([tables.keys, ...(convertsOnArrival(layout.table) ? [tables.stage] : [])]);
          chunk = buf.subarray(header.length);
        }
        if (!slow.scanner && (slow.refused || !utf8.ok(chunk))) await slowPath();
        if (slow.scanner) { slow.scanner.scan(chunk); continue; }
        const end = cutter!.scan(chunk);
        job.rowsRead = cutter!.row - 2;
        await enqueue(await spool.write(chunk, end, cutter!.row));
      }
      timing.upload = Date.now() - t0;
      if (layout && !slow.scanner && !headerProblem) {
        await enqueue(await spool.end(cutter!.endRow()));
        for (const p of queue) await p;
        if (slow.refused || !utf8.complete()) await slowPath();
      }
    } finally {
      // never leave with parts still going into staging (it is dropped next)
      await Promise.allSettled(queue);
    }
    const bodySha256 = hash?.digest('hex') ?? '';
    const done = (problem: Outcome | null): Received => ({ layout, bodySha256, problem, timing });
    if (headerProblem) return done(headerProblem);
    if (!layout) {
      const buf = Buffer.concat(head);
      if (!buf.toString('utf8').replace(/^\uFEFF/, '').trim()) return done(reject('The file is empty.', [], 0));
      try {
        const header = readHeader(buf, true)!;
        const problems = headerProblems(job.table, header.names);
        if (problems.length) return done(reject(headerMessage(problems.length), problems, problems.length));
      } catch (e) {
        return done(reject((e as Error).message, [{ row: 1, column: null, message: (e as Error).message }], 1));
      }
      return done(reject(`The file has a header but no data rows; nothing to load into ${spec.id}.`, [], 0));
    }
    if (slow.scanner) {
      slow.scanner.finish();
      if (errors.total) {
        const msg = `The file is not well-formed CSV: ${errors.total} problem${errors.total === 1 ? '' : 's'} (values were not checked). Nothing was loaded.`;
        return done(reject(msg, errors.first, errors.total));
      }
      // the engine refused a record the scanner lets pass: say where, the engine's words go to the log
      const r = slow.refused;
      const row = r?.engineRow != null ? r.part.firstRow + r.engineRow - 1 : r?.part.firstRow ?? 2;
      const message = 'cannot be read as CSV (check its quotes and separators)';
      return done(reject(`The file is not well-formed CSV near row ${row}. Nothing was loaded.`, [{ row, column: null, message }], 1));
    }
    return done(null);
  }

  /** Under the import lock: every check in SQL, then conversion, derivation, plan and move. */
  private async validateAndMove(job: Job, db: string, rx: Received, viewer: Viewer, at: { t0: number; received: number }, keepStaging: () => void): Promise<Outcome> {
    const t0 = at.t0;
    const ms: Record<string, number> = { receive: at.received - t0, upload: rx.timing.upload, parts: rx.timing.engine };
    let mark = Date.now();
    const lap = (phase: string) => { const now = Date.now(); ms[phase] = now - mark; mark = now; };
    const layout = rx.layout!;
    const spec = TABLES[layout.table];
    const t = jobTables(db);
    // rows, the last row number, and rows with a problem (they kept their cells: `problems`)
    const [{ records, lastRow, bad }] = await this.engine.query<{ records: number; lastRow: number; bad: number }>(
      `SELECT count() AS records, max(_row) AS lastRow, (SELECT count() FROM ${t.problems}) AS bad FROM ${t.keys}`);
    job.rowsRead = Number(records);
    if (!job.rowsRead) {
      this.jobs.set(job, 'rejected');
      return reject(`The file has a header but no data rows; nothing to load into ${spec.id}.`, [], 0);
    }
    const all = importParams(viewer.scope);
    const slices = (fn: (lo: number, hi: number) => Promise<void>) => this.slices(2, Number(lastRow), fn);

    this.jobs.set(job, 'validating');
    // the job's errors table, made when the first error may come
    const errors = `${db}.errors`;
    let errorsTable = false;
    const addErrors = async (sql: string, params: Record<string, unknown>) => {
      if (!errorsTable) await this.engine.command(errorsTableSql(errors));
      errorsTable = true;
      await this.engine.command(sql, params);
    };
    if (Number(bad) > 0) {
      const sql = messagesSql(layout, t.problems, errors);
      await addErrors(sql, bind(sql, all));
    }
    // rows of other tables are only read when they can matter: for contacts always (their
    // subscriber), for usage when its gate finds something, for a keyed table only if a key
    // repeats or is already loaded
    let relational = spec.needsSubscriber;
    let dups: string | null = null;
    // whether a key of the file may already be loaded (else that check is left out)
    let mayBeLoaded = true;
    const sources: CheckSources = { subscribers: this.engine.t('subscribers'), loaded: true };
    // usage: the gate found that no check against other rows or loaded data can fail
    let gated = false;
    if (layout.table === 'usage') {
      // the file's subscribers with their first and last month in it, and a copy of them read
      // from the live table once, for the gate, the checks and the derivation of subscriber months
      const affected = `${db}.affected`;
      sources.subscribers = `${db}.subscribers`;
      await this.engine.command(affectedSql(t.stage, affected));
      await this.engine.command(jobSubscribersSql(affected, this.engine.t('subscribers'), sources.subscribers));
      if (Number(bad) === 0) {
        const g = usageGateSql(t.stage, affected, sources.subscribers, this.engine.t(spec.target));
        const [gate] = await this.engine.query<{ multi: number; missing: number; outside: number; in_range: number }>(g, bind(g, all));
        const loaded = Number(gate.in_range) > 0
          ? Number((await this.engine.query<{ n: number }>(loadedUsageSql(t.stage, this.engine.t(spec.target))))[0].n) : 0;
        gated = Number(gate.multi) === 0 && Number(gate.missing) === 0 && Number(gate.outside) === 0 && loaded === 0;
        if (gated) relational = false;
      }
    }
    if (spec.key.length && !gated) {
      const target = this.engine.t(spec.target);
      const [{ repeated, in_range }] = await this.engine.query<{ repeated: number; in_range: number }>(keyGateSql(layout, t.keys, target)!);
      if (relational) {
        mayBeLoaded = Number(in_range) > 0;
      } else {
        // whether a key is loaded decides whether the checks run at all: count them
        let loaded = 0;
        if (Number(in_range) > 0) {
          const [{ n: targetRows }] = await this.engine.query<{ n: number }>(`SELECT count() AS n FROM ${target}`);
          loaded = Number((await this.engine.query<{ n: number }>(loadedSql(layout, t.keys, target, job.rowsRead, Number(targetRows))))[0].n);
        }
        mayBeLoaded = loaded > 0;
        relational = Number(repeated) > 0 || loaded > 0;
      }
      if (Number(repeated) > 0) {
        dups = `${db}.dups`;
        await this.engine.command(dupsSql(layout, t.keys, dups)!);
      }
    }
    sources.loaded = mayBeLoaded;
    const check = relational ? errorsSql(layout, this.engine.db, t.keys, dups, errors, sources) : null;
    const runChecks = async () => {
      await slices(async (lo, hi) => {
        await addErrors(check!, bind(check!, all, { lo, hi }));
        job.rowsValidated = hi - 1;
      });
    };
    // contacts (no key: their only checks are their subscriber's) with every cell fine are
    // converted first, joining the subscriber once: the staged rows tell whether any lacks its
    // subscriber or lies outside the scope, and the checks run only then
    const checkAfterConversion = check !== null && !convertsOnArrival(layout.table) && !spec.key.length && Number(bad) === 0;
    if (check && !checkAfterConversion) await runChecks();
    if (!checkAfterConversion) job.rowsValidated = job.rowsRead;
    lap('validate');
    const rejected = async (): Promise<Outcome | null> => {
      const [{ n }] = errorsTable ? await this.engine.query<{ n: number }>(`SELECT count() AS n FROM ${errors}`) : [{ n: 0 }];
      if (Number(n) === 0) return null;
      const first = await this.engine.query<RowError>(`SELECT row, column, message FROM ${errors} ORDER BY row, idx, seq LIMIT 100`);
      this.jobs.set(job, 'rejected');
      return reject(`${n} problem${Number(n) === 1 ? '' : 's'} in the file; nothing was loaded.${Number(n) > 100 ? ' The first 100 are listed.' : ''}`,
        first.map((e) => ({ row: Number(e.row), column: e.column, message: e.message })), Number(n));
    };
    const early = await rejected();
    if (early) return early;

    this.jobs.set(job, 'loading');
    const stage = t.stage;
    if (!convertsOnArrival(layout.table)) {
      await this.engine.command(`CREATE TABLE ${stage} AS ${this.engine.t(spec.target)}`);
      const load = loadSql(layout, this.engine.db, t.keys, stage, sources.subscribers);
      await slices(async (lo, hi) => {
        await this.engine.command(load, bind(load, all, { lo, hi }));
        job.rowsLoaded = hi - 1;
      });
    }
    if (checkAfterConversion) {
      const gate = stagedSubscriberGateSql(stage);
      const [{ n }] = await this.engine.query<{ n: number }>(gate, bind(gate, all));
      if (Number(n) > 0) {
        this.jobs.set(job, 'validating');
        await runChecks();
        const late = await rejected();
        if (late) { job.rowsLoaded = 0; return late; }
        this.jobs.set(job, 'loading');
      }
      job.rowsValidated = job.rowsRead;
    }
    const [{ rows }] = await this.engine.query<{ rows: number }>(`SELECT count() AS rows FROM ${stage}`);
    job.rowsLoaded = Number(rows);
    lap('convert');
    const { plan, derived } = await this.stageMove(layout.table, db, stage);
    lap('derive');

    const notes = spec.columns.filter((c) => c.notStored && layout.header.includes(c.id)).map((c) => c.notStored!);
    const success = (dataVersion: number): Outcome => {
      const seconds = (Date.now() - t0) / 1000;
      return {
        status: 200,
        body: {
          id: job.id, table: layout.table, status: 'loaded', rows: job.rowsLoaded, bytes: job.bytesReceived, seconds,
          rowsPerSecond: Math.round(job.rowsLoaded / Math.max(seconds, 0.001)), ...(derived !== null ? { subscriberMonthsRebuilt: derived } : {}),
          asOf: plan.asOf, dataVersion, ...(notes.length ? { notes } : {}),
        },
      };
    };
    this.jobs.set(job, 'moving');
    await this.jobs.persist(job, { bodySha256: rx.bodySha256, plan, result: success(-1) });
    keepStaging(); // from here on, a failure leaves the staging database for the roll-forward
    lap('plan');
    await this.moveWhole(plan, { validated: true, lap });
    const outcome = success(this.dataset.version);
    this.jobs.set(job, 'loaded');
    await this.jobs.persist(job, { bodySha256: rx.bodySha256, result: outcome });
    // after the answer, next under the import lock, as a cache is refreshed (see refreshSurvivalCounts)
    void this.exclusive(() => this.refreshSurvivalCounts(plan))
      .catch((err) => this.log.error({ err }, 'survival counts not refreshed; survival queries read subscribers until the next start rebuilds them'));
    lap('finish');
    this.log.info({ job: job.id, table: layout.table, rows: job.rowsLoaded, seconds: outcome.body.seconds, ms }, 'import loaded');
    return outcome;
  }

  /** Builds, in the job database, what each swap will bring in; returns the plan. */
  private async stageMove(table: ImportTable, db: string, stage: string): Promise<{ plan: Plan; derived: number | null }> {
    const t = (name: string) => this.engine.t(name);
    const asOf = this.dataset.asOf;
    if (table === 'subscribers') {
      return { plan: { db, asOf, steps: [{ kind: 'add-subscribers', table: 'subscribers', from: stage, partitions: [] }] }, derived: null };
    }
    if (table === 'contacts' || table === 'campaigns') {
      const target = TABLES[table].target;
      // From the stage while it holds only the new rows: their rollup rows (rollups are sums,
      // so a month's live rows plus these are the month; each rollup is moved like the table)
      // and their sets (reached customers).
      const rollupCube = rollupCubeOfTable(target);
      const rollups = rollupCube ? await stageRollupRows(this.engine, rollupCube, stage, db) : [];
      const setCube = setCubeOfTable(target);
      const sets = setCube && model.cube(setCube).sets!.table;
      let blocks: string[] = [];
      if (setCube && sets) {
        await this.engine.command(`CREATE TABLE ${db}.${sets} AS ${t(sets)}`);
        await addToSets(this.engine, setCube, stage, `${db}.${sets}`);
        blocks = await this.partitionsOf(`${db}.${sets}`);
      }
      const steps: PlanStep[] = [{ kind: 'replace', table: target, from: stage, partitions: await this.withCurrentRows(stage, target) }];
      for (const r of rollups) steps.push({ kind: 'replace', table: r.table, from: r.from, partitions: await this.withCurrentRows(r.from, r.table) });
      if (sets) steps.push({ kind: 'add-sets', table: sets, from: `${db}.${sets}`, partitions: blocks });
      return { plan: { db, asOf, steps }, derived: null };
    }

    // usage: the as-of date moves to the newest month loaded (never past today)
    const [{ newAsOf }] = await this.engine.query<{ newAsOf: string }>(
      `SELECT toString(greatest(toDate({asOf:String}), least(toDate(now('Asia/Shanghai')), toLastDayOfMonth(max(month))))) AS newAsOf FROM ${stage}`, { asOf });
    // subscriber months: rebuilt from each subscriber's first new month on (earlier months
    // cannot change: the monthly windows only look back), reading LOOKBACK_ROWS older rows.
    // The affected subscribers (`${db}.affected`, sub_id and first new month) and their copy
    // (`${db}.subscribers`, with that month as `min_month`) were made for the checks (sub_id
    // order; each range below reads its own).
    await this.engine.command(`CREATE TABLE ${db}.usage_monthly AS ${t('usage_monthly')}`);
    const smStage = `${db}.sm_stage`;
    await this.engine.command(`CREATE TABLE ${smStage} AS ${t('subscriber_months')}`);
    await this.stopMerges([`${db}.usage_monthly`, smStage]);
    const derive = deriveSql(db, { into: smStage, sinceColumn: true });
    // the new rows: the staged parts themselves (hard links; each range below reads its own)
    for (const p of await this.partitionsOf(stage)) {
      await this.engine.command(`ALTER TABLE ${db}.usage_monthly ATTACH PARTITION ID {p:String} FROM ${stage}`, { p });
    }
    for (const [lo, hi] of await this.subscriberRanges(`${db}.affected`)) {
      const r = { lo, hi };
      await this.engine.command(`INSERT INTO ${db}.usage_monthly (month, sub_id, revenue, minutes, data_mb, sms, recharge)
        SELECT month, sub_id, revenue, minutes, data_mb, sms, recharge FROM (
          SELECT u.month AS month, u.sub_id AS sub_id, u.revenue AS revenue, u.minutes AS minutes, u.data_mb AS data_mb, u.sms AS sms,
            u.recharge AS recharge, a.min_month AS mm,
            row_number() OVER (PARTITION BY u.sub_id, u.month < a.min_month ORDER BY u.month DESC) AS k
          FROM ${t('usage_monthly')} AS u
          INNER JOIN (SELECT sub_id, min_month FROM ${db}.affected WHERE sub_id BETWEEN {lo:UInt64} AND {hi:UInt64}) AS a ON a.sub_id = u.sub_id
          WHERE u.sub_id BETWEEN {lo:UInt64} AND {hi:UInt64})
        WHERE month >= mm OR k <= {lookback:UInt32}`, { ...r, lookback: LOOKBACK_ROWS });
      // the subscriber's months from their first new one on, straight into the swap's staging
      await this.engine.command(derive, r);
    }
    const [{ derived }] = await this.engine.query<{ derived: number }>(`SELECT count() AS derived FROM ${smStage}`);
    // the rest of each touched month: every other subscriber, and the affected ones' earlier months
    const smPartitions = await this.partitionsOf(smStage);
    // none of the affected subscribers in a live month: its parts are the rest as they are
    const untouched = new Map<string, boolean>();
    for (const p of smPartitions) untouched.set(p, !(await this.anyAffected(t('subscriber_months'), p, `${db}.affected`)));
    // When no month held any of them (new subscribers, or months new to them), each month is
    // its live rows plus the derived ones: its rollup is the live rollup plus the derived rows'
    // (sums and counts), staged now while the staging holds only those, and moved like the
    // months. Otherwise the months moved are re-aggregated whole after the move (movePlan).
    const rollups = [...untouched.values()].every(Boolean) ? await stageRollupRows(this.engine, rollupCubeOfTable('subscriber_months')!, smStage, db) : [];
    for (const p of smPartitions) {
      if (untouched.get(p)) {
        // cloned (hard links; the cost does not grow with the month)
        await this.engine.command(`ALTER TABLE ${smStage} ATTACH PARTITION ID {p:String} FROM ${t('subscriber_months')}`, { p });
        continue;
      }
      // copied without the affected subscribers' rows from their first new month on
      await this.engine.command(`INSERT INTO ${smStage} SELECT * EXCEPT (mm) FROM (
          SELECT sm.*, a.min_month AS mm FROM ${t('subscriber_months')} AS sm LEFT JOIN ${db}.affected AS a ON a.sub_id = sm.sub_id
          WHERE sm._partition_id = {p:String})
        WHERE mm IS NULL OR month < mm`, { p });
    }
    const usagePartitions = await this.withCurrentRows(stage, 'usage_monthly');
    const steps: PlanStep[] = [
      { kind: 'replace', table: 'usage_monthly', from: stage, partitions: usagePartitions },
      { kind: 'replace', table: 'subscriber_months', from: smStage, partitions: smPartitions },
    ];
    for (const r of rollups) steps.push({ kind: 'replace', table: r.table, from: r.from, partitions: await this.withCurrentRows(r.from, r.table) });
    return { plan: { db, asOf: newAsOf, steps }, derived: Number(derived) };
  }

  /**
   * No background merges in the job's own tables: each part of the upload lands as a part of
   * `stage`, and merging them there (a quarter of the engine's work on a 1M-row subscribers
   * file) would be done again once they are in the target. Best effort (a server may not
   * grant SYSTEM): merges only cost time.
   */
  private async stopMerges(tables: string[]): Promise<void> {
    for (const table of tables) await this.engine.command(`SYSTEM STOP MERGES ${table}`).catch(() => {});
  }

  /** Adds to `stage` the live rows of every partition it touches (their parts, cloned); returns those partitions. */
  private async withCurrentRows(stage: string, target: string): Promise<string[]> {
    const partitions = await this.partitionsOf(stage);
    // the live parts, cloned (hard links, no copy): the cost does not grow with the month
    for (const p of partitions) {
      await this.engine.command(`ALTER TABLE ${stage} ATTACH PARTITION ID {p:String} FROM ${this.engine.t(target)}`, { p });
    }
    return partitions;
  }

  /**
   * Has partition `p` of `table` a row of a subscriber in `affected`? A range count first (the
   * primary key of `affected`: a few ms; new subscribers' ids are usually past every loaded
   * one), the exact count only when the range is not empty.
   */
  private async anyAffected(table: string, p: string, affected: string): Promise<boolean> {
    const where = `FROM ${table} WHERE _partition_id = {p:String} AND sub_id BETWEEN (SELECT min(sub_id) FROM ${affected}) AND (SELECT max(sub_id) FROM ${affected})`;
    const [{ n }] = await this.engine.query<{ n: number }>(`SELECT count() AS n ${where}`, { p });
    if (Number(n) === 0) return false;
    const [{ m }] = await this.engine.query<{ m: number }>(`SELECT count() AS m ${where} AND sub_id IN (SELECT sub_id FROM ${affected})`, { p });
    return Number(m) > 0;
  }

  private async partitionsOf(table: string): Promise<string[]> {
    const rows = await this.engine.query<{ p: string }>(`SELECT DISTINCT _partition_id AS p FROM ${table} ORDER BY p`);
    return rows.map((r) => r.p);
  }

  /** sub_id ranges of about `deriveSubscribers` affected subscribers each (UInt64 as text). */
  private async subscriberRanges(affected: string): Promise<[string, string][]> {
    const [r] = await this.engine.query<{ n: number; lo: string; hi: string }>(
      `SELECT count() AS n, toString(min(sub_id)) AS lo, toString(max(sub_id)) AS hi FROM ${affected}`);
    const k = Math.ceil(Number(r.n) / (this.opts.deriveSubscribers ?? DERIVE_SUBSCRIBERS));
    if (k <= 1) return Number(r.n) ? [[r.lo, r.hi]] : [];
    const levels = Array.from({ length: k - 1 }, (_, i) => (i + 1) / k);
    const [{ cuts }] = await this.engine.query<{ cuts: string[] }>(
      `SELECT arrayMap(x -> toString(x), quantilesExact(${levels.map((l) => l.toFixed(6)).join(', ')})(sub_id)) AS cuts FROM ${affected}`);
    const ranges: [string, string][] = [];
    let lo = BigInt(r.lo);
    for (const c of [...new Set(cuts)].map(BigInt).sort((a, b) => (a < b ? -1 : 1))) {
      if (c < lo) continue;
      ranges.push([String(lo), String(c)]);
      lo = c + 1n;
    }
    if (lo <= BigInt(r.hi)) ranges.push([String(lo), r.hi]);
    return ranges;
  }

  /**
   * Survival and contract-churn counts after a move, then the staging database is dropped.
   * New subscribers' cells are added (read from the staging); a new as-of changes every cell's
   * tenure, so the tables are rebuilt from every subscriber; any table not in step is rebuilt.
   *
   * A finished import runs this after its answer, next under the import lock, the way a cache
   * is refreshed: about 0.5 s per million new subscribers, 6–9 s for a rebuild at 10M. Until
   * then the tables are out of step (their state no longer matches subscribers or the as-of)
   * and survival queries read subscribers: the same numbers, more slowly. A crash meanwhile
   * leaves them to the next start (ensureSurvivalCounts), and the staging to its clean-up.
   */
  private async refreshSurvivalCounts(plan: Plan): Promise<void> {
    const added = plan.steps.find((s) => s.kind === 'add-subscribers');
    try {
      if (added && (await this.tableExists(added.from))) await addToSurvivalCounts(this.engine, plan.asOf, added.from);
      else if (added) await rebuildSurvivalCounts(this.engine, plan.asOf);
      else await ensureSurvivalCounts(this.engine, plan.asOf);
    } finally {
      await this.engine.command(`DROP DATABASE IF EXISTS ${plan.db}`);
    }
  }

  /** Resolves once no import and no work following one (survival counts) is running or queued. */
  async settled(): Promise<void> {
    for (let lock = this.lock; ; lock = this.lock) {
      await lock;
      if (lock === this.lock) return;
    }
  }

  private async tableExists(name: string): Promise<boolean> {
    const [db, table] = name.split('.');
    const [{ n }] = await this.engine.query<{ n: number }>('SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {t:String}', { db, t: table });
    return Number(n) > 0;
  }

  /** The plan's swaps and rollups, then the new as-of and data version: one change that readers see whole. */
  private moveWhole(plan: Plan, first: { validated: boolean; lap: (phase: string) => void } | null = null): Promise<void> {
    return this.engine.exclusive(async () => {
      await this.movePlan(plan, first);
      await this.dataset.recordLoad(plan.asOf);
    });
  }

  /**
   * Runs the swaps of a plan. Safe to repeat (see the header). `validated`: the first run,
   * right after the checks under the import lock (no staged subscriber is loaded yet).
   */
  private async movePlan(plan: Plan, first: { validated: boolean; lap: (phase: string) => void } | null = null): Promise<void> {
    for (const step of plan.steps) await this.moveStep(step, first?.validated ?? false);
    first?.lap('move');
    // partition moves fire no materialized view: each rollup is rebuilt for the months moved,
    // unless the plan moves the rollup's months itself (stageRollupRows: contacts, and usage whose
    // months held none of its subscribers)
    for (const step of plan.steps) {
      const cube = rollupCubeOfTable(step.table);
      const moved = cube && model.cube(cube).rollups!.every((r) => plan.steps.some((x) => x.table === r.table));
      if (cube && !moved) await rebuildRollup(this.engine, cube, step.partitions);
    }
    first?.lap('rollup');
  }

  private async moveStep(step: PlanStep, validated: boolean): Promise<void> {
    const target = this.engine.t(step.table);
    if (step.kind === 'replace') {
      for (const p of step.partitions) await this.engine.command(`ALTER TABLE ${target} REPLACE PARTITION ID {p:String} FROM ${step.from}`, { p });
      return;
    }
    if (step.kind === 'add-sets') {
      // the staged parts themselves, hard-linked in (an INSERT … SELECT re-sorted and rewrote
      // them: about 0.9 s per million contacts); a plan recorded without its blocks copies
      for (const p of step.partitions) await this.engine.command(`ALTER TABLE ${target} ATTACH PARTITION ID {p:String} FROM ${step.from}`, { p });
      if (!step.partitions.length) await this.engine.command(`INSERT INTO ${target} SELECT * FROM ${step.from}`);
      return;
    }
    // the checks just found none of the staged subscribers loaded, and nothing else adds
    // subscribers meanwhile (imports hold the lock): attach at once
    if (validated) {
      await this.engine.command(`ALTER TABLE ${target} ATTACH PARTITION tuple() FROM ${step.from}`);
      return;
    }
    const [{ staged, present }] = await this.engine.query<{ staged: number; present: number }>(
      `SELECT (SELECT count() FROM ${step.from}) AS staged, (SELECT count() FROM ${target} WHERE sub_id IN (SELECT sub_id FROM ${step.from})) AS present`);
    if (Number(present) === 0) {
      await this.engine.command(`ALTER TABLE ${target} ATTACH PARTITION tuple() FROM ${step.from}`);
    } else if (Number(present) < Number(staged)) {
      // only after a crash between the parts of one attach: add the rest
      await this.engine.command(`INSERT INTO ${target} SELECT * FROM ${step.from} WHERE sub_id NOT IN (SELECT sub_id FROM ${target})`);
    }
  }

  /**
   * Finishes the moves a crash or an engine failure interrupted (roll forward from their
   * staging databases). At start-up also drops staging left by uploads that never got to
   * move and clears the spool.
   */
  private async recover(atStart: boolean): Promise<void> {
    const pending = await this.jobs.interrupted();
    for (const j of pending) {
      const [{ ok }] = await this.engine.query<{ ok: number }>(`SELECT count() AS ok FROM system.databases WHERE name = {db:String}`, { db: j.plan.db });
      if (!Number(ok)) {
        this.log.error({ job: j.id }, 'import staging is gone; the interrupted move cannot be finished');
        continue;
      }
      this.log.warn({ job: j.id, steps: j.plan.steps.length }, 'finishing an interrupted import move');
      await this.moveWhole(j.plan);
      const result = JSON.parse(j.result) as Outcome;
      await this.jobs.markRecovered(j.id, JSON.stringify({ ...result, body: { ...result.body, dataVersion: this.dataset.version, recovered: true } }));
      await this.refreshSurvivalCounts(j.plan);
    }
    if (!atStart) return;
    const keep = new Set(pending.map((j) => j.plan.db));
    const stale = await this.engine.query<{ name: string }>(`SELECT name FROM system.databases WHERE startsWith(name, {prefix:String})`, { prefix: `${this.engine.db}_import_` });
    for (const { name } of stale) if (!keep.has(name) && /^[A-Za-z0-9_]+$/.test(name)) await this.engine.command(`DROP DATABASE IF EXISTS ${name}`);
    fs.rmSync(this.opts.spoolDir, { recursive: true, force: true });
  }

  private async slices(first: number, last: number, fn: (lo: number, hi: number) => Promise<void>): Promise<void> {
    for (let lo = first; lo <= last; lo += this.slice) await fn(lo, Math.min(last, lo + this.slice - 1));
  }

  /** One import validates and moves at a time; uploads themselves stream in parallel. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => {});
    return run;
  }
}

function headerProblems(table: ImportTable, names: string[]): RowError[] {
  const spec = TABLES[table];
  const known = new Set(spec.columns.map((c) => c.id));
  const out: RowError[] = [];
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (!n) out.push({ row: 1, column: null, message: `column ${i + 1} of the header has no name` });
    else if (seen.has(n)) out.push({ row: 1, column: n, message: 'appears twice in the header' });
    else if (!known.has(n)) out.push({ row: 1, column: n, message: `is not a column of ${table}; the columns are ${spec.columns.map((c) => c.id).join(', ')}` });
    seen.add(n);
  });
  for (const c of spec.columns) if (c.required && !seen.has(c.id)) out.push({ row: 1, column: c.id, message: 'is required but missing from the header' });
  return out;
}

const headerMessage = (n: number) => `The header row has ${n} problem${n === 1 ? '' : 's'}; nothing was loaded.`;
