/**
 * Embeds over real HTTP (the server as a child process, real chDB): minting by role and
 * scope, the server-to-server endpoint and its API key, scope on every row, tampered and
 * expired tokens (100 % rejected), controls, the page's CSP and CORS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { startServer } from '../helpers/server.ts';
import { CITIES } from '../../seeds/regions.ts';

const SECRET = 'embed-integration-secret-0123456789abcdef';
const OTHER_SECRET = 'another-embed-secret-0123456789abcdef!!';
const API_KEY = 'host-backend-api-key-0123456789abcdef';
const HOST_ORIGIN = 'http://127.0.0.1:45678';
const BUNDLE = path.resolve(import.meta.dirname, '../../dist/web/embed.js');

const CREATE = `mutation Create($input: CreateEmbedInput!) { createEmbed(input: $input) { token url expiresAt chart scope query } }`;
type Json = Record<string, any>;

let s: Awaited<ReturnType<typeof startServer>>;
let analyst = '';
let lastMonth = '';

const addMonths = (ym: string, n: number) => {
  const [y, m] = ym.split('-').map(Number);
  const t = y * 12 + m - 1 + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};
const enc = (k: string) => new TextEncoder().encode(k);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

beforeAll(async () => {
  s = await startServer({ EMBED_SECRET: SECRET, EMBED_API_KEYS: `unused-key-abcdefghijklmnopqrstuvwxyz,${API_KEY}`, EMBED_ALLOWED_ORIGINS: HOST_ORIGIN });
  analyst = await s.login('demo-analyst');
  const ready = (await (await fetch(`${s.url}/readyz`)).json()) as { asOf: string };
  lastMonth = addMonths(ready.asOf.slice(0, 7), -1);
});
afterAll(async () => { await s?.stop(); });

async function mint(input: Json, viewer = analyst) {
  return s.gql(CREATE, { input }, { authorization: `Bearer ${viewer}` });
}
async function mintOk(input: Json, viewer = analyst): Promise<Json> {
  const r = await mint(input, viewer);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data.createEmbed;
}
async function apiMint(body: Json, key: string | null = API_KEY) {
  const r = await fetch(`${s.url}/api/embed/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'x-api-key': key }) },
    body: JSON.stringify(body),
  });
  return { status: r.status, headers: r.headers, body: (await r.json()) as Json };
}
async function data(token: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const r = await fetch(`${s.url}/api/embed/data?${new URLSearchParams({ token, ...params })}`, { headers });
  return { status: r.status, headers: r.headers, body: (await r.json()) as Json };
}

const CITY_BARS = { query: { metrics: ['subscribers', 'arpu'], groupBy: ['city'] }, chart: 'bars' };

describe('minting with createEmbed', () => {
  it('an analyst mints a signed, short-lived token whose data renders', async () => {
    const e = await mintOk({ query: { metrics: ['arpu'], groupBy: ['month'], compare: 'yoy' }, chart: 'trend' });
    expect(e.url).toBe(`/embed/${e.token}`);
    expect(e.scope).toBe('national');
    const header = decodeProtectedHeader(e.token);
    const claims = decodeJwt(e.token);
    expect(header.alg).toBe('HS256');
    expect(claims).toMatchObject({ iss: 'crm-analytics-embed', aud: 'crm-analytics-embed', sub: 'demo-analyst', scope: 'national', chart: 'trend' });
    expect(typeof claims.jti).toBe('string');
    expect(claims.exp! - claims.iat!).toBe(600); // EMBED_TTL_SECONDS default
    expect(Math.abs(Date.parse(e.expiresAt) - (Date.now() + 600_000))).toBeLessThan(10_000);
    const d = await data(e.token);
    expect(d.status).toBe(200);
    expect(d.body.rows.length).toBe(12);
    expect(d.body.labels.metrics.arpu).toMatchObject({ zh: 'ARPU', format: 'currency' });
    expect(d.headers.get('cache-control')).toBe('no-store');
  });

  it('executives and city managers are FORBIDDEN to mint', async () => {
    for (const user of ['demo-national', 'demo-guangdong', 'demo-shenzhen']) {
      const r = await mint(CITY_BARS, await s.login(user));
      expect(r.body.errors?.[0]?.extensions?.code, user).toBe('FORBIDDEN');
      expect(r.body.data).toBeNull();
    }
  });

  it('rejects a query that does not fit the chart, both sources at once, a locked control and a long ttl', async () => {
    const cases: [Json, RegExp][] = [
      [{ query: { metrics: ['arpu'], groupBy: ['brand'] }, chart: 'map' }, /groupBy \["province"\] \(the map of China\) or \["city"\]/],
      // a map of cities draws one province: nationally, a filter must bound the rows to one
      [{ query: { metrics: ['arpu'], groupBy: ['city'] }, chart: 'map' }, /within one province/],
      [{ query: { metrics: ['arpu'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000', '110000'] }] }, chart: 'map' }, /within one province/],
      [{ query: { metrics: ['arpu'], groupBy: ['city'], filters: [{ dimension: 'city', op: 'in', values: ['440300', '110100'] }] }, chart: 'map' }, /within one province/],
      [{ query: { metrics: ['arpu'] }, viewId: 'x', chart: 'bars' }, /either viewId/],
      [{ ...CITY_BARS, lockedFilters: [{ dimension: 'brand', op: 'in', values: ['mzone'] }], allowControls: ['brand'] }, /locked filter/],
      [{ ...CITY_BARS, allowControls: ['nonsense'] }, /unknown control/],
      [{ ...CITY_BARS, ttlSeconds: 100_000 }, /ttlSeconds/],
      [{ ...CITY_BARS, lang: 'fr' }, /lang/],
      [{ query: { metrics: ['no_such_metric'], groupBy: ['city'] }, chart: 'bars' }, /unknown metric/],
    ];
    for (const [input, message] of cases) {
      const r = await mint(input);
      expect(r.body.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0]?.message).toMatch(message);
    }
  });

  it("a map of cities: one province, by a filter or by the token's scope; a saved overview drilled into a province embeds its cities", async () => {
    const byFilter = await mintOk({ query: { metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] }, chart: 'map' });
    const d = await data(byFilter.token);
    expect(d.status).toBe(200);
    expect(d.body.rows.length).toBeGreaterThan(5);
    expect(d.body.rows.every((r: Json) => String(r.city).startsWith('44'))).toBe(true);
    const byCities = await mintOk({ query: { metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'city', op: 'in', values: ['440300', '440100'] }] }, chart: 'map' });
    expect((await data(byCities.token)).body.rows.map((r: Json) => r.city).sort()).toEqual(['440100', '440300']);
    const byScope = await apiMint({ query: { metrics: ['subscribers'], groupBy: ['city'] }, chart: 'map', scope: '440000' });
    expect(byScope.status, JSON.stringify(byScope.body)).toBe(200);
    expect((await data(byScope.body.token)).body.rows.every((r: Json) => String(r.city).startsWith('44'))).toBe(true);

    const saved = await s.gql(`mutation($input: SaveViewInput!) { saveView(input: $input) { id } }`, {
      input: { scope: 'national', name: '浙江地市', page: 'overview', state: { map: 'arpu', drill: '330000' } },
    });
    expect(saved.body.errors).toBeUndefined();
    const fromView = await mintOk({ viewId: saved.body.data.saveView.id, chart: 'map' });
    expect(fromView.query).toMatchObject({ metrics: ['arpu'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['330000'] }] });
  });

  it('mints from a saved view: the page query for the view state, in the view region', async () => {
    const from = addMonths(lastMonth, -5);
    const saved = await s.gql(`mutation($input: SaveViewInput!) { saveView(input: $input) { id version } }`, {
      input: { scope: '440000', name: '广东 ARPU 趋势', page: 'overview', state: { trend: 'arpu', from, to: lastMonth } },
    });
    expect(saved.body.errors).toBeUndefined();
    const view = saved.body.data.saveView;
    const e = await mintOk({ viewId: view.id, chart: 'trend' });
    expect(e.query).toMatchObject({ metrics: ['arpu'], groupBy: ['month'], compare: 'yoy', timeRange: { from, to: lastMonth }, filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] });
    expect(decodeJwt(e.token).view).toEqual({ id: view.id, v: view.version });
    const d = await data(e.token);
    expect(d.status).toBe(200);
    expect(d.body.rows.map((r: Json) => r.month)).toHaveLength(6);
    const wrong = await mint({ viewId: view.id, chart: 'survival' });
    expect(wrong.body.errors?.[0]?.message).toMatch(/overview view can be embedded as trend, map, bars/);
    const missing = await mint({ viewId: '00000000-0000-0000-0000-000000000000', chart: 'trend' });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("a view's brand (the page filter) narrows its embedded chart, as it narrowed the page; an unknown brand is ignored as the page ignores it", async () => {
    const save = async (state: Json) => (await s.gql(`mutation($input: SaveViewInput!) { saveView(input: $input) { id } }`, {
      input: { scope: '440000', name: `品牌 ${JSON.stringify(state)}`, page: 'lifecycle', state },
    })).body.data.saveView.id as string;
    const e = await mintOk({ viewId: await save({ group: 'contract_type', brand: 'gotone' }), chart: 'survival' });
    expect(e.query.filters).toEqual([{ dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'brand', op: 'in', values: ['gotone'] }]);
    const curves = await data(e.token);
    const direct = await s.gql('query($q: MetricQuery!) { metrics(query: $q) { rows } }', { q: e.query });
    expect(curves.body.rows).toEqual(direct.body.data.metrics.rows);
    const all = await s.gql('query($q: MetricQuery!) { metrics(query: $q) { rows } }', { q: { ...e.query, filters: e.query.filters.slice(0, 1) } });
    expect(curves.body.rows).not.toEqual(all.body.data.metrics.rows);
    const odd = await mintOk({ viewId: await save({ group: 'contract_type', brand: 'nokia' }), chart: 'survival' });
    expect(odd.query.filters).toEqual([{ dimension: 'province', op: 'in', values: ['440000'] }]);
  });

  it("a view's customer type narrows its embedded chart as the brand does, alone and with a brand; the rows are the API's for those filters", async () => {
    const save = async (page: string, state: Json, scope = '440000') => (await s.gql(`mutation($input: SaveViewInput!) { saveView(input: $input) { id } }`, {
      input: { scope, name: `客户类型 ${page} ${JSON.stringify(state)}`, page, state },
    })).body.data.saveView.id as string;
    const rows = async (q: Json) => (await s.gql('query($q: MetricQuery!) { metrics(query: $q) { rows } }', { q })).body.data.metrics.rows as Json[];
    const region = { dimension: 'province', op: 'in', values: ['440000'] };
    const keyOrg = { dimension: 'customer_type', op: 'in', values: ['key_org'] };
    const gotone = { dimension: 'brand', op: 'in', values: ['gotone'] };

    const curves = await mintOk({ viewId: await save('lifecycle', { group: 'contract_type', customer_type: 'key_org' }), chart: 'survival' });
    expect(curves.query.filters).toEqual([region, keyOrg]);
    const drawn = await data(curves.token);
    expect(drawn.status).toBe(200);
    expect(drawn.body.rows.length).toBeGreaterThan(0);
    expect(drawn.body.rows).toEqual(await rows(curves.query));
    expect(drawn.body.rows).not.toEqual(await rows({ ...curves.query, filters: [region] }));

    // both page filters, in the page's order (brand, then customer type); the month's figures are the API's for both
    const trend = await mintOk({ viewId: await save('overview', { trend: 'subscribers', brand: 'gotone', customer_type: 'key_org' }), chart: 'trend' });
    expect(trend.query).toMatchObject({ metrics: ['subscribers'], groupBy: ['month'], filters: [region, gotone, keyOrg] });
    const months = await data(trend.token);
    expect(months.status).toBe(200);
    expect(months.body.rows).toHaveLength(12);
    expect(months.body.rows).toEqual(await rows(trend.query));
    const last = months.body.rows.at(-1) as Json;
    const [direct] = await rows({ metrics: ['subscribers'], filters: [region, gotone, keyOrg], timeRange: { from: lastMonth, to: lastMonth } });
    expect(last.month).toBe(lastMonth);
    expect(last.subscribers).toBe(direct.subscribers);
    const [keyOrgOnly] = await rows({ metrics: ['subscribers'], filters: [region, keyOrg], timeRange: { from: lastMonth, to: lastMonth } });
    expect(direct.subscribers).toBeGreaterThan(0);
    expect(direct.subscribers).toBeLessThan(keyOrgOnly.subscribers);

    // a national view's map of China (no region filter) takes it too; an id that is not a customer type is ignored, as the page ignores it
    const map = await mintOk({ viewId: await save('overview', { map: 'arpu', customer_type: 'key_individual' }, 'national'), chart: 'map' });
    expect(map.query).toMatchObject({ metrics: ['arpu'], groupBy: ['province'], filters: [{ dimension: 'customer_type', op: 'in', values: ['key_individual'] }] });
    const odd = await mintOk({ viewId: await save('lifecycle', { group: 'brand', customer_type: 'vip', brand: 'gotone' }), chart: 'median' });
    expect(odd.query.filters).toEqual([region, gotone]);
  });
});

describe('server-to-server minting (POST /api/embed/token)', () => {
  it('is 401 without a key, with a wrong key, or with a near-miss of a real one', async () => {
    for (const key of [null, '', 'wrong', API_KEY.slice(0, -1), `${API_KEY}x`, API_KEY.toUpperCase()]) {
      const r = await apiMint({ ...CITY_BARS, scope: 'national' }, key);
      expect(r.status, String(key)).toBe(401);
      expect(r.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('mints for the scope the host backend vouches for; a region outside it is FORBIDDEN at mint time', async () => {
    const ok = await apiMint({ ...CITY_BARS, scope: '440000', user: 'zhang.san' });
    expect(ok.status).toBe(200);
    expect(ok.body.url).toBe(`/embed/${ok.body.token}`);
    expect(decodeJwt(ok.body.token)).toMatchObject({ scope: '440000', sub: 'api:zhang.san' });
    expect(ok.headers.get('access-control-allow-origin')).toBeNull(); // not for browsers
    for (const body of [
      { query: { metrics: ['subscribers'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['110000'] }] }, chart: 'bars', scope: '440000' },
      { ...CITY_BARS, lockedFilters: [{ dimension: 'city', op: 'in', values: ['110100'] }], scope: '440000' },
      { ...CITY_BARS, lockedFilters: [{ dimension: 'city', op: 'in', values: ['440100'] }], scope: '440300' },
    ]) {
      const r = await apiMint(body);
      expect(r.status, JSON.stringify(body)).toBe(403);
      expect(r.body.code).toBe('FORBIDDEN');
    }
    const badScope = await apiMint({ ...CITY_BARS, scope: 'everything' });
    expect(badScope.status).toBe(400);
    const typo = await apiMint({ ...CITY_BARS, scope: '440000', alowControls: ['timeRange'] });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toMatch(/unknown field "alowControls"/);
    const notJson = await fetch(`${s.url}/api/embed/token`, { method: 'POST', headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
  });
});

describe('scope: the token\'s scope claim bounds every row', () => {
  it('a province executive\'s token never returns rows outside the province, whatever is asked', async () => {
    const byCity = (await apiMint({ ...CITY_BARS, scope: '440000' })).body.token as string;
    const d = await data(byCity);
    expect(d.status).toBe(200);
    expect(d.body.rows.length).toBeGreaterThan(5);
    expect(d.body.rows.every((r: Json) => String(r.city).startsWith('44'))).toBe(true);
    expect(d.body.labels.members.city.every(([id]: string[]) => id.startsWith('44'))).toBe(true);

    const byProvince = (await apiMint({ query: { metrics: ['subscribers', 'churn_rate'], groupBy: ['province'] }, chart: 'map', scope: '440000' })).body.token as string;
    const p = await data(byProvince);
    expect(p.body.rows.map((r: Json) => r.province)).toEqual(['440000']);
    // totals are the province's own, equal to a national embed with an explicit filter
    const national = await mintOk({ query: { metrics: ['subscribers', 'churn_rate'], groupBy: ['province'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] }, chart: 'map' });
    expect(p.body.totals).toEqual((await data(national.token)).body.totals);

    // a control on a region can move within the scope, never out of it
    const withControl = (await apiMint({ ...CITY_BARS, scope: '440000', allowControls: ['province', 'city'] })).body.token as string;
    for (const params of [{ 'f.province': '110000' }, { 'f.city': '110100' }, { 'f.city': '440100,310100' }] as Record<string, string>[]) {
      const r = await data(withControl, params);
      expect(r.status, JSON.stringify(params)).toBe(403);
      expect(r.body.code).toBe('FORBIDDEN');
    }
    const all = await data(withControl, { 'f.province': '' });
    expect(all.body.rows.every((r: Json) => String(r.city).startsWith('44'))).toBe(true);
    expect(all.body.controls.find((c: Json) => c.id === 'city').options.every(([id]: string[]) => id.startsWith('44'))).toBe(true);
    // and no parameter names a scope
    const widened = await data(byCity, { scope: 'national' });
    expect(widened.status).toBe(400);
  });

  it('a city token sees its city only', async () => {
    const t = (await apiMint({ ...CITY_BARS, scope: '440300' })).body.token as string;
    const d = await data(t);
    expect(d.body.rows.map((r: Json) => r.city)).toEqual(['440300']);
  });
});

describe('tampered and expired tokens: 401, every time', () => {
  let token = '';
  let payload: Json = {};
  let signature = '';
  const header = { alg: 'HS256', typ: 'crm-embed+jwt' };
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (p: Json, key = SECRET, h: Json = header) => new SignJWT(p).setProtectedHeader(h as { alg: string }).sign(enc(key));

  beforeAll(async () => {
    token = (await apiMint({ ...CITY_BARS, scope: '440000' })).body.token;
    payload = decodeJwt(token) as Json;
    signature = token.split('.')[2];
  });

  async function expect401(t: string, reason?: string) {
    const [viaQuery, viaPath, page] = await Promise.all([
      data(t),
      fetch(`${s.url}/api/embed/${encodeURIComponent(t)}/data`).then(async (r) => ({ status: r.status, body: (await r.json()) as Json })),
      fetch(`${s.url}/embed/${encodeURIComponent(t)}`).then((r) => ({ status: r.status, csp: r.headers.get('content-security-policy') })),
    ]);
    expect(viaQuery.status, t).toBe(401);
    expect(viaQuery.body.code).toBe('UNAUTHENTICATED');
    expect(viaQuery.body.rows).toBeUndefined();
    if (reason) expect(viaQuery.body.details?.reason, viaQuery.body.message).toBe(reason);
    expect(viaPath.status).toBe(401);
    expect(page.status, `page ${t.slice(0, 40)}…`).toBe(401);
    expect(page.csp).toContain('frame-ancestors');
  }

  it('the untouched token is accepted (the control case)', async () => {
    expect((await data(token)).status).toBe(200);
  });

  it('alg none (as is, and with the scope swapped)', async () => {
    await expect401(`${b64({ alg: 'none', typ: 'crm-embed+jwt' })}.${b64(payload)}.`, 'algorithm');
    await expect401(`${b64({ alg: 'none' })}.${b64({ ...payload, scope: 'national' })}.`, 'algorithm');
    await expect401(`${b64({ alg: 'none', typ: 'crm-embed+jwt' })}.${b64({ ...payload, scope: 'national' })}.${signature}`, 'algorithm');
  });

  it('signed with another key (and with the scope swapped), or with another algorithm', async () => {
    await expect401(await sign(payload, OTHER_SECRET), 'signature');
    await expect401(await sign({ ...payload, scope: 'national' }, OTHER_SECRET), 'signature');
    await expect401(await sign(payload, SECRET, { alg: 'HS512', typ: 'crm-embed+jwt' }), 'algorithm');
    await expect401(await sign(payload, SECRET, { alg: 'HS384', typ: 'crm-embed+jwt' }), 'algorithm');
  });

  it('an edited payload under the original signature (scope swapped, query widened, expiry extended)', async () => {
    const h = token.split('.')[0];
    for (const edited of [
      { ...payload, scope: 'national' },
      { ...payload, scope: '110000' },
      { ...payload, lf: [], q: { metrics: ['subscribers'], groupBy: ['province'] } },
      { ...payload, ac: ['province', 'city', 'timeRange'] },
      { ...payload, exp: payload.exp + 86_400 },
    ]) await expect401(`${h}.${b64(edited)}.${signature}`, 'signature');
  });

  it('expired beyond the 30 s clock skew is rejected; expired within it is accepted', async () => {
    await expect401(await sign({ ...payload, iat: now() - 700, exp: now() - 90 }), 'expired');
    await expect401(await sign({ ...payload, iat: now() - 700, exp: now() - 31 - 5 }), 'expired');
    const withinSkew = await sign({ ...payload, iat: now() - 610, exp: now() - 10 });
    expect((await data(withinSkew)).status).toBe(200);
  });

  it('other keys\' tokens, wrong audience or type, missing claims, garbage', async () => {
    await expect401(s.adminToken); // a session token (SSO key, aud crm-analytics)
    await expect401(await sign({ ...payload, aud: 'crm-analytics' }), 'claims');
    await expect401(await sign({ ...payload, iss: 'someone-else' }), 'claims');
    await expect401(await sign(payload, SECRET, { alg: 'HS256' }), 'claims'); // no typ
    const { jti: _j, ...noJti } = payload;
    void _j;
    await expect401(await sign(noJti), 'claims');
    await expect401(await sign({ ...payload, scope: 'nowhere' }), 'claims');
    await expect401(await sign({ ...payload, chart: 'pie' }), 'claims');
    await expect401('not-a-token', 'malformed');
    await expect401(`${token}.extra`, 'malformed');
    await expect401('a'.repeat(9000), 'malformed');
    const missing = await fetch(`${s.url}/api/embed/data`);
    expect(missing.status).toBe(401);
  });

  it('300 random one-character edits of a valid token: all 401', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // the last character of a base64url segment carries padding bits: an edit there can decode to the same bytes
    const editable = [...token].map((c, i) => (c !== '.' && token[i + 1] !== '.' && i !== token.length - 1 ? i : -1)).filter((i) => i >= 0);
    let seed = 20_240_601;
    const rand = (n: number) => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed % n; };
    const variants = new Set<string>();
    while (variants.size < 300) {
      const i = editable[rand(editable.length)];
      const c = alphabet[rand(alphabet.length)];
      if (c !== token[i]) variants.add(token.slice(0, i) + c + token.slice(i + 1));
    }
    const statuses = await Promise.all([...variants].map(async (t) => (await fetch(`${s.url}/api/embed/data?token=${t}`)).status));
    expect(statuses.filter((x) => x !== 401)).toEqual([]);
  });
});

describe('controls', () => {
  it('a control the embed does not allow is FORBIDDEN; unknown parameters are BAD_USER_INPUT', async () => {
    const t = (await mintOk({ query: { metrics: ['arpu'], groupBy: ['month'] }, chart: 'trend' })).token;
    const from = addMonths(lastMonth, -2);
    for (const params of [{ from, to: lastMonth }, { from }, { 'f.brand': 'mzone' }] as Record<string, string>[]) {
      const r = await data(t, params);
      expect(r.status, JSON.stringify(params)).toBe(403);
      expect(r.body.code).toBe('FORBIDDEN');
    }
    const unknown = await data(t, { filters: '[]' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('BAD_USER_INPUT');
  });

  it('allowed controls apply; locked filters stay', async () => {
    const e = await mintOk({
      query: { metrics: ['arpu'], groupBy: ['month'] }, chart: 'trend',
      lockedFilters: [{ dimension: 'brand', op: 'in', values: ['mzone'] }], allowControls: ['timeRange', 'contract_type'],
    });
    const from = addMonths(lastMonth, -2);
    const r = await data(e.token, { from, to: lastMonth, 'f.contract_type': 'none' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.resolved.from).toBe(`${from}-01`);
    expect(r.body.rows.map((x: Json) => x.month)).toEqual([from, addMonths(from, 1), lastMonth]);
    expect(r.body.query.filters).toEqual([{ dimension: 'contract_type', op: 'in', values: ['none'] }, { dimension: 'brand', op: 'in', values: ['mzone'] }]);
    expect(r.body.controls.map((c: Json) => c.id)).toEqual(['timeRange', 'contract_type']);
    expect((await data(e.token, { from })).status).toBe(400); // from without to
    expect((await data(e.token, { 'f.brand': 'gotone' })).status).toBe(403); // locked
    expect((await data(e.token, { 'f.contract_type': 'no-such-type' })).status).toBe(400);
  });
});

describe('control choices', () => {
  it('a region control offers only what the locked filters leave: a locked province, its cities; locked cities, their provinces', async () => {
    const options = (body: Json, id: string) => body.controls.find((c: Json) => c.id === id).options.map(([v]: string[]) => v);
    const cities = await mintOk({ query: { metrics: ['subscribers'], groupBy: ['city'] }, chart: 'bars', lockedFilters: [{ dimension: 'province', op: 'in', values: ['440000'] }], allowControls: ['city'] });
    const a = await data(cities.token);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(options(a.body, 'city')).toEqual(CITIES.filter((c) => c.parent === '440000').map((c) => c.code));
    expect(a.body.rows.every((x: Json) => options(a.body, 'city').includes(x.city))).toBe(true);
    const provinces = await mintOk({ query: { metrics: ['subscribers'], groupBy: ['brand'] }, chart: 'bars', lockedFilters: [{ dimension: 'city', op: 'in', values: ['440300', '350100'] }], allowControls: ['province'] });
    const b = await data(provinces.token);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(options(b.body, 'province')).toEqual(['350000', '440000']);
  });
});

describe('the embed page, the script and CORS', () => {
  it('/embed/<token> is one chart under frame-ancestors limited to the configured origins', async () => {
    const e = await mintOk({ ...CITY_BARS, lang: 'en' });
    const r = await fetch(`${s.url}${e.url}`);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-ancestors 'self' ${HOST_ORIGIN}`);
    expect(csp).toContain("script-src 'self'");
    expect(r.headers.get('x-frame-options')).toBeNull();
    if (fs.existsSync(BUNDLE)) {
      expect(r.status).toBe(200);
      const html = await r.text();
      expect(html).toContain(`<crm-chart token="${e.token}" lang="en">`);
      expect(html).toContain('<script src="/embed.js">');
      expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
      const js = await fetch(`${s.url}/embed.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
    } else {
      expect(r.status).toBe(503); // not built: said so, still under the CSP
    }
  });

  it('the product\'s own pages are framed only by the product (the host origin may frame the embeds, not the dashboard)', async () => {
    for (const page of ['/', '/segments?scope=440000', '/login', '/graphiql']) {
      const r = await fetch(`${s.url}${page}`, { headers: { cookie: `crm_session=${analyst}` }, redirect: 'manual' });
      expect(r.status, page).toBeLessThan(400);
      expect(r.headers.get('content-security-policy'), page).toBe("frame-ancestors 'self'");
      expect(r.headers.get('x-frame-options'), page).toBe('SAMEORIGIN');
    }
  });

  it('/api/embed/data answers the configured host origin, and only it', async () => {
    const t = (await mintOk(CITY_BARS)).token;
    const allowed = await data(t, {}, { origin: HOST_ORIGIN });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(HOST_ORIGIN);
    expect(allowed.headers.get('vary')).toMatch(/Origin/i);
    const other = await data(t, {}, { origin: 'http://127.0.0.1:1' });
    expect(other.status).toBe(200); // the token is the credential; the browser withholds the answer
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${s.url}/api/embed/data?token=${t}`, { method: 'OPTIONS', headers: { origin: HOST_ORIGIN, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(HOST_ORIGIN);
    const denied401 = await data('x.y.z', {}, { origin: HOST_ORIGIN });
    expect(denied401.status).toBe(401);
    expect(denied401.headers.get('access-control-allow-origin')).toBe(HOST_ORIGIN); // so the element can show why
  });
});

describe("a churn view's charts (离网分析)", () => {
  let n = 0;
  const saveChurn = async (scope: string, state: Json) => {
    const r = await s.gql(`mutation($input: SaveViewInput!) { saveView(input: $input) { id } }`, {
      input: { scope, name: `离网 ${scope} ${++n}`, page: 'churn', state },
    });
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return r.body.data.saveView.id as string;
  };
  const metrics = async (q: Json) => {
    const r = await s.gql('query($q: MetricQuery!) { metrics(query: $q) { rows totals } }', { q });
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return r.body.data.metrics as { rows: Json[]; totals: Json | null };
  };
  /** the embed's query is the page's (ChurnView.vue for that state), and its data the rows GraphQL answers for it */
  const same = async (input: Json, page: Json) => {
    const e = await mintOk(input);
    expect(e.query, JSON.stringify(input)).toEqual(page);
    const d = await data(e.token);
    expect(d.status).toBe(200);
    const direct = await metrics(page);
    expect(d.body.rows.length).toBeGreaterThan(0);
    expect(d.body.rows).toEqual(direct.rows);
    expect(d.body.totals).toEqual(direct.totals);
    return d.body.rows as Json[];
  };

  it("a province view (range, brand, chosen dimension): the trend with last year, the cities, and each breakdown as its page card shows them", async () => {
    const from = addMonths(lastMonth, -6);
    const to = addMonths(lastMonth, -1);
    const id = await saveChurn('440000', { trend: 'churned_subscribers', from, to, brand: 'mzone', by: 'credit_list' });
    const filters = [{ dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'brand', op: 'in', values: ['mzone'] }];
    const month = { from: to, to };

    const trend = await same({ viewId: id, chart: 'trend' }, { metrics: ['churned_subscribers'], groupBy: ['month'], filters, timeRange: { from, to }, compare: 'yoy' });
    expect(trend.map((r) => r.month)).toHaveLength(6);
    expect(trend.every((r) => 'churned_subscribers_prev' in r)).toBe(true);

    const cities = await same({ viewId: id, chart: 'bars' }, { metrics: ['churn_rate', 'churned_subscribers'], groupBy: ['city'], filters, timeRange: month });
    expect(cities.length).toBeGreaterThan(5);
    expect(cities.every((r) => String(r.city).startsWith('44'))).toBe(true);

    // bars_line: value tier unless a dimension is named; brand, contract type, and the view's chosen one
    const breakdown = (dim: string) => ({ metrics: ['churned_subscribers', 'churn_rate'], groupBy: [dim], filters, timeRange: month });
    await same({ viewId: id, chart: 'bars_line' }, breakdown('value_tier'));
    for (const dim of ['value_tier', 'brand', 'contract_type', 'credit_list']) await same({ viewId: id, chart: 'bars_line', viewDimension: dim }, breakdown(dim));

    // what the page does not show is refused, saying what it offers
    const other = await mint({ viewId: id, chart: 'bars_line', viewDimension: 'age_band' });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.body.errors?.[0]?.message).toMatch(/value_tier, brand, contract_type, credit_list/);
    const wrong = await mint({ viewId: id, chart: 'map' });
    expect(wrong.body.errors?.[0]?.message).toMatch(/churn view can be embedded as trend, bars, bars_line/);
    const onTrend = await mint({ viewId: id, chart: 'trend', viewDimension: 'brand' });
    expect(onTrend.body.errors?.[0]?.message).toMatch(/viewDimension/);
    const onQuery = await mint({ ...CITY_BARS, viewDimension: 'brand' });
    expect(onQuery.body.errors?.[0]?.message).toMatch(/viewDimension .* give it with viewId/);
  });

  it("a national view with the page's defaults: the churn rate's last twelve months, the provinces, the sub-segments; a city view has no regions chart", async () => {
    const id = await saveChurn('national', {});
    const year = { from: addMonths(lastMonth, -11), to: lastMonth };
    const month = { from: lastMonth, to: lastMonth };
    await same({ viewId: id, chart: 'trend' }, { metrics: ['churn_rate'], groupBy: ['month'], filters: [], timeRange: year, compare: 'yoy' });
    const provinces = await same({ viewId: id, chart: 'bars' }, { metrics: ['churn_rate', 'churned_subscribers'], groupBy: ['province'], filters: [], timeRange: month });
    expect(provinces.length).toBe(31);
    await same({ viewId: id, chart: 'bars_line', viewDimension: 'sub_segment' }, { metrics: ['churned_subscribers', 'churn_rate'], groupBy: ['sub_segment'], filters: [], timeRange: month });

    const city = await saveChurn('440300', { by: 'age_band' });
    const cityFilter = [{ dimension: 'city', op: 'in', values: ['440300'] }];
    await same({ viewId: city, chart: 'trend' }, { metrics: ['churn_rate'], groupBy: ['month'], filters: cityFilter, timeRange: year, compare: 'yoy' });
    await same({ viewId: city, chart: 'bars_line', viewDimension: 'age_band' }, { metrics: ['churned_subscribers', 'churn_rate'], groupBy: ['age_band'], filters: cityFilter, timeRange: month });
    const bars = await mint({ viewId: city, chart: 'bars' });
    expect(bars.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bars.body.errors?.[0]?.message).toMatch(/city has no regions chart/);
  });
});
