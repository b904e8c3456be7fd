/**
 * Time grammar (ASK.md "Time words"): exact calendar months, never "30 days".
 * D = as-of date, M = the month before D's month (the latest complete month).
 * Ranges come out inclusive as 'YYYY-MM' (or 'YYYY-MM-DD' when the words name days).
 * Explicit periods reaching past M are cut at M (2025年 asked on 2025-06-15 → 2025-01…2025-05),
 * except a period that starts in D's month itself (本月 / this month), which is D's month.
 * A period that starts after D's month is a forecast: `future` (the parser answers UNSUPPORTED).
 */
import { addMonths, type Ym, ymStr } from '../../query/time.ts';

export interface TimeSpec {
  from: string;
  to: string;
  precision: 'month' | 'day';
  future?: boolean;
  /** the words named no year (3月, Q1, 5日): a range "2024年1月到3月" borrows the year of its start */
  yearless?: { unit: 'month' | 'quarter' | 'day'; m: number; d?: number };
  /** the same period a year earlier (same quarter last year, 去年同月): a follow-up's previous range moved back a year (parse.ts);
   *  from / to are the latest complete month's (or its quarter's) a year back, for a question with none before it */
  yearBack?: true;
  /** counted back in days or weeks from D (近90天, last week): whole months stand in for it on a metric recorded by month (parse.ts) */
  relative?: true;
  /** the year (quarter, month) before the other period named (revenue last year vs the year before; parse.ts) */
  before?: 'year' | 'quarter' | 'month';
}

/** A range moved back one year (2026-01…2026-03 → 2025-01…2025-03; 29 February → 28). */
export function yearEarlier(r: { from: string; to: string }): { from: string; to: string } {
  const back = (x: string) => {
    const [y, m, d] = x.split('-');
    const year = String(+y - 1);
    if (!d) return `${year}-${m}`;
    const last = new Date(Date.UTC(+year, +m, 0)).getUTCDate();
    return `${year}-${m}-${String(Math.min(+d, last)).padStart(2, '0')}`;
  };
  return { from: back(r.from), to: back(r.to) };
}

export interface AsOf { y: number; m: number; d: number; ym: Ym; last: Ym; iso: string }

export function asOfParts(asOf: string): AsOf {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(asOf ?? ''));
  let date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCDate() !== +m![3]) {
    date = new Date();
    date = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
    m = null;
  }
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  const ym = { y, m: mo };
  return { y, m: mo, d, ym, last: addMonths(ym, -1), iso: isoDay(date) };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const cmp = (a: Ym, b: Ym) => (a.y - b.y) * 12 + (a.m - b.m);

/** A whole-month range, cut at M (or D's month when it starts there), or marked future. */
export function monthRange(from: Ym, to: Ym, D: AsOf): TimeSpec {
  if (cmp(from, D.ym) > 0) return { from: ymStr(from), to: ymStr(to), precision: 'month', future: true };
  let end = to;
  if (cmp(end, D.last) > 0) end = cmp(from, D.last) > 0 ? D.ym : D.last;
  if (cmp(from, end) > 0) end = from;
  return { from: ymStr(from), to: ymStr(end), precision: 'month' };
}

