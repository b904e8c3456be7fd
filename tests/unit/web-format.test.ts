import { describe, expect, it } from 'vitest';
import { axisFormatter, compactNumber, formatValue } from '../../web/src/i18n/format';
import { axis, spanOf } from '../../web/src/charts/builders/common';
import { FAILURE_CODES, failureText } from '../../web/src/i18n';
import zh from '../../web/src/i18n/zh-CN';
import en from '../../web/src/i18n/en';
import { toCsv } from '../../web/src/export/csv';
import { addMonths, latestCompleteMonth, monthName, monthsBetween } from '../../web/src/composables/time';

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
    expect(formatValue(0.01524, 'points', 'zh-CN')).toBe('+1.5个百分点'); // a rate's change: 4.4% from 2.9%
    expect(formatValue(-0.004, 'points', 'en')).toBe('-0.4 pts');
    expect(formatValue(0.00041, 'points', 'zh-CN')).toBe('+0.04个百分点'); // not ▲ +0
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

describe('axis ticks: one unit and one number of decimals per axis', () => {
  const ticks = (f: (v: number) => string, from: number, step: number, n: number) => Array.from({ length: n + 1 }, (_, i) => f(from + i * step));
  const span = (top: number, spread = top) => ({ top, spread });
  it('takes the unit of the largest value drawn, for every tick', () => {
    // the value tiers' subscribers (largest 30,800): 5,000 beside 1万 before
    expect(ticks(axisFormatter('integer', 'zh-CN', span(30800)), 0, 5000, 7)).toEqual(['0', '0.5万', '1.0万', '1.5万', '2.0万', '2.5万', '3.0万', '3.5万']);
    expect(ticks(axisFormatter('integer', 'en', span(30800)), 0, 5000, 7)).toEqual(['0', '5K', '10K', '15K', '20K', '25K', '30K', '35K']);
    expect(ticks(axisFormatter('integer', 'en', span(13900)), 0, 3000, 5)).toEqual(['0', '3K', '6K', '9K', '12K', '15K']);
    // smaller values: none, even where the axis rounds up past 10,000
    expect(ticks(axisFormatter('integer', 'zh-CN', span(9800)), 0, 2000, 5)).toEqual(['0', '2,000', '4,000', '6,000', '8,000', '10,000']);
    expect(ticks(axisFormatter('currency', 'zh-CN', span(228)), 0, 50, 5)).toEqual(['0', '50', '100', '150', '200', '250']);
    // millions and 亿; negative values (净增用户 below zero) by their magnitude
    expect(ticks(axisFormatter('integer', 'en', span(2.4e6)), 0, 5e5, 5)).toEqual(['0', '0.5M', '1.0M', '1.5M', '2.0M', '2.5M']);
    expect(ticks(axisFormatter('currency', 'zh-CN', span(1.8e8)), 0, 5e7, 4)).toEqual(['0', '0.5亿', '1.0亿', '1.5亿', '2.0亿']);
    expect(axisFormatter('integer', 'zh-CN', span(25000, 30000))(-20000)).toBe('-2.0万');
  });
  it('gives every tick the decimals its steps need', () => {
    // the e-channel share's trend (52.3%–53.3%, ticks every 0.2 points): 53% among 52.8% and 53.2% before
    expect(ticks(axisFormatter('percent', 'en', span(0.533, 0.012)), 0.522, 0.002, 6)).toEqual(['52.2%', '52.4%', '52.6%', '52.8%', '53.0%', '53.2%', '53.4%']);
    expect(ticks(axisFormatter('percent', 'zh-CN', span(0.3)), 0, 0.05, 6)).toEqual(['0%', '5%', '10%', '15%', '20%', '25%', '30%']);
    // a rate up to 4.3% from zero: ECharts steps by 1 point, so no decimals (not 1.0%, 2.0%)
    expect(ticks(axisFormatter('percent', 'zh-CN', span(0.043)), 0, 0.01, 5)).toEqual(['0%', '1%', '2%', '3%', '4%', '5%']);
    // an ARPU trend from 76 to 78 元
    expect(ticks(axisFormatter('currency', 'zh-CN', span(78, 2)), 76, 0.5, 4)).toEqual(['76.0', '76.5', '77.0', '77.5', '78.0']);
    // without what is drawn, each tick alone as before
    expect(axisFormatter('percent', 'zh-CN')(0.05)).toBe('5%');
    expect(axisFormatter('integer', 'zh-CN')(5000)).toBe('5,000');
  });
  it('reads the span from what a builder draws: from zero, or from the least value on a scaled axis', () => {
    const labels = { locale: 'en' as const, member: () => '', metric: () => '', dim: () => '', format: () => 'integer' };
    expect(axis(labels, 'integer', [null, '12000', -3, undefined]).formatter(5000)).toBe('5K');
    expect(axis(labels, 'integer', [null]).formatter(5000)).toBe('5,000');
    expect(spanOf([0.523, 0.533, null])).toEqual({ top: 0.533, spread: 0.533 });
    expect(spanOf([0.523, 0.533], true)).toMatchObject({ top: 0.533, spread: expect.closeTo(0.01, 9) });
    expect(spanOf([-5, 20])).toEqual({ top: 20, spread: 25 });
  });
});

