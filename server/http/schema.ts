/** The executable schema: SDL from schema/, resolvers from each domain. */
import fs from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLScalarType, Kind } from 'graphql';
import type { Resolvers } from '../generated/graphql.ts';
import { askResolvers } from '../domains/ask/resolvers.ts';
import { catalogResolvers } from '../domains/catalog/resolvers.ts';
import { metricsResolvers } from '../domains/metrics/resolvers.ts';
import { viewsResolvers } from '../domains/views/resolvers.ts';
import { segmentsResolvers } from '../domains/segments/resolvers.ts';
import { channelsResolvers } from '../domains/channels/resolvers.ts';
import { lifecycleResolvers } from '../domains/lifecycle/resolvers.ts';
import { capabilityResolvers } from '../domains/capability/resolvers.ts';
import { embedResolvers } from '../embed/resolvers.ts';
import { parseDay } from '../query/time.ts';

const dir = path.resolve(import.meta.dirname, '../../schema');
export const typeDefs = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)))
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');

const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (v) => String(v).slice(0, 10),
  parseValue: (v) => parseDay(String(v)),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDay(ast.value) : null),
});
const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: function literal(ast): unknown {
    switch (ast.kind) {
      case Kind.STRING: case Kind.BOOLEAN: return ast.value;
      case Kind.INT: case Kind.FLOAT: return Number(ast.value);
      case Kind.LIST: return ast.values.map(literal);
      case Kind.OBJECT: return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
      default: return null;
    }
  },
});

const modules: Resolvers[] = [askResolvers, catalogResolvers, metricsResolvers, viewsResolvers, segmentsResolvers, channelsResolvers, lifecycleResolvers, capabilityResolvers, embedResolvers];

export const resolvers = {
  Date: DateScalar,
  JSON: JSONScalar,
  Query: Object.assign({}, ...modules.map((m) => m.Query ?? {})),
  Mutation: Object.assign({}, ...modules.map((m) => m.Mutation ?? {})),
  ...Object.assign({}, ...modules.map(({ Query, Mutation, ...rest }) => { void Query; void Mutation; return rest; })),
};

/** One executable schema: Apollo serves it, and the chat runs its documents against it. */
export const schema = makeExecutableSchema({ typeDefs, resolvers });
