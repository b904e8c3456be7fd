/** The semantic model, validated once at import. The public surface of server/model. */
import { CUBES } from './cubes.ts';
import { DIMENSIONS } from './dimensions.ts';
import { METRICS } from './metrics.ts';
import type { Cube, CubeId, Dimension, Metric } from './types.ts';
import { validateModel } from './validate.ts';

validateModel(CUBES, DIMENSIONS, METRICS);

const metricById = new Map(METRICS.map((m) => [m.id, m]));
const dimensionById = new Map(DIMENSIONS.map((d) => [d.id, d]));
const cubeById = new Map(CUBES.map((c) => [c.id, c]));

export const model = {
  metrics: METRICS as readonly Metric[],
  dimensions: DIMENSIONS as readonly Dimension[],
  cubes: CUBES as readonly Cube[],
  metric: (id: string) => metricById.get(id),
  dimension: (id: string) => dimensionById.get(id),
  cube: (id: CubeId) => cubeById.get(id)!,
  /** what the metric can be grouped and filtered by: its cube's dimensions but those it is `notBy` */
  dimensionsOf: (m: Metric) => Object.keys(cubeById.get(m.cube)!.dimensions).filter((d) => !m.notBy?.[d]),
};
export type Model = typeof model;
export * from './types.ts';
export { TIME_GRAIN_LABELS, CHANNELS, ELECTRONIC_CHANNELS } from './dimensions.ts';
export { SURVIVAL_COLUMNS } from './metrics.ts';
