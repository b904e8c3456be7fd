import type { Resolvers } from '../../generated/graphql.ts';
import { filtersOf, queryContext } from '../shared.ts';
import { rfmHeatmap, segmentBreakdown, segmentMigration } from './service.ts';

export const segmentsResolvers: Resolvers = {
  Query: {
    segments: (_, { asOf, filters, ...a }, ctx) => segmentBreakdown({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
    segmentMigration: (_, { asOf, filters, ...a }, ctx) => segmentMigration({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
    rfmHeatmap: (_, { asOf, filters, ...a }, ctx) => rfmHeatmap({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
  },
};
