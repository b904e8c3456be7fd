/**
 * CSV import over HTTP (mounted at /api/import, behind authentication):
 *   POST /api/import/:table      the CSV file as the body → 200 loaded | 422 with row errors | 413
 *   GET  /api/import/:id         a job's progress (rows read, staged, validated, loaded) and result
 *   GET  /api/import?key=K       the same, found by the upload's Idempotency-Key
 *   GET  /api/import             the importable tables and their columns
 * Importing is for administrators only: a load changes what every viewer sees, and an
 * analyst's role is to read and explain data, not to change it. An administrator with a
 * province or city scope may only load rows of that scope.
 */
import path from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Engine } from '../../engine/engine.ts';
import { HTTP_STATUS } from '../../errors.ts';
import type { Viewer } from '../../http/context.ts';
import { toPublicError } from '../../http/errors.ts';
import type { Dataset } from '../dataset.ts';
import { ImportService, TooLarge } from './service.ts';
import { IMPORT_TABLES, TABLES, isImportTable } from './tables.ts';

/** Default body cap: 1 GiB (about 8M subscriber rows); bigger loads go in several files. */
export const DEFAULT_IMPORT_MAX_BYTES = 1024 ** 3;

export interface ImportRouteDeps {
  config: Config;
  engine: Engine;
  dataset: Dataset;
  log: Logger;
  /** body cap in bytes (IMPORT_MAX_BYTES once config.ts reads it) */
  maxBytes?: number;
  /** rows per validation statement (tests use small slices to cover the slicing) */
  sliceRows?: number;
  /** subscribers per derivation statement of a usage import (tests: small, to cover the ranges) */
  deriveSubscribers?: number;
}

export const canImport = (v: Viewer) => v.role === 'admin';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function importRoutes(deps: ImportRouteDeps): express.Router {
  const { engine, log } = deps;
  const maxBytes = deps.maxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
  const service = new ImportService(engine, deps.dataset, log, {
    maxBytes, sliceRows: deps.sliceRows, deriveSubscribers: deps.deriveSubscribers, spoolDir: path.join(deps.config.engine.dataDir, 'import-spool'),
  });
  const r = express.Router();

  r.use((req, res, next) => {
    if (req.viewer && canImport(req.viewer)) return next();
    res.status(403).json({ code: 'FORBIDDEN', message: 'Importing data is for administrators.' });
  });

  r.get('/', async (req, res) => {
    const key = typeof req.query.key === 'string' ? req.query.key : null;
    if (key === null) {
      res.json({ tables: IMPORT_TABLES.map((t) => ({ table: t, columns: TABLES[t].columns.map((c) => ({ id: c.id, required: c.required })) })), maxBytes });
      return;
    }
    const id = await service.jobs.idOfKey(req.viewer!.id, key);
    const job = id && (await service.jobs.get(id));
    if (!job) { res.status(404).json({ code: 'NOT_FOUND', message: `No import under Idempotency-Key "${key}".` }); return; }
    res.json(job);
  });

  r.get('/:id', async (req, res) => {
    const job = await service.jobs.get(req.params.id);
    if (!job) { res.status(404).json({ code: 'NOT_FOUND', message: `No import job ${req.params.id}.` }); return; }
    res.json(job);
  });

  r.post('/:table', async (req, res) => {
    const table = req.params.table;
    if (!isImportTable(table)) {
      res.status(404).json({ code: 'NOT_FOUND', message: `Nothing to import into "${table}"; use one of ${IMPORT_TABLES.join(', ')}.` });
      return;
    }
    if (engine.cluster) {
      res.status(501).json({ code: 'BAD_QUERY', message: 'CSV import loads a single ClickHouse node; on a cluster, load each shard directly.' });
      return;
    }
    const type = (req.get('content-type') ?? '').toLowerCase();
    const charset = /charset=([^;\s]+)/.exec(type)?.[1]?.replace(/"/g, '');
    if (/^(multipart\/|application\/(json|x-www-form-urlencoded))/.test(type) || (charset && !/^utf-?8$/.test(charset))) {
      res.status(415).json({ code: 'BAD_USER_INPUT', message: 'Send the CSV file itself, UTF-8, as the request body (Content-Type: text/csv), e.g. curl --data-binary @file.csv.' });
      return;
    }
    const encoding = (req.get('content-encoding') ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      res.status(415).json({ code: 'BAD_USER_INPUT', message: `Content-Encoding "${encoding}" is not accepted; send the CSV uncompressed.` });
      return;
    }
    if (Number(req.get('content-length') ?? 0) > maxBytes) { tooLarge(req, res, maxBytes); return; }
    const key = req.get('idempotency-key') ?? null;
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      res.status(400).json({ code: 'BAD_USER_INPUT', message: 'Idempotency-Key must be 1–255 visible ASCII characters (a UUID is a good choice).' });
      return;
    }
    try {
      // the upload is read as it arrives; destroyOnReturn: false keeps the socket for the 413
      const outcome = await service.upload(req.iterator({ destroyOnReturn: false }), table, req.viewer!, key);
      res.status(outcome.status).set(outcome.headers ?? {}).json(outcome.body);
    } catch (e) {
      if (e instanceof TooLarge) { tooLarge(req, res, maxBytes); return; }
      if (res.closed || req.socket.destroyed) { log.info({ table }, 'import upload aborted by the client'); return; }
      const pub = toPublicError(e);
      log.error({ err: e, table }, 'import failed');
      res.status(HTTP_STATUS[pub.code]).json(pub);
    }
  });
  return r;
}

/** 413, then the rest of the body is read and dropped (for a few seconds at most) so the client sees the answer. */
function tooLarge(req: express.Request, res: express.Response, maxBytes: number): void {
  res.set('connection', 'close').status(413).json({
    code: 'BAD_USER_INPUT',
    message: `The upload is larger than allowed (${maxBytes} bytes); nothing was loaded. Split the file into smaller ones.`,
    limitBytes: maxBytes,
  });
  req.resume();
  setTimeout(() => req.destroy(), 5000).unref();
}
