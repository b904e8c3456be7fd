/**
 * ClickHouse access: one @clickhouse/client, on the embedded chDB engine (default) or a
 * ClickHouse server (CLICKHOUSE_URL). One method per intent; every value is a bound
 * `{name:Type}` parameter; every engine error leaves as an AppError with a code.
 *
 * chDB quirk (chdb 3.4 `chdb/connection`): `clickhouse_settings` of one call persist in
 * the in-process session, and the client's `database` option is ignored. So table names
 * are always qualified (`t()`), every call sends the complete settings it relies on, and
 * `readonly` is only sent to a server (once set in the embedded session it cannot be
 * lifted); query paths are SELECT-only by construction (`assertSelect`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { EngineConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { mapEngineError } from './errors.ts';
import { Limiter } from './limiter.ts';

export type Params = Record<string, unknown>;
export interface RunOptions {
  queryId?: string;
  signal?: AbortSignal;
  /** Extra settings for this call (never `readonly`: see the header). */
  settings?: ClickHouseSettings;
}

export class Engine {
  readonly mode: 'embedded' | 'server';
  readonly db: string;
  readonly cluster: string;
  private readonly limiter: Limiter;
  /** statements sent and not yet answered (their start and first words); `drain` waits for none */
  private readonly inFlight = new Set<{ sql: string; since: number }>();
  private readonly onIdle: (() => void)[] = [];
  private draining = false;
  /** the change running as one (`exclusive`): its token marks its own statements; `done` when it ends */
  private writer: { token: object; done: Promise<void> } | null = null;
  private readonly section = new AsyncLocalStorage<object>();
  private constructor(
    private readonly client: ClickHouseClient,
    private readonly config: EngineConfig,
  ) {
    this.mode = config.url ? 'server' : 'embedded';
    this.db = config.database;
    this.cluster = config.cluster;
    this.limiter = new Limiter(config.maxConcurrentQueries, config.maxQueuedQueries);
  }

  static async open(config: EngineConfig): Promise<Engine> {
    let client: ClickHouseClient;
    if (config.url) {
      client = createClient({
        url: config.url,
        username: config.user,
        password: config.password,
        // no `database`: a server refuses every request naming a database that does not
        // exist yet (UNKNOWN_DATABASE), the migration's CREATE DATABASE included; names are
        // qualified anyway (`t()`)
        request_timeout: (config.maxExecutionSeconds + 5) * 1000,
        // failures are mapped (errors.ts) and logged once, through pino, by whoever handles them
        log: { level: ClickHouseLogLevel.OFF },
      });
    } else {
      fs.mkdirSync(config.dataDir, { recursive: true });
      // Loaded lazily so a server-mode deployment never maps the 500 MB engine library.
      const { createChdbConnection } = await import('chdb/connection');
      // chdb types the Connection against its own @clickhouse/client-common copy: same
      // interface, distinct declarations, hence the cast.
      client = createClient({ connection: createChdbConnection({ path: config.dataDir }) as never });
      // once: the session keeps these (settings(), header)
      await client.command({ query: 'SELECT 1', clickhouse_settings: Engine.constantSettings(config) }).catch((e) => { throw mapEngineError(e); });
    }
    return new Engine(client, config);
  }

  /** Qualified table name. */
  t(table: string): string {
    return `${this.db}.${table}`;
  }

  /** Settings every statement relies on, read or write. */
  private static constantSettings(c: EngineConfig): ClickHouseSettings {
    return {
      timeout_overflow_mode: 'throw',
      max_memory_usage: String(c.maxMemoryBytes),
      result_overflow_mode: 'throw',
      join_use_nulls: 1,
      // output aliases such as `formatDateTime(month, '%Y-%m') AS month` must not shadow the
      // column in WHERE / aggregates (ClickHouse resolves aliases first by default)
      prefer_column_name_to_alias: 1,
      // divisions by zero give NULL via nullIf in the model; keep float semantics explicit
      output_format_json_quote_64bit_integers: 0,
      output_format_json_quote_decimals: 0,
      date_time_output_format: 'iso',
      // tables are partitioned by month, and an import may rightly span decades of them
      max_partitions_per_insert_block: '0',
    };
  }

