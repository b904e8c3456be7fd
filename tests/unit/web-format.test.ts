import { describe, expect, it } from 'vitest';
import { compactNumber, formatValue } from '../../web/src/i18n/format';
import { toCsv } from '../../web/src/export/csv';
import { addMonths, latestCompleteMonth, monthsBetween } from '../../web/src/composables/time';

describe('number formatting per language', () => {
  it('uses 万 and 亿 in Chinese', () => {
    expect(compactNumber(8132, 'zh-CN')).toBe('8,132');
    expect(compactNumber(12345, 'zh-CN')).toBe('1.23万');
    expect(compactNumber(600644.73, 'zh-CN')).toBe('60.06万');
    expect(compactNumber(150000, 'zh-CN')).toBe('15万');
    expect(compactNumber(123456789, 'zh-CN')).toBe('1.23亿');
    expect(compactNumber(-25000000000, 'zh-CN')).toBe('-250亿');
    expect(compactNumber(3.2e12, 'zh-CN')).toBe('3.2万亿');
  });
  it('uses K / M / B in English', () => {
    expect(compactNumber(8132, 'en')).toBe('8,132');
    expect(compactNumber(600644.73, 'en')).toBe('600.64K');
    expect(compactNumber(123456789, 'en')).toBe('123.46M');
    expect(compactNumber(2.5e9, 'en')).toBe('2.5B');
  });
  it('formats by catalog format, exact for tooltips and tables', () => {
    expect(formatValue(600644.73, 'currency', 'zh-CN')).toBe('60.06万 元');
    expect(formatValue(600644.73, 'currency', 'zh-CN', 'exact')).toBe('600,644.73 元');
    expect(formatValue(600644.73, 'currency', 'en', 'exact')).toBe('¥600,644.73');
    expect(formatValue(0.03598, 'percent', 'zh-CN')).toBe('3.6%');
    expect(formatValue(0.0359831, 'percent', 'en', 'exact')).toBe('3.598%');
    expect(formatValue(0.0376, 'change', 'en')).toBe('+3.8%');
    expect(formatValue(-0.007, 'change', 'en')).toBe('-0.7%');
    expect(formatValue(17, 'months', 'zh-CN')).toBe('17 个月');
    expect(formatValue(17, 'months', 'en')).toBe('17 mo');
    expect(formatValue(1.85, 'score', 'en')).toBe('1.85');
    expect(formatValue(null, 'integer', 'zh-CN')).toBe('—');
    expect(formatValue(undefined, 'percent', 'en')).toBe('—');
    expect(formatValue(1234567, 'integer', 'zh-CN', 'exact')).toBe('1,234,567');
  });
});

describe('CSV export', () => {
  it('writes a BOM, labels, exact numbers, and quotes what needs quoting', () => {
    const csv = toCsv({
      columns: [{ key: 'a', label: '渠道', format: 'text' }, { key: 'b', label: 'x,y', format: 'integer' }],
      rows: [{ a: '营业厅 "沟通100"', b: 1234.5 }, { a: '=HYPERLINK()', b: null }],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF渠道,"x,y"\r\n"营业厅 ""沟通100""",1234.5\r\n\'=HYPERLINK(),\r\n');
  });
});

describe('months', () => {
  it('adds months across years', () => {
    expect(addMonths('2026-10', -11)).toBe('2025-11');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
  });
  it('finds the latest complete month of an as-of date', () => {
    expect(latestCompleteMonth('2026-11-22')).toBe('2026-10');
    expect(latestCompleteMonth('2026-10-31')).toBe('2026-10');
    expect(latestCompleteMonth('2024-02-29')).toBe('2024-02');
    expect(latestCompleteMonth('2026-01-01')).toBe('2025-12');
  });
  it('lists months inclusive', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
