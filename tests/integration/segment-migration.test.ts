/**
 * Segment migration (server/domains/segments/service.ts) against the two months paired in
 * plain TypeScript from the raw subscriber_months rows, for every scheme, with and without
 * a filter, in a province's scope. Then a segment value outside the scheme's members is
 * planted: the coded join must notice it and answer with the value itself, not lose it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEngine, TEST_AS_OF } from '../helpers/engine.ts';
import { segmentMigration, type SegmentScheme } from '../../server/domains/segments/service.ts';
import { rebuildRollup } from '../../seeds/rollup.ts';
import { NATIONAL, type Scope } from '../../server/query/types.ts';
import type { Filter } from '../../server/query/types.ts';

type Env = Awaited<ReturnType<typeof freshEngine>>;
let env: Env;
const FROM = '2024-09';
const TO = '2025-05';

const SCHEMES: SegmentScheme[] = ['value_tier', 'sub_segment', 'brand', 'customer_type', 'rfm_cell', 'quadrant', 'credit_list', 'satisfaction_band', 'loyalty_band'];
interface Raw { sub_id: string; m: string; province: string; brand: string; is_churned: number; rfm_r: number; rfm_f: number; rfm_m: number; [col: string]: string | number }
let raw: Raw[] = [];

/** The scheme's segment of one row, read from the raw columns. */
const segmentOf = (scheme: SegmentScheme, r: Raw) => (scheme === 'rfm_cell' ? `R${r.rfm_r}F${r.rfm_f}M${r.rfm_m}` : String(r[scheme]));

/** Flows as DOMAIN.md says: in the base at the end of a month = a row with is_churned = 0. */
function reference(scheme: SegmentScheme, keep: (r: Raw) => boolean) {
  const at = (m: string) => new Map(raw.filter((r) => r.m === m && Number(r.is_churned) === 0 && keep(r)).map((r) => [r.sub_id, segmentOf(scheme, r)]));
  const a = at(FROM);
  const b = at(TO);
  const flows = new Map<string, number>();
  const add = (f: string, t: string) => flows.set(`${f}→${t}`, (flows.get(`${f}→${t}`) ?? 0) + 1);
  for (const [id, s] of a) add(s, b.get(id) ?? 'churned');
  for (const [id, s] of b) if (!a.has(id)) add('new', s);
  return flows;
}

const asMap = (flows: { from: string; to: string; subscribers: number }[]) => new Map(flows.map((f) => [`${f.from}→${f.to}`, f.subscribers]));
const run = (scheme: SegmentScheme, filters: Filter[], scope: Scope = NATIONAL) =>
  segmentMigration({ scheme, from: FROM, to: TO, filters }, { engine: env.engine, asOf: TEST_AS_OF, scope });

beforeAll(async () => {
  env = await freshEngine({ subscribers: 4000, months: 24 });
  raw = await env.engine.query<Raw>(`SELECT toString(sub_id) AS sub_id, formatDateTime(month, '%Y-%m') AS m, province, brand, is_churned, rfm_r, rfm_f, rfm_m,
      value_tier, sub_segment, customer_type, quadrant, credit_list, satisfaction_band, loyalty_band
    FROM ${env.engine.t('subscriber_months')} WHERE month IN ({a:Date}, {b:Date})`, { a: `${FROM}-01`, b: `${TO}-01` });
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('segment migration equals the two months paired row by row', () => {
  it('the fixture has movers, newcomers and leavers', () => {
    const flows = reference('value_tier', () => true);
    const keys = [...flows.keys()];
    expect(keys.some((k) => k.startsWith('new→'))).toBe(true);
    expect(keys.some((k) => k.endsWith('→churned'))).toBe(true);
    expect(keys.some((k) => { const [f, t] = k.split('→'); return f !== t && f !== 'new' && t !== 'churned'; })).toBe(true);
  });

  for (const scheme of SCHEMES) {
    it(`${scheme}: national, filtered by brand, and in Guangdong's scope`, async () => {
      expect(asMap((await run(scheme, [])).flows)).toEqual(reference(scheme, () => true));
      const brand: Filter = { dimension: 'brand', op: 'in', values: ['mzone', 'easyown'] };
      expect(asMap((await run(scheme, [brand])).flows)).toEqual(reference(scheme, (r) => r.brand === 'mzone' || r.brand === 'easyown'));
      const gd = await run(scheme, [], { level: 'province', province: '440000' });
      expect(asMap(gd.flows)).toEqual(reference(scheme, (r) => r.province === '440000'));
    });
  }

  it('a from month before the data: every subscriber of the to month is new, and no months are paired', async () => {
    const r = await segmentMigration({ scheme: 'value_tier', from: '2015-01', to: TO, filters: [] }, { engine: env.engine, asOf: TEST_AS_OF, scope: NATIONAL });
    const expected = new Map<string, number>();
    for (const row of raw) if (row.m === TO && Number(row.is_churned) === 0) expected.set(`new→${row.value_tier}`, (expected.get(`new→${row.value_tier}`) ?? 0) + 1);
    expect(asMap(r.flows)).toEqual(expected);
    expect(r.sql).not.toContain('JOIN');
  });

  it('a value outside the members is answered as itself (the coded join falls back)', async () => {
    const before = await run('value_tier', []);
    expect(before.sql).toContain('from_code');
    const t = env.engine.t('subscriber_months');
    const movers = raw.filter((r) => r.m === TO && Number(r.is_churned) === 0).slice(0, 7).map((r) => r.sub_id);
    await env.engine.command(`ALTER TABLE ${t} UPDATE value_tier = 'legacy_gold' WHERE month = {b:Date} AND sub_id IN {ids:Array(UInt64)} SETTINGS mutations_sync = 2`, { b: `${TO}-01`, ids: movers.map(Number) });
    await rebuildRollup(env.engine, 'base', [TO.replace('-', '')]);
    for (const r of raw) if (r.m === TO && movers.includes(r.sub_id)) r.value_tier = 'legacy_gold';
    const after = await run('value_tier', []);
    expect(after.sql).toContain('from_segment');
    const expected = reference('value_tier', () => true);
    expect([...expected.keys()].filter((k) => k.endsWith('→legacy_gold')).reduce((s, k) => s + expected.get(k)!, 0)).toBe(7);
    expect(asMap(after.flows)).toEqual(expected);
  });
});
