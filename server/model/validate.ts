/** Boot-time model check: lists every problem at once (Cube's schema compiler habit). */
import type { Cube, Dimension, Metric } from './types.ts';

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
  }
  for (const m of metrics) {
    if (!ID.test(m.id)) problems.push(`metric id "${m.id}" is not lower_snake_case`);
    unique(m.id, 'metric');
    labelled(`metric "${m.id}"`, m);
    const cube = cubeById.get(m.cube);
    if (!cube) problems.push(`metric "${m.id}" names unknown cube "${m.cube}"`);
    else if (cube.executor === 'sql' && !m.sql) problems.push(`metric "${m.id}" is in SQL cube "${m.cube}" but has no sql`);
  }
  if (problems.length) throw new ModelError(problems);
}
