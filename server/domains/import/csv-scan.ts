/**
 * CSV structure (RFC 4180: comma separator, values optionally in double quotes with quotes
 * doubled inside, LF or CRLF line ends), in two speeds:
 *
 * - RecordCutter, the fast path every upload takes: it follows only quotes and line feeds
 *   (native indexOf, ~30 ms per 100 MB) to know where records end, so an upload can be cut
 *   into whole-record parts for the engine and every part knows the row it starts at.
 *   The engine parses the values and stops at the first malformed record.
 * - CsvScanner, the slow path taken only when the engine or the UTF-8 check has refused
 *   something: byte by byte (~200 MB/s) it lists every structural problem — wrong number
 *   of values, stray or unterminated quotes, bare CR, blank lines between records, invalid
 *   UTF-8 — each with its row, where the engine gives one opaque message.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1, and a value with a
 * line break inside quotes does not start a new row.
 */
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';

export interface RowError {
  row: number;
  /** the header id of the column, or null when the problem is the whole row */
  column: string | null;
  message: string;
}

/** The first `max` errors in row order of discovery, and how many there were in all. */
export class ErrorList {
  readonly first: RowError[] = [];
  total = 0;
  constructor(readonly max = 100) {}
  add(e: RowError): void {
    this.total++;
    if (this.first.length < this.max) this.first.push(e);
  }
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Byte classes: 0 for a byte that is just part of a value (the hot path). */
const K_COMMA = 1;
const K_LF = 2;
const K_CR = 3;
const K_QUOTE = 4;
const K_BLANK = 5; // space or tab: a quote after blanks still opens a value (the engine trims them)
const CLASS = new Uint8Array(256);
CLASS[COMMA] = K_COMMA;
CLASS[LF] = K_LF;
CLASS[CR] = K_CR;
CLASS[QUOTE] = K_QUOTE;
CLASS[0x20] = K_BLANK;
CLASS[0x09] = K_BLANK;

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const NOT_UTF8 = 'is not valid UTF-8 (was the file saved as GBK/GB18030 or "ANSI"? Save it as "CSV UTF-8")';

export interface HeaderResult {
  /** header cells, trimmed and lower-cased */
  names: string[];
  /** bytes the header took (BOM and line end included) */
  length: number;
}

/**
 * The header row: everything up to the first line feed. Returns null while no line feed
 * has arrived (unless `atEnd`); throws a message when the header cannot be read.
 */
export function readHeader(buf: Buffer, atEnd: boolean): HeaderResult | null {
  let start = 0;
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    throw new Error('The file is UTF-16; save it as "CSV UTF-8".');
  }
  if (buf.subarray(0, 3).equals(UTF8_BOM)) start = 3;
  const lf = buf.indexOf(LF, start);
  if (lf < 0 && !atEnd) {
    if (buf.length > 64 * 1024) throw new Error('The first row (the header) is longer than 64 KB or has no line end.');
    return null;
  }
  const end = lf < 0 ? buf.length : lf;
  const raw = buf.subarray(start, end);
  if (!isUtf8(raw)) throw new Error(`The header row ${NOT_UTF8}.`);
  const text = raw.toString('utf8').replace(/\r$/, '');
  if (!text.trim()) throw new Error('The first row is empty; it must be the header (column ids such as sub_id,city,brand,activated_on).');
  let cells: string[];
  try {
    [cells] = parse(text, { relax_quotes: false, bom: false }) as string[][];
  } catch {
    throw new Error('The header row is not valid CSV (check its quotes).');
  }
  return { names: cells.map((c) => c.trim().toLowerCase()), length: lf < 0 ? buf.length : lf + 1 };
}

/**
 * Scans the data records that follow the header. Feed it chunk by chunk with `scan`;
 * `finish` at the end. State carries across chunks, so a chunk may end anywhere.
 */
export class CsvScanner {
  /** row number of the record now being read (header = 1) */
  row = 2;
  /** data records seen (blank lines excluded) */
  records = 0;
  private fields = 1;
  private inQuotes = false;
  private afterQuote = false;
  private fieldStart = true;
  private recordEmpty = true;
  private sawCR = false;
  private quoteErrorRow = 0;
  private utf8ErrorRow = 0;
  private blankFirst = 0;
  private blankCount = 0;
  private utf8Carry: Buffer | null = null;

  constructor(private readonly columns: readonly string[], readonly errors: ErrorList) {}

