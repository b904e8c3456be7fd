import type { Resolvers } from '../../generated/graphql.ts';
import { runMetricQuery } from '../../query/execute.ts';
import type { MetricQuery } from '../../query/types.ts';
import { parseDay } from '../../query/time.ts';
import { queryContext, scopeLabel, toResultType } from '../shared.ts';

export const metricsResolvers: Resolvers = {
  Query: {
    metrics: async (_, { query, asOf }, ctx) => toResultType(await runMetricQuery(query as MetricQuery, queryContext(ctx, asOf))),
    dataset: async (_, __, ctx) => {
      const [r] = await ctx.engine.query<{ n: number; v: string }>(
        `SELECT (SELECT count() FROM ${ctx.engine.t('subscribers')}) AS n, version() AS v`);
      return { asOf: ctx.dataset.asOf, dataVersion: ctx.dataset.version, subscribers: Number(r.n), engine: ctx.engine.mode, engineVersion: r.v };
    },
  },
  Mutation: { ping: () => true },
};

export { parseDay, scopeLabel };
