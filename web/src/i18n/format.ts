/**
 * Number formatting per language: 万 / 亿 in Chinese, K / M / B in English. Pure functions
 * (unit-tested without a DOM). `compact` is for axes, cards and labels; `exact` for
 * tooltips and filters, where the figure must be the real one; `table` for table cells: the
 * same decimals down a column (¥0.50 under ¥7.99, 1.64% under 16.67%), so figures line up.
 * Exports carry the values themselves.
 */
export type Locale = 'zh-CN' | 'en';
export type Mode = 'compact' | 'exact' | 'table';
export const EMPTY = '—';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Up to `digits` decimals, trailing zeros dropped (1.50万 → 1.5万). */
function trim(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '') || '0';
}

/** 12345 → 1.23万 (zh) / 12.35K (en); 123456789 → 1.23亿 / 123.46M; small numbers stay whole. */
export function compactNumber(n: number, locale: Locale, digits = 2): string {
  if (!isNum(n)) return EMPTY;
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  if (locale === 'zh-CN') {
    if (a >= 1e12) return `${sign}${trim(a / 1e12, digits)}万亿`;
    if (a >= 1e8) return `${sign}${trim(a / 1e8, digits)}亿`;
    if (a >= 1e4) return `${sign}${trim(a / 1e4, digits)}万`;
  } else {
    if (a >= 1e9) return `${sign}${trim(a / 1e9, digits)}B`;
    if (a >= 1e6) return `${sign}${trim(a / 1e6, digits)}M`;
    if (a >= 1e4) return `${sign}${trim(a / 1e3, digits)}K`;
  }
  return sign + (Number.isInteger(a) ? groupDigits(a, locale, 0) : groupDigits(a, locale, a < 10 ? 2 : 1));
}

/** Thousands separators and at most `maxDigits` decimals: 600644.73 → 600,644.73. */
export function groupDigits(n: number, locale: Locale, maxDigits = 2): string {
  if (!isNum(n)) return EMPTY;
  return new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: maxDigits, minimumFractionDigits: 0 }).format(n);
}

/** Thousands separators and exactly `digits` decimals: 0.5 → 0.50. */
function groupFixed(n: number, locale: Locale, digits: number): string {
  return new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

/** Decimals of a table column, by format (units: minutes, megabytes, seconds; months are whole: tenure and lifetimes count whole months). */
const TABLE_DIGITS: Record<string, number> = { percent: 2, change: 2, currency: 2, integer: 0, score: 2, ratio: 2, units: 1, months: 0, decimal: 2 };

const UNITS: Record<string, { zh: string; en: string }> = {
  minutes: { zh: ' 分钟', en: ' min' },
  megabytes: { zh: ' MB', en: ' MB' },
  seconds: { zh: ' 秒', en: ' s' },
  months: { zh: ' 个月', en: ' mo' },
};

/**
 * A metric value in its catalog format (integer | percent | currency | decimal | minutes |
 * megabytes | seconds | score | months | ratio | change).
 */
export function formatValue(v: unknown, format: string, locale: Locale, mode: Mode = 'compact'): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  const n = typeof v === 'number' ? v : Number(v);
  if (!isNum(n)) return String(v);
  if (mode === 'table') {
    const unit = UNITS[format];
    const digits = TABLE_DIGITS[format] ?? TABLE_DIGITS[unit ? 'units' : 'decimal'];
    const pct = format === 'percent' || format === 'change';
    const body = groupFixed(pct ? n * 100 : n, locale, digits).replace(/^-(0[.,]?0*)$/, '$1'); // no −0.00
    if (pct) return `${format === 'change' && n > 0 ? '+' : ''}${body}%`;
    if (format === 'currency') return locale === 'zh-CN' ? `${body} 元` : `¥${body}`;
    return unit ? `${body}${unit[locale === 'zh-CN' ? 'zh' : 'en']}` : body;
  }
  const exact = mode === 'exact';
  switch (format) {
    case 'percent':
      return `${trim(n * 100, exact ? 3 : n !== 0 && Math.abs(n) < 0.001 ? 3 : 1)}%`;
    case 'change':
      return `${n > 0 ? '+' : ''}${trim(n * 100, exact ? 3 : 1)}%`;
    case 'points': // a difference of two rates, in percentage points (a move under 0.1 keeps two decimals: never ▲ +0)
      return `${n > 0 ? '+' : ''}${trim(n * 100, exact ? 3 : n !== 0 && Math.abs(n) < 0.001 ? 2 : 1)}${locale === 'zh-CN' ? '个百分点' : ' pts'}`;
    case 'currency': {
      const body = exact ? groupDigits(n, locale, 2) : compactNumber(n, locale);
      return locale === 'zh-CN' ? `${body} 元` : `¥${body}`;
    }
    case 'integer':
      return exact ? groupDigits(n, locale, 0) : compactNumber(n, locale);
    case 'score':
      return trim(n, 2);
    case 'ratio':
      return exact ? groupDigits(n, locale, 4) : trim(n, 2);
    case 'minutes': case 'megabytes': case 'seconds': case 'months': {
      const u = UNITS[format][locale === 'zh-CN' ? 'zh' : 'en'];
      return `${exact ? groupDigits(n, locale, 2) : compactNumber(n, locale, 1)}${u}`;
    }
    default:
      return exact ? groupDigits(n, locale, 4) : compactNumber(n, locale);
  }
}