  /**
   * The settings of one call. A server gets them all with every request. The embedded
   * session keeps what it is sent (header), and each SET costs it about 0.15 ms of parsing,
   * so it got the constant ones once at open and is sent only what differs between reads
   * and writes; no call may change a constant one.
   */
  private settings(readOnly: boolean, extra?: ClickHouseSettings): ClickHouseSettings {
    const c = this.config;
    const s: ClickHouseSettings = {
      ...(this.mode === 'server' ? Engine.constantSettings(c) : {}),
      max_execution_time: readOnly ? c.maxExecutionSeconds : 0,
      max_result_rows: String(readOnly ? c.maxResultRows : 0),
    };
    if (readOnly && this.mode === 'server') {
      s.readonly = '2';
      // the client aborts the HTTP request when the viewer goes away; the server then
      // cancels the read (embedded chDB cannot interrupt a running statement: README)
      s.cancel_http_readonly_queries_on_client_close = 1;
    }
    if (extra) {
      const constant = Engine.constantSettings(c);
      const clash = Object.keys(extra).filter((k) => k in constant || (k === 'readonly' && this.mode === 'embedded'));
      if (clash.length) throw new Error(`per-call settings may not change ${clash.join(', ')} (engine.ts)`);
    }
    return { ...s, ...extra };
  }

  /** A read: SELECT only, limits applied, rows as objects. */
  async query<T = Record<string, unknown>>(sql: string, params: Params = {}, opts: RunOptions = {}): Promise<T[]> {
    assertSelect(sql);
    await this.admitted();
    return this.limiter.run(() => this.tracked(sql, () => this.select<T>(sql, params, opts)));
  }

  /**
   * Runs `fn` as one change that readers see whole (an import's partition swaps, rollups and
   * data version): statements sent from outside it wait until it has ended — before the
   * limiter, so a wait holds no slot — and its own statements run. A statement already running
   * finishes on the parts it started with (ClickHouse reads a snapshot of them). Sections run
   * one after another; one inside another is part of it.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.writer && this.section.getStore() === this.writer.token) return fn();
    while (this.writer) await this.writer.done;
    const token = {};
    let release!: () => void;
    this.writer = { token, done: new Promise<void>((r) => { release = r; }) };
    try {
      return await this.section.run(token, fn);
    } finally {
      this.writer = null;
      release();
    }
  }

  /** Waits while a change runs (`exclusive`) that this statement is not part of. */
  private async admitted(): Promise<void> {
    while (this.writer && this.section.getStore() !== this.writer.token) await this.writer.done;
  }

  /** Counts the statement in flight; none is sent once `drain` has begun. */
  private async tracked<T>(sql: string, run: () => Promise<T>): Promise<T> {
    if (this.draining) throw new AppError('DATABASE_UNAVAILABLE', 'The server is shutting down; try again once it is back.');
    const entry = { sql, since: Date.now() };
    this.inFlight.add(entry);
    try {
      return await run();
    } finally {
      this.inFlight.delete(entry);
      if (this.inFlight.size === 0) for (const f of this.onIdle.splice(0)) f();
    }
  }

  /** The statements in flight: how long each has run and how it begins (for the log). */
  running(): { seconds: number; sql: string }[] {
    return [...this.inFlight].map((e) => ({ seconds: (Date.now() - e.since) / 1000, sql: e.sql.replace(/\s+/g, ' ').trim().slice(0, 160) }));
  }

