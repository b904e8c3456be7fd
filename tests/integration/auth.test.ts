/** Identity at the HTTP edge: SSO tokens verified, tampering refused, 401 without credentials, production refusals. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const SECRET = 'sso-test-secret-0123456789abcdef0123456789';
let s: Awaited<ReturnType<typeof startServer>>;
let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
const jwksFile = path.join(os.tmpdir(), `crm-jwks-${process.pid}.json`);

beforeAll(async () => {
  rsa = await generateKeyPair('RS256');
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'k1', alg: 'RS256' }] }));
  s = await startServer({ AUTH_JWT_SECRET: SECRET, AUTH_JWKS: jwksFile, AUTH_ISSUER: 'intranet-sso', AUTH_AUDIENCE: 'crm' });
});
afterAll(async () => { await s?.stop(); fs.rmSync(jwksFile, { force: true }); });

const claims = { name: '广东省公司总经理', role: 'province_exec', scope: '440000' };
const hs = (c: Record<string, unknown> = claims, exp: string | number = '1h', key = SECRET) => new SignJWT(c).setProtectedHeader({ alg: 'HS256' })
  .setSubject('u-gd').setIssuer('intranet-sso').setAudience('crm').setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(key));
const asViewer = async (token: string) => s.gql('{ viewer { id role scope } metrics(query: { metrics: ["subscribers"], groupBy: ["city"] }) { rows } }', {}, { authorization: `Bearer ${token}` });

describe('SSO tokens', () => {
  it('a valid HS256 token gives the claimed viewer and scope', async () => {
    const r = await asViewer(await hs());
    expect(r.status).toBe(200);
    expect(r.body.data.viewer).toEqual({ id: 'u-gd', role: 'province_exec', scope: '440000' });
    for (const row of r.body.data.metrics.rows) expect(row.city.startsWith('44')).toBe(true);
    // name_en is optional: the English UI shows it, null without it
    const names = async (c: Record<string, unknown>) => (await s.gql('{ viewer { name nameEn } }', {}, { authorization: `Bearer ${await hs(c)}` })).body.data.viewer;
    expect(await names(claims)).toEqual({ name: '广东省公司总经理', nameEn: null });
    expect(await names({ ...claims, name_en: 'Guangdong GM' })).toEqual({ name: '广东省公司总经理', nameEn: 'Guangdong GM' });
  });

  it('a valid RS256 token verifies against the JWKS file', async () => {
    const t = await new SignJWT({ name: 'x', role: 'city_manager', scope: '440300' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u-sz').setIssuer('intranet-sso').setAudience('crm').setExpirationTime('1h').sign(rsa.privateKey);
    const r = await asViewer(t);
    expect(r.body.data.viewer.scope).toBe('440300');
    for (const row of r.body.data.metrics.rows) expect(row.city).toBe('440300');
  });

  it('refuses tampered, unsigned, foreign-key, wrong-audience and expired tokens (401), accepts small clock skew', async () => {
    const good = await hs();
    const [h, , sig] = good.split('.');
    const swapped = Buffer.from(JSON.stringify({ ...claims, scope: 'national', sub: 'u-gd', iss: 'intranet-sso', aud: 'crm', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${swapped}.`;
    const bad = [
      `${h}.${swapped}.${sig}`, // scope swapped, signature kept
      none, // alg none
      await hs(claims, '1h', 'another-secret-another-secret-another-1'), // signed with another key
      await hs(claims, Math.floor(Date.now() / 1000) - 600), // expired 10 minutes ago
      await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setIssuer('intranet-sso').setAudience('other').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)),
      await hs({ ...claims, role: 'superuser' }),
      await hs({ ...claims, scope: '999999' }),
      'garbage',
      `i${await hs(claims)}`, // a stray character before a real token
    ];
    for (const t of bad) {
      const r = await asViewer(t);
      expect(r.status, t.slice(0, 30)).toBe(401);
      const body = r.body as unknown as { code: string; message: string };
      expect(body.code).toBe('UNAUTHENTICATED');
      expect(body.message, t.slice(0, 30)).toMatch(/^[\x20-\x7e]+$/); // words, not the parser's garbled bytes
      expect(body.message).not.toMatch(/JSON|Unexpected token/);
    }
    const skewed = await asViewer(await hs(claims, Math.floor(Date.now() / 1000) - 10)); // 10 s past expiry: within tolerance
    expect(skewed.status).toBe(200);
  });
});

describe('no credentials', () => {
  it('401 on the API and pages; login, health and assets stay public', async () => {
    const api = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ dataset { asOf } }"}' });
    expect(api.status).toBe(401);
    expect((await api.json()).code).toBe('UNAUTHENTICATED');
    const page = await fetch(`${s.url}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('/login');
    expect((await fetch(`${s.url}/graphiql`)).status).toBe(401);
    expect((await fetch(`${s.url}/login`)).status).toBe(200);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('GraphiQL is for analysts and administrators', async () => {
    const exec = await fetch(`${s.url}/graphiql`, { headers: { authorization: `Bearer ${await s.login('demo-national')}` } });
    expect(exec.status).toBe(403);
    const analyst = await fetch(`${s.url}/graphiql`, { headers: { authorization: `Bearer ${await s.login('demo-analyst')}` } });
    expect(analyst.status).toBe(200);
  });

  it('a province executive asking for another province gets FORBIDDEN naming the scope', async () => {
    const r = await s.gql('{ metrics(query: { metrics: ["arpu"], filters: [{ dimension: "province", op: in, values: ["350000"] }] }) { rows } }', {}, { authorization: `Bearer ${await hs()}` });
    expect(r.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(r.body.errors?.[0].message).toMatch(/广东/);
  });

});

describe('production mode', () => {
  it('refuses to start with demo users or a weak secret, and says why', () => {
    const run = (env: Record<string, string>) => spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'), env: { ...process.env, NODE_ENV: 'production', PORT: '0', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'crm-prod-')), ...env }, encoding: 'utf8', timeout: 60_000,
    });
    const demo = run({ DEMO_USERS: 'true' });
    expect(demo.status).not.toBe(0);
    expect(demo.stderr).toMatch(/refuses demo users/);
    const weak = run({ DEMO_USERS: 'false', AUTH_JWT_SECRET: 'changeme', EMBED_SECRET: 'x'.repeat(40) });
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toMatch(/AUTH_JWT_SECRET must be at least 32 bytes/);
    expect(weak.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});

describe('audit', () => {
  it('records who ran which query, in which scope, with how many rows', async () => {
    await asViewer(await hs());
    await new Promise((r) => setTimeout(r, 1500));
    await s.stop(); // one engine per data directory: read the server's store once it has stopped
    const { loadConfig } = await import('../../server/config.ts');
    const { Engine } = await import('../../server/engine/engine.ts');
    const engine = await Engine.open(loadConfig({ DATA_DIR: s.dataDir }).engine);
    const rows = await engine.query<{ viewer: string; scope: string; rows: number; query: string }>(
      `SELECT viewer, scope, rows, query FROM ${engine.t('audit_log')} WHERE viewer = 'u-gd'`);
    await engine.close();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].scope).toBe('440000');
    expect(rows.some((r) => Number(r.rows) > 0 && r.query.includes('subscribers'))).toBe(true);
  });
});


describe('saved views need the right role', () => {
  it('an analyst may not edit shared views but may keep personal ones; other scopes stay out of reach', async () => {
    const s2 = await startServer({ DEMO_SUBSCRIBERS: '300' });
    try {
      const SAVE = 'mutation($i: SaveViewInput!) { saveView(input: $i) { id version owner } }';
      const analyst = { authorization: `Bearer ${await s2.login('demo-analyst')}` };
      const shared = await s2.gql(SAVE, { i: { scope: '440000', name: '广东共享', page: 'overview', state: { map: 'arpu' } } }, analyst);
      expect(shared.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const personal = await s2.gql(SAVE, { i: { scope: '440000', name: '我的', page: 'overview', state: { map: 'arpu' }, visibility: 'personal' } }, analyst);
      expect(personal.body.errors).toBeUndefined();
      const gdView = await s2.gql(SAVE, { i: { scope: '440000', name: '广东早会', page: 'overview', state: {} } }, { authorization: `Bearer ${await s2.login('demo-guangdong')}` });
      expect(gdView.body.errors).toBeUndefined();
      const sz = { authorization: `Bearer ${await s2.login('demo-shenzhen')}` };
      const peek = await s2.gql('query($id: ID!) { savedView(id: $id) { id } }', { id: gdView.body.data.saveView.id }, sz);
      expect(peek.body.data?.savedView ?? null).toBeNull(); // a province view is not the city manager's
      const del = await s2.gql('mutation($id: ID!) { deleteView(id: $id) { id } }', { id: gdView.body.data.saveView.id }, sz);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(del.body.errors?.[0].extensions?.code);
    } finally {
      await s2.stop();
    }
  });
});
