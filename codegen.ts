import type { CodegenConfig } from '@graphql-codegen/cli';

/** Server resolver types and web typed documents, generated from schema/. Never edit the output. */
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'server/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useIndexSignature: true,
        contextType: '../http/context.ts#RequestContext',
        scalars: { JSON: 'unknown', Date: 'string' },
        enumsAsTypes: true,
        avoidOptionals: false,
        maybeValue: 'T | null | undefined',
      },
    },
  },
};
export default config;
