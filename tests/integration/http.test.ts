/** The real HTTP server: GraphQL contract, GraphiQL without CDN, health, readable errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

let s: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s?.stop(); });

describe('HTTP', () => {
  it('serves health, readiness and a self-contained GraphiQL', async () => {
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const ready = await (await fetch(`${s.url}/readyz`)).json();
    expect(ready.status).toBe('ready');
    const html = await (await fetch(`${s.url}/graphiql`, { headers: { authorization: `Bearer ${s.adminToken}` } })).text();
    expect(html).toContain('YogaGraphiQL');
    expect(html).not.toMatch(/<script[^>]+src="https?:/); // nothing from a CDN
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
  });

  it('answers the public contract: catalog, members, metrics', async () => {
    const cat = await s.gql('{ catalog { metrics { id labelZh labelEn } dimensions { id members { id } } grains { id } } }');
    expect(cat.body.errors).toBeUndefined();
    expect(cat.body.data.catalog.metrics.map((m: { id: string }) => m.id)).toContain('median_lifetime');
    const members = await s.gql('query($p: ID) { members(dimension: "city", parent: $p) { id labelZh labelEn } }', { p: '440000' });
    expect(members.body.data.members).toContainEqual({ id: '440300', labelZh: '深圳市', labelEn: 'Shenzhen' });
    const r = await s.gql(`query($q: MetricQuery!) { metrics(query: $q) { columns { id labelZh labelEn type } rows totals sql asOf from to timeDefaulted scope } }`,
      { q: { metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] } });
    expect(r.body.errors).toBeUndefined();
    const m = r.body.data.metrics;
    expect(m.columns.map((c: { id: string }) => c.id)).toEqual(['city', 'churn_rate']);
    expect(m.rows.length).toBeGreaterThan(5);
    for (const row of m.rows) {
      expect(String(row.city).startsWith('44')).toBe(true);
      expect(row.churn_rate === null || (row.churn_rate >= 0 && row.churn_rate < 0.5)).toBe(true);
    }
    expect(m.timeDefaulted).toBe(true);
    expect(m.scope).toBe('national');
  });

  it('bad input gets a code and a message, never a stack', async () => {
    const cases = [
      { q: { metrics: ['no_such_metric'] }, re: /unknown metric/ },
      { q: { metrics: ['arpu'], timeRange: { from: '2024-02-31', to: '2024-03' } }, re: /not a (real calendar date|month)/ },
      { q: { metrics: ['churn_rate'], filters: [{ dimension: 'channel', op: 'in', values: ['store'] }] }, re: /does not apply/ },
      { q: { metrics: ['arpu'], filters: [{ dimension: 'city', op: 'in', values: ["' OR 1=1 --"] }] }, re: /unknown city value/ },
    ];
    for (const c of cases) {
      const r = await s.gql('query($q: MetricQuery!) { metrics(query: $q) { rows } }', { q: c.q });
      expect(r.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0].message).toMatch(c.re);
      expect(JSON.stringify(r.body)).not.toMatch(/\bat .*\.ts:\d+|stacktrace/i);
    }
    const bad = await s.gql('{ metrics(query: { metrics: ["arpu"] }, asOf: "yesterday") { rows } }');
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const syntax = await s.gql('{ metrics( ');
    expect(syntax.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const big = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminToken}` }, body: JSON.stringify({ query: `{ dataset { asOf } } #${'x'.repeat(300_000)}` }) });
    expect(big.status).toBe(413);
    expect((await big.json()).code).toBe('BAD_USER_INPUT');
  });
});
