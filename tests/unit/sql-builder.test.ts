import { describe, expect, it } from 'vitest';
import { plan } from '../../server/query/plan.ts';
import { buildSql } from '../../server/query/sql.ts';
import { parseRange, shiftRange } from '../../server/query/time.ts';
import { NATIONAL, type MetricQuery } from '../../server/query/types.ts';
import { AppError } from '../../server/errors.ts';

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
    expect(() => build({ metrics: ['arpu'], filters: [{ dimension: 'province', op: 'in', values: ['440300'] }] })).toThrow(/city codes: filter on "city"/);
    expect(() => build({ metrics: ['arpu'], groupBy: ['day'] })).toThrow(/recorded by month/);
    expect(() => build({ metrics: ['arpu'], limit: 0 })).toThrow(/limit/);
    expect(() => build({ metrics: ['arpu', 'survival_rate'] })).toThrow(/cannot be queried together/);
    expect(() => build({ metrics: [] })).toThrow(/at least one metric/);
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
