import type { Resolvers } from '../../generated/graphql.ts';
import { queryContext } from '../shared.ts';
import { recordAssessment } from './record.ts';
import { capabilityAssessments, capabilityComparison, capabilityFramework, capabilityScores } from './service.ts';

export const capabilityResolvers: Resolvers = {
  Query: {
    capabilityFramework: () => capabilityFramework(),
    capabilityScores: (_, a, ctx) => capabilityScores(a, queryContext(ctx)),
    capabilityComparison: (_, a, ctx) => capabilityComparison(a, queryContext(ctx)),
    capabilityAssessments: (_, a, ctx) => capabilityAssessments(a, queryContext(ctx)),
  },
  Mutation: {
    recordAssessment: (_, { input }, ctx) => recordAssessment(input, { engine: ctx.engine, scope: ctx.viewer.scope, viewerId: ctx.viewer.id }),
  },
};
