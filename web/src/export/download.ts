/** Browser downloads: CSV, XLSX (write-excel-file, loaded on first use) and PNG. */
import type { TableData } from '../charts/builders/common';
import { toCsv } from './csv';

export function safeFileName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'export';
}

function save(href: string, name: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  save(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(t: TableData, base: string) {
  downloadBlob(new Blob([toCsv(t)], { type: 'text/csv;charset=utf-8' }), `${safeFileName(base)}.csv`);
}

export async function downloadXlsx(t: TableData, base: string) {
  const { default: writeExcelFile } = await import('write-excel-file/universal');
  const data = [
    t.columns.map((c) => ({ value: c.label, fontWeight: 'bold' as const })),
    ...t.rows.map((r) => t.columns.map((c) => {
      const v = r[c.key];
      if (typeof v === 'number' && Number.isFinite(v)) return { value: v, format: c.format === 'percent' || c.format === 'change' ? '0.00%' : c.format === 'integer' ? '#,##0' : '#,##0.00##' };
      return v === null || v === undefined ? null : { value: String(v) };
    })),
  ];
  const blob = await writeExcelFile(data as never).toBlob();
  downloadBlob(blob, `${safeFileName(base)}.xlsx`);
}

export function downloadPng(dataUrl: string, base: string) {
  save(dataUrl, `${safeFileName(base)}.png`);
}
