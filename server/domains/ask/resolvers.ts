import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from '../../generated/graphql.ts';
import type { RequestContext } from '../../http/context.ts';
import { AskService } from './service.ts';

const services = new WeakMap<object, AskService>();
/**
 * The executable schema, imported on first use (it imports these resolvers) and then
 * kept: each `import()` goes through the module loader again, which under tsx's hooks
 * cost about 0.6 ms per question.
 */
let schema: Promise<GraphQLSchema> | undefined;
const loadSchema = () => (schema ??= import('../../http/schema.ts').then((m) => m.schema));
/** One service per engine (the parser and conversations live as long as the process). */
const service = (ctx: RequestContext) => {
  let s = services.get(ctx.engine);
  if (!s) {
    s = new AskService(ctx.engine, loadSchema);
    services.set(ctx.engine, s);
  }
  return s;
};

export const askResolvers: Resolvers = {
  Query: {
    ask: (_, { question, conversationId, context, asOf }, ctx) => service(ctx).ask(ctx, question, conversationId, asOf, context as never) as never,
    askMisses: (_, { limit }, ctx) => service(ctx).misses(ctx, limit ?? 50),
    synonyms: (_, __, ctx) => service(ctx).synonyms() as never,
  },
  Mutation: {
    addSynonym: (_, { word, kind, target, dimension }, ctx) => service(ctx).addSynonym(ctx, word, kind, target, dimension) as never,
    removeSynonym: (_, { word }, ctx) => service(ctx).removeSynonym(ctx, word),
  },
};
