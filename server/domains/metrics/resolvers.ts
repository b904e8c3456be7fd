import type { Resolvers } from '../../generated/graphql.ts';
import { can } from '../../auth/identity.ts';
import { runMetricQuery } from '../../query/execute.ts';
import type { MetricQuery } from '../../query/types.ts';
import { parseDay } from '../../query/time.ts';
import { queryContext, scopeLabel, toResultType } from '../shared.ts';

export const metricsResolvers: Resolvers = {
  Query: {
    metrics: async (_, { query, asOf }, ctx) => toResultType(await runMetricQuery(query as MetricQuery, queryContext(ctx, asOf))),
    viewer: (_, __, ctx) => ({
      id: ctx.viewer.id, name: ctx.viewer.name, nameEn: ctx.viewer.nameEn ?? null, role: ctx.viewer.role, scope: scopeLabel(ctx.viewer.scope),
      canUseGraphiQL: can.useGraphiQL(ctx.viewer), canMakeEmbeds: can.makeEmbeds(ctx.viewer), canManageSynonyms: can.manageSynonyms(ctx.viewer),
    }),
    dataset: async (_, __, ctx) => {
      const [r] = await ctx.engine.query<{ n: number; v: string }>(
        `SELECT (SELECT count() FROM ${ctx.engine.t('subscribers')}) AS n, version() AS v`);
      return {
        asOf: ctx.dataset.asOf, dataVersion: ctx.dataset.version, subscribers: Number(r.n), firstMonth: ctx.dataset.firstMonth,
        engine: ctx.engine.mode, engineVersion: r.v,
      };
    },
  },
  Mutation: { ping: () => true },
};

export { parseDay, scopeLabel };
