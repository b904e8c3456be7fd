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
    // The dashboard's typed documents (graphql() calls in web/src/api): documents travel as
    // plain strings, so the bundle carries no GraphQL parser or printer.
    'web/src/generated/': {
      preset: 'client',
      documents: ['web/src/api/**/*.ts'],
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { JSON: 'unknown', Date: 'string' },
      },
    },
  },
};
export default config;
