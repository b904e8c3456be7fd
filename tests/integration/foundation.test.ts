/** Migrations, seeding determinism and the store, against the real embedded engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applied, migrate } from '../../server/engine/migrate.ts';
import { MIGRATIONS } from '../../seeds/migrations/index.ts';
import { generateDemo } from '../../seeds/generate.ts';
import { publishedScores } from '../../seeds/capability/load.ts';
import { prepareStore } from '../../seeds/bootstrap.ts';
import { runMetricQuery } from '../../server/query/execute.ts';
import { NATIONAL } from '../../server/query/types.ts';
import { TEST_AS_OF, freshEngine } from '../helpers/engine.ts';

let t: Awaited<ReturnType<typeof freshEngine>>;
beforeAll(async () => { t = await freshEngine({ subscribers: 4000, months: 12 }); });
afterAll(async () => { await t?.close(); });

const count = async (table: string, where = '1') =>
  Number((await t.engine.query<{ n: number }>(`SELECT count() AS n FROM ${t.engine.t(table)} WHERE ${where}`))[0].n);

describe('migrations', () => {
  it('record every version once and are idempotent', async () => {
    expect(await applied(t.engine)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(t.engine)).toEqual([]); // second run: nothing to do
    await prepareStore(t.engine); // whole bootstrap again: no duplicates
    expect(await count('regions')).toBe(368);
    expect(await count('capability_scores')).toBe(publishedScores().scores.length);
  });

  it('create sort keys led by province and city, LowCardinality codes, monthly partitions', async () => {
    const rows = await t.engine.query<{ name: string; sorting_key: string; partition_key: string }>(
      `SELECT name, sorting_key, partition_key FROM system.tables WHERE database = {db:String}`, { db: t.engine.db });
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    for (const fact of ['subscriber_months', 'contacts']) {
      expect(by[fact].sorting_key).toMatch(/^province, city/);
      expect(by[fact].partition_key).toMatch(/toYYYYMM/);
    }
    const [col] = await t.engine.query<{ type: string }>(
      `SELECT type FROM system.columns WHERE database = {db:String} AND table = 'contacts' AND name = 'channel'`, { db: t.engine.db });
    expect(col.type).toBe('LowCardinality(String)');
  });
});

describe('demo generator', () => {
  it('is deterministic for a seed', async () => {
    const digest = async () => (await t.engine.query<{ h: string }>(
      `SELECT toString(groupBitXor(cityHash64(sub_id, city, brand, activated_on, churned_on, contract_type))) AS h FROM ${t.engine.t('subscribers')}`))[0].h;
    const before = await digest();
    const contactsBefore = await count('contacts');
    await generateDemo(t.engine, { subscribers: 4000, seed: 7, asOf: TEST_AS_OF, months: 12 });
    expect(await digest()).toBe(before);
    expect(await count('contacts')).toBe(contactsBefore);
  });

  it('has 12 months of history ending at the as-of month, and the shapes of seed 002', async () => {
    const [r] = await t.engine.query<Record<string, string>>(`SELECT toString(min(month)) AS lo, toString(max(month)) AS hi FROM ${t.engine.t('subscriber_months')}`);
    expect([r.lo, r.hi]).toEqual(['2024-07-01', '2025-06-01']);
    const med = await runMetricQuery({ metrics: ['median_lifetime'], groupBy: ['brand'] }, { engine: t.engine, asOf: TEST_AS_OF, scope: NATIONAL });
    const m = Object.fromEntries(med.rows.map((x) => [x.brand, x.median_lifetime as number | null]));
    expect(m.mzone).toBeGreaterThanOrEqual(7); // prepaid youth brand: short (about 10 months)
    expect(m.mzone).toBeLessThanOrEqual(14);
    expect(m.gotone === null || m.gotone > 2 * (m.mzone ?? 0)).toBe(true); // postpaid: long
    const ch = await runMetricQuery({ metrics: ['cost_per_contact', 'conversion_rate'], groupBy: ['channel'], timeRange: { from: '2024-07', to: '2025-05' } }, { engine: t.engine, asOf: TEST_AS_OF, scope: NATIONAL });
    const cost = Object.fromEntries(ch.rows.map((x) => [x.channel, x.cost_per_contact as number]));
    expect(cost.sms).toBeLessThan(cost.store / 50); // electronic channels are cheap
    expect(ch.rows).toHaveLength(12);
  });

  it('spreads contacts over every day of a month, the 29th to the 31st included, never past the as-of date', async () => {
    const days = await t.engine.query<{ d: number; n: number }>(`SELECT toDayOfMonth(day) AS d, count() AS n FROM ${t.engine.t('contacts')} GROUP BY d ORDER BY d`);
    expect(days.map((x) => x.d)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    const [r] = await t.engine.query<{ last: string; past: number }>(`SELECT toString(max(day)) AS last, countIf(toStartOfMonth(day) != toStartOfMonth(ts)) AS past FROM ${t.engine.t('contacts')}`);
    expect(r.last <= TEST_AS_OF).toBe(true);
    expect(Number(r.past)).toBe(0);
  });

  it('piles nothing up on the latest days: the as-of day\'s contacts and the month to date\'s activations per day are like the days before', async () => {
    const daily = await t.engine.query<{ d: string; n: number }>(
      `SELECT toString(day) AS d, count() AS n FROM ${t.engine.t('contacts')} WHERE day > toDate({a:String}) - 60 GROUP BY d ORDER BY d`, { a: TEST_AS_OF });
    const sorted = daily.map((x) => Number(x.n)).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    expect(Number(daily.at(-1)!.n), `${daily.at(-1)!.d} against a median of ${median}`).toBeLessThan(2 * median);
    const [a] = await t.engine.query<{ now: number; before: number }>(`SELECT
        countIf(toStartOfMonth(activated_on) = toStartOfMonth(toDate({a:String}))) / toDayOfMonth(toDate({a:String})) AS now,
        countIf(toStartOfMonth(activated_on) = addMonths(toStartOfMonth(toDate({a:String})), -1)) / toDayOfMonth(addMonths(toStartOfMonth(toDate({a:String})), 0) - 1) AS before
      FROM ${t.engine.t('subscribers')}`, { a: TEST_AS_OF });
    expect(Number(a.now), 'activations per day, month to date vs the month before').toBeLessThan(1.3 * Number(a.before));
  });
});

describe('engine settings (embedded: set once at open, the session keeps them)', () => {
  const read = () => t.engine.query<Record<string, string>>(`SELECT getSetting('join_use_nulls') AS jun, getSetting('prefer_column_name_to_alias') AS pcn,
    getSetting('max_execution_time') AS met, getSetting('max_result_rows') AS mrr, getSetting('result_overflow_mode') AS rom`);
  it('reads carry the read limits; a write in between does not leave its own behind; constants stay', async () => {
    const before = (await read())[0];
    expect(String(before.jun)).toMatch(/^(1|true)$/);
    expect(String(before.pcn)).toMatch(/^(1|true)$/);
    expect(String(before.rom)).toBe('throw');
    expect(Number(before.met)).toBeGreaterThan(0);
    expect(Number(before.mrr)).toBeGreaterThan(0);
    await t.engine.command('SELECT 1'); // a write call: no time or row limit
    expect((await read())[0]).toEqual(before);
  });
  it('a call may not change a constant setting (it would stay for every later statement)', async () => {
    await expect(t.engine.query('SELECT 1', {}, { settings: { join_use_nulls: 0 } })).rejects.toMatchObject({ details: { engine: expect.stringMatching(/may not change join_use_nulls/) } });
    expect(String((await read())[0].jun)).toMatch(/^(1|true)$/);
  });
});
