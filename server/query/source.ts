/**
 * Which table one cube part of a query reads: the first of the cube's rollups that covers the
 * part, the raw table otherwise; distinct counts from the cube's sets when they cover them.
 * Pure; the SQL builder asks this once per part.
 */
import type { Cube, Grain, MemberSets, Metric, MetricSqlContext, Rollup } from '../model/index.ts';
import type { DayRange } from './time.ts';

/**
 * 'auto' reads a rollup (and the cube's sets) whenever one covers the part; tests force one
 * side to compare them: 'raw', 'rollup', or 'sets' (distinct counts from the sets, the rest auto).
 */
export type SourceMode = 'auto' | 'raw' | 'rollup' | 'sets';

export interface Source {
  table: string;
  /** dimension id → SQL expression over `table` */
  dimensions: Record<string, string>;
  metricSql: (m: Metric, ctx: MetricSqlContext) => string;
  /** read with FINAL (rows of one key not merged yet are merged by the read) */
  final?: boolean;
  /** conditions of every read (which level's rows) */
  where?: string[];
  /** the time range as conditions over `table` (instead of its time column) */
  rangeWhere?: (range: DayRange, param: (value: unknown, type: string) => string) => string[];
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
  if (time.grain === 'day' || time.grain === 'week') return false; // a monthly rollup has no days to put in weeks
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

/**
 * Month bits of a cube's sets: bit k of `months` is month k of its 128-month block; block 2
 * runs from January 2020 to August 2030 (block 1 from May 2009). seeds/reach.ts writes them
 * with these expressions; a range is read only within one block.
 */
export const SET_MONTHS = { epoch: 2020 * 12 - 2 * 128, width: 128 };
const monthIndexSql = (col: string) => `(toYear(${col}) * 12 + toMonth(${col}) - 1 - ${SET_MONTHS.epoch})`;
export const setBlockSql = (col: string) => `toUInt16(intDiv(${monthIndexSql(col)}, ${SET_MONTHS.width}))`;
export const setBitSql = (col: string) => `bitShiftLeft(toUInt128(1), ${monthIndexSql(col)} % ${SET_MONTHS.width})`;
/** rows a set build may hold: months from the epoch on */
export const setRowsWhereSql = (col: string) => `${monthIndexSql(col)} >= 0`;
const monthIndex = (day: string) => +day.slice(0, 4) * 12 + +day.slice(5, 7) - 1 - SET_MONTHS.epoch;

/**
 * The cube's sets answer a part when every metric is one of theirs, it has no time grain,
 * its range is whole months within one block, and a level fits: the finest level whose
 * dimensions it all groups by (a row is one subscriber per level key, so a key not grouped
 * by would count a subscriber once per key), provided every level dimension it groups or
 * filters by is that level's or derived from it. Reach of two channels together, or of a
 * channel class, not grouped by channel, would merge a subscriber's rows: contacts answers.
 */
export function setsSource(cube: Cube, metrics: readonly Metric[], groupDims: readonly string[], filterDims: readonly string[], time: PartTime): Source | null {
  const sets: MemberSets | undefined = cube.sets;
  if (!sets || !metrics.length || !metrics.every((m) => sets.metrics.includes(m.id))) return null;
  const { range } = time;
  if (time.grain || !range || !range.fromDay.endsWith('-01') || range.toDay !== lastDayOfMonth(range.toDay)) return null;
  const from = monthIndex(range.fromDay), to = monthIndex(range.toDay);
  if (from < 0 || Math.floor(from / SET_MONTHS.width) !== Math.floor(to / SET_MONTHS.width)) return null;
  const held = (l: MemberSets['levels'][number]) => [...l.dims, ...Object.keys(l.derived ?? {})];
  const levelDims = new Set(sets.levels.flatMap(held));
  if (![...groupDims, ...filterDims].every((d) => sets.dimensions.includes(d) || levelDims.has(d))) return null;
  const level = sets.levels.find((l) => l.dims.every((d) => groupDims.includes(d)));
  if (!level || ![...groupDims, ...filterDims].filter((d) => levelDims.has(d)).every((d) => held(level).includes(d))) return null;
  return {
    table: sets.table,
    dimensions: { ...Object.fromEntries([...sets.dimensions, ...level.dims].map((d) => [d, d])), ...level.derived },
    metricSql: () => 'count()',
    final: true,
    where: [`level = '${level.id}'`],
    rangeWhere: (r, param) => {
      const a = monthIndex(r.fromDay), b = monthIndex(r.toDay);
      const start = Math.floor(a / SET_MONTHS.width) * SET_MONTHS.width;
      let mask = 0n;
      for (let k = a - start; k <= b - start; k++) mask |= 1n << BigInt(k);
      return [`block = ${param(Math.floor(a / SET_MONTHS.width), 'UInt16')}`, `bitAnd(months, ${param(mask.toString(), 'UInt128')}) != 0`];
    },
  };
}
