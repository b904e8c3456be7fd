/**
 * Facts about the loaded data: its as-of date (relative time resolves against it) and a
 * version bumped on every ingest (cache keys use it). Kept in the `meta` table.
 */
import type { Engine } from '../engine/engine.ts';

export class Dataset {
  asOf = new Date().toISOString().slice(0, 10);
  version = 0;
  /** the earliest month with subscriber months (YYYY-MM), null while none is loaded: where time pickers start */
  firstMonth: string | null = null;
  constructor(private readonly engine: Engine) {}

  async refresh(): Promise<void> {
    const rows = await this.engine.query<{ key: string; value: string }>(
      `SELECT key, argMax(value, updated_at) AS value FROM ${this.engine.t('meta')} GROUP BY key`);
    const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    if (meta.as_of) this.asOf = meta.as_of;
    this.version = Number(meta.data_version ?? 0);
    const [first] = await this.engine.query<{ m: string | null }>(`SELECT formatDateTime(minOrNull(month), '%Y-%m') AS m FROM ${this.engine.t('base_monthly')}`);
    this.firstMonth = first?.m ?? null;
  }

  /** Records a new load: its as-of date and a bumped version. */
  async recordLoad(asOf: string): Promise<void> {
    await this.refresh();
    const now = Date.now();
    await this.engine.insert('meta', [
      { key: 'as_of', value: asOf, updated_at: now },
      { key: 'data_version', value: String(this.version + 1), updated_at: now },
    ]);
    await this.refresh();
  }

  /** Data changed without a new load (a recorded assessment): cached results go stale. */
  async bumpVersion(): Promise<void> {
    await this.refresh();
    await this.engine.insert('meta', [{ key: 'data_version', value: String(this.version + 1), updated_at: Date.now() }]);
    await this.refresh();
  }

  async isEmpty(): Promise<boolean> {
    const [r] = await this.engine.query<{ n: number }>(`SELECT count() AS n FROM ${this.engine.t('subscribers')}`);
    return Number(r.n) === 0;
  }
}
