/**
 * From upload bytes to typed, checked rows. The upload is written to part files (8 MB,
 * then growing to PART_BYTES), each cut at a record boundary; every finished part is
 * parsed, typed and checked by the engine (sql.ts `checkSql`: one statement per part,
 * whose views also convert the rows for the target) while the next one arrives. At most
 * two parts wait; then reading the request pauses, and back-pressure reaches the client
 * through TCP. Node holds at most a megabyte of the upload (written to the part file a
 * megabyte at a time), never the file.
 *
 * Embedded engine: the engine reads the part file itself (`file()`: its parallel CSV
 * parser, `_row_number` for row numbers). Not an INSERT carrying the data: chdb 3.4's
 * `chdb/connection` buffers an insert body into one JS string and runs it as SQL text
 * (about 40k rows/s measured here, against about 800k rows/s parsed through `file()`).
 * Server engine: the server cannot see our disk, so each part is sent as the data of an
 * `INSERT … SELECT … FROM input() FORMAT CSV` with its row numbers prepended
 * (tests/integration/server-mode.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../engine/engine.ts';
import { bind, checkSql, type Layout } from './sql.ts';

export const PART_BYTES = 64 * 1024 * 1024;
/**
 * Parts grow 8 → 16 → 32 → 64 MB: the engine starts on the first one early, and each part
 * costs about 0.1 s besides its rows (planning the statement, a part written per table), so
 * fewer, larger parts are faster: 4 → 32 MB took about 0.5 s longer per million subscribers.
 * A 64 MB part is one statement of about 1.3 s, during which chDB answers nothing else.
 */
const FIRST_PART_BYTES = 8 * 1024 * 1024;
/** Spooled bytes are written a megabyte at a time (one writev for about 16 network chunks). */
const WRITE_BYTES = 1024 * 1024;

export interface Part {
  file: string;
  /** spreadsheet row of its first record */
  firstRow: number;
  /** rows it spans (trailing blank lines at the end of the file included) */
  rows: number;
}