/** The unit of a number's compact form: 万 / 亿 / 万亿 (zh), K / M / B (en), none below 10,000. */
function unitOf(a: number, locale: Locale): [number, string] {
  if (locale === 'zh-CN') return a >= 1e12 ? [1e12, '万亿'] : a >= 1e8 ? [1e8, '亿'] : a >= 1e4 ? [1e4, '万'] : [1, ''];
  return a >= 1e9 ? [1e9, 'B'] : a >= 1e6 ? [1e6, 'M'] : a >= 1e4 ? [1e3, 'K'] : [1, ''];
}

/** What a value axis spans: its largest magnitude, and how far its ticks run (max − min, or max from 0). */
export interface AxisSpan { top: number; spread: number }

/**
 * Decimals of the ticks ECharts puts over `spread` (in the unit shown): about five steps, each
 * rounded as its `nice` does (1, 2, 3, 5 × 10ⁿ): 1.2 → steps of 0.2 → 1 (52.2%, 52.4%); 4.3 → 1 → 0.
 */
function tickDecimals(spread: number): number | null {
  if (!(spread > 0)) return null;
  const raw = spread / 5;
  const exp = Math.floor(Math.log10(raw));
  const f = raw / 10 ** exp;
  const step = (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * 10 ** exp;
  return Math.min(3, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * Axis ticks: compact, no unit suffix for plain counts. ECharts formats each tick alone; given
 * what the axis spans (the builder knows its values), every tick takes one form:
 *   - one unit, the one its largest value takes — 0.5万 … 3.5万 and 5K … 35K, not 5,000 beside 1万
 *     — and none on an axis of smaller values (10,000 where it rounds up past 9,800, not 1万);
 *   - one number of decimals, enough for its steps — 52.8%, 53.0%, 53.2%, not 53% among them;
 *     76.5, 77.0, 77.5 元.
 */
export function axisFormatter(format: string, locale: Locale, span?: AxisSpan | null): (v: number) => string {
  const pct = format === 'percent' || format === 'change';
  if (!span || !isNum(span.top) || !isNum(span.spread)) {
    if (pct) return (v) => `${trim(v * 100, 1)}%`;
    if (format === 'score' || format === 'ratio') return (v) => trim(v, 2);
    return (v) => compactNumber(v, locale, 1);
  }
  if (pct) {
    const d = tickDecimals(span.spread * 100);
    return d === null ? (v) => `${trim(v * 100, 1)}%` : (v) => `${(v * 100).toFixed(d)}%`;
  }
  const [div, unit] = format === 'score' || format === 'ratio' ? [1, ''] : unitOf(Math.abs(span.top), locale);
  const d = tickDecimals(span.spread / div);
  if (div === 1) return (v) => (d === null ? compactNumber(v, locale, 1) : groupFixed(v, locale, d).replace(/^-(0[.,]?0*)$/, '$1'));
  return (v) => (v === 0 ? '0' : `${d === null ? trim(v / div, 2) : (v / div).toFixed(d)}${unit}`);
}
