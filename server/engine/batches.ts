/**
 * Work cut into bounded statements: chDB runs one statement at a time, so a pass over a
 * whole large table in one statement stalls every dashboard query for as long as it runs.
 */
import type { Engine } from './engine.ts';

/**
 * The cities of `source` (a table with province and city columns) in batches of about
 * `maxRows` rows each, a city never split: `province IN {ps} AND city IN {cs}` selects one.
 */
export async function cityBatches(engine: Engine, source: string, maxRows: number): Promise<{ ps: string[]; cs: string[] }[]> {
  const cities = await engine.query<{ p: string; c: string; n: number }>(`SELECT province AS p, city AS c, count() AS n FROM ${source} GROUP BY p, c ORDER BY p, c`);
  const batches: { ps: string[]; cs: string[]; n: number }[] = [];
  for (const { p, c, n } of cities) {
    let last = batches.at(-1);
    if (!last || last.n + Number(n) > maxRows) batches.push(last = { ps: [], cs: [], n: 0 });
    if (!last.ps.includes(p)) last.ps.push(p);
    last.cs.push(c);
    last.n += Number(n);
  }
  return batches.map(({ ps, cs }) => ({ ps, cs }));
}

/** The WHERE clause of one batch (parameters ps, cs). */
export const CITY_BATCH_WHERE = ['province IN {ps:Array(String)}', 'city IN {cs:Array(String)}'];