describe('table cells: the same decimals down a column', () => {
  const col = (vs: number[], format: string, locale: 'zh-CN' | 'en' = 'en') => vs.map((v) => formatValue(v, format, locale, 'table'));
  it('per format: currency 2, percent 2, ratio 2, units 1, integers and months whole; −0 shown as 0', () => {
    expect(col([0.5, 7.99, 1506.481], 'currency')).toEqual(['¥0.50', '¥7.99', '¥1,506.48']);
    expect(col([0.5, 1506.481], 'currency', 'zh-CN')).toEqual(['0.50 元', '1,506.48 元']);
    expect(col([0, 0.01639, 0.16667, 0.0339], 'percent')).toEqual(['0.00%', '1.64%', '16.67%', '3.39%']);
    expect(col([-1, -0.0599, 6.0879, -0.00001], 'ratio')).toEqual(['-1.00', '-0.06', '6.09', '0.00']);
    expect(col([80.84, 22, 1246.62], 'seconds')).toEqual(['80.8 s', '22.0 s', '1,246.6 s']);
    expect(col([17, 0], 'months', 'zh-CN')).toEqual(['17 个月', '0 个月']); // tenure and lifetimes are whole months
    expect(col([0.0376, -0.007], 'change')).toEqual(['+3.76%', '-0.70%']);
    expect(col([1234567, 3], 'integer')).toEqual(['1,234,567', '3']);
    expect(col([1.5, 2], 'score')).toEqual(['1.50', '2.00']);
    expect(formatValue(null, 'currency', 'en', 'table')).toBe('—');
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
  it('names a month in the UI language, not the browser\'s', () => {
    expect(monthName('2026-01', 'zh')).toBe('2026年1月');
    expect(monthName('2025-12', 'en')).toBe('Dec 2025');
  });
});

describe('a failed request as the viewer reads it', () => {
  const t = (lang: Record<string, unknown>) => (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], lang) as string;
  it('operational failures in the page language, with what to do; the others in the server\'s words', () => {
    for (const code of FAILURE_CODES) {
      expect(zh.errors[code], code).toMatch(/[\u4e00-\u9fff]/);
      expect(en.errors[code], code).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(failureText({ message: 'Query exceeded max_execution_time', code: 'QUERY_TIMEOUT' }, t(zh))).toBe('查询超时：请缩小时间范围或筛选范围后重试');
    expect(failureText({ message: 'fetch failed', code: 'NETWORK_ERROR' }, t(en))).toBe(en.errors.NETWORK_ERROR);
    expect(failureText({ message: 'unknown metric "profit"', code: 'BAD_USER_INPUT' }, t(zh))).toBe('unknown metric "profit"');
    expect(failureText({ message: 'Your access is limited to 广东省', code: 'FORBIDDEN' }, t(zh))).toBe('Your access is limited to 广东省');
    expect(failureText(null, t(zh))).toBe('');
  });
});
