/**
 * Import jobs: live progress in memory, every state that must survive a restart in the
 * `import_jobs` table (the move plan while moving, the answer once done). An idempotency
 * key is bound to the answer of the load it made, so a retry gets that answer again.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../../engine/engine.ts';
import type { ImportTable } from './tables.ts';

export type JobStatus = 'receiving' | 'validating' | 'loading' | 'moving' | 'loaded' | 'rejected' | 'failed';

export interface Job {
  id: string;
  table: ImportTable;
  viewer: string;
  idempotencyKey: string;
  status: JobStatus;
  bytesReceived: number;
  /** data rows read from the upload */
  rowsRead: number;
  /** rows in the raw staging table */
  rowsStaged: number;
  rowsValidated: number;
  /** rows converted for the target table (all of them are moved in at once) */
  rowsLoaded: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** The HTTP answer of an import: status and JSON body. */
export interface Outcome {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface PlanStep {
  /**
   * add-sets: attach the parts of `from` (partitions: its blocks) to a cube's sets
   * (seeds/reach.ts), where adding rows twice changes nothing
   */
  kind: 'replace' | 'add-subscribers' | 'add-sets';
  table: string;
  from: string;
  partitions: string[];
}

/** What moving a validated import into the live tables takes; re-running it is harmless. */
export interface Plan {
  db: string;
  asOf: string;
  steps: PlanStep[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export class JobStore {
  private readonly live = new Map<string, Job>();
  private lastWrite = 0;

  constructor(private readonly engine: Engine) {}

  create(table: ImportTable, viewer: string, idempotencyKey: string): Job {
    const now = new Date().toISOString();
    const job: Job = {
      id: randomUUID(), table, viewer, idempotencyKey, status: 'receiving',
      bytesReceived: 0, rowsRead: 0, rowsStaged: 0, rowsValidated: 0, rowsLoaded: 0,
      startedAt: now, updatedAt: now, finishedAt: null,
    };
    this.live.set(job.id, job);
    // keep the last few hundred for progress queries; finished ones are also in the table
    if (this.live.size > 500) this.live.delete(this.live.keys().next().value!);
    return job;
  }

  set(job: Job, status: JobStatus): void {
    job.status = status;
    job.updatedAt = new Date().toISOString();
    if (status === 'loaded' || status === 'rejected' || status === 'failed') job.finishedAt = job.updatedAt;
  }

  /** A durable row for the job's current state. */
  async persist(job: Job, extra: { bodySha256?: string; plan?: Plan; result?: Outcome }): Promise<void> {
    // ReplacingMergeTree keeps the latest updated_at: strictly increasing per process
    this.lastWrite = Math.max(Date.now(), this.lastWrite + 1);
    await this.engine.insert('import_jobs', [{
      id: job.id, idempotency_key: job.idempotencyKey, viewer: job.viewer, table_name: job.table, status: job.status,
      body_sha256: extra.bodySha256 ?? '', bytes: job.bytesReceived, rows: job.rowsLoaded,
      plan: extra.plan ? JSON.stringify(extra.plan) : '', result: extra.result ? JSON.stringify(extra.result) : '',
      created_at: iso(Date.parse(job.startedAt)), updated_at: iso(this.lastWrite),
    }]);
  }

  /** The load an idempotency key already made, if any. */
  async findLoaded(viewer: string, key: string): Promise<{ id: string; table: string; bodySha256: string; result: Outcome } | null> {
    const rows = await this.engine.query<{ id: string; table_name: string; body_sha256: string; result: string }>(
      `SELECT id, table_name, body_sha256, result FROM (
         SELECT id, argMax(status, updated_at) AS status, argMax(table_name, updated_at) AS table_name,
           argMax(body_sha256, updated_at) AS body_sha256, argMax(result, updated_at) AS result, max(updated_at) AS at
         FROM ${this.engine.t('import_jobs')} WHERE viewer = {viewer:String} AND idempotency_key = {key:String} GROUP BY id)
       WHERE status = 'loaded' ORDER BY at DESC LIMIT 1`, { viewer, key });
    const r = rows[0];
    return r ? { id: r.id, table: r.table_name, bodySha256: r.body_sha256, result: JSON.parse(r.result) as Outcome } : null;
  }

  /** Progress of a job: live, else as last recorded. */
  async get(id: string): Promise<Record<string, unknown> | null> {
    const j = this.live.get(id);
    if (j) return { ...j };
    const rows = await this.engine.query<Record<string, unknown>>(
      `SELECT id, argMax(table_name, updated_at) AS table, argMax(viewer, updated_at) AS viewer, argMax(idempotency_key, updated_at) AS idempotencyKey,
         argMax(status, updated_at) AS status, argMax(bytes, updated_at) AS bytesReceived, argMax(rows, updated_at) AS rowsLoaded,
         min(created_at) AS startedAt, max(updated_at) AS updatedAt, argMax(result, updated_at) AS result
       FROM ${this.engine.t('import_jobs')} WHERE id = {id:String} GROUP BY id`, { id });
    const r = rows[0];
    if (!r) return null;
    const { result, ...rest } = r;
    return { ...rest, ...(result ? { result: (JSON.parse(String(result)) as Outcome).body } : {}) };
  }

  /** The newest job of a viewer under an idempotency key (to follow an upload still running). */
  async idOfKey(viewer: string, key: string): Promise<string | null> {
    const live = [...this.live.values()].reverse().find((j) => j.viewer === viewer && j.idempotencyKey === key);
    if (live) return live.id;
    const rows = await this.engine.query<{ id: string }>(
      `SELECT id FROM ${this.engine.t('import_jobs')} WHERE viewer = {viewer:String} AND idempotency_key = {key:String}
       ORDER BY updated_at DESC LIMIT 1`, { viewer, key });
    return rows[0]?.id ?? null;
  }

  /** Jobs whose last recorded state is `moving`: a crash or an engine failure interrupted their move. */
  async interrupted(): Promise<{ id: string; plan: Plan; result: string }[]> {
    const rows = await this.engine.query<{ id: string; plan: string; result: string }>(
      `SELECT id, plan, result FROM (
         SELECT id, argMax(status, updated_at) AS status, argMax(plan, updated_at) AS plan, argMax(result, updated_at) AS result
         FROM ${this.engine.t('import_jobs')} GROUP BY id) WHERE status = 'moving'`);
    return rows.map((r) => ({ id: r.id, plan: JSON.parse(r.plan) as Plan, result: r.result }));
  }

  /** A row marking a job as finished after a restart completed its move. */
  async markRecovered(id: string, result: string): Promise<void> {
    this.lastWrite = Math.max(Date.now(), this.lastWrite + 1);
    const [r] = await this.engine.query<Record<string, unknown>>(
      `SELECT argMax(idempotency_key, updated_at) AS k, argMax(viewer, updated_at) AS v, argMax(table_name, updated_at) AS t,
         argMax(body_sha256, updated_at) AS h, argMax(bytes, updated_at) AS b, argMax(rows, updated_at) AS n, min(created_at) AS c
       FROM ${this.engine.t('import_jobs')} WHERE id = {id:String}`, { id });
    await this.engine.insert('import_jobs', [{
      id, idempotency_key: r.k, viewer: r.v, table_name: r.t, status: 'loaded', body_sha256: r.h, bytes: r.b, rows: r.n,
      plan: '', result, created_at: String(r.c).replace('T', ' ').replace('Z', ''), updated_at: iso(this.lastWrite),
    }]);
  }
}
