/** A chart's table as CSV (RFC 4180; UTF-8 with BOM so Excel opens Chinese text correctly). Pure. */
import type { TableData } from '../charts/builders/common';

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  // a leading = + - @ would be read as a formula by spreadsheet programs
  const safe = /^[=+\-@]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(t: TableData): string {
  const lines = [t.columns.map((c) => cell(c.label)).join(','), ...t.rows.map((r) => t.columns.map((c) => cell(r[c.key])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
