/**
 * Applies seeds/migrations in order and records each in `schema_migrations`. Every
 * statement is `IF NOT EXISTS`, so a migration interrupted half-way is simply re-run.
 */
import { MIGRATIONS } from '../../seeds/migrations/index.ts';
import { createTable, type Migration } from '../../seeds/migrations/ddl.ts';
import type { Engine } from './engine.ts';

export async function migrate(engine: Engine, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const ctx = { db: engine.db, cluster: engine.cluster };
  await engine.command(`CREATE DATABASE IF NOT EXISTS ${engine.db}${engine.cluster ? ` ON CLUSTER ${engine.cluster}` : ''}`);
  for (const sql of createTable(ctx, {
    name: 'schema_migrations',
    columns: ['version UInt32', 'name String', 'applied_at DateTime'],
    engine: 'ReplacingMergeTree',
    orderBy: 'version',
  })) await engine.command(sql);
  const done = new Set((await applied(engine)));
  const ran: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    for (const sql of m.statements(ctx)) await engine.command(sql);
    await engine.insert('schema_migrations', [{ version: m.version, name: m.name, applied_at: Math.floor(Date.now() / 1000) }]);
    ran.push(m.version);
  }
  return ran;
}

export async function applied(engine: Engine): Promise<number[]> {
  const rows = await engine.query<{ version: number }>(`SELECT DISTINCT version FROM ${engine.t('schema_migrations')} ORDER BY version`);
  return rows.map((r) => r.version);
}

export async function pendingMigrations(engine: Engine): Promise<number[]> {
  const done = new Set(await applied(engine).catch(() => []));
  return MIGRATIONS.filter((m) => !done.has(m.version)).map((m) => m.version);
}
