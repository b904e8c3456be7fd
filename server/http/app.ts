/**
 * HTTP surface: /graphql (Apollo), /graphiql (bundled, no CDN), /healthz, /readyz, and the
 * built dashboard at /. Returns the express app; main.ts listens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import cookieParser from 'cookie-parser';
import express from 'express';
import { GraphQLError } from 'graphql';
import { Identity } from '../auth/identity.ts';
import { authRoutes, authenticate, requireGraphiQL } from './auth-routes.ts';
import { importRoutes } from '../domains/import/routes.ts';
import { embedRoutes } from '../embed/routes.ts';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Dataset } from '../domains/dataset.ts';
import type { Engine } from '../engine/engine.ts';
import { pendingMigrations } from '../engine/migrate.ts';
import { AuditLog } from '../engine/audit.ts';
import { ResultCache } from '../query/cache.ts';
import type { RequestContext } from './context.ts';
import { formatGraphQLError } from './errors.ts';
import { schema } from './schema.ts';

export interface AppDeps {
  config: Config;
  engine: Engine;
  dataset: Dataset;
  log: Logger;
}

/**
 * Per operation, in one hook (one fewer listener on every request): overload and engine
 * outages become HTTP-level facts too (429 / 503 with Retry-After), and one structured log
 * line tells who, what, how long, which error codes.
 */
const operationResponse = (log: Logger): ApolloServerPlugin<RequestContext> => ({
  async requestDidStart({ contextValue }) {
    const t0 = performance.now();
    return {
      async willSendResponse({ request, response }) {
        const codes = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code) : [];
        const status = codes.includes('TOO_MANY_REQUESTS') ? 429 : codes.includes('DATABASE_UNAVAILABLE') ? 503 : null;
        if (status) {
          response.http.status = status;
          response.http.headers.set('retry-after', '1');
        }
        log.info({ op: request.operationName ?? 'anonymous', viewer: contextValue.viewer?.id, ms: Math.round(performance.now() - t0), errors: codes.length ? codes : undefined }, 'graphql');
      },
    };
  },
});

/**
 * GraphQL Armor counts tokens with its own parser in `parsingDidStart`; a syntax error it
 * meets there left Apollo as an unexpected failure (which Armor's own hook rethrew without a
 * status), HTTP 500. The client's mistake: 400, as Apollo's own parse gives it.
 */
function parseErrorsAre400(p: ApolloServerPlugin<RequestContext>): ApolloServerPlugin<RequestContext> {
  if (!p.requestDidStart) return p;
  return {
    ...p,
    async unexpectedErrorProcessingRequest(args) {
      if ((args.error as GraphQLError).extensions?.http) throw args.error;
      await p.unexpectedErrorProcessingRequest?.(args);
    },
    async requestDidStart(rc) {
      const listener = await p.requestDidStart!(rc);
      const parsing = listener?.parsingDidStart;
      if (!listener || !parsing) return listener;
      return {
        ...listener,
        async parsingDidStart(c) {
          try {
            return await parsing.call(listener, c);
          } catch (e) {
            if ((e as Error | null)?.name !== 'GraphQLError') throw e; // by name: two copies of graphql-js can meet

            throw new GraphQLError((e as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } } });
          }
        },
      };
    },
  };
}

export async function createApp(deps: AppDeps) {
  const { config, engine, dataset, log } = deps;
  // Depth, cost, aliases, tokens, directives and no field suggestions (GraphQL Armor);
  // batching stays off (Apollo's default).
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    costLimit: { maxCost: 5000 },
    maxAliases: { n: 15 },
    maxTokens: { n: 4000 },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    introspection: !config.production,
    formatError: formatGraphQLError(log),
    includeStacktraceInErrorResponses: false,
    // no cache hints are used (results are cached by the server: query/cache.ts), so no per-field cache-control walk
    plugins: [...armor.plugins.map(parseErrorsAre400), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), operationResponse(log)],
  });
  await apollo.start();

  const identity = new Identity(config.auth);
  const audit = new AuditLog(engine);
  const results = config.resultCacheEntries > 0 ? new ResultCache(config.resultCacheEntries) : undefined;
  const auth = authenticate(identity);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag'); // no body hashing per answer: GraphQL answers are POSTs, static files carry their own
  app.use(cookieParser());
  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', async (_req, res) => {
    const reachable = await engine.ping(1500);
    const pending = reachable ? await pendingMigrations(engine).catch(() => ['?']) : ['?'];
    const ready = reachable && pending.length === 0;
    res.status(ready ? 200 : 503).json(ready
      ? { status: 'ready', engine: engine.mode, asOf: dataset.asOf, dataVersion: dataset.version }
      : { status: 'unavailable', code: 'DATABASE_UNAVAILABLE', engineReachable: reachable, pendingMigrations: pending });
  });
  // GraphQL first: its requests skip the sign-in and embed routers' path matching, and are authenticated here
  app.use('/graphql', auth, express.json({ limit: '256kb' }), expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      const abort = new AbortController();
      // cancel the engine query when the client goes away
      res.on('close', () => { if (!res.writableFinished) abort.abort(); });
      // the viewer (and so the scope) comes from the verified token only (authenticate)
      return { engine, dataset, viewer: req.viewer!, signal: abort.signal, audit, results };
    },
  }));
  // Pages of the product are framed only by the product: a signed-in dashboard inside another
  // intranet page (same site, so the session cookie goes along) is a clickjacking target. The
  // one-chart embed pages set their own frame-ancestors (EMBED_ALLOWED_ORIGINS).
  app.use((req, res, next) => {
    if (!req.path.startsWith('/embed')) res.set({ 'Content-Security-Policy': "frame-ancestors 'self'", 'X-Frame-Options': 'SAMEORIGIN', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  app.use(authRoutes(identity, config.auth.demoUsers));
  app.use(embedRoutes({ config, engine, dataset, log, audit, results })); // public paths: each request carries its own embed token or API key
  app.use(auth);
  app.use('/api/import', importRoutes({ config, engine, dataset, log, maxBytes: config.importMaxBytes }));
  const graphiql = renderGraphiQL({ endpoint: '/graphql', title: 'CRM analytics · GraphiQL' } as never);
  app.get('/graphiql', requireGraphiQL, (_req, res) => { res.type('html').send(graphiql); });

  const web = config.webDist;
  if (fs.existsSync(path.join(web, 'index.html'))) {
    app.use(express.static(web, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!graphql|graphiql|healthz|readyz|api\/).*/, (_req, res) => { res.sendFile(path.join(web, 'index.html')); });
  } else {
    app.get('/', (_req, res) => {
      res.type('html').send('<!doctype html><meta charset="utf-8"><title>CRM 经营分析</title><h1>CRM 经营分析</h1><p>The dashboard is not built yet (<code>npm run build:web</code>). <a href="/graphiql">GraphiQL</a></p>');
    });
  }
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err.type === 'entity.too.large') { res.status(413).json({ code: 'BAD_USER_INPUT', message: 'The request body is larger than allowed (256 KB).' }); return; }
    if (err.type === 'entity.parse.failed') { res.status(400).json({ code: 'BAD_USER_INPUT', message: 'The request body is not valid JSON.' }); return; }
    log.error({ err }, 'unhandled http error');
    res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on the server.' });
  });
  return { app, apollo, audit, results };
}
