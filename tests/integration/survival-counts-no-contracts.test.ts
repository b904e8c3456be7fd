/**
 * Survival counts' state, on a store without contracts (no contract-churn cells at all): an
 * empty contract-churn table is in step like any other, so starts and subscribers imports
 * rebuild nothing; and a store written before the state moved to `meta` (it was read from the
 * tables' first row) takes it from there once — only a table with no row to take it from (the
 * empty contract-churn table) is rebuilt, alone. Its own file: chDB opens one data directory
 * per process.
 */
import { describe, expect, it } from 'vitest';
import { CHURN_COUNTS_TABLE, addToSurvivalCounts, countsAsOf, ensureSurvivalCounts, rebuildSurvivalCounts } from '../../server/domains/lifecycle/counts.ts';
import { runSurvival } from '../../server/domains/lifecycle/survival.ts';
import { plan } from '../../server/query/plan.ts';
import { NATIONAL } from '../../server/query/types.ts';
import { freshEngine, spyCommands } from '../helpers/engine.ts';

describe('a store without contracts', () => {
  it('an empty contract-churn table is in step: starts and imports rebuild nothing; an older store adopts its state once', async () => {
    const e = await freshEngine({ seed: false });
    try {
      const asOf = '2025-06-15';
      const row = (id: number) => `(${id}, '440000', '${id % 2 ? '440300' : '440100'}', '${['gotone', 'mzone', 'easyown'][id % 3]}', 'none', NULL, '${2020 + (id % 5)}-0${1 + (id % 9)}-1${id % 10}', ${id % 4 ? 'NULL' : `'2025-0${1 + (id % 5)}-02'`})`;
      const insert = (table: string, ids: number[]) => e.engine.command(`INSERT INTO ${table} (sub_id, province, city, brand, contract_type, contract_end, activated_on, churned_on) VALUES ${ids.map(row).join(', ')}`);
      await insert('crm.subscribers', Array.from({ length: 400 }, (_, i) => i + 1));
      await rebuildSurvivalCounts(e.engine, asOf);
      expect(await countsAsOf(e.engine)).toBe(asOf);
      expect(await countsAsOf(e.engine, CHURN_COUNTS_TABLE)).toBe(asOf);
      expect((await e.engine.query(`SELECT 1 FROM crm.${CHURN_COUNTS_TABLE}`)).length).toBe(0);

      const issued: string[] = [];
      const rebuilt = () => issued.filter((q) => /INSERT INTO crm\.(survival|contract_churn)_counts_rebuild_/.test(q));
      await spyCommands(e.engine, (sql) => issued.push(sql), async () => {
        expect(await ensureSurvivalCounts(e.engine, asOf)).toBe(false);
        expect(rebuilt()).toEqual([]);

        // a store from before: no state in meta; the survival counts' first row has it, the
        // empty contract-churn table has none (rebuilt, alone)
        await e.engine.command("ALTER TABLE crm.meta DELETE WHERE startsWith(key, 'counts_state:') SETTINGS mutations_sync = 2");
        expect(await countsAsOf(e.engine)).toBeNull();
        expect(await ensureSurvivalCounts(e.engine, asOf)).toBe(true);
        expect(rebuilt()).toHaveLength(1);
        expect(rebuilt()[0]).toMatch(/contract_churn_counts_rebuild_/);
        expect(await countsAsOf(e.engine)).toBe(asOf);

        // an import of three subscribers: their cells are added, nothing rebuilt
        issued.length = 0;
        await e.engine.command('CREATE TABLE crm.added AS crm.subscribers');
        await insert('crm.added', [401, 402, 403]);
        await insert('crm.subscribers', [401, 402, 403]);
        expect(await addToSurvivalCounts(e.engine, asOf, 'crm.added')).toBe('added');
        expect(rebuilt()).toEqual([]);
      });
      expect(await countsAsOf(e.engine)).toBe(asOf);
      expect(await countsAsOf(e.engine, CHURN_COUNTS_TABLE)).toBe(asOf);
      for (const groupBy of [[], ['brand'], ['city']]) {
        const p = plan({ metrics: ['survival_rate'], groupBy }, { asOf, scope: NATIONAL });
        const counted = await runSurvival(e.engine, p, 'log', 'counts');
        expect(counted.groups.length).toBeGreaterThan(0);
        expect(counted.groups).toEqual((await runSurvival(e.engine, p, 'log', 'raw')).groups);
      }
    } finally {
      await e.close();
    }
  });
});
