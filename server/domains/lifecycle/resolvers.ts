import type { Resolvers } from '../../generated/graphql.ts';
import { domainField, filtersOf, queryContext } from '../shared.ts';
import { cohortRetention } from './cohorts.ts';
import { contractChurn } from './contract-churn.ts';
import { survivalCurves } from './curves.ts';

export const lifecycleResolvers: Resolvers = {
  Query: {
    survival: (_, { asOf, filters, ...a }, ctx) => {
      const args = { ...a, filters: filtersOf(filters) };
      return domainField('survival', args, queryContext(ctx, asOf), (c) => survivalCurves(args, c), (r) => r.groups.reduce((n, g) => n + g.points.length, 0));
    },
    cohortRetention: (_, { asOf, filters, ...a }, ctx) => {
      const args = { ...a, filters: filtersOf(filters) };
      return domainField('cohortRetention', args, queryContext(ctx, asOf), (c) => cohortRetention(args, c), (r) => r.cells.length);
    },
    contractChurn: (_, { asOf, filters }, ctx) => {
      const args = { filters: filtersOf(filters) };
      return domainField('contractChurn', args, queryContext(ctx, asOf), (c) => contractChurn(args, c), (r) => r.points.length);
    },
  },
};
