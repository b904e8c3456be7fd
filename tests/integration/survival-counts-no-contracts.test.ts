/**
 * Survival counts on a store without contracts: it has no contract-churn cells, so that
 * table is never in step (its state is read from its rows). Each table is kept in step on
 * its own: start-up rebuilds only the (empty) contract-churn table, and a subscribers import
 * still adds its survival cells to the old ones instead of a pass over every subscriber.
 * Its own file: chDB opens one data directory per process.
 */
import { describe, expect, it } from 'vitest';
import { CHURN_COUNTS_TABLE, addToSurvivalCounts, countsAsOf, ensureSurvivalCounts, rebuildSurvivalCounts } from '../../server/domains/lifecycle/counts.ts';
import { runSurvival } from '../../server/domains/lifecycle/survival.ts';
import { plan } from '../../server/query/plan.ts';
import { NATIONAL } from '../../server/query/types.ts';
import { freshEngine } from '../helpers/engine.ts';

describe('a store without contracts (no contract-churn cells: that table is never in step)', () => {
  it('start-up rebuilds only the contract-churn table, and an import still adds the survival cells', async () => {
    const e = await freshEngine({ seed: false });
    try {
      const asOf = '2025-06-15';
      const row = (id: number) => `(${id}, '440000', '${id % 2 ? '440300' : '440100'}', '${['gotone', 'mzone', 'easyown'][id % 3]}', 'none', NULL, '${2020 + (id % 5)}-0${1 + (id % 9)}-1${id % 10}', ${id % 4 ? 'NULL' : `'2025-0${1 + (id % 5)}-02'`})`;
      const insert = (table: string, ids: number[]) => e.engine.command(`INSERT INTO ${table} (sub_id, province, city, brand, contract_type, contract_end, activated_on, churned_on) VALUES ${ids.map(row).join(', ')}`);
      await insert('crm.subscribers', Array.from({ length: 400 }, (_, i) => i + 1));
      await rebuildSurvivalCounts(e.engine, asOf);
      expect(await countsAsOf(e.engine)).toBe(asOf);
      expect(await countsAsOf(e.engine, CHURN_COUNTS_TABLE)).toBeNull();

      const issued: string[] = [];
      const command = e.engine.command.bind(e.engine);
      e.engine.command = async (sql, params, opts) => { issued.push(sql); return command(sql, params, opts); };
      try {
        expect(await ensureSurvivalCounts(e.engine, asOf)).toBe(true);
        const rebuilt = () => issued.filter((q) => /INSERT INTO crm\.(survival|contract_churn)_counts_rebuild_/.test(q));
        expect(rebuilt()).toHaveLength(1);
        expect(rebuilt()[0]).toMatch(/contract_churn_counts_rebuild_/);

        // an import of three subscribers: their survival cells are added to the old ones
        issued.length = 0;
        await e.engine.command('CREATE TABLE crm.added AS crm.subscribers');
        await insert('crm.added', [401, 402, 403]);
        await insert('crm.subscribers', [401, 402, 403]);
        expect(await addToSurvivalCounts(e.engine, asOf, 'crm.added')).toBe('rebuilt'); // the churn table was not in step
        const survival = rebuilt().filter((q) => /survival_counts_rebuild_/.test(q));
        expect(survival).toHaveLength(1);
        expect(survival[0]).toMatch(/UNION ALL/);
        expect(survival[0]).not.toMatch(/FROM crm\.subscribers\b/);
      } finally {
        e.engine.command = command;
      }
      expect(await countsAsOf(e.engine)).toBe(asOf);
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
