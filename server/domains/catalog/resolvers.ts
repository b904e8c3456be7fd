import { GRAINS, TIME_GRAIN_LABELS, model } from '../../model/index.ts';
import { membersOf } from '../../model/members.ts';
import { badInput } from '../../errors.ts';
import type { Resolvers } from '../../generated/graphql.ts';

const member = (m: { id: string; labelZh: string; labelEn: string; parent?: string }) =>
  ({ id: m.id, labelZh: m.labelZh, labelEn: m.labelEn, parent: m.parent ?? null });

export function catalog() {
  return {
    metrics: model.metrics.map((m) => {
      const cube = model.cube(m.cube);
      const finest = cube.time?.finest;
      return {
        id: m.id, labelZh: m.labelZh, labelEn: m.labelEn, format: m.format, kind: m.kind, domain: m.cube,
        formula: m.formula ?? null, higherIsBetter: m.higherIsBetter, synonyms: m.synonyms ?? [],
        dimensions: model.dimensionsOf(m),
        grains: finest ? GRAINS.slice(GRAINS.indexOf(finest)) : [],
      };
    }),
    dimensions: model.dimensions.map((d) => ({
      id: d.id, labelZh: d.labelZh, labelEn: d.labelEn, synonyms: d.synonyms ?? [], ordered: !!d.ordered,
      members: (membersOf(d.id) ?? []).map(member),
    })),
    grains: GRAINS.map((g) => ({ id: g, labelZh: TIME_GRAIN_LABELS[g].labelZh, labelEn: TIME_GRAIN_LABELS[g].labelEn })),
  };
}

export const catalogResolvers: Resolvers = {
  Query: {
    catalog: () => catalog(),
    members: (_, { dimension, parent }) => {
      if (!model.dimension(dimension)) throw badInput(`unknown dimension "${dimension}"; the catalog query lists them`);
      return (membersOf(dimension, parent) ?? []).map(member);
    },
  },
};
