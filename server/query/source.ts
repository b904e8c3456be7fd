/**
 * Which table one cube part of a query reads: the cube's rollup when it covers the part,
 * the raw table otherwise. Pure; the SQL builder asks this once per part.
 */
import type { Cube, Metric, MetricSqlContext } from '../model/index.ts';

/** 'auto' reads the rollup whenever it covers the part; tests force one side to compare them. */
export type SourceMode = 'auto' | 'raw' | 'rollup';

export interface Source {
  table: string;
  /** dimension id → SQL expression over `table` */
  dimensions: Record<string, string>;
  metricSql: (m: Metric, ctx: MetricSqlContext) => string;
}

/**
 * A rollup covers a part when it keeps every dimension the part groups or filters by and
 * every metric of the part can be read from it. Time needs no check: the rollup keeps the
 * cube's time column at the cube's finest grain, so any bucket or range is a sum of its rows.
 */
export function rollupCovers(cube: Cube, metrics: readonly Metric[], dims: readonly string[]): boolean {
  const r = cube.rollup;
  return !!r && dims.every((d) => d in r.dimensions || d in (r.derived ?? {})) && metrics.every((m) => !!m.rollupSql);
}

/** `dims`: every dimension the part groups by or filters on. */
export function pickSource(cube: Cube, metrics: readonly Metric[], dims: readonly string[], mode: SourceMode = 'auto'): Source {
  const covered = rollupCovers(cube, metrics, dims);
  if (mode === 'rollup' && !covered) {
    throw new Error(`the rollup of cube "${cube.id}" does not cover ${metrics.map((m) => m.id).join(', ')} by ${dims.join(', ') || 'nothing'}`);
  }
  if (mode !== 'raw' && covered) {
    const r = cube.rollup!;
    return { table: r.table, dimensions: { ...r.dimensions, ...r.derived }, metricSql: (m, ctx) => m.rollupSql!(ctx) };
  }
  return { table: cube.table, dimensions: cube.dimensions, metricSql: (m, ctx) => m.sql!(ctx) };
}
