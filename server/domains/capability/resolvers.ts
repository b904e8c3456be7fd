import type { Resolvers } from '../../generated/graphql.ts';
import { domainField, queryContext } from '../shared.ts';
import { recordAssessment } from './record.ts';
import { capabilityAssessments, capabilityComparison, capabilityFramework, capabilityScores } from './service.ts';

export const capabilityResolvers: Resolvers = {
  Query: {
    capabilityFramework: () => capabilityFramework(),
    capabilityScores: (_, a, ctx) => domainField('capabilityScores', a, queryContext(ctx), (c) => capabilityScores(a, c), (r) => r.length),
    capabilityComparison: (_, a, ctx) => domainField('capabilityComparison', a, queryContext(ctx), (c) => capabilityComparison(a, c), (r) => r.length),
    capabilityAssessments: (_, a, ctx) => domainField('capabilityAssessments', a, queryContext(ctx), (c) => capabilityAssessments(a, c), (r) => r.length),
  },
  Mutation: {
    recordAssessment: async (_, { input }, ctx) => {
      const r = await recordAssessment(input, { engine: ctx.engine, scope: ctx.viewer.scope, viewerId: ctx.viewer.id });
      await ctx.dataset.bumpVersion(); // cached scores and comparisons are stale now
      return r;
    },
  },
};