  /**
   * For a stop: sends no more statements (they fail with DATABASE_UNAVAILABLE) and resolves
   * true once those in flight have been answered, or false if one still runs after `ms`.
   * Embedded chDB cannot interrupt a statement, and a process cannot exit while one runs
   * (its teardown waits for it): server/shutdown.ts decides what to do then.
   */
  async drain(ms: number): Promise<boolean> {
    this.draining = true;
    if (this.inFlight.size === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(0, ms));
      this.onIdle.push(() => { clearTimeout(timer); resolve(true); });
    });
  }

  private async select<T>(sql: string, params: Params, opts: RunOptions): Promise<T[]> {
    if (this.mode !== 'server') return this.selectOnce<T>(sql, params, opts);
    return this.watched((stop) => this.selectOnce<T>(sql, params, { ...opts, signal: opts.signal ? AbortSignal.any([opts.signal, stop]) : stop }));
  }

  /**
   * A server that takes connections but has stopped answering must not hold a viewer for the
   * whole request timeout: a read still unanswered after WATCH_MS pings the server, and no
   * pong within PING_MS abandons the read with DATABASE_UNAVAILABLE (under 2 s in all). A
   * server that is merely busy answers /ping at once, and the read goes on. Server mode
   * only: embedded chDB runs one statement at a time, so a ping would wait behind the read.
   */
  private async watched<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const stop = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void this.ping(Engine.PING_MS, 'http').then((up) => {
          if (up || settled) return;
          stop.abort();
          reject(new AppError('DATABASE_UNAVAILABLE', 'The analytics engine stopped answering. It is retried automatically; try again shortly.'));
        });
      }, Engine.WATCH_MS);
    });
    try {
      return await Promise.race([run(stop.signal), watchdog]);
    } finally {
      settled = true;
      clearTimeout(timer);
    }
  }

  static readonly WATCH_MS = 700;
  static readonly PING_MS = 1000;

  private async selectOnce<T>(sql: string, params: Params, opts: RunOptions): Promise<T[]> {
    try {
      const rs = await this.client.query({
        query: sql,
        query_params: params,
        format: 'JSONEachRow',
        query_id: opts.queryId ?? randomUUID(),
        abort_signal: opts.signal,
        clickhouse_settings: this.settings(true, opts.settings),
      });
      return (await rs.json()) as T[];
    } catch (e) {
      throw mapEngineError(e);
    }
  }

  /** DDL and INSERT … SELECT: no result rows, no read limits. */
  async command(sql: string, params: Params = {}, opts: RunOptions = {}): Promise<void> {
    await this.admitted();
    await this.tracked(sql, () => this.commandOnce(sql, params, opts));
  }

  private async commandOnce(sql: string, params: Params, opts: RunOptions): Promise<void> {
    try {
      await this.client.command({
        query: sql,
        query_params: params,
        query_id: opts.queryId ?? randomUUID(),
        abort_signal: opts.signal,
        clickhouse_settings: this.settings(false, opts.settings),
      });
    } catch (e) {
      throw mapEngineError(e);
    }
  }

  /** Insert JS rows (small batches: saved views, assessments, synonyms). */
  async insert(table: string, rows: Record<string, unknown>[], opts: RunOptions = {}): Promise<void> {
    if (!rows.length) return;
    await this.admitted();
    await this.tracked(`INSERT INTO ${this.t(table)}`, async () => {
      try {
        await this.client.insert({
          table: this.t(table),
          values: rows,
          format: 'JSONEachRow',
          query_id: opts.queryId ?? randomUUID(),
          clickhouse_settings: this.settings(false, opts.settings),
        });
      } catch (e) {
        throw mapEngineError(e);
      }
    });
  }

  /**
   * Reachable within `timeoutMs`? Never throws. 'query' runs `SELECT 1` (the engine answers
   * queries); 'http' asks a server's `/ping` (its HTTP front answers, even when busy).
   */
  async ping(timeoutMs = 2000, how: 'query' | 'http' = 'query'): Promise<boolean> {
    if (this.draining) return false;
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    const ping = how === 'http'
      ? this.client.ping().then((r) => r.success, () => false)
      : this.tracked('SELECT 1', () => this.client
        .query({ query: 'SELECT 1', format: 'JSONEachRow', clickhouse_settings: this.settings(true) })
        .then((rs) => rs.json()))
        .then(() => true, () => false);
    return Promise.race([ping, timeout]);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Query paths issue SELECT (or WITH … SELECT) only; anything else is a programming error. */
export function assertSelect(sql: string): void {
  const head = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '').slice(0, 8).toUpperCase();
  if (!head.startsWith('SELECT') && !head.startsWith('WITH')) {
    throw new Error(`query() accepts SELECT statements only, got: ${sql.slice(0, 40)}`);
  }
}
