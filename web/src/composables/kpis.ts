/**
 * KPI cards' figures from a month-on-month and a year-on-year answer of the same metrics: the
 * value, and its changes — a rate's in percentage points (4.4% from 2.9% is +1.5 points; "+49%"
 * read as points misled), any other metric's relative. Pure.
 */
import type { Row } from '../charts/builders/common';

export type KpiRow = Row | null;

/** a rate's change in percentage points: value − previous, null when either is missing */
export function pointsChange(row: KpiRow, id: string): number | null {
  const [v, prev] = [row?.[id], row?.[`${id}_prev`]];
  return typeof v === 'number' && typeof prev === 'number' ? v - prev : null;
}

export function kpiFigures(id: string, format: string, mom: KpiRow, yoy: KpiRow) {
  return {
    value: mom?.[id],
    ...(format === 'percent'
      ? { mom: pointsChange(mom, id), yoy: pointsChange(yoy, id), changeFormat: 'points' as const }
      : { mom: (mom?.[`${id}_change`] ?? null) as number | null, yoy: (yoy?.[`${id}_change`] ?? null) as number | null, changeFormat: 'change' as const }),
  };
}
