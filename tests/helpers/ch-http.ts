/**
 * TEST STAND-IN for a ClickHouse server's HTTP front — a real ClickHouse engine behind it.
 *
 * There is no ClickHouse server on the test machines (no network beyond the npm and Debian
 * registries; Debian's clickhouse-server is 2018's v18), yet server mode (`CLICKHOUSE_URL`)
 * has to be tested: an engine that goes away and comes back, the `input()` import path,
 * `readonly = 2` on query paths. This file serves the part of ClickHouse's HTTP interface
 * that `@clickhouse/client` (the version in node_modules) uses, and runs every statement on
 * chDB — the same ClickHouse (26.x) the embedded mode runs, on its own data directory, in
 * its own process, so a test can `kill -9` it and start it again on the same store.
 *
 *   node --import tsx tests/helpers/ch-http.ts --port 8123 --path /tmp/store [--host 127.0.0.1]
 *        [--user default] [--password ''] [--verbose]
 *
 * and from a test: `startChHttp({ port, dataDir })` → `{ url, query, stop, kill, … }`.
 *
 * What it does as ClickHouse's HTTPHandler does (src/Server/HTTPHandler.cpp):
 * - `GET /ping` and `GET /` answer `Ok.`; queries are `POST /` (or `GET /?query=`, which is
 *   then `readonly = 2` like an idempotent HTTP method on a server).
 * - The statement is `?query=` followed by a newline and the body, or the body alone; the
 *   data of `INSERT … FORMAT X` follows the statement. One statement per request
 *   (multi-statements are refused, as a server does).
 * - URL parameters: `query_id`, `database` (or `X-ClickHouse-Database`: must exist, else
 *   UNKNOWN_DATABASE like a server), `default_format` (or `X-ClickHouse-Format`),
 *   `param_<name>` (bound by the engine as `{name:Type}`, the values passed verbatim in the
 *   server's escaped text form), the reserved names a server skips, and every other name a
 *   setting applied to this query only (`readonly` last, as the server checks constraints
 *   against the profile, not against the batch). Settings that exist only in a server's HTTP
 *   layer (`wait_end_of_query`, `send_progress_in_http_headers`, …; chDB would refuse them) are
 *   dropped, except `enable_http_compression`, honoured with gzip/deflate/br.
 * - Credentials: Basic auth, `X-ClickHouse-User`/`X-ClickHouse-Key`, or `user`/`password`
 *   parameters; only the configured user (default `default` with an empty password).
 * - Answers carry `X-ClickHouse-Query-Id`, `X-ClickHouse-Format`, `X-ClickHouse-Timezone`,
 *   `X-ClickHouse-Summary` (rows and bytes read, elapsed); errors are
 *   `Code: N. DB::Exception: … (NAME) (version …)` with `X-ClickHouse-Exception-Code: N` and the
 *   status a server gives that code (exceptionCodeToHTTPStatus.cpp: 400, 403, 404, 408, …, 500),
 *   so `@clickhouse/client` raises the same ClickHouseError {code, type} as against a server.
 *
 * How it runs a statement on chDB (read node_modules/chdb/dist/connection/chdb-connection.js,
 * the `chdb/connection` the embedded mode plugs into @clickhouse/client, for the same mapping):
 * - A fresh chDB `Session` (native connection) per request on the one data directory, so the
 *   request's settings live and die with it, as per-query settings do on a server (a chDB
 *   session keeps every `SET`, and `readonly` can never be lowered again in it). A root
 *   session stays open for the life of the process.
 * - Settings and the database become `USE db; SET k = 'v'; …` before the statement, as
 *   `chdb/connection` does with `clickhouse_settings`; `default_format` becomes chDB's output
 *   format, which applies when the statement has no FORMAT clause (TabSeparated otherwise).
 * - Query parameters go to the native call chDB's `queryBindAsync` makes, but verbatim:
 *   `queryBindAsync` formats JS values itself, and these arrive already formatted by the
 *   client (what a server would parse). Parameterized statements run one at a time, as
 *   chdb-node serializes them (its note: parameter state is not isolated per connection).
 * - `INSERT … SELECT … FROM input('structure') … FORMAT X` + data: a server feeds the data
 *   that follows the statement to `input()`; chDB runs the statement and inserts nothing
 *   (measured with chdb 3.4: no error, no rows). So the data is written to a temporary file
 *   and `input(args)` becomes `file('<tmp>', 'X', args)` for that one statement. Other
 *   inserts with inline data (`INSERT INTO t FORMAT X\n…`) go to chDB as they are.
 *
 * Not served (a server would): sessions (`session_id`), multipart bodies (external tables,
 * `use_multipart_params`), the native `compress`/`decompress` framing, progress headers,
 * KILL QUERY by `query_id` (chDB has no server-side query id: the id is echoed, not
 * registered), cancellation of a running statement when the client goes away (chDB cannot
 * interrupt a single-shot query), streaming (the result is materialized, then sent).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

// ── the server ─────────────────────────────────────────────────────────────────────────

export interface ChHttpOptions {
  port: number;
  host?: string;
  /** chDB data directory (created if missing) */
  path: string;
  user?: string;
  password?: string;
  /** one line per request on stderr */
  verbose?: boolean;
}