function dayRange(from: Date, to: Date, D: AsOf): TimeSpec {
  const f = isoDay(from);
  let t = isoDay(to);
  if (f > D.iso) return { from: f, to: t, precision: 'day', future: true };
  if (t > D.iso) t = D.iso;
  return { from: f, to: t, precision: 'day' };
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && utc(y, m, d).getUTCDate() === d;
const validYear = (y: number) => y >= 1990 && y <= 2100;

const MONTH_NAMES: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MN = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const MN_FULL = '(january|february|march|april|may|june|july|august|september|october|november|december)';
const ORD: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

/** the most recent year in which month m has started (yearless 3月 → this year's March if it has begun) */
const yearOfMonth = (m: number, D: AsOf) => (m <= D.m ? D.y : D.y - 1);
const quarterStart = (y: number, q: number): Ym => ({ y, m: (q - 1) * 3 + 1 });
const quarterOf = (ym: Ym) => Math.floor((ym.m - 1) / 3) + 1;

const relYear = (w: string, D: AsOf): number | null =>
  ({ 今年: D.y, 本年: D.y, 去年: D.y - 1, 上年: D.y - 1, 前年: D.y - 2, 'this year': D.y, 'last year': D.y - 1 } as Record<string, number>)[w] ?? null;

type Handler = (m: RegExpExecArray, D: AsOf) => TimeSpec | null;
const R = (src: string): RegExp => new RegExp(src, 'y');

function month(y: number, m: number, D: AsOf): TimeSpec | null {
  if (!validYear(y) || m < 1 || m > 12) return null;
  return monthRange({ y, m }, { y, m }, D);
}
/**
 * "2025年至今", "3月以来", "since March 2026": from the period's start up to the latest
 * complete month (as 今年以来 does); a period that starts in the current month stays as it is.
 */
export function untilNow(a: TimeSpec, D: AsOf): TimeSpec {
  const [y, m] = a.from.split('-').map(Number);
  if (a.future || cmp({ y, m }, D.last) > 0) return a;
  return joinRange({ ...a, yearless: undefined }, month(D.last.y, D.last.m, D)!, D) ?? a;
}
function quarter(y: number, q: number, D: AsOf): TimeSpec | null {
  if (!validYear(y) || q < 1 || q > 4) return null;
  const s = quarterStart(y, q);
  return monthRange(s, addMonths(s, 2), D);
}
function monthsAgo(n: number, D: AsOf): TimeSpec | null {
  if (!(n >= 1 && n <= 240)) return null;
  const t = addMonths(D.ym, -n);
  return month(t.y, t.m, D);
}
function sameLastYear(unit: 'month' | 'quarter', D: AsOf): TimeSpec {
  const s = unit === 'quarter' ? quarterStart(D.last.y - 1, quarterOf(D.last)) : { y: D.last.y - 1, m: D.last.m };
  return { ...monthRange(s, unit === 'quarter' ? addMonths(s, 2) : s, D), yearBack: true };
}
function lastMonths(n: number, D: AsOf): TimeSpec | null {
  if (!(n >= 1 && n <= 240)) return null;
  return monthRange(addMonths(D.last, -(n - 1)), D.last, D);
}
function lastDays(n: number, D: AsOf): TimeSpec | null {
  if (!(n >= 1 && n <= 3660)) return null;
  return { ...dayRange(utc(D.y, D.m, D.d - n), utc(D.y, D.m, D.d - 1), D), relative: true };
}
function lastQuarters(n: number, D: AsOf): TimeSpec | null {
  if (!(n >= 1 && n <= 40)) return null;
  const cur = quarterStart(D.y, quarterOf(D.ym));
  return monthRange(addMonths(cur, -3 * n), addMonths(cur, -1), D);
}
function yearlessMonth(m: number, D: AsOf): TimeSpec | null {
  if (m < 1 || m > 12) return null;
  const t = month(yearOfMonth(m, D), m, D);
  return t && { ...t, yearless: { unit: 'month', m } };
}
/** 1-5月 / January to May: the most recent such span that has started */
function yearlessMonths(a: number, b: number, D: AsOf): TimeSpec | null {
  if (a < 1 || b > 12 || a > b) return null;
  const y = yearOfMonth(a, D);
  return monthRange({ y, m: a }, { y, m: b }, D);
}
function yearlessQuarter(q: number, D: AsOf): TimeSpec | null {
  if (q < 1 || q > 4) return null;
  const s = (q - 1) * 3 + 1;
  const t = quarter(s <= D.m ? D.y : D.y - 1, q, D);
  return t && { ...t, yearless: { unit: 'quarter', m: s } };
}
function half(y: number, h: number, D: AsOf): TimeSpec | null {
  if (!validYear(y)) return null;
  return monthRange({ y, m: h === 1 ? 1 : 7 }, { y, m: h === 1 ? 6 : 12 }, D);
}
function dayOf(y: number, m: number, d: number, D: AsOf, yearless = false): TimeSpec | null {
  if (!validYear(y) || !validDay(y, m, d)) return null;
  const t = dayRange(utc(y, m, d), utc(y, m, d), D);
  return yearless ? { ...t, yearless: { unit: 'day', m, d } } : t;
}
function week(offset: number, D: AsOf): TimeSpec {
  const dow = (utc(D.y, D.m, D.d).getUTCDay() + 6) % 7; // Monday = 0
  const monday = utc(D.y, D.m, D.d - dow + 7 * offset);
  return { ...dayRange(monday, utc(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate() + 6), D), relative: true };
}

/** The whole months a range of days falls in, cut at the latest complete month (近90天 on 2026-11-23: August to October). */
export function wholeMonths(r: { from: string; to: string }, D: AsOf): TimeSpec {
  const ym = (x: string) => ({ y: +x.slice(0, 4), m: +x.slice(5, 7) });
  return monthRange(ym(r.from), ym(r.to), D);
}

/** Sticky patterns over normalised text; longest match wins in the tokenizer. */
const PATTERNS: [RegExp, Handler][] = [
  // explicit days
  [R('(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]'), (m, D) => dayOf(+m[1], +m[2], +m[3], D)],
  [R('(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?![\\d])'), (m, D) => dayOf(+m[1], +m[2], +m[3], D)],
  [R('(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]'), (m, D) => dayOf(yearOfMonth(+m[1], D), +m[1], +m[2], D, true)],
  [R(`${MN}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?![\\d])`), (m, D) => dayOf(+m[3], MONTH_NAMES[m[1]], +m[2], D)],
  [R(`(\\d{1,2})(?:st|nd|rd|th)?\\s+${MN}\\s+(\\d{4})(?![\\d])`), (m, D) => dayOf(+m[3], MONTH_NAMES[m[2]], +m[1], D)],
  [R('(?:昨天|昨日|yesterday)'), (_m, D) => dayRange(utc(D.y, D.m, D.d - 1), utc(D.y, D.m, D.d - 1), D)],
  [R('(?:前天|day before yesterday)'), (_m, D) => dayRange(utc(D.y, D.m, D.d - 2), utc(D.y, D.m, D.d - 2), D)],
  [R('(?:今天|今日|today)'), (_m, D) => dayRange(utc(D.y, D.m, D.d), utc(D.y, D.m, D.d), D)],
  [R('(?:上周|上个?星期|上个?礼拜|last week|previous week)'), (_m, D) => week(-1, D)],
  [R('(?:本周|这周|这个?星期|this week|week to date)'), (_m, D) => week(0, D)],
  [R('(?:近|最近|过去|最近的|过去的)\\s*(\\d{1,4})\\s*(?:天|日)'), (m, D) => lastDays(+m[1], D)],
  [R('(?:the\\s+)?(?:last|past|previous|recent|trailing|latest)\\s+(\\d{1,4})\\s+days?(?![a-z])'), (m, D) => lastDays(+m[1], D)],
  [R('(?:近|最近|过去)\\s*(\\d{1,3})\\s*(?:个)?\\s*(?:周|星期|礼拜)'), (m, D) => lastDays(7 * +m[1], D)],
  [R('(?:近|最近|过去)\\s*(?:一|1)?\\s*周'), (_m, D) => lastDays(7, D)],
  [R('(?:the\\s+)?(?:last|past|previous|recent|trailing)\\s+(\\d{1,3})\\s+weeks?(?![a-z])'), (m, D) => lastDays(7 * +m[1], D)],
  // quarters
  [R('(\\d{4})\\s*年?\\s*第?\\s*([1-4])\\s*(?:季度|季)'), (m, D) => quarter(+m[1], +m[2], D)],
  [R('(\\d{4})\\s*[- ]?\\s*q([1-4])(?![a-z0-9])'), (m, D) => quarter(+m[1], +m[2], D)],
  [R('q([1-4])\\s*(?:of\\s+)?[- ]?\\s*(\\d{4})(?![0-9])'), (m, D) => quarter(+m[2], +m[1], D)],
  [R('(first|second|third|fourth|1st|2nd|3rd|4th)\\s+quarter\\s+(?:of\\s+)?(\\d{4})(?![0-9])'), (m, D) => quarter(+m[2], ORD[m[1]], D)],
  [R('(今年|本年|去年|上年|前年)\\s*第?\\s*([1-4])\\s*(?:季度|季)'), (m, D) => quarter(relYear(m[1], D)!, +m[2], D)],
  [R('q([1-4])\\s+(?:of\\s+)?(this year|last year)'), (m, D) => quarter(relYear(m[2], D)!, +m[1], D)],
  [R('第?\\s*([1-4])\\s*季度'), (m, D) => yearlessQuarter(+m[1], D)],
  [R('q([1-4])(?![a-z0-9])'), (m, D) => yearlessQuarter(+m[1], D)],
  [R('(?:上季度|上个季度|上一季度|上一个季度|(?:the\\s+)?(?:last|previous|prior|past)\\s+(?:quarter|qtr)(?![a-z]))'), (_m, D) => lastQuarters(1, D)],
  [R('(?:本季度|这个季度|这季度|当季|本季|this (?:quarter|qtr)|current quarter|quarter to date|qtd)'), (_m, D) =>
    monthRange(quarterStart(D.y, quarterOf(D.ym)), addMonths(quarterStart(D.y, quarterOf(D.ym)), 2), D)],
  [R('(?:近|最近|过去)\\s*(\\d{1,2})\\s*个?\\s*季度'), (m, D) => lastQuarters(+m[1], D)],
  [R('(?:the\\s+)?(?:last|past|previous|recent|trailing)\\s+(\\d{1,2})\\s+quarters?(?![a-z])'), (m, D) => lastQuarters(+m[1], D)],
  // halves
  [R('(\\d{4})\\s*年?\\s*(上|下)半年'), (m, D) => half(+m[1], m[2] === '上' ? 1 : 2, D)],
  [R('(今年|去年|前年)\\s*(上|下)半年'), (m, D) => half(relYear(m[1], D)!, m[2] === '上' ? 1 : 2, D)],
  [R('h([12])\\s*(\\d{4})(?![0-9])'), (m, D) => half(+m[2], +m[1], D)],
  [R('(\\d{4})\\s*h([12])(?![a-z0-9])'), (m, D) => half(+m[1], +m[2], D)],
  [R('(first|second)\\s+half\\s+(?:of\\s+)?(\\d{4})(?![0-9])'), (m, D) => half(+m[2], m[1] === 'first' ? 1 : 2, D)],
  // the most recent half that has a complete month (上半年 on 2025-06-15 → 2025-01…2025-05)
  [R('(上|下)半年'), (m, D) => half(m[1] === '上' ? (D.m > 1 ? D.y : D.y - 1) : D.m > 7 ? D.y : D.y - 1, m[1] === '上' ? 1 : 2, D)],
  [R('(?:近|最近|过去)\\s*半年|(?:the\\s+)?(?:last|past)\\s+half\\s+year'), (_m, D) => lastMonths(6, D)],
  // months
  [R('(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月?\\s*(?:-|~|到|至)\\s*(\\d{1,2})\\s*月份?'), (m, D) =>
    +m[2] <= +m[3] && validYear(+m[1]) && +m[3] <= 12 && +m[2] >= 1 ? monthRange({ y: +m[1], m: +m[2] }, { y: +m[1], m: +m[3] }, D) : null],
  [R(`${MN}\\s*(?:-|to|through|until|till)\\s*${MN}\\s*,?\\s*(\\d{4})(?![0-9])`), (m, D) =>
    MONTH_NAMES[m[1]] <= MONTH_NAMES[m[2]] && validYear(+m[3]) ? monthRange({ y: +m[3], m: MONTH_NAMES[m[1]] }, { y: +m[3], m: MONTH_NAMES[m[2]] }, D) : null],
  [R('(\\d{1,2})\\s*月?\\s*(?:-|~|到|至)\\s*(\\d{1,2})\\s*月份?'), (m, D) => yearlessMonths(+m[1], +m[2], D)],
  [R(`${MN_FULL}\\s*(?:-|to|through|until|till)\\s*${MN_FULL}(?![a-z])`), (m, D) => yearlessMonths(MONTH_NAMES[m[1]], MONTH_NAMES[m[2]], D)],
  [R('(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月份?'), (m, D) => month(+m[1], +m[2], D)],
  [R('(\\d{4})[-/.](\\d{1,2})(?![-/.\\d])'), (m, D) => month(+m[1], +m[2], D)],
  [R(`${MN}\\s*,?\\s*(\\d{4})(?![0-9])`), (m, D) => month(+m[2], MONTH_NAMES[m[1]], D)],
  [R(`(\\d{4})\\s+${MN}(?![a-z])`), (m, D) => month(+m[1], MONTH_NAMES[m[2]], D)],
  [R('(今年|本年|去年|上年|前年)\\s*(\\d{1,2})\\s*月份?'), (m, D) => month(relYear(m[1], D)!, +m[2], D)],
  [R(`${MN}\\s+(?:of\\s+)?(this year|last year)`), (m, D) => month(relYear(m[2], D)!, MONTH_NAMES[m[1]], D)],
  [R('(\\d{1,2})\\s*月份?(?![\\d])'), (m, D) => yearlessMonth(+m[1], D)],
  [R(`${MN_FULL}(?![a-z])`), (m, D) => yearlessMonth(MONTH_NAMES[m[1]], D)],
  [R('(?:上个月份|上个月|上月|上一个月|上一月|last month|previous month|prior month|(?:the\\s+)?past month|last mo(?![a-z]))'), (_m, D) => month(D.last.y, D.last.m, D)],
  // 上上个月 / two months ago / 3个月前: counted back from D's month (last month is one month ago)
  [R('(?:上上个月|上上月)'), (_m, D) => monthsAgo(2, D)],
  [R('(\\d{1,3})\\s*个?\\s*月(?:以)?前'), (m, D) => monthsAgo(+m[1], D)],
  [R('(?:(\\d{1,3})|an?)\\s+months?\\s+ago(?![a-z])'), (m, D) => monthsAgo(m[1] ? +m[1] : 1, D)],
  // the same period a year earlier: moved back from the previous answer's range (parse.ts)
  // (same period last year, 去年同期 are the year-on-year comparison: words.ts)
  [R('(?:the\\s+)?same\\s+(month|quarter)\\s+(?:of\\s+|in\\s+)?(?:last year|a year (?:ago|earlier|before)|the previous year|the prior year)'),
    (m, D) => sameLastYear(m[1] === 'quarter' ? 'quarter' : 'month', D)],
  [R('(?:去年|上年|上一年)(?:的)?同(?:一)?(?:个)?(月|季度|季)'), (m, D) => sameLastYear(m[1].startsWith('季') ? 'quarter' : 'month', D)],
  [R('(?:本月份|本月|这个月|当月|这月|this month|current month|month to date|mtd)'), (_m, D) => month(D.y, D.m, D)],
  [R('(?:近|最近|过去|最近的|过去的)\\s*(\\d{1,3})\\s*个?\\s*月'), (m, D) => lastMonths(+m[1], D)],
  [R('(?:the\\s+)?(?:last|past|previous|recent|trailing|latest)\\s+(\\d{1,3})\\s+months?(?![a-z])'), (m, D) => lastMonths(+m[1], D)],
  [R('(?:近|最近|过去)\\s*(\\d{1,2})\\s*年'), (m, D) => lastMonths(12 * +m[1], D)],
  [R('(?:the\\s+)?(?:last|past|previous|trailing)\\s+(\\d{1,2})\\s+years(?![a-z])'), (m, D) => lastMonths(12 * +m[1], D)],
  [R('(?:近|最近|过去)\\s*(?:一|1)?\\s*年|(?:the\\s+)?(?:last|past|trailing)\\s+12\\s+months|(?:the\\s+)?past year(?![a-z])|ttm|ltm'), (_m, D) => lastMonths(12, D)],
  // years
  [R('(?:今年以来|今年至今|年初至今|年初以来|本年以来|今年累计|本年累计|今年全年|年累计|全年|今年|本年度|本年|this year|year to date|ytd|so far this year|current year|full year)'), (_m, D) =>
    D.m === 1 ? month(D.y, 1, D) : monthRange({ y: D.y, m: 1 }, D.last, D)],
  [R('(?:去年全年|去年|上一年|上年|last year|previous year|prior year)'), (_m, D) => monthRange({ y: D.y - 1, m: 1 }, { y: D.y - 1, m: 12 }, D)],
  [R('(?:前年|the year before last)'), (_m, D) => monthRange({ y: D.y - 2, m: 1 }, { y: D.y - 2, m: 12 }, D)],
  // the one before the other period named (parse.ts); alone, the one before the latest complete one
  [R('(?:the\\s+)?(year|quarter|month) before(?!\\s+last)(?![a-z])'), (m, D) => {
    const unit = m[1] as 'year' | 'quarter' | 'month';
    const r = unit === 'year' ? monthRange({ y: D.y - 2, m: 1 }, { y: D.y - 2, m: 12 }, D) : unit === 'quarter' ? lastQuarters(2, D)! : monthsAgo(2, D)!;
    return { ...(unit === 'quarter' ? { ...r, to: ymStr(addMonths({ y: +r.from.slice(0, 4), m: +r.from.slice(5, 7) }, 2)) } : r), before: unit };
  }],
  [R('(\\d{4})\\s*年(?:度|全年)?'), (m, D) => (validYear(+m[1]) ? monthRange({ y: +m[1], m: 1 }, { y: +m[1], m: 12 }, D) : null)],
  [R('(?:fy\\s*|year\\s+)?(\\d{4})(?![\\d])'), (m, D) => (validYear(+m[1]) ? monthRange({ y: +m[1], m: 1 }, { y: +m[1], m: 12 }, D) : null)],
];

export interface TimeMatch { end: number; spec: TimeSpec }

const ASCIIW = /[a-z0-9]/;
/** Every time expression starting at i (longest first). */
export function timeMatchesAt(text: string, i: number, D: AsOf): TimeMatch[] {
  const c = text[i];
  // cheap gate: time words start with a digit, a CJK time character or a few English letters
  if (!/[0-9近最过上本这当今去前昨第半年月季周星礼全qhjfmasondlptycwy]/.test(c)) return [];
  if (ASCIIW.test(c) && i > 0 && ASCIIW.test(text[i - 1])) return [];
  const out: TimeMatch[] = [];
  for (const [re, h] of PATTERNS) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0].length === 0) continue;
    const end = i + m[0].replace(/\s+$/, '').length;
    if (ASCIIW.test(text[end - 1]) && ASCIIW.test(text[end] ?? '')) continue;
    const spec = h(m, D);
    if (spec) out.push({ end, spec });
  }
  out.sort((a, b) => b.end - a.end);
  return out;
}

