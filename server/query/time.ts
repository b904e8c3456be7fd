/** Calendar arithmetic on 'YYYY-MM' / 'YYYY-MM-DD' strings (UTC, no time zones involved). */
import { badInput } from '../errors.ts';

const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ym { y: number; m: number }

export function parseDay(s: string, what = 'date'): string {
  const m = DAY.exec(s);
  if (!m) throw badInput(`${what} "${s}" is not a date of the form YYYY-MM-DD`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3] || +m[1] < 1990 || +m[1] > 2100) {
    throw badInput(`${what} "${s}" is not a real calendar date`);
  }
  return s;
}

export const ymOf = (day: string): Ym => ({ y: +day.slice(0, 4), m: +day.slice(5, 7) });
export const addMonths = (a: Ym, n: number): Ym => {
  const t = a.y * 12 + (a.m - 1) + n;
  return { y: Math.floor(t / 12), m: (t % 12) + 1 };
};
export const ymStr = (a: Ym) => `${a.y}-${String(a.m).padStart(2, '0')}`;
export const firstDay = (a: Ym) => `${ymStr(a)}-01`;
export const lastDay = (a: Ym) => {
  const d = new Date(Date.UTC(a.y, a.m, 0));
  return `${ymStr(a)}-${String(d.getUTCDate()).padStart(2, '0')}`;
};
export const monthsBetween = (a: Ym, b: Ym) => (b.y - a.y) * 12 + (b.m - a.m);

/** A resolved inclusive range, always whole days; month precision when the caller named months. */
export interface DayRange {
  fromDay: string;
  toDay: string;
  precision: 'month' | 'day';
}

export function parseRange(r: { from: string; to: string }): DayRange {
  const side = (s: string, end: boolean): { day: string; precision: 'month' | 'day' } => {
    if (MONTH.test(s)) {
      const ym = { y: +s.slice(0, 4), m: +s.slice(5, 7) };
      if (ym.m < 1 || ym.m > 12) throw badInput(`timeRange month "${s}" has no month ${ym.m}`);
      return { day: end ? lastDay(ym) : firstDay(ym), precision: 'month' };
    }
    if (DAY.test(s)) return { day: parseDay(s, 'timeRange date'), precision: 'day' };
    throw badInput(`timeRange value "${s}" must be a month (YYYY-MM) or a day (YYYY-MM-DD)`);
  };
  const a = side(r.from, false);
  const b = side(r.to, true);
  if (a.day > b.day) throw badInput(`timeRange from "${r.from}" is after to "${r.to}"`);
  return { fromDay: a.day, toDay: b.day, precision: a.precision === 'day' || b.precision === 'day' ? 'day' : 'month' };
}

/** The latest complete month before as-of (DOMAIN.md "Relative time"). */
export const lastCompleteMonth = (asOf: string): Ym => addMonths(ymOf(asOf), -1);

export function shiftRange(r: DayRange, months: number): DayRange {
  const shift = (day: string, end: boolean) => {
    const ym = addMonths(ymOf(day), months);
    if (end && day === lastDay(ymOf(day))) return lastDay(ym);
    const last = lastDay(ym);
    const d = `${ymStr(ym)}-${day.slice(8, 10)}`;
    return d > last ? last : d;
  };
  return { fromDay: shift(r.fromDay, false), toDay: shift(r.toDay, true), precision: r.precision };
}