interface RawResult { bytes: Uint8Array; elapsed: number; rowsRead: number; bytesRead: number }
interface ChdbSession { connection: unknown; queryAsync(sql: string, opts?: { format?: string }): Promise<{ bytes(): Uint8Array; elapsed: number; rowsRead: number; bytesRead: number }>; close(): void }
interface ChdbNative { QueryAsyncConnection(conn: unknown, sql: string, format: string, params?: Record<string, string>): Promise<RawResult> }

/** A ClickHouse exception as a server reports it. */
class ChError extends Error {
  constructor(readonly code: number, message: string, readonly errorName = '') { super(message); }
}

/** Names a server does not treat as settings (HTTPHandler.cpp `reserved_param_names`, plus `query`). */
const RESERVED = new Set(['compress', 'decompress', 'user', 'password', 'quota_key', 'query_id', 'stacktrace', 'role', 'buffer_size',
  'wait_end_of_query', 'session_id', 'session_timeout', 'session_check', 'client_protocol_version', 'close_session', 'database', 'default_format', 'query']);
/** Settings of a server's HTTP layer only; chDB refuses them (chdb-connection.js `HTTP_ONLY_SETTINGS`). */
const HTTP_ONLY = new Set(['wait_end_of_query', 'send_progress_in_http_headers', 'http_response_buffer_size', 'http_headers_progress_interval_ms',
  'http_send_progress_interval_ms', 'enable_http_compression', 'http_zlib_compression_level', 'http_response_compression_method',
  'http_native_compression_disable_checksumming_on_decompress', 'http_wait_end_of_query', 'cancel_http_readonly_queries_on_client_close',
  'http_write_exception_in_output_format', 'add_http_cors_header']);

