/**
 * Which table one cube part of a query reads: the first of the cube's rollups that covers the
 * part, the raw table otherwise. Pure; the SQL builder asks this once per part.
 */
import type { Cube, Grain, Metric, MetricSqlContext, Rollup } from '../model/index.ts';
import type { DayRange } from './time.ts';

/** 'auto' reads a rollup whenever one covers the part; tests force one side to compare them. */
export type SourceMode = 'auto' | 'raw' | 'rollup';

export interface Source {
  table: string;
  /** dimension id → SQL expression over `table` */
  dimensions: Record<string, string>;
  metricSql: (m: Metric, ctx: MetricSqlContext) => string;
}

/** The part's time: its grouping grain and the range it reads (null: none). */
export interface PartTime { grain: Grain | null; range: DayRange | null }

const lastDayOfMonth = (day: string) => new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7), 0)).toISOString().slice(0, 10);

/**
 * A rollup covers a part when it keeps every dimension the part groups or filters by, can
 * answer every metric of the part, and keeps time finely enough: a rollup at the cube's
 * finest grain answers any bucket or range (each is a sum of its rows); a monthly one only
 * whole months, grouped by month or coarser.
 */
export function rollupCovers(cube: Cube, r: Rollup, metrics: readonly Metric[], dims: readonly string[], time: PartTime = { grain: null, range: null }): boolean {
  if (!dims.every((d) => d in r.dimensions || d in (r.derived ?? {}))) return false;
  if (!metrics.every((m) => !!m.rollupSql && !r.without?.includes(m.id))) return false;
  if (!r.grain || r.grain === cube.time?.finest) return true;
  if (r.grain !== 'month') return false; // no coarser rollup is declared; say what it needs before adding one
  if (time.grain === 'day') return false;
  const { range } = time;
  return !range || (range.fromDay.endsWith('-01') && range.toDay === lastDayOfMonth(range.toDay));
}

/** `dims`: every dimension the part groups by or filters on. */
export function pickSource(cube: Cube, metrics: readonly Metric[], dims: readonly string[], mode: SourceMode = 'auto', time?: PartTime): Source {
  const r = mode === 'raw' ? undefined : cube.rollups?.find((x) => rollupCovers(cube, x, metrics, dims, time));
  if (mode === 'rollup' && !r) {
    throw new Error(`no rollup of cube "${cube.id}" covers ${metrics.map((m) => m.id).join(', ')} by ${dims.join(', ') || 'nothing'}`);
  }
  if (r) return { table: r.table, dimensions: { ...r.dimensions, ...r.derived }, metricSql: (m, ctx) => m.rollupSql!(ctx) };
  return { table: cube.table, dimensions: cube.dimensions, metricSql: (m, ctx) => m.sql!(ctx) };
}
