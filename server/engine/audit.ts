/**
 * The audit trail: who ran which query (by id), in which scope, how many rows came back.
 * Entries are buffered and written in batches (one insert a second at most) so auditing
 * never slows a query; `flush()` on shutdown.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from './engine.ts';

export interface AuditEntry {
  viewer: string;
  role: string;
  scope: string;
  entry: string;
  query: unknown;
  rows: number;
  status: 'ok' | string;
  queryId?: string;
}

export class AuditLog {
  private buffer: Record<string, unknown>[] = [];
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly engine: Engine, private readonly delayMs = 1000) {}

  record(e: AuditEntry): void {
    this.buffer.push({
      at: Date.now(), viewer: e.viewer, role: e.role, scope: e.scope, query_id: e.queryId ?? randomUUID(), entry: e.entry,
      query: JSON.stringify(e.query).slice(0, 4000), rows: e.rows, status: e.status,
    });
    if (!this.timer) this.timer = setTimeout(() => { void this.flush(); }, this.delayMs);
  }

  async flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    const rows = this.buffer;
    this.buffer = [];
    if (rows.length) await this.engine.insert('audit_log', rows).catch(() => { this.buffer.unshift(...rows); });
  }
}
