import type { Resolvers } from '../../generated/graphql.ts';
import { filtersOf, queryContext } from '../shared.ts';
import { cohortRetention } from './cohorts.ts';
import { contractChurn } from './contract-churn.ts';
import { survivalCurves } from './curves.ts';

export const lifecycleResolvers: Resolvers = {
  Query: {
    survival: (_, { asOf, filters, ...a }, ctx) => survivalCurves({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
    cohortRetention: (_, { asOf, filters, ...a }, ctx) => cohortRetention({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
    contractChurn: (_, { asOf, filters }, ctx) => contractChurn({ filters: filtersOf(filters) }, queryContext(ctx, asOf)),
  },
};