/** A yearless period (3月, Q1, 5日) placed in year y. */
function inYear(b: TimeSpec, y: number, D: AsOf): TimeSpec | null {
  if (!b.yearless) return b;
  if (b.yearless.unit === 'day') return dayOf(y, b.yearless.m, b.yearless.d!, D);
  if (b.yearless.unit === 'quarter') return quarter(y, Math.floor((b.yearless.m - 1) / 3) + 1, D);
  return month(y, b.yearless.m, D);
}

/** "2024年 Q1": a yearless period inside the year the first names (null when it is not inside). */
export function refine(a: TimeSpec, b: TimeSpec, D: AsOf): TimeSpec | null {
  const y = +a.from.slice(0, 4);
  if (+a.to.slice(0, 4) !== y) return null;
  const r = inYear(b, y, D);
  return r && r.from >= a.from.slice(0, r.from.length) ? r : null;
}

/** "2024年1月 到 3月": the end borrows the start's year when it named none. */
export function joinRange(a: TimeSpec, b: TimeSpec, D: AsOf): TimeSpec | null {
  let end = b;
  if (b.yearless && !a.yearless) end = inYear(b, +a.from.slice(0, 4), D) ?? b;
  const precision = a.precision === 'day' || end.precision === 'day' ? 'day' : 'month';
  const from = precision === 'day' && a.precision === 'month' ? `${a.from}-01` : a.from;
  let to = end.to;
  if (precision === 'day' && end.precision === 'month') {
    const [y, m] = end.to.split('-').map(Number);
    to = `${end.to}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  if (from > to) return null;
  return { from, to, precision, future: a.future };
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Display of a range in the question's language. */
export function describeRange(r: { from: string; to: string }, lang: 'zh' | 'en'): string {
  const one = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    if (lang === 'zh') return d ? `${y}年${m}月${d}日` : `${y}年${m}月`;
    const name = EN_MONTHS[m - 1];
    return d ? `${d} ${name} ${y}` : `${name} ${y}`;
  };
  if (r.from === r.to) return one(r.from);
  return lang === 'zh' ? `${one(r.from)}至${one(r.to)}` : `${one(r.from)} to ${one(r.to)}`;
}