  /** Scans `buf`; returns the offset just past the last complete record in it, or -1. */
  scan(buf: Buffer): number {
    const bad = this.invalidUtf8(buf);
    let bi = 0;
    let nextBad = bad.length ? bad[0] : -1;
    let lastEnd = -1;
    let { fields, inQuotes, afterQuote, fieldStart, recordEmpty, sawCR } = this;
    const n = buf.length;
    for (let i = 0; i < n; i++) {
      const c = buf[i];
      if (i === nextBad) {
        this.utf8Error(fields);
        nextBad = ++bi < bad.length ? bad[bi] : -1;
      }
      if (inQuotes) {
        if (c === QUOTE) { inQuotes = false; afterQuote = true; }
        continue;
      }
      const k = CLASS[c];
      if (k === 0 && !sawCR && !afterQuote) { // the common byte: part of an unquoted value
        fieldStart = false;
        recordEmpty = false;
        continue;
      }
      if (sawCR) {
        sawCR = false;
        if (c !== LF) this.rowError(null, 'has a carriage return (CR) without a line feed; save the file with LF or CRLF line ends');
      }
      if (afterQuote) {
        afterQuote = false;
        if (c === QUOTE) { inQuotes = true; continue; } // "" inside a quoted value
        if (k !== K_COMMA && k !== K_LF && k !== K_CR) this.quoteError(fields, 'has text after a closing quote; quote the whole value and double any quote inside it ("")');
      }
      if (k === K_COMMA) {
        fields++;
        fieldStart = true;
        recordEmpty = false;
      } else if (k === K_LF) {
        this.fields = fields;
        this.endRecord(recordEmpty);
        lastEnd = i + 1;
        fields = 1;
        fieldStart = true;
        recordEmpty = true;
      } else if (k === K_CR) {
        sawCR = true;
      } else if (k === K_QUOTE) {
        recordEmpty = false;
        if (fieldStart) { inQuotes = true; fieldStart = false; } else this.quoteError(fields, 'has a quote inside an unquoted value; quote the whole value and double the quote inside it ("")');
      } else if (k === K_BLANK) {
        recordEmpty = false;
      } else {
        fieldStart = false;
        recordEmpty = false;
      }
    }
    Object.assign(this, { fields, inQuotes, afterQuote, fieldStart, recordEmpty, sawCR });
    return lastEnd;
  }

  /** End of input: the last record may lack a line end; a quote may be left open. */
  finish(): void {
    if (this.utf8Carry) {
      this.utf8Error(this.fields);
      this.utf8Carry = null;
    }
    if (this.inQuotes) {
      this.rowError(null, 'opens a quoted value that is never closed');
      this.records++;
      this.row++;
      return;
    }
    if (!this.recordEmpty) this.endRecord(false);
  }

  private endRecord(empty: boolean): void {
    if (empty && this.fields === 1) {
      if (!this.blankCount) this.blankFirst = this.row;
      this.blankCount++;
    } else {
      this.flushBlankLines();
      if (this.fields !== this.columns.length) {
        this.rowError(null, `has ${this.fields} values; the header has ${this.columns.length} (${this.columns.join(', ')})`);
      }
      this.records++;
    }
    this.row++;
  }

  /** Blank lines are allowed only at the very end of the file. */
  private flushBlankLines(): void {
    for (let k = 0; k < this.blankCount; k++) {
      this.errors.add({ row: this.blankFirst + k, column: null, message: 'is blank; remove blank lines between rows' });
    }
    this.blankCount = 0;
  }

  private rowError(column: string | null, message: string): void {
    this.errors.add({ row: this.row, column, message });
  }

  private quoteError(fields: number, message: string): void {
    if (this.quoteErrorRow === this.row) return; // one quoting error per row is enough
    this.quoteErrorRow = this.row;
    this.rowError(this.columns[fields - 1] ?? null, message);
  }

  private utf8Error(fields: number): void {
    if (this.utf8ErrorRow === this.row) return;
    this.utf8ErrorRow = this.row;
    this.rowError(this.columns[fields - 1] ?? null, NOT_UTF8);
  }

  /**
   * Offsets of invalid UTF-8 in `buf` (empty on the fast path). A character split across
   * chunks is carried over and checked with the next chunk's first bytes.
   */
  private invalidUtf8(buf: Buffer): number[] {
    let from = 0;
    const out: number[] = [];
    if (this.utf8Carry) {
      const carry = this.utf8Carry;
      const need = Math.min(buf.length, seqLength(carry[0]) - carry.length);
      const joined = Buffer.concat([carry, buf.subarray(0, need)]);
      if (joined.length < seqLength(carry[0])) { this.utf8Carry = joined; return out; }
      this.utf8Carry = null;
      if (!isUtf8(joined)) out.push(0);
      from = need;
    }
    const tail = incompleteTail(buf, from);
    if (tail < buf.length) this.utf8Carry = Buffer.from(buf.subarray(tail));
    if (!isUtf8(buf.subarray(from, tail))) out.push(...invalidOffsets(buf, from, tail));
    return out;
  }
}

