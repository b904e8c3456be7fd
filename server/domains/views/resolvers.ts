import type { Resolvers } from '../../generated/graphql.ts';

/** Saved views (issue 4): filled in by the views module. */
export const viewsResolvers: Resolvers = {};
