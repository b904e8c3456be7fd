/** Cluster mode: the generated ON CLUSTER / Replicated / Distributed DDL parses in the engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../seeds/migrations/index.ts';
import { freshEngine } from '../helpers/engine.ts';

let t: Awaited<ReturnType<typeof freshEngine>>;
beforeAll(async () => { t = await freshEngine({ seed: false }); });
afterAll(async () => { await t?.close(); });

describe('cluster DDL', () => {
  it('every statement parses (formatQuery) and pairs a Replicated local table with a Distributed one', async () => {
    const ctx = { db: 'crm', cluster: 'crm3' };
    const statements = MIGRATIONS.flatMap((m) => m.statements(ctx));
    for (const sql of statements) {
      const [r] = await t.engine.query<{ f: string }>('SELECT formatQuery({q:String}) AS f', { q: sql });
      expect(r.f).toMatch(/ON CLUSTER crm3/);
    }
    const locals = statements.filter((s) => /_local ON CLUSTER/.test(s) && /ENGINE = Replicated/.test(s));
    const dists = statements.filter((s) => /ENGINE = Distributed\(crm3, crm, \w+_local/.test(s));
    expect(locals.length).toBeGreaterThanOrEqual(8);
    expect(dists.length).toBe(locals.length);
  });
});
