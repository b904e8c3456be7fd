/**
 * createEmbed (schema/embed.graphql). The resolver context carries no configuration, so
 * the app's EmbedService (which holds the signing key) is found by the app's engine:
 * embedRoutes binds it when the app is built.
 */
import type { Resolvers } from '../generated/graphql.ts';
import type { Engine } from '../engine/engine.ts';
import { AppError } from '../errors.ts';
import type { RequestContext } from '../http/context.ts';
import type { EmbedService } from './service.ts';

const services = new WeakMap<Engine, EmbedService>();

export function bindEmbedService(engine: Engine, service: EmbedService): void {
  services.set(engine, service);
}

function serviceOf(ctx: RequestContext): EmbedService {
  const s = services.get(ctx.engine);
  if (!s) throw new AppError('INTERNAL_SERVER_ERROR', 'Embeds are not set up on this server.');
  return s;
}

export const embedResolvers: Resolvers = {
  Mutation: {
    createEmbed: (_, { input }, ctx) => serviceOf(ctx).mintFor(ctx.viewer, input),
  },
};
