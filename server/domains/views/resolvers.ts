import type { Resolvers } from '../../generated/graphql.ts';
import type { RequestContext } from '../../http/context.ts';
import { SavedViewsService, type ViewViewer } from './service.ts';

/** Saved views (issue 4): one line per root field; the service validates and stores. */
const service = (ctx: RequestContext) => new SavedViewsService(ctx.engine);
const viewer = (ctx: RequestContext): ViewViewer => ({ id: ctx.viewer.id, scope: ctx.viewer.scope, role: ctx.viewer.role });

export const viewsResolvers: Resolvers = {
  Query: {
    savedViews: (_, { scope, search, page, includeDeleted }, ctx) => service(ctx).list(viewer(ctx), scope, { search, page, includeDeleted }),
    savedView: (_, { id, version }, ctx) => service(ctx).get(viewer(ctx), id, version),
    savedViewHistory: (_, { id }, ctx) => service(ctx).history(viewer(ctx), id),
    effectiveDefaultView: (_, { scope }, ctx) => service(ctx).effectiveDefault(viewer(ctx), scope),
  },
  Mutation: {
    saveView: (_, { input }, ctx) => service(ctx).save(viewer(ctx), input),
    setDefaultView: (_, { id, isDefault }, ctx) => service(ctx).setDefault(viewer(ctx), id, isDefault),
    deleteView: (_, { id }, ctx) => service(ctx).remove(viewer(ctx), id),
    restoreView: (_, { id, version }, ctx) => service(ctx).restore(viewer(ctx), id, version),
  },
};
