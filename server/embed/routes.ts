/**
 * The public embed surface, mounted before authentication (each request carries its own
 * token or API key instead of a session):
 *   POST /api/embed/token           server-to-server minting with X-API-Key
 *   GET  /api/embed/data?token=…    the chart's data (also /api/embed/<token>/data), CORS for EMBED_ALLOWED_ORIGINS
 *   GET  /embed/<token>             the one-chart page, frame-ancestors limited to EMBED_ALLOWED_ORIGINS
 *   GET  /embed.js                  the <crm-chart> custom element (built into dist/web by `npm run build:web`)
 * It also binds the app's EmbedService for the createEmbed mutation.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import { scopeOf } from '../auth/identity.ts';
import type { Config } from '../config.ts';
import type { Dataset } from '../domains/dataset.ts';
import type { Engine } from '../engine/engine.ts';
import { HTTP_STATUS, badInput } from '../errors.ts';
import { toPublicError } from '../http/errors.ts';
import { ApiKeys } from './api-keys.ts';
import { embedCsp, embedErrorPage, embedPage } from './page.ts';
import { bindEmbedService } from './resolvers.ts';
import type { ResultCache } from '../query/cache.ts';
import type { MintInput } from './input.ts';
import { EmbedService, type AuditSink, type MintedEmbed } from './service.ts';
import { EmbedTokens, embedKey, langOf } from './token.ts';

export interface EmbedRouteDeps {
  config: Config;
  engine: Engine;
  dataset: Dataset;
  log: Logger;
  audit?: AuditSink;
  results?: ResultCache;
}

/** createEmbed's input, plus the host page user's scope and (optionally) who they are */
const API_BODY_KEYS = new Set(['scope', 'user', 'viewId', 'viewVersion', 'viewDimension', 'query', 'chart', 'lockedFilters', 'allowControls', 'ttlSeconds', 'lang']);
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function embedRoutes(deps: EmbedRouteDeps): express.Router {
  const { config, log } = deps;
  const service = new EmbedService({
    engine: deps.engine, dataset: deps.dataset, log, audit: deps.audit, results: deps.results,
    tokens: new EmbedTokens(embedKey(config.auth)), defaultTtlSeconds: config.auth.embedTtlSeconds,
  });
  bindEmbedService(deps.engine, service);
  const apiKeys = new ApiKeys(config.auth.embedApiKeys);
  const origins = config.auth.embedOrigins.map((o) => o.replace(/\/$/, ''));
  const allowedOrigins = new Set(origins.map((o) => o.toLowerCase()));
  const csp = embedCsp(origins);
  const bundle = path.join(config.webDist, 'embed.js');

  const fail = (res: express.Response, e: unknown) => {
    const pub = toPublicError(e);
    if (pub.code === 'INTERNAL_SERVER_ERROR' || pub.code === 'BAD_QUERY') log.error({ err: e }, 'embed request failed');
    if (pub.code === 'TOO_MANY_REQUESTS' || pub.code === 'DATABASE_UNAVAILABLE') res.set('Retry-After', '1');
    res.status(HTTP_STATUS[pub.code]).json(pub);
  };

  /** Host pages on the configured origins may read embed data from the browser (no credentials involved). */
  const cors: express.RequestHandler = (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin && allowedOrigins.has(origin.toLowerCase())) {
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Max-Age': '600' });
    }
    if (req.method === 'OPTIONS') { res.status(204).end(); return; }
    next();
  };

  const data = async (token: string | undefined, req: express.Request, res: express.Response) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    const abort = new AbortController();
    res.on('close', () => { if (!res.writableFinished) abort.abort(); });
    try {
      res.json(await service.render(token, req.query as Record<string, unknown>, abort.signal));
    } catch (e) {
      fail(res, e);
    }
  };

  const r = express.Router();

  r.post('/api/embed/token', (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    if (apiKeys.matches(req.get('x-api-key'))) return next();
    res.status(401).json({
      code: 'UNAUTHENTICATED',
      message: apiKeys.configured ? 'Send one of the server\'s EMBED_API_KEYS in the X-API-Key header.' : 'This server has no EMBED_API_KEYS configured; server-to-server minting is off.',
    });
  }, express.json({ limit: '64kb' }), async (req, res) => {
    try {
      const body: unknown = req.body;
      if (!isObj(body)) throw badInput('Send a JSON object body (Content-Type: application/json) like createEmbed\'s input, plus "scope".');
      const scope = scopeOf(String(body.scope ?? ''));
      if (!scope) throw badInput('"scope" must be "national" or the GB/T 2260 province or city code the host page\'s user is limited to.');
      if (body.user !== undefined && (typeof body.user !== 'string' || !/^[\w.@-]{1,64}$/.test(body.user))) throw badInput('"user" (who the token is for, kept in the audit trail) is 1–64 letters, digits, . @ _ or -.');
      const unknown = Object.keys(body).filter((k) => !API_BODY_KEYS.has(k));
      if (unknown.length) throw badInput(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k.slice(0, 32)}"`).join(', ')}; the body takes ${[...API_BODY_KEYS].join(', ')}`);
      const minted: MintedEmbed = await service.mint({ id: body.user ? `api:${body.user}` : 'api', scope }, body as unknown as MintInput);
      res.json({ token: minted.token, url: minted.url, expiresAt: minted.expiresAt, chart: minted.chart, scope: minted.scope });
    } catch (e) {
      fail(res, e);
    }
  });

  r.options('/api/embed/data', cors);
  r.options('/api/embed/:token/data', cors);
  r.get('/api/embed/data', cors, (req, res) => data(typeof req.query.token === 'string' ? req.query.token : undefined, req, res));
  r.get('/api/embed/:token/data', cors, (req, res) => data(String(req.params.token), req, res));
  r.all(/^\/api\/embed(\/|$)/, (_req, res) => { res.status(404).json({ code: 'NOT_FOUND', message: 'No such embed endpoint: POST /api/embed/token, GET /api/embed/data?token=…' }); });

  // the boundaries for embedded maps (public data, written by the web build: web/build/china-map-plugin.ts):
  // China's provinces, and each province's cities
  const mapFile = (res: express.Response, file: string, missing: string) => {
    if (!fs.existsSync(file)) { res.status(404).json({ code: 'NOT_FOUND', message: missing }); return; }
    res.set({ 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    res.type('application/json').sendFile(file);
  };
  r.get('/embed/china-map.json', (_req, res) => mapFile(res, path.join(config.webDist, 'embed-china-map.json'), 'The map of China is not built on this server (npm run build:web).'));
  r.get('/embed/province-maps/:file', (req, res) => {
    const m = /^(\d{2}0000)\.json$/.exec(String(req.params.file));
    if (!m) { res.status(404).json({ code: 'NOT_FOUND', message: 'A province map is /embed/province-maps/<province code>.json, e.g. 440000.json.' }); return; }
    mapFile(res, path.join(config.webDist, 'embed-province-maps', `${m[1]}.json`), `No map of the cities of ${m[1]} on this server (the municipalities have none; otherwise: npm run build:web).`);
  });

  r.get('/embed/:token', async (req, res) => {
    res.set({ 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    try {
      const claims = await service.verify(String(req.params.token));
      if (!fs.existsSync(bundle)) {
        res.status(503).type('html').send(embedErrorPage(503, 'NOT_BUILT', 'The embed bundle is not built on this server (npm run build:web).'));
        return;
      }
      const lang = req.query.lang === 'en' || req.query.lang === 'zh' ? req.query.lang : claims.lang;
      res.type('html').send(embedPage(String(req.params.token), lang));
    } catch (e) {
      const pub = toPublicError(e);
      if (pub.code === 'UNAUTHENTICATED' && fs.existsSync(bundle)) {
        // expired, edited, unknown: the element asks for its data, is refused the same way and
        // tells the reader what to do in the page's language, as on a host page
        const lang = req.query.lang === 'en' ? 'en' : req.query.lang === 'zh' ? 'zh' : langOf(String(req.params.token));
        res.status(401).type('html').send(embedPage(String(req.params.token), lang));
        return;
      }
      res.status(HTTP_STATUS[pub.code]).type('html').send(embedErrorPage(HTTP_STATUS[pub.code], pub.code, pub.message));
    }
  });

  r.get('/embed.js', (_req, res) => {
    if (!fs.existsSync(bundle)) { res.status(404).json({ code: 'NOT_FOUND', message: 'The embed bundle is not built on this server (npm run build:web).' }); return; }
    res.set({
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      // a public script: host pages may load it with crossorigin or under COEP
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    res.type('text/javascript').sendFile(bundle);
  });

  return r;
}
