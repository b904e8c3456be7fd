/** Boot-time model check: lists every problem at once (Cube's schema compiler habit). */
import { type Cube, type Dimension, type Metric, GRAINS } from './types.ts';

export class ModelError extends Error {
  constructor(readonly problems: string[]) {
    super(`The semantic model is invalid:\n- ${problems.join('\n- ')}`);
  }
}

const ID = /^[a-z][a-z0-9_]*$/;

export function validateModel(cubes: Cube[], dimensions: Dimension[], metrics: Metric[]): void {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const unique = (id: string, what: string) => {
    if (seen.has(id)) problems.push(`${what} "${id}" reuses an id already used by ${seen.get(id)}`);
    seen.set(id, `${what} "${id}"`);
  };
  const labelled = (what: string, x: { labelZh?: string; labelEn?: string }) => {
    if (!x.labelZh?.trim()) problems.push(`${what} has no labelZh`);
    if (!x.labelEn?.trim()) problems.push(`${what} has no labelEn`);
  };
  const dimIds = new Set(dimensions.map((d) => d.id));
  const cubeById = new Map(cubes.map((c) => [c.id, c]));
  for (const d of dimensions) {
    if (!ID.test(d.id)) problems.push(`dimension id "${d.id}" is not lower_snake_case`);
    unique(d.id, 'dimension');
    labelled(`dimension "${d.id}"`, d);
    if (!d.members && !d.source) problems.push(`dimension "${d.id}" has neither members nor a member source`);
    const memberIds = new Set<string>();
    for (const m of d.members ?? []) {
      if (memberIds.has(m.id)) problems.push(`dimension "${d.id}" lists member "${m.id}" twice`);
      memberIds.add(m.id);
      labelled(`member "${d.id}.${m.id}"`, m);
    }
  }
  for (const c of cubes) {
    for (const [dim, expr] of Object.entries(c.dimensions)) {
      if (!dimIds.has(dim)) problems.push(`cube "${c.id}" maps unknown dimension "${dim}"`);
      if (!expr.trim()) problems.push(`cube "${c.id}" maps dimension "${dim}" to an empty expression`);
    }
    for (const r of c.rollups ?? []) {
      if (c.executor !== 'sql' || !c.time) problems.push(`cube "${c.id}" has a rollup, but only SQL cubes with a time axis can have one`);
      for (const [dim, col] of Object.entries(r.dimensions)) {
        if (!(dim in c.dimensions)) problems.push(`rollup of cube "${c.id}" keeps dimension "${dim}", which the cube does not have`);
        if (!ID.test(col)) problems.push(`rollup of cube "${c.id}" maps dimension "${dim}" to "${col}", not a column name`);
      }
      for (const dim of Object.keys(r.derived ?? {})) if (!(dim in c.dimensions)) problems.push(`rollup ${r.table} derives dimension "${dim}", which cube "${c.id}" does not have`);
      for (const [col, expr] of Object.entries(r.measures)) {
        if (!ID.test(col)) problems.push(`rollup measure "${col}" of cube "${c.id}" is not a column name`);
        if (!expr.trim()) problems.push(`rollup measure "${col}" of cube "${c.id}" has no expression`);
      }
      for (const id of r.without ?? []) if (!metrics.some((m) => m.id === id && m.cube === c.id)) problems.push(`rollup ${r.table} lists "${id}" in without, not a metric of cube "${c.id}"`);
      if (r.grain && c.time && GRAINS.indexOf(r.grain) < GRAINS.indexOf(c.time.finest)) problems.push(`rollup ${r.table} is finer (${r.grain}) than cube "${c.id}" (${c.time.finest})`);
    }
  }
  for (const m of metrics) {
    if (!ID.test(m.id)) problems.push(`metric id "${m.id}" is not lower_snake_case`);
    unique(m.id, 'metric');
    labelled(`metric "${m.id}"`, m);
    const cube = cubeById.get(m.cube);
    if (!cube) problems.push(`metric "${m.id}" names unknown cube "${m.cube}"`);
    else if (cube.executor === 'sql' && !m.sql) problems.push(`metric "${m.id}" is in SQL cube "${m.cube}" but has no sql`);
    // a new metric of a rolled-up cube must say how the rollup answers it, or that it cannot
    if (cube?.rollups?.length && !m.rollupSql === !m.noRollup?.trim()) {
      problems.push(m.rollupSql
        ? `metric "${m.id}" has both rollupSql and noRollup; keep one`
        : `metric "${m.id}" is in cube "${m.cube}", which has a rollup: give it rollupSql, or noRollup with the reason it cannot have one`);
    }
    for (const d of Object.keys(m.notBy ?? {})) if (cube && !(d in cube.dimensions)) problems.push(`metric "${m.id}" is notBy "${d}", which cube "${m.cube}" does not have`);
    if (cube && !cube.rollups?.length && (m.rollupSql || m.noRollup)) problems.push(`metric "${m.id}" has rollupSql or noRollup, but cube "${m.cube}" has no rollup`);
  }
  if (problems.length) throw new ModelError(problems);
}