/** Byte length of the UTF-8 sequence a lead byte starts (1 for anything that is not a lead). */
function seqLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** Where an incomplete multi-byte character at the end of buf[from..] starts (buf.length if none). */
function incompleteTail(buf: Buffer, from: number): number {
  for (let j = buf.length - 1; j >= Math.max(from, buf.length - 3); j--) {
    const b = buf[j];
    if ((b & 0xc0) === 0x80) continue;
    return b >= 0xc0 && buf.length - j < seqLength(b) ? j : buf.length;
  }
  return buf.length;
}

/** Slow path: the start offset of every invalid sequence in buf[from, to). */
export function invalidOffsets(buf: Buffer, from: number, to: number): number[] {
  const out: number[] = [];
  let i = from;
  while (i < to) {
    const c = buf[i];
    if (c < 0x80) { i++; continue; }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (!len || i + len > to || !isUtf8(buf.subarray(i, i + len))) { out.push(i); i++; continue; }
    i += len;
  }
  return out;
}

/**
 * Record boundaries of the data that follows the header, chunk by chunk. A quote opens a
 * quoted value only at the start of a value (after spaces, as the engine trims them); a
 * quote elsewhere is a literal character, as the engine reads it.
 */
export class RecordCutter {
  /** row of the record that starts at the last boundary returned (header = 1) */
  row = 2;
  private inQuotes = false;
  /** the previous chunk ended on a quote inside a quoted value: closing, or the first of "" */
  private pendingQuote = false;
  /** last byte before this chunk that was not a space or tab (LF: at the start of a record) */
  private prevSig = LF;
  /** bytes after the last line feed that are not blanks: a final record without a line end */
  private tailHasData = false;

  /** Offset just past the last complete record in `buf`, or -1. */
  scan(buf: Buffer): number {
    let lastEnd = -1;
    let i = 0;
    if (this.pendingQuote && buf.length) {
      this.pendingQuote = false;
      if (buf[0] === QUOTE) i = 1; // "" inside the value
      else this.inQuotes = false;
    }
    let q = buf.indexOf(QUOTE, i);
    for (;;) {
      if (this.inQuotes) {
        if (q < 0) { i = buf.length; break; }
        if (q + 1 >= buf.length) { this.pendingQuote = true; i = buf.length; break; }
        if (buf[q + 1] === QUOTE) { i = q + 2; q = buf.indexOf(QUOTE, i); continue; }
        this.inQuotes = false;
        i = q + 1;
        q = buf.indexOf(QUOTE, i);
        continue;
      }
      const stop = q < 0 ? buf.length : q;
      let lf = buf.indexOf(LF, i);
      while (lf >= 0 && lf < stop) {
        this.row++;
        lastEnd = lf + 1;
        lf = buf.indexOf(LF, lastEnd);
      }
      if (q < 0) break;
      if (this.valueStartsAt(buf, q)) this.inQuotes = true;
      i = q + 1;
      q = buf.indexOf(QUOTE, i);
    }
    this.remember(buf, lastEnd);
    return lastEnd;
  }

  /** The row just past the data: the start row of a record that would follow. */
  endRow(): number {
    return this.row + (this.tailHasData || this.inQuotes ? 1 : 0);
  }

  private valueStartsAt(buf: Buffer, q: number): boolean {
    let j = q - 1;
    while (j >= 0 && (buf[j] === 0x20 || buf[j] === 0x09)) j--;
    const sig = j >= 0 ? buf[j] : this.prevSig;
    return sig === COMMA || sig === LF || sig === CR;
  }

  private remember(buf: Buffer, lastEnd: number): void {
    let j = buf.length - 1;
    while (j >= 0 && (buf[j] === 0x20 || buf[j] === 0x09)) j--;
    if (j >= 0) this.prevSig = buf[j];
    const tailFrom = lastEnd < 0 ? 0 : lastEnd;
    if (lastEnd >= 0) this.tailHasData = false;
    for (let k = tailFrom; k < buf.length && !this.tailHasData; k++) {
      const c = buf[k];
      if (c !== 0x20 && c !== 0x09 && c !== CR && c !== LF) this.tailHasData = true;
    }
  }
}

/** Is the upload valid UTF-8 so far? (A character split across chunks is checked whole.) */
export class Utf8Stream {
  private carry: Buffer | null = null;

  ok(buf: Buffer): boolean {
    let from = 0;
    if (this.carry) {
      const need = Math.min(buf.length, seqLength(this.carry[0]) - this.carry.length);
      const joined = Buffer.concat([this.carry, buf.subarray(0, need)]);
      if (joined.length < seqLength(joined[0])) { this.carry = joined; return true; }
      this.carry = null;
      if (!isUtf8(joined)) return false;
      from = need;
    }
    const tail = incompleteTail(buf, from);
    if (tail < buf.length) this.carry = Buffer.from(buf.subarray(tail));
    return isUtf8(buf.subarray(from, tail));
  }

  /** At the end: a character left incomplete is invalid. */
  complete(): boolean {
    return this.carry === null;
  }
}
