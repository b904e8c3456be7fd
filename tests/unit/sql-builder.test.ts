import { describe, expect, it } from 'vitest';
import { plan } from '../../server/query/plan.ts';
import { buildSql } from '../../server/query/sql.ts';
import { parseRange, shiftRange } from '../../server/query/time.ts';
import { NATIONAL, type MetricQuery } from '../../server/query/types.ts';
import { AppError } from '../../server/errors.ts';
import { model } from '../../server/model/index.ts';
import { pickSource, rollupCovers } from '../../server/query/source.ts';

const AS_OF = '2025-06-15';
const build = (q: MetricQuery, scope = NATIONAL) => buildSql(plan(q, { asOf: AS_OF, scope }), 'crm');
const code = (f: () => unknown) => { try { f(); return null; } catch (e) { return (e as AppError).code; } };

const HOSTILE = ["'; DROP TABLE crm.subscribers; --", "\\' OR 1=1 --", '{p0:String}', '`x`', '0x27', 'Robert"); DELETE FROM x;', '\u0000', "'''", '%s%s', '${db}'];

describe('SQL builder', () => {
  it('keeps hostile strings out of the SQL text: they are rejected as unknown members before SQL exists', () => {
    for (const h of HOSTILE) {
      expect(code(() => build({ metrics: ['contacts'], filters: [{ dimension: 'channel', op: 'in', values: [h] }] }))).toBe('BAD_USER_INPUT');
      expect(code(() => build({ metrics: [h] }))).toBe('BAD_USER_INPUT');
      expect(code(() => build({ metrics: ['contacts'], groupBy: [h] }))).toBe('BAD_USER_INPUT');
    }
  });

  it('binds every value as a parameter, even open-ended ones', () => {
    for (const h of HOSTILE) {
      const { sql, params } = build({ metrics: ['subscribers'], filters: [{ dimension: 'tenure_months', op: 'gte', values: ['3'] }], timeRange: { from: '2024-01', to: '2024-03' } });
      expect(sql).not.toContain(h);
      expect(Object.values(params)).toContain(3);
    }
    const { sql, params } = build({ metrics: ['conversion_rate'], groupBy: ['channel'], filters: [{ dimension: 'channel', op: 'in', values: ['store', 'app'] }], limit: 5, orderBy: { metric: 'conversion_rate', direction: 'desc' } });
    expect(sql).toMatch(/channel IN \{p\d+:Array\(String\)\}/);
    expect(sql).toMatch(/LIMIT \{p\d+:UInt32\}/);
    expect(sql).not.toMatch(/'store'|'app'/);
    expect(Object.values(params)).toContainEqual(['store', 'app']);
  });

  it('takes identifiers only from the model', () => {
    const { sql } = build({ metrics: ['arpu', 'conversion_rate'], groupBy: ['city', 'month'], timeRange: { from: '2024-01', to: '2024-06' } });
    const idents = sql.match(/\b[a-z_]+(?=\s*\()/g) ?? [];
    const allowed = new Set(['sum', 'countIf', 'nullIf', 'sumIf', 'count', 'formatDateTime', 'uniqExact', 'toStartOfMonth', 'abs', 'greatest', 'least', 'addMonths', 'toStartOfQuarter', 'toStartOfYear', 'concat', 'toString', 'toYear', 'toQuarter', 'if']);
    for (const f of idents) expect(allowed.has(f), `unexpected function ${f}`).toBe(true);
    expect(sql).toMatch(/FULL OUTER JOIN/); // two cubes, one statement
  });

  it('rejects bad input with readable messages', () => {
    expect(() => build({ metrics: ['churn_rate'], groupBy: ['channel'] })).toThrow(/does not apply to churn_rate/);
    expect(() => build({ metrics: ['churn_rat'] })).toThrow(/did you mean "churn_rate"/);
    expect(() => build({ metrics: ['arpu'], timeRange: { from: '2024-13', to: '2024-14' } })).toThrow(/no month 13/);
    expect(() => build({ metrics: ['arpu'], timeRange: { from: '2024-02-30', to: '2024-03-01' } })).toThrow(/not a real calendar date/);
    expect(() => build({ metrics: ['arpu'], timeRange: { from: '2024-05', to: '2024-01' } })).toThrow(/after/);
    expect(() => build({ metrics: ['arpu'], filters: [{ dimension: 'province', op: 'in', values: ['440300'] }] })).toThrow('440300 is a city code: filter on "city" instead of "province"');
    expect(() => build({ metrics: ['arpu'], filters: [{ dimension: 'city', op: 'in', values: ['440000', '350000'] }] })).toThrow('440000, 350000 are province codes: filter on "province" instead of "city"');
    expect(() => build({ metrics: ['arpu'], groupBy: ['day'] })).toThrow(/recorded by month/);
    // weeks: only where days are recorded, and not compared (weeks do not line up with months or years)
    expect(() => build({ metrics: ['arpu'], groupBy: ['week'] })).toThrow(/recorded by month; "week" is finer/);
    expect(() => build({ metrics: ['contacts'], groupBy: ['week'], compare: 'yoy' })).toThrow(/does not apply to a weekly breakdown/);
    expect(build({ metrics: ['contacts'], groupBy: ['week'] }).sql).toMatch(/toISOWeek\(toMonday\(day\)\)/);
    expect(() => build({ metrics: ['arpu'], filters: [{ dimension: 'churn_rate', op: 'gt', values: ['0.04'] }] })).toThrow('"churn_rate" is a metric: to filter on its value, add it to metrics too');
    expect(() => build({ metrics: ['arpu'], filters: [{ dimension: 'month', op: 'in', values: ['2026-10'] }] })).toThrow(/"month" is a time grain: choose the period with timeRange/);
    // a range of days cuts contacts, not a month's figure: refused rather than a month beside a day
    expect(() => build({ metrics: ['revenue', 'churned_subscribers', 'contacts'], timeRange: { from: '2025-04-01', to: '2025-04-01' } }))
      .toThrow('revenue, churned_subscribers are recorded by month; the time range 2025-04-01 … 2025-04-01 does not cover whole months');
    expect(() => build({ metrics: ['arpu'], timeRange: { from: '2025-03', to: '2025-04-20' } })).toThrow(/arpu is recorded by month/);
    expect(() => build({ metrics: ['arpu', 'contacts'], timeRange: { from: '2025-03-01', to: '2025-04-30' } })).not.toThrow();
    expect(() => build({ metrics: ['contacts'], timeRange: { from: '2025-04-05', to: '2025-04-20' } })).not.toThrow();
    expect(() => build({ metrics: ['arpu'], limit: 0 })).toThrow(/limit/);
    expect(() => build({ metrics: ['arpu'], timeRange: { from: '2099-01', to: '2099-03' } })).toThrow(/timeRange starts on 2099-01-01, after the data's as-of date/);
    expect(() => build({ metrics: ['arpu', 'survival_rate'] })).toThrow(/cannot be queried together/);
    expect(() => build({ metrics: [] })).toThrow(/at least one metric/);
    // lift compares the list types: by one list type alone it has none (model notBy)
    expect(() => build({ metrics: ['campaign_lift'], groupBy: ['list_type'] })).toThrow(/"campaign_lift" cannot be grouped or filtered by "list_type": lift compares/);
    expect(() => build({ metrics: ['hit_rate', 'campaign_lift'], filters: [{ dimension: 'list_type', op: 'in', values: ['model'] }] })).toThrow(/"campaign_lift" cannot be grouped/);
    expect(() => build({ metrics: ['hit_rate'], groupBy: ['list_type'] })).not.toThrow();
  });

  it('scope: a region outside is FORBIDDEN, and the scope is always applied', () => {
    const gd = { level: 'province' as const, province: '440000' };
    expect(code(() => build({ metrics: ['arpu'], filters: [{ dimension: 'province', op: 'in', values: ['350000'] }] }, gd))).toBe('FORBIDDEN');
    expect(code(() => build({ metrics: ['arpu'], filters: [{ dimension: 'city', op: 'in', values: ['350100'] }] }, gd))).toBe('FORBIDDEN');
    const { sql, params } = build({ metrics: ['arpu'], groupBy: ['city'] }, gd);
    expect(sql).toMatch(/province IN \{p\d+:Array\(String\)\}/);
    expect(Object.values(params)).toContainEqual(['440000']);
    const sz = { level: 'city' as const, province: '440000', city: '440300' };
    expect(code(() => build({ metrics: ['arpu'], filters: [{ dimension: 'city', op: 'in', values: ['440100'] }] }, sz))).toBe('FORBIDDEN');
    expect(Object.values(build({ metrics: ['arpu'] }, sz).params)).toContainEqual(['440300']);
  });
});

describe('rollup choice', () => {
  const base = model.cube('base');
  const ms = (...ids: string[]) => ids.map((id) => model.metric(id)!);
  const GD = [{ dimension: 'province', op: 'in' as const, values: ['440000'] }];
  const reads = (sql: string) => [...sql.matchAll(/FROM crm\.(\w+)/g)].map((m) => m[1]);

  it('a rollup covers a part when it keeps every grouped or filtered dimension, answers every metric, and keeps time finely enough', () => {
    const [baseMonthly] = base.rollups!;
    expect(rollupCovers(base, baseMonthly, ms('arpu', 'churn_rate'), [])).toBe(true);
    expect(rollupCovers(base, baseMonthly, ms(...model.metrics.filter((m) => m.cube === 'base').map((m) => m.id)), ['province', 'city', 'brand', 'sub_segment', 'value_tier', 'quadrant'])).toBe(true);
    for (const d of ['rfm_r', 'rfm_cell', 'tenure_months', 'gender', 'age_band', 'credit_list', 'acquisition_channel']) {
      expect(rollupCovers(base, baseMonthly, ms('subscribers'), ['province', d]), d).toBe(false);
    }
    const unrolled = { ...model.metric('arpu')!, rollupSql: undefined, noRollup: 'for this test' };
    expect(rollupCovers(base, baseMonthly, [...ms('subscribers'), unrolled], [])).toBe(false);

    const contacts = model.cube('contacts');
    const [monthly, bySubscriber, daily] = contacts.rollups!;
    expect([monthly.table, bySubscriber.table, daily.table]).toEqual(['contacts_monthly', 'contacts_monthly_subscriber', 'contacts_daily']);
    const days = (fromDay: string, toDay: string) => ({ grain: null, range: { fromDay, toDay, precision: 'day' as const } });
    // daily: any range and grain, every dimension it keeps; neither answers reach (distinct subscribers do not add up)
    expect(rollupCovers(contacts, daily, ms('contacts', 'roi', 'e_channel_share'), ['channel_class', 'lifecycle_stage', 'city'], days('2025-02-10', '2025-03-20'))).toBe(true);
    expect(rollupCovers(contacts, daily, ms('contacts', 'reached_customers'), [])).toBe(false);
    expect(rollupCovers(contacts, monthly, ms('contacts', 'reached_customers'), [])).toBe(false);
    expect(rollupCovers(contacts, daily, ms('contacts'), ['value_tier'])).toBe(false);
    // monthly: by region and channel only, whole months only, month grain or coarser
    expect(rollupCovers(contacts, monthly, ms('contacts', 'roi'), ['channel', 'province'], days('2024-06-01', '2025-05-31'))).toBe(true);
    expect(rollupCovers(contacts, monthly, ms('contacts'), ['channel_class'], { grain: 'quarter', range: null })).toBe(true);
    expect(rollupCovers(contacts, monthly, ms('contacts'), ['channel'], days('2024-06-02', '2025-05-31'))).toBe(false);
    expect(rollupCovers(contacts, monthly, ms('contacts'), ['channel'], days('2024-06-01', '2025-05-30'))).toBe(false);
    expect(rollupCovers(contacts, monthly, ms('contacts'), ['channel'], { grain: 'day', range: null })).toBe(false);
    expect(rollupCovers(contacts, monthly, ms('contacts'), ['lifecycle_stage'])).toBe(false);
    expect(rollupCovers(contacts, monthly, ms('contacts'), ['channel', 'brand'])).toBe(false);
    // by subscriber: monthly too, by the contacted subscriber's stage, brand and customer type besides
    expect(rollupCovers(contacts, bySubscriber, ms('contacts', 'roi', 'e_channel_share'), ['lifecycle_stage', 'channel', 'brand', 'customer_type', 'city', 'channel_class'], days('2024-06-01', '2025-05-31'))).toBe(true);
    expect(rollupCovers(contacts, bySubscriber, ms('contacts'), ['brand'], days('2024-06-01', '2025-05-30'))).toBe(false);
    expect(rollupCovers(contacts, bySubscriber, ms('contacts'), ['purpose'])).toBe(false);
    expect(rollupCovers(contacts, bySubscriber, ms('contacts'), ['sub_segment'])).toBe(false);
    expect(rollupCovers(contacts, bySubscriber, ms('contacts', 'reached_customers'), ['brand'])).toBe(false);
    expect(model.cube('campaigns').rollups).toBeUndefined(); // no rollup at all
  });

  it('pickSource: auto takes the first rollup that covers; raw and rollup force a side; a forced rollup that does not cover is an error', () => {
    expect(pickSource(base, ms('arpu'), ['city']).table).toBe('base_monthly');
    expect(pickSource(base, ms('arpu'), ['rfm_r']).table).toBe('subscriber_months');
    expect(pickSource(base, ms('arpu'), ['city'], 'raw').table).toBe('subscriber_months');
    expect(pickSource(base, ms('arpu'), ['city'], 'rollup').table).toBe('base_monthly');
    expect(() => pickSource(base, ms('arpu'), ['gender'], 'rollup')).toThrow(/no rollup of cube "base" covers arpu by gender/);
    const contacts = model.cube('contacts');
    const month = { grain: 'month' as const, range: { fromDay: '2025-01-01', toDay: '2025-03-31', precision: 'month' as const } };
    expect(pickSource(contacts, ms('contacts', 'roi'), ['channel'], 'auto', month).table).toBe('contacts_monthly');
    expect(pickSource(contacts, ms('contacts', 'reached_customers'), ['channel'], 'auto', month).table).toBe('contacts');
    expect(pickSource(contacts, ms('contacts'), ['channel', 'purpose'], 'auto', month).table).toBe('contacts_daily');
    expect(pickSource(contacts, ms('contacts', 'roi'), ['channel', 'brand'], 'auto', month).table).toBe('contacts_monthly_subscriber');
    expect(pickSource(contacts, ms('contacts'), ['lifecycle_stage', 'channel'], 'auto', month).table).toBe('contacts_monthly_subscriber');
    expect(pickSource(contacts, ms('contacts'), ['lifecycle_stage', 'channel'], 'auto', { grain: 'day', range: month.range }).table).toBe('contacts_daily');
    expect(pickSource(contacts, ms('contacts'), ['channel', 'sub_segment'], 'auto', month).table).toBe('contacts');
    expect(pickSource(contacts, ms('contacts'), ['channel'], 'auto', { grain: 'day', range: month.range }).table).toBe('contacts_daily');
    expect(pickSource(contacts, ms('reached_customers'), ['channel'], 'auto', { grain: 'day', range: month.range }).table).toBe('contacts');
  });

  it('buildSql reads the rollup for covered parts (rows, totals and the compared period alike), the raw table otherwise', () => {
    expect(reads(build({ metrics: ['arpu', 'churn_rate'], groupBy: ['month'], filters: GD }).sql)).toEqual(['base_monthly']);
    expect(reads(build({ metrics: ['churn_rate'], groupBy: ['province'] }).sql)).toEqual(['base_monthly']);
    const p = plan({ metrics: ['subscribers', 'arpu', 'churn_rate', 'revenue'], filters: GD, compare: 'mom' }, { asOf: AS_OF, scope: NATIONAL });
    expect(reads(buildSql(p, 'crm').sql)).toEqual(['base_monthly', 'base_monthly']);
    expect(reads(buildSql(p, 'crm', { source: 'raw' }).sql)).toEqual(['subscriber_months', 'subscriber_months']);
    const rfm = plan({ metrics: ['subscribers'], groupBy: ['rfm_r', 'rfm_f'], filters: GD }, { asOf: AS_OF, scope: NATIONAL });
    expect(reads(buildSql(rfm, 'crm').sql)).toEqual(['subscriber_months']);
    expect(reads(buildSql(rfm, 'crm', { totals: true }).sql)).toEqual(['base_monthly']); // the totals group by nothing
    expect(() => buildSql(rfm, 'crm', { source: 'rollup' })).toThrow(/no rollup of cube "base" covers/);
    expect(reads(build({ metrics: ['arpu'], filters: [{ dimension: 'gender', op: 'in', values: ['female'] }] }).sql)).toEqual(['subscriber_months']);
    // a city viewer's scope filter is on a rollup dimension
    expect(reads(build({ metrics: ['arpu'], groupBy: ['brand'] }, { level: 'city', province: '440000', city: '440300' }).sql)).toEqual(['base_monthly']);
    // two cubes: each part decides for itself
    expect(reads(build({ metrics: ['arpu', 'contacts'], groupBy: ['city'] }).sql)).toEqual(['base_monthly', 'contacts_monthly']);
    // reach over whole months by region reads the contacts cube's sets, or contacts when sets are off (a cluster)
    expect(reads(build({ metrics: ['arpu', 'reached_customers'], groupBy: ['city'] }).sql)).toEqual(['base_monthly', 'contact_reach']);
    const reach = plan({ metrics: ['arpu', 'reached_customers'], groupBy: ['city'] }, { asOf: AS_OF, scope: NATIONAL });
    expect(reads(buildSql(reach, 'crm', { sets: false }).sql)).toEqual(['base_monthly', 'contacts']);
    expect(reads(build({ metrics: ['contacts'], groupBy: ['purpose'] }).sql)).toEqual(['contacts_daily']);
    expect(reads(build({ metrics: ['reached_customers'], groupBy: ['purpose'] }).sql)).toEqual(['contacts']);
  });

  it('rollup SQL still binds every value and takes identifiers from the model', () => {
    const { sql, params } = build({ metrics: ['subscribers', 'churn_rate'], groupBy: ['value_tier'], filters: [...GD, { dimension: 'brand', op: 'not_in', values: ['mzone'] }] });
    expect(sql).toMatch(/FROM crm\.base_monthly/);
    expect(sql).toMatch(/brand NOT IN \{p\d+:Array\(String\)\}/);
    expect(sql).not.toMatch(/'mzone'|'440000'/);
    expect(Object.values(params)).toContainEqual(['mzone']);
  });
});

describe('time ranges', () => {
  it('months resolve to whole calendar months, days stay days', () => {
    expect(parseRange({ from: '2024-02', to: '2024-02' })).toEqual({ fromDay: '2024-02-01', toDay: '2024-02-29', precision: 'month' });
    expect(parseRange({ from: '2023-02', to: '2023-02' }).toDay).toBe('2023-02-28');
    expect(parseRange({ from: '2024-03-05', to: '2024-03-09' })).toEqual({ fromDay: '2024-03-05', toDay: '2024-03-09', precision: 'day' });
  });
  it('shifts by calendar months, clamping month ends', () => {
    expect(shiftRange(parseRange({ from: '2024-03', to: '2024-03' }), -1)).toMatchObject({ fromDay: '2024-02-01', toDay: '2024-02-29' });
    expect(shiftRange(parseRange({ from: '2024-01', to: '2024-03' }), -12)).toMatchObject({ fromDay: '2023-01-01', toDay: '2023-03-31' });
  });
  it('defaults to the latest complete month before as-of, or 12 months when grouped by time', () => {
    expect(plan({ metrics: ['arpu'] }, { asOf: AS_OF, scope: NATIONAL }).range).toMatchObject({ fromDay: '2025-05-01', toDay: '2025-05-31' });
    expect(plan({ metrics: ['arpu'], groupBy: ['month'] }, { asOf: AS_OF, scope: NATIONAL }).range).toMatchObject({ fromDay: '2024-06-01', toDay: '2025-05-31' });
  });
});
