import type { Resolvers } from '../../generated/graphql.ts';
import { domainField, filtersOf, queryContext } from '../shared.ts';
import { rfmHeatmap, segmentBreakdown, segmentMigration } from './service.ts';

export const segmentsResolvers: Resolvers = {
  Query: {
    segments: (_, { asOf, filters, ...a }, ctx) => segmentBreakdown({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
    segmentMigration: (_, { asOf, filters, ...a }, ctx) => {
      const args = { ...a, filters: filtersOf(filters) };
      return domainField('segmentMigration', args, queryContext(ctx, asOf), (c) => segmentMigration(args, c), (r) => r.flows.length);
    },
    rfmHeatmap: (_, { asOf, filters, ...a }, ctx) => rfmHeatmap({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
  },
};