/** Error names → HTTP status, as src/Server/HTTP/exceptionCodeToHTTPStatus.cpp maps them. */
const STATUS_BY_NAME: Record<number, string[]> = {
  401: ['REQUIRED_PASSWORD'],
  403: ['UNKNOWN_USER', 'WRONG_PASSWORD', 'AUTHENTICATION_FAILED', 'SET_NON_GRANTED_ROLE', 'ACCESS_DENIED'],
  400: ['BAD_ARGUMENTS', 'CANNOT_COMPILE_REGEXP', 'CANNOT_PARSE_TEXT', 'CANNOT_PARSE_ESCAPE_SEQUENCE', 'CANNOT_PARSE_QUOTED_STRING',
    'CANNOT_PARSE_DATE', 'CANNOT_PARSE_DATETIME', 'CANNOT_PARSE_NUMBER', 'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING', 'CANNOT_PARSE_IPV4',
    'CANNOT_PARSE_IPV6', 'CANNOT_PARSE_INPUT_ASSERTION_FAILED', 'CANNOT_PARSE_UUID', 'DUPLICATE_COLUMN', 'ILLEGAL_COLUMN',
    'UNKNOWN_ELEMENT_IN_AST', 'UNKNOWN_TYPE_OF_AST_NODE', 'THERE_IS_NO_COLUMN', 'TOO_DEEP_AST', 'TOO_BIG_AST', 'UNEXPECTED_AST_STRUCTURE',
    'SYNTAX_ERROR', 'INCORRECT_DATA', 'TYPE_MISMATCH', 'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE'],
  404: ['UNKNOWN_TABLE', 'UNKNOWN_FUNCTION', 'UNKNOWN_IDENTIFIER', 'UNKNOWN_TYPE', 'UNKNOWN_STORAGE', 'UNKNOWN_DATABASE', 'UNKNOWN_SETTING',
    'UNKNOWN_DIRECTION_OF_SORTING', 'UNKNOWN_AGGREGATE_FUNCTION', 'UNKNOWN_FORMAT', 'UNKNOWN_DATABASE_ENGINE', 'UNKNOWN_TYPE_OF_QUERY', 'UNKNOWN_ROLE'],
  413: ['QUERY_IS_TOO_LARGE'],
  501: ['NOT_IMPLEMENTED'],
  503: ['SOCKET_TIMEOUT', 'CANNOT_OPEN_FILE', 'CANNOT_SCHEDULE_TASK'],
  411: ['HTTP_LENGTH_REQUIRED'],
  408: ['TIMEOUT_EXCEEDED'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
};

const CONTENT_TYPES: Record<string, string> = {
  tabseparated: 'text/tab-separated-values; charset=UTF-8', tsv: 'text/tab-separated-values; charset=UTF-8',
  csv: 'text/csv; charset=UTF-8; header=absent', csvwithnames: 'text/csv; charset=UTF-8; header=present',
  json: 'application/json; charset=UTF-8', jsoncompact: 'application/json; charset=UTF-8',
  jsoneachrow: 'application/x-ndjson; charset=UTF-8', jsoncompacteachrow: 'application/x-ndjson; charset=UTF-8',
};

/** What the front needs to know of one statement's text, found the way ClickHouse's lexer reads it. */
interface Scan {
  /** first keyword, upper case */
  kind: string;
  /** top-level `FORMAT <name>`: where the keyword starts, the name, where inline data starts */
  format?: { at: number; name: string; dataAt: number };
  /** `input(` calls: index of the word and of its `(`, and whether the argument list is empty */
  inputs: { at: number; paren: number; empty: boolean }[];
  /** a second statement after a top-level `;` */
  multi: boolean;
}

const isWordStart = (c: string) => /[A-Za-z_]/.test(c);
const isWord = (c: string) => /[A-Za-z0-9_$]/.test(c);

/** Lexes `text` up to the data of an INSERT: quotes, comments, words, parentheses, `;`. */
export function scanStatement(text: string, formats: Set<string>): Scan {
  const out: Scan = { kind: '', inputs: [], multi: false };
  let i = 0;
  let depth = 0;
  let ended = false; // after a top-level ';'
  const n = text.length;
  const skipSpace = (j: number) => { while (j < n && /\s/.test(text[j])) j++; return j; };
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && text[i + 1] === '-') { while (i < n && text[i] !== '\n') i++; continue; }
    if (c === '#' && (text[i + 1] === ' ' || text[i + 1] === '!')) { while (i < n && text[i] !== '\n') i++; continue; }
    if (c === '/' && text[i + 1] === '*') {
      let nest = 1; i += 2;
      while (i < n && nest) {
        if (text[i] === '/' && text[i + 1] === '*') { nest++; i += 2; } else if (text[i] === '*' && text[i + 1] === '/') { nest--; i += 2; } else i++;
      }
      continue;
    }
    if (ended) { out.multi = true; return out; }
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n) {
        if (text[i] === '\\') { i += 2; continue; }
        if (text[i] === c) { if (text[i + 1] === c) { i += 2; continue; } i++; break; }
        i++;
      }
      continue;
    }
    if (c === '(' || c === '[') { depth++; i++; continue; }
    if (c === ')' || c === ']') { depth--; i++; continue; }
    if (c === ';' && depth === 0) { ended = true; i++; continue; }
    if (isWordStart(c)) {
      const start = i;
      while (i < n && isWord(text[i])) i++;
      const word = text.slice(start, i);
      const upper = word.toUpperCase();
      if (!out.kind) out.kind = upper;
      if (upper === 'INPUT') {
        const p = skipSpace(i);
        if (text[p] === '(') out.inputs.push({ at: start, paren: p, empty: text[skipSpace(p + 1)] === ')' });
      } else if (upper === 'FORMAT' && depth === 0 && out.kind !== 'SET') {
        const s = skipSpace(i);
        let e = s;
        while (e < n && isWord(text[e])) e++;
        const name = text.slice(s, e);
        if (name && formats.has(name.toLowerCase())) {
          // ParserInsertQuery: the data starts after blanks and at most one line break
          let d = e;
          while (d < n && (text[d] === ' ' || text[d] === '\t' || text[d] === '\f')) d++;
          if (text[d] === '\r') d++;
          if (text[d] === '\n') d++;
          out.format = { at: start, name, dataAt: d };
          if (out.kind === 'INSERT') return out; // what follows is data
          i = e;
        }
      }
      continue;
    }
    i++;
  }
  return out;
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export async function serveChHttp(opts: ChHttpOptions): Promise<{ server: http.Server; port: number; close(): Promise<void> }> {
  const require = createRequire(import.meta.url);
  const chdb = require('chdb') as { Session: new (path: string) => ChdbSession };
  // the native addon chdb's own Session methods call (not in chdb's exports map: by file)
  const native = require(path.join(path.dirname(require.resolve('chdb')), 'dist', 'loader.js')).loadNative() as ChdbNative;
  fs.mkdirSync(opts.path, { recursive: true });
  const root = new chdb.Session(opts.path); // holds the engine for the life of the process
  const meta = async (sql: string) => Buffer.from((await root.queryAsync(sql, { format: 'TabSeparated' })).bytes()).toString('utf8').trim();
  const version = await meta('SELECT version()');
  const timezone = await meta('SELECT timezone()');
  const formats = new Set((await meta('SELECT lower(name) FROM system.formats')).split('\n'));
  const codeToName = new Map<number, string>();
  for (const line of (await meta("SELECT number, errorCodeToName(number) AS n FROM numbers(2000) WHERE n != ''")).split('\n')) {
    const [code, name] = line.split('\t');
    codeToName.set(Number(code), name);
  }
  const statusOf = (name: string) => Number(Object.entries(STATUS_BY_NAME).find(([, names]) => names.includes(name))?.[0] ?? 500);
  const user = opts.user ?? 'default';
  const password = opts.password ?? '';
  // data for input() (see the header), where a server keeps files it reads: user_files of the
  // store; a front killed with -9 leaves its files there, cleared on the next start
  const scratch = path.join(opts.path, 'user_files', 'ch-http-input');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  let paramChain: Promise<unknown> = Promise.resolve();

  async function execute(sql: string, format: string, params: Record<string, string>): Promise<RawResult> {
    const session = new chdb.Session(opts.path);
    try {
      if (Object.keys(params).length === 0) {
        const r = await session.queryAsync(sql, { format });
        return { bytes: r.bytes(), elapsed: r.elapsed, rowsRead: r.rowsRead, bytesRead: r.bytesRead };
      }
      const run = paramChain.then(() => native.QueryAsyncConnection(session.connection, sql, format, params));
      paramChain = run.catch(() => {});
      return await run;
    } finally {
      session.close();
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://front');
    const method = req.method ?? 'GET';
    const t0 = process.hrtime.bigint();
    const queryId = url.searchParams.get('query_id') || String(req.headers['x-clickhouse-query-id'] ?? '') || randomUUID();
    res.setHeader('X-ClickHouse-Server-Display-Name', 'ch-http');
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.statusCode = status;
      res.end(method === 'HEAD' ? undefined : body);
    };
    if ((url.pathname === '/ping' || (url.pathname === '/' && !url.searchParams.has('query'))) && (method === 'GET' || method === 'HEAD')) {
      send(200, 'Ok.\n', { 'Content-Type': 'text/html; charset=UTF-8' });
      return;
    }
    const fail = (e: unknown) => {
      const err = e instanceof ChError ? e : new ChError(0, String((e as Error)?.message ?? e));
      let message = err.message;
      let code = err.code;
      const m = /^Code: (\d+)\. /.exec(message);
      if (m) code = Number(m[1]);
      else {
        if (!code) code = 1001; // STD_EXCEPTION
        message = `Code: ${code}. DB::Exception: ${message.replace(/\.$/, '')}. (${err.errorName || codeToName.get(code) || 'STD_EXCEPTION'})`;
      }
      const name = /\(([A-Z][A-Z0-9_]+)\)\s*$/.exec(message)?.[1] ?? codeToName.get(code) ?? '';
      if (opts.verbose) process.stderr.write(`ch-http ${queryId} ! ${message.slice(0, 300)}\n`);
      send(statusOf(name), `${message} (version ${version})\n`, {
        'Content-Type': 'text/plain; charset=UTF-8',
        'X-ClickHouse-Exception-Code': String(code),
        'X-ClickHouse-Query-Id': queryId,
      });
    };
    try {
      if (url.pathname !== '/') {
        send(404, `There is no handle ${url.pathname}\n\nUse / or /ping for health checks.\nSend queries from your program with POST method or GET /?query=...\n`, { 'Content-Type': 'text/plain; charset=UTF-8' });
        return;
      }
      if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') throw new ChError(1001, `HTTP method ${method} is not supported`, 'STD_EXCEPTION');
      // credentials
      let u = String(req.headers['x-clickhouse-user'] ?? url.searchParams.get('user') ?? '');
      let p = String(req.headers['x-clickhouse-key'] ?? url.searchParams.get('password') ?? '');
      const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
      if (basic) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        u = decoded.slice(0, decoded.indexOf(':') < 0 ? undefined : decoded.indexOf(':'));
        p = decoded.indexOf(':') < 0 ? '' : decoded.slice(decoded.indexOf(':') + 1);
      }
      if ((u || 'default') !== user || p !== password) {
        throw new ChError(516, `${u || 'default'}: Authentication failed: password is incorrect, or there is no user with such name.`, 'AUTHENTICATION_FAILED');
      }
      if (url.searchParams.has('session_id')) throw new ChError(48, 'HTTP sessions (session_id) are not served by this test front', 'NOT_IMPLEMENTED');
      if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) throw new ChError(48, 'multipart bodies (external data, multipart query parameters) are not served by this test front', 'NOT_IMPLEMENTED');
      if (url.searchParams.get('compress') === '1' || url.searchParams.get('decompress') === '1') throw new ChError(48, 'the native compress/decompress framing is not served by this test front', 'NOT_IMPLEMENTED');
      // the statement: ?query= + "\n" + body, or the body alone
      let body = Buffer.alloc(0);
      if (method === 'POST') {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        body = Buffer.concat(chunks);
        const enc = String(req.headers['content-encoding'] ?? '').toLowerCase();
        if (enc === 'gzip') body = zlib.gunzipSync(body);
        else if (enc === 'deflate') body = zlib.inflateSync(body);
        else if (enc === 'br') body = zlib.brotliDecompressSync(body);
        else if (enc && enc !== 'identity') throw new ChError(48, `Content-Encoding ${enc} is not served by this test front`, 'NOT_IMPLEMENTED');
      }
      const urlQuery = url.searchParams.get('query') ?? '';
      const text = urlQuery ? `${urlQuery}\n${body.toString('utf8')}` : body.toString('utf8');
      if (!text.trim()) throw new ChError(62, 'Empty query', 'SYNTAX_ERROR');
      // parameters, database, format, settings
      const params: Record<string, string> = {};
      const settings: [string, string][] = [];
      let readonly: string | null = null;
      let compression = false;
      for (const [k, v] of url.searchParams) {
        if (k.startsWith('param_')) { params[k.slice(6)] = v; continue; }
        if (!k || RESERVED.has(k)) continue;
        if (k === 'enable_http_compression') { compression = v === '1' || v === 'true'; continue; }
        if (HTTP_ONLY.has(k)) continue;
        if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(k)) throw new ChError(115, `Unknown setting '${k}'`, 'UNKNOWN_SETTING');
        if (k === 'readonly') { readonly = v; continue; }
        settings.push([k, v]);
      }
      // setReadOnlyIfHTTPMethodIdempotent: anything but POST runs read-only
      if (method !== 'POST' && (readonly === null || readonly === '0')) readonly = '2';
      if (readonly !== null) settings.push(['readonly', readonly]);
      const database = String(req.headers['x-clickhouse-database'] ?? url.searchParams.get('database') ?? '');
      const defaultFormat = String(req.headers['x-clickhouse-format'] ?? url.searchParams.get('default_format') ?? '') || 'TabSeparated';

      const scan = scanStatement(text, formats);
      if (scan.multi) throw new ChError(62, 'Syntax error (Multi-statements are not allowed)', 'SYNTAX_ERROR');
      let statement = text;
      let inputFile = '';
      if (scan.kind === 'INSERT' && scan.inputs.length && scan.format) {
        // input(): the data after the statement, read by file() (see the header)
        inputFile = path.join(scratch, `${randomUUID()}.data`);
        fs.writeFileSync(inputFile, text.slice(scan.format.dataAt));
        let head = text.slice(0, scan.format.at);
        for (const call of [...scan.inputs].reverse()) {
          const replacement = `file(${quote(inputFile)}, ${quote(scan.format.name)}${call.empty ? '' : ', '}`;
          head = head.slice(0, call.at) + replacement + head.slice(call.paren + 1);
        }
        statement = head;
      }
      const prefix = [
        ...(database ? [`USE \`${database.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``] : []),
        ...settings.map(([k, v]) => `SET ${k} = ${quote(v)}`),
      ];
      const sql = prefix.length ? `${prefix.join('; ')}; ${statement}` : statement;
      const format = scan.kind === 'INSERT' ? defaultFormat : (scan.format?.name ?? defaultFormat);
      let result: RawResult;
      try {
        result = await execute(sql, defaultFormat, params);
      } finally {
        if (inputFile) fs.rmSync(inputFile, { force: true });
      }
      let out = Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
      const written = scan.kind === 'INSERT' ? result.rowsRead : 0;
      const summary = {
        read_rows: String(result.rowsRead), read_bytes: String(result.bytesRead),
        written_rows: String(written), written_bytes: String(written ? result.bytesRead : 0),
        total_rows_to_read: '0', result_rows: String(scan.kind === 'INSERT' ? 0 : result.rowsRead),
        result_bytes: String(out.length), elapsed_ns: String(process.hrtime.bigint() - t0),
      };
      const headers: Record<string, string> = {
        'Content-Type': CONTENT_TYPES[format.toLowerCase()] ?? 'text/plain; charset=UTF-8',
        'X-ClickHouse-Query-Id': queryId,
        'X-ClickHouse-Format': format,
        'X-ClickHouse-Timezone': timezone,
        'X-ClickHouse-Summary': JSON.stringify(summary),
      };
      const accept = String(req.headers['accept-encoding'] ?? '');
      if (compression && out.length) {
        if (/\bgzip\b/.test(accept)) { out = zlib.gzipSync(out); headers['Content-Encoding'] = 'gzip'; }
        else if (/\bbr\b/.test(accept)) { out = zlib.brotliCompressSync(out); headers['Content-Encoding'] = 'br'; }
        else if (/\bdeflate\b/.test(accept)) { out = zlib.deflateSync(out); headers['Content-Encoding'] = 'deflate'; }
      }
      if (opts.verbose) process.stderr.write(`ch-http ${queryId} ${Number(process.hrtime.bigint() - t0) / 1e6} ms ${statement.slice(0, 120).replace(/\s+/g, ' ')}\n`);
      send(200, out, headers);
    } catch (e) {
      fail(e);
    }
  }

  // a server takes URIs up to http_max_uri_size (1 MiB), query parameters included; Node's default is 16 KB
  const server = http.createServer({ maxHeaderSize: 1024 * 1024 + 64 * 1024 }, (req, res) => { handle(req, res).catch((e) => { if (!res.headersSent) { res.statusCode = 500; res.end(String(e)); } }); });
  server.keepAliveTimeout = 10_000; // a server's keep_alive_timeout: "Keep-Alive: timeout=10"
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    server, port,
    async close() {
      await new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); });
      root.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

// ── the process, from tests ────────────────────────────────────────────────────────────

export interface ChHttp {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  output(): string;
  /** SQL straight to the front (not through the product): rows of JSONEachRow */
  query<T = Record<string, unknown>>(sql: string, params?: Record<string, string | number>): Promise<T[]>;
  /** SIGTERM, and wait for the exit */
  stop(): Promise<void>;
  /** SIGKILL (kill -9), and wait for the exit */
  kill(): Promise<void>;
}

const SELF = import.meta.filename;

/** Spawns `node --import tsx tests/helpers/ch-http.ts --port P --path DIR` and waits for `/ping`. */
export async function startChHttp(opts: { port: number; dataDir: string; timeoutMs?: number; verbose?: boolean }): Promise<ChHttp> {
  const args = ['--import', 'tsx', SELF, '--port', String(opts.port), '--path', opts.dataDir, ...(opts.verbose ? ['--verbose'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`ch-http exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/ping`);
      if (r.ok && output.includes('ch-http: listening')) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ch-http not up in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url, port: opts.port, pid: child.pid!, dataDir: opts.dataDir, output: () => output,
    async query<T>(sql: string, params: Record<string, string | number> = {}) {
      const search = new URLSearchParams({ default_format: 'JSONEachRow' });
      for (const [k, v] of Object.entries(params)) search.set(`param_${k}`, String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
      const r = await fetch(`${url}/?${search}`, { method: 'POST', body: sql });
      const text = await r.text();
      if (!r.ok) throw new Error(`ch-http ${r.status}: ${text}`);
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

// ── command line ───────────────────────────────────────────────────────────────────────

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const dir = arg('path');
  if (!dir) {
    console.error('usage: node --import tsx tests/helpers/ch-http.ts --port P --path DIR [--host H] [--user U] [--password P] [--verbose]');
    process.exit(2);
  }
  const opts: ChHttpOptions = {
    port: Number(arg('port') ?? 8123), host: arg('host'), path: path.resolve(dir),
    user: arg('user'), password: arg('password'), verbose: process.argv.includes('--verbose'),
  };
  serveChHttp(opts).then((s) => {
    console.log(`ch-http: listening on http://${opts.host ?? '127.0.0.1'}:${s.port} (ClickHouse HTTP interface, chDB store ${opts.path})`);
    const stop = () => { s.close().finally(() => process.exit(0)); };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  }, (e) => {
    console.error(`ch-http: ${(e as Error).message}`);
    process.exit(1);
  });
}
