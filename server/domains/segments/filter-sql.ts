/**
 * A plan's filters (scope included) as WHERE clauses over one cube's table, for the
 * dedicated SQL of segment migration and the lifecycle matrices. Same rules as the
 * builder in server/query/sql.ts: expressions only from the model, every value a
 * `{name:Type}` parameter. Callers run `plan()` first, so ids are already validated.
 */
import type { Cube } from '../../model/index.ts';
import type { Filter } from '../../query/types.ts';

/** Allocates `{fN:Type}` placeholders; `values` goes to engine.query as params. */
export class SqlParams {
  readonly values: Record<string, unknown> = {};
  private n = 0;
  constructor(private readonly prefix = 'f') {}
  add(value: unknown, type: string): string {
    const name = `${this.prefix}${this.n++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }
}

/** Dimensions held as numbers in the tables (compared as numbers, not strings). */
const NUMERIC_DIMS = new Set(['rfm_r', 'rfm_f', 'rfm_m', 'tenure_months']);
const OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

export function filterClauses(cube: Cube, filters: readonly Filter[], p: SqlParams): string[] {
  return filters.map((f) => {
    const expr = cube.dimensions[f.dimension];
    if (!expr) throw new Error(`dimension ${f.dimension} is not on cube ${cube.id} (plan() should have refused it)`);
    const numeric = NUMERIC_DIMS.has(f.dimension);
    if (f.op === 'in' || f.op === 'not_in') {
      const list = numeric ? p.add(f.values.map(Number), 'Array(Int64)') : p.add(f.values, 'Array(String)');
      return `${expr} ${f.op === 'in' ? 'IN' : 'NOT IN'} ${list}`;
    }
    return `${expr} ${OPS[f.op]} ${numeric ? p.add(Number(f.values[0]), 'Float64') : p.add(f.values[0], 'String')}`;
  });
}