/** Writes the data records of an upload to part files cut at record boundaries. */
export class Spool {
  private fd: fs.promises.FileHandle | null = null;
  private file = '';
  private size = 0;
  private firstRow = 2;
  private seq = 0;
  private readonly written: string[] = [];
  /** bytes not yet written: network chunks (64 KB) go to disk a megabyte at a time */
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly dir: string, private readonly partBytes = PART_BYTES) {}

  /**
   * Appends `chunk`; `boundary` is the offset just past its last complete record (-1: none)
   * and `rowAtBoundary` the row of the record that starts there. Returns a finished part.
   */
  async write(chunk: Buffer, boundary: number, rowAtBoundary: number): Promise<Part | null> {
    if (!chunk.length) return null;
    if (!this.fd) await this.open();
    const limit = Math.min(this.partBytes, FIRST_PART_BYTES * 2 ** (this.seq - 1));
    if (this.size + chunk.length < limit || boundary < 0) {
      await this.append(chunk);
      return null;
    }
    await this.append(chunk.subarray(0, boundary));
    const part = await this.close(rowAtBoundary);
    if (boundary < chunk.length) {
      await this.open();
      await this.append(chunk.subarray(boundary));
    }
    return part;
  }

  /** The last part (null if nothing is left), at the end of the upload; `endRow` = last row + 1. */
  async end(endRow: number): Promise<Part | null> {
    if (!this.fd) return null;
    return this.size ? this.close(endRow) : (await this.discard(), null);
  }

  /** Every part file so far, in order (the open one closed): for a second reading. */
  async files(): Promise<string[]> {
    await this.discard();
    return [...this.written];
  }

  async dispose(): Promise<void> {
    await this.discard();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async open(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    this.file = path.join(this.dir, `part-${String(++this.seq).padStart(5, '0')}.csv`);
    this.fd = await fs.promises.open(this.file, 'w');
    this.written.push(this.file);
    this.size = 0;
  }

  private async append(b: Buffer): Promise<void> {
    if (!b.length) return;
    this.pending.push(b);
    this.pendingBytes += b.length;
    this.size += b.length;
    if (this.pendingBytes >= WRITE_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const bufs = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (bufs.length) await this.fd!.writev(bufs);
  }

  private async close(nextRow: number): Promise<Part> {
    await this.flush();
    await this.fd!.close();
    this.fd = null;
    const part = { file: this.file, firstRow: this.firstRow, rows: nextRow - this.firstRow };
    this.firstRow = nextRow;
    return part;
  }

  private async discard(): Promise<void> {
    if (this.fd) await this.flush().then(() => this.fd!.close()).catch(() => {});
    this.pending = [];
    this.pendingBytes = 0;
    this.fd = null;
  }
}

/**
 * CSV as RFC 4180 has it: double quotes only, an empty cell is '', blank lines only at the
 * end, the header's number of values on every row; blanks around unquoted values are
 * trimmed (an Excel habit). In each statement's SETTINGS clause: query-scoped, where a
 * session setting would stay in chDB's session for every later query.
 * The parallel parser cuts a part into 1 MB chunks instead of its 10 MB default: an 8 MB part
 * is then parsed on both cores, not one, and a 1M-row subscribers file (parts of 8–64 MB) took
 * about 1.4 s of engine time instead of 1.9 s (5 interleaved runs).
 * The job's two views (`keys`, `stage`: sql.ts `fanOutSql`) take each block in parallel, not one
 * after the other (`parallel_view_processing`): writing them is about 40% of a subscribers part's
 * time, and a 64 MB part took a median 548 ms instead of 651 ms (5 interleaved runs each).
 */
const CSV_SETTINGS = `SETTINGS format_csv_allow_single_quotes = 0, format_csv_allow_double_quotes = 1,
  input_format_csv_empty_as_default = 1, input_format_csv_trim_whitespaces = 1, input_format_csv_skip_trailing_empty_lines = 1,
  input_format_csv_detect_header = 0, input_format_csv_allow_variable_number_of_columns = 0, input_format_allow_errors_num = 0,
  input_format_allow_errors_ratio = 0, input_format_parallel_parsing = 1, min_chunk_bytes_for_parallel_parsing = 1048576,
  parallel_view_processing = 1`;

/** Types and checks one part into the job's `source` table, whose views fan it out (see sql.ts `checkSql`, `fanOutSql`). */
export async function loadPart(engine: Engine, layout: Layout, source: string, part: Part, params: Record<string, unknown>): Promise<void> {
  const structure = layout.header.map((_, i) => `c${i} String`).join(', ');
  if (engine.mode === 'embedded') {
    const sql = `${checkSql(layout, source, 'file({file:String}, \'CSV\', {structure:String})', '_row_number + {first:UInt64}')} ${CSV_SETTINGS}`;
    await engine.command(sql, bind(sql, params, { first: part.firstRow, file: part.file, structure }));
    return;
  }
  const data = prependRowNumbers(await fs.promises.readFile(part.file), part.firstRow);
  const sql = `${checkSql(layout, source, 'input({structure:String})', '_row')} ${CSV_SETTINGS} FORMAT CSV`;
  // a server reads the statement's parameters from the URL and the rows from the body
  await engine.command(`${sql}\n${data.toString('utf8')}`, bind(sql, params, { structure: `_row UInt64, ${structure}` }));
}

/** `first,` before the first record, `first+1,` before the next… (quote-aware record starts). */
export function prependRowNumbers(buf: Buffer, first: number): Buffer {
  const out: Buffer[] = [];
  let start = 0;
  let row = first;
  let inQuotes = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x22) inQuotes = !inQuotes;
    else if (c === 0x0a && !inQuotes) {
      const blank = i === start || (i === start + 1 && buf[start] === 0x0d); // trailing blank lines
      if (!blank) out.push(Buffer.from(`${row},`), buf.subarray(start, i + 1));
      row++;
      start = i + 1;
    }
  }
  if (start < buf.length) out.push(Buffer.from(`${row},`), buf.subarray(start));
  return Buffer.concat(out);
}
