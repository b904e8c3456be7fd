import type { Resolvers } from '../../generated/graphql.ts';
import { filtersOf, queryContext, toResultType } from '../shared.ts';
import { campaignEffect, channelEfficiency, channelPreference } from './service.ts';

export const channelsResolvers: Resolvers = {
  Query: {
    channelEfficiency: async (_, { asOf, filters, ...a }, ctx) => toResultType(await channelEfficiency({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf))),
    channelPreference: (_, { asOf, filters, ...a }, ctx) => channelPreference({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
    campaignEffect: (_, { asOf, filters, ...a }, ctx) => campaignEffect({ ...a, filters: filtersOf(filters) }, queryContext(ctx, asOf)),
  },
};
