/**
 * Embeds in Debian Chromium, the way an intranet page uses them: a HOST page served from
 * another loopback port (a tiny node server standing in for the portal and its backend)
 * gets a token from the product's server-to-server endpoint with its API key, then shows
 * the chart as <crm-chart> (script from the product's origin) and as an <iframe> of
 * /embed/<token>. A second host origin, not in EMBED_ALLOWED_ORIGINS, is refused both.
 * Builds nothing: `npm run build:web` first (dist/web/embed.js).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { launchChromium, signIn } from './harness.ts';
import { freePort, startServer } from '../helpers/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(import.meta.dirname, 'screenshots');
const API_KEY = 'portal-backend-key-0123456789abcdef';
const EMBED_SECRET = 'e2e-embed-secret-0123456789abcdefghij';

let product: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const hosts: http.Server[] = [];
let allowedHost = '';
let otherHost = '';

/** The portal's backend: asks the product for a token for its user's scope (the README's curl, in node). */
async function mintFor(body: Record<string, unknown>): Promise<string> {
  const r = await fetch(`${product.url}/api/embed/token`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify(body),
  });
  const j = (await r.json()) as { token?: string; message?: string };
  if (!j.token) throw new Error(`mint failed: ${r.status} ${j.message}`);
  return j.token;
}

const EMBEDS: Record<string, Record<string, unknown>> = {
  bars: { scope: '440000', user: 'portal-user', chart: 'bars', query: { metrics: ['subscribers'], groupBy: ['city'] }, lang: 'en' },
  trend: { scope: '440000', chart: 'trend', query: { metrics: ['arpu'], groupBy: ['month'], compare: 'yoy' }, allowControls: ['timeRange'] },
};

/** One embed of every chart kind (national scope), each over the query its builder draws; `<kind>-<variant>`: that kind again. */
const KINDS: Record<string, Record<string, unknown>> = {
  trend: { metrics: ['arpu'], groupBy: ['month'], compare: 'yoy' },
  bars: { metrics: ['subscribers'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] },
  map: { metrics: ['subscribers'], groupBy: ['province'] },
  'map-cities': { metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] },
  bars_line: { metrics: ['subscribers', 'arpu'], groupBy: ['value_tier'] },
  survival: { metrics: ['survival_rate'], groupBy: ['brand'] },
  median: { metrics: ['median_lifetime'], groupBy: ['contract_type'] },
  scatter: { metrics: ['contacts', 'conversions', 'conversion_rate', 'cost', 'cost_per_conversion'], groupBy: ['channel'] },
  heatmap: { metrics: ['subscribers'], groupBy: ['rfm_r', 'rfm_f'] },
};

/** Hostile global CSS: none of it may reach inside <crm-chart>. */
const HOST_CSS = '* { font-family: serif !important; color: #f0f !important; } canvas { display: none !important; } div { padding: 7px; }';

function hostPage(kind: string, token: string): string {
  const product_ = product.url;
  const body = kind === 'iframe'
    ? `<iframe id="frame" src="${product_}/embed/${token}" width="720" height="400" style="border:1px solid #ccc"></iframe>`
    : `<div id="box" style="width:640px;height:360px"><crm-chart id="chart" token="${token}" ${kind === 'bars' ? 'lang="en"' : ''}></crm-chart></div>
       <p id="probe">host text</p><script src="${product_}/embed.js"></script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Intranet portal</title><style>${HOST_CSS}</style></head><body><h1>Portal</h1>${body}</body></html>`;
}

async function startHost(port: number): Promise<void> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const kind = url.pathname.slice(1);
    try {
      if (kind === 'all') {
        const boxes = await Promise.all(Object.entries(KINDS).map(async ([chart, query]) =>
          `<div style="width:460px;height:300px;display:inline-block;margin:4px"><crm-chart data-kind="${chart}" token="${await mintFor({ scope: 'national', chart: chart.split('-')[0], query })}"></crm-chart></div>`));
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><meta charset="utf-8"><body>${boxes.join('')}<script src="${product.url}/embed.js"></script>`);
        return;
      }
      const bad = kind.replace(/^iframe-/, '');
      if (bad === 'expired' || bad === 'forged') {
        // a token the page kept past its expiry (signed with the product's key), or one signed with another key
        const minted = await mintFor({ ...EMBEDS.trend, lang: 'zh' });
        const claims = decodeJwt(minted);
        const now = Math.floor(Date.now() / 1000);
        const key = new TextEncoder().encode(bad === 'forged' ? 'another-secret-0123456789abcdefghijkl' : EMBED_SECRET);
        const token = await new SignJWT({ ...claims, iat: now - 7200, exp: bad === 'expired' ? now - 3600 : now + 3600 }).setProtectedHeader(decodeProtectedHeader(minted) as { alg: string }).sign(key);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(kind === bad ? kind : 'iframe', token));
        return;
      }
      const token = await mintFor(EMBEDS[kind === 'iframe' ? 'bars' : kind] ?? EMBEDS.bars);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(kind, token));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  hosts.push(server);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/embed.js'))) throw new Error('dist/web/embed.js is not built: run `npm run build:web` before the end-to-end tests');
  const [allowedPort, otherPort] = [await freePort(), await freePort()];
  allowedHost = `http://127.0.0.1:${allowedPort}`;
  otherHost = `http://127.0.0.1:${otherPort}`;
  product = await startServer({ EMBED_API_KEYS: API_KEY, EMBED_ALLOWED_ORIGINS: allowedHost, EMBED_SECRET });
  await startHost(allowedPort);
  await startHost(otherPort);
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
}, 200_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  for (const h of hosts) await new Promise((r) => h.close(r));
  await product?.stop();
});

/** Non-transparent pixels of the chart's canvas, read inside its shadow root. */
async function painted(where: Page | Frame): Promise<{ painted: number; colours: number; width: number; height: number }> {
  return where.evaluate(() => {
    const canvas = document.querySelector('crm-chart')!.shadowRoot!.querySelector('canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0) { n++; colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]); }
    }
    const r = canvas.getBoundingClientRect();
    return { painted: n, colours: colours.size, width: Math.round(r.width), height: Math.round(r.height) };
  });
}

const ready = (where: Page | Frame) => where.waitForSelector('crm-chart[data-state="ready"]', { timeout: 60_000 });

describe('<crm-chart> in a host page on another origin', () => {
  it('renders the chart from the product origin, in its own Shadow DOM, sized by its container', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${allowedHost}/bars`);
    await ready(page);
    const p = await painted(page);
    expect(p.painted).toBeGreaterThan(5000);
    expect(p.colours).toBeGreaterThan(10);
    // lang="en": English labels; what the chart shows is written above it and names it for assistive technology
    const named = await page.evaluate(() => {
      const root = document.querySelector('crm-chart')!.shadowRoot!;
      return { label: root.querySelector('.chart')!.getAttribute('aria-label'), title: root.querySelector('.title')!.textContent, titleHeight: root.querySelector('.title')!.getBoundingClientRect().height };
    });
    expect(named.label).toMatch(/^Subscribers \(City\)/);
    expect(named.title).toBe(named.label);
    expect(named.titleHeight).toBeGreaterThan(10);
    expect(p.width).toBe(640);
    expect(p.height).toBe(360 - Math.round(named.titleHeight)); // the chart fills the rest of the container
    // no CSS in or out: the host's rules stop at the shadow root, the element adds no global style
    const leaks = await page.evaluate(() => ({
      sheets: document.styleSheets.length,
      canvasDisplay: getComputedStyle(document.querySelector('crm-chart')!.shadowRoot!.querySelector('canvas')!).display,
      probeColour: getComputedStyle(document.getElementById('probe')!).color,
    }));
    expect(leaks).toEqual({ sheets: 1, canvasDisplay: 'block', probeColour: 'rgb(255, 0, 255)' });
    // follows its container
    await page.evaluate(() => { const b = document.getElementById('box')!; b.style.width = '820px'; b.style.height = '420px'; });
    await page.waitForFunction(() => Math.round(document.querySelector('crm-chart')!.shadowRoot!.querySelector('canvas')!.getBoundingClientRect().width) === 820, undefined, { timeout: 10_000 });
    expect((await painted(page)).height).toBe(420 - Math.round(named.titleHeight));
    await page.screenshot({ path: path.join(SHOTS, 'embed-component.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers only the allowed control (time range) and reloads on it', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(`${allowedHost}/trend`);
    await ready(page);
    // two month pickers, no dimension control; the months named in the token's language (zh), not the browser's
    const pickers = page.locator('crm-chart select');
    expect(await pickers.count()).toBe(2);
    const from = await pickers.first().inputValue();
    const names = await pickers.first().locator('option').allTextContents();
    expect(names.length).toBeGreaterThan(12);
    for (const n of names) expect(n).toMatch(/^\d{4}年\d{1,2}月$/);
    const [y, m] = from.split('-').map(Number);
    const later = `${m > 6 ? y + 1 : y}-${String(((m + 5) % 12) + 1).padStart(2, '0')}`; // six months later
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/embed/data') && r.url().includes(`from=${later}`));
    await pickers.first().selectOption(later);
    expect((await reloaded).status()).toBe(200);
    await ready(page);
    expect((await painted(page)).painted).toBeGreaterThan(2000);
    await page.close();
  });

  it('paints every chart kind through the dashboard\'s builders', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${allowedHost}/all`);
    await page.waitForFunction(() => [...document.querySelectorAll('crm-chart')].every((c) => ['ready', 'error', 'empty'].includes(c.getAttribute('data-state') ?? '')), undefined, { timeout: 90_000 });
    const result = await page.evaluate(() => [...document.querySelectorAll('crm-chart')].map((c) => {
      const canvas = c.shadowRoot!.querySelector('canvas');
      let n = 0;
      if (canvas) {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      }
      return { kind: c.getAttribute('data-kind'), state: c.getAttribute('data-state'), painted: n > 3000 };
    }));
    expect(result).toEqual(Object.keys(KINDS).map((kind) => ({ kind, state: 'ready', painted: true })));
    // the maps are the map of China and Guangdong's cities (fetched from the product's origin), not the fallbacks
    expect(await page.getAttribute('crm-chart[data-kind="map"]', 'data-map')).toBe('china');
    expect(await page.getAttribute('crm-chart[data-kind="map-cities"]', 'data-map')).toBe('province-440000');
    // the province maps the build wrote: public, by province code; none for a municipality or a bad name
    const gd = await fetch(`${product.url}/embed/province-maps/440000.json`);
    expect(gd.status).toBe(200);
    expect(gd.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await gd.json()) as { features: { id: string }[] }).features.map((f) => f.id)).toContain('440300');
    for (const bad of ['110000.json', '44.json', '..%2F..%2Fpackage.json']) {
      const r = await fetch(`${product.url}/embed/province-maps/${bad}`);
      expect(r.status, bad).toBe(404);
      expect(((await r.json()) as { code: string }).code, bad).toBe('NOT_FOUND');
    }
    await page.screenshot({ path: path.join(SHOTS, 'embed-kinds.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on an origin not in EMBED_ALLOWED_ORIGINS the browser withholds the data (CORS)', async () => {
    const page = await browser.newPage();
    await page.goto(`${otherHost}/bars`);
    await page.waitForSelector('crm-chart[data-state="error"]', { timeout: 30_000 });
    // the product is up, so the element names the cause and the setting that lifts it
    expect(await page.getAttribute('crm-chart', 'data-error-code')).toBe('ORIGIN_NOT_ALLOWED');
    const status = await page.evaluate(() => document.querySelector('crm-chart')!.shadowRoot!.querySelector('.status')!.textContent);
    expect(status).toContain(new URL(otherHost).origin);
    expect(status).toContain('EMBED_ALLOWED_ORIGINS');
    await page.close();
  });

  it('an expired or forged token tells the reader what to do, in the chart\'s language; the server\'s words stay for the author', async () => {
    for (const [kind, text, server] of [['expired', '图表无法显示：图表的访问令牌已过期：请刷新本页面', /expired/], ['forged', '图表无法显示：图表的访问令牌无效：请联系本页面的维护人员', /signature/]] as const) {
      const page = await browser.newPage();
      const events: { code: string; reason?: string; message: string }[] = [];
      await page.exposeFunction('onChartError', (d: { code: string; reason?: string; message: string }) => events.push(d));
      await page.addInitScript(() => document.addEventListener('crm-chart-error', (e) => (window as unknown as { onChartError: (d: unknown) => void }).onChartError((e as CustomEvent).detail)));
      await page.goto(`${allowedHost}/${kind}`);
      await page.waitForSelector('crm-chart[data-state="error"]', { timeout: 30_000 });
      expect(await page.getAttribute('crm-chart', 'data-error-code')).toBe('UNAUTHENTICATED');
      const status = await page.evaluate(() => { const s = document.querySelector('crm-chart')!.shadowRoot!.querySelector('.status')!; return { text: s.textContent, title: s.getAttribute('title') }; });
      expect(status.text).toBe(text);
      expect(status.title).toMatch(server);
      await expect.poll(() => events.length).toBe(1);
      expect(events[0]).toMatchObject({ code: 'UNAUTHENTICATED', reason: kind === 'expired' ? 'expired' : 'signature' });
      expect(events[0].message).toMatch(server);
      await page.close();
    }
  });

  it('when the product cannot be reached at all, says so (NETWORK_ERROR)', async () => {
    const page = await browser.newPage();
    // the script loads; then the product drops off the network for this page
    await page.route(`${product.url}/api/**`, (r) => r.abort('connectionrefused'));
    await page.route(`${product.url}/healthz`, (r) => r.abort('connectionrefused'));
    await page.goto(`${allowedHost}/bars`);
    await page.waitForSelector('crm-chart[data-state="error"]', { timeout: 30_000 });
    expect(await page.getAttribute('crm-chart', 'data-error-code')).toBe('NETWORK_ERROR');
    await page.close();
  });
});

describe('/embed/<token> in an iframe', () => {
  it('renders inside a host page on an allowed origin (frame-ancestors)', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(`${allowedHost}/iframe`);
    const frame = (await (await page.waitForSelector('#frame')).contentFrame())!;
    await ready(frame);
    const p = await painted(frame);
    expect(p.painted).toBeGreaterThan(5000);
    expect(p.width).toBe(720);
    // the page holds the chart and nothing else
    expect(await frame.evaluate(() => [...document.body.children].map((e) => e.tagName.toLowerCase()))).toEqual(['crm-chart', 'script']);
    await page.screenshot({ path: path.join(SHOTS, 'embed-iframe.png') });
    await page.close();
  });

  it('an expired or forged token in an iframe: the reader is told what to do in the chart\'s language, not the server\'s words', async () => {
    for (const [kind, text] of [['expired', '图表无法显示：图表的访问令牌已过期：请刷新本页面'], ['forged', '图表无法显示：图表的访问令牌无效：请联系本页面的维护人员']] as const) {
      const page = await browser.newPage();
      await page.goto(`${allowedHost}/iframe-${kind}`);
      const frame = (await (await page.waitForSelector('#frame')).contentFrame())!;
      await frame.waitForSelector('crm-chart[data-state="error"]', { timeout: 30_000 });
      expect(await frame.getAttribute('crm-chart', 'data-error-code')).toBe('UNAUTHENTICATED');
      expect(await frame.evaluate(() => document.querySelector('crm-chart')!.shadowRoot!.querySelector('.status')!.textContent)).toBe(text);
      await page.close();
    }
  });

  it('is refused inside a host page on another origin', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refused.push(m.text()); });
    await page.goto(`${otherHost}/iframe`);
    const frame = (await (await page.waitForSelector('#frame')).contentFrame())!;
    await page.waitForTimeout(2000);
    const hasChart = await frame.evaluate(() => !!document.querySelector('crm-chart')).catch(() => false);
    expect(hasChart).toBe(false);
    expect(refused.length).toBeGreaterThan(0);
    await page.close();
  });
});

describe('the dashboard\'s embed button', () => {
  it('an analyst mints an embed of a card: a preview that renders, the snippet, and the body for the host backend', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signIn(ctx, product.url, 'demo-analyst');
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${product.url}/channels`);
    const card = page.locator('[data-testid="chart-scatter"]');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    await card.locator('[data-testid="embed"]').click();
    await card.locator('[data-testid="embed-lang"]').selectOption('en');
    await card.locator('[data-testid="embed-create"]').click();
    const frame = (await (await card.locator('[data-testid="embed-preview"]').elementHandle())!.contentFrame())!;
    await ready(frame);
    expect((await painted(frame)).painted).toBeGreaterThan(3000);
    // the snippet's token is a working embed of this card: the scatter of the page's query, in English
    const snippet = await card.locator('[data-testid="embed-snippet"]').innerText();
    const token = /token="([^"]+)"/.exec(snippet)![1];
    expect(snippet).toContain(`<script src="${product.url}/embed.js"></script>`);
    expect(snippet).toContain('lang="en"');
    const data = await fetch(`${product.url}/api/embed/data?token=${token}`);
    expect(data.status).toBe(200);
    expect(((await data.json()) as { chart: string; rows: unknown[] })).toMatchObject({ chart: 'scatter' });
    expect(await card.locator('[data-testid="embed-iframe-url"]').innerText()).toBe(`${product.url}/embed/${token}`);
    // what the host page's backend posts with its API key gets an equal token
    const body = JSON.parse(await card.locator('[data-testid="embed-api-body"]').innerText()) as Record<string, unknown>;
    expect(body).toMatchObject({ scope: 'national', chart: 'scatter', lang: 'en', query: { groupBy: ['channel'] } });
    const minted = await fetch(`${product.url}/api/embed/token`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify(body) });
    expect(minted.status).toBe(200);
    expect(decodeJwt(((await minted.json()) as { token: string }).token)).toMatchObject({ chart: 'scatter', q: decodeJwt(token).q });
    await card.screenshot({ path: path.join(SHOTS, 'embed-dialog.png') });
    expect(errors).toEqual([]);
    // an executive, who may not mint embeds, has no button
    const exec = await browser.newContext();
    await signIn(exec, product.url, 'demo-national');
    const p2 = await exec.newPage();
    await p2.goto(`${product.url}/channels`);
    await expect.poll(() => p2.locator('[data-testid="chart-scatter"]').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    expect(await p2.locator('[data-testid="chart-scatter"] [data-testid="embed"]').count()).toBe(0);
    await exec.close();
    await ctx.close();
  });

  it('with a saved view open, the embed follows the view (viewId), and says when the card no longer shows the view', async () => {
    // shared views of a region are saved by its executives and administrators; an analyst opens one
    const login = (await (await fetch(`${product.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'demo-admin' }) })).json()) as { token: string };
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const r = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: JSON.stringify({ query, variables }) });
      const j = (await r.json()) as { data: Record<string, { id: string }> | null; errors?: unknown };
      if (!j.data) throw new Error(JSON.stringify(j.errors));
      return j.data;
    };
    const state = { trend: 'churned_subscribers', by: 'customer_type' };
    const saved = await gql('mutation($input: SaveViewInput!) { saveView(input: $input) { id } }', {
      input: { scope: 'national', name: 'e2e 离网·客户类型', page: 'churn', state, visibility: 'shared', isDefault: false },
    });
    const viewId = saved.saveView.id;
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signIn(ctx, product.url, 'demo-analyst');
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${product.url}/churn?${new URLSearchParams({ ...state, view: viewId })}`);
    /** mints from the card's dialog as shown; the body its backend would post, and whether it warned */
    const embedCard = async (testid: string, shot = '') => {
      const card = page.locator(`[data-testid="${testid}"]`);
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
      await card.locator('[data-testid="embed"]').click();
      expect(await card.locator('[data-testid="embed-source-view"]').isChecked()).toBe(true);
      await card.locator('[data-testid="embed-create"]').click();
      await card.locator('[data-testid="embed-api-body"]').waitFor();
      const frame = (await (await card.locator('[data-testid="embed-preview"]').elementHandle())!.contentFrame())!;
      await ready(frame);
      const body = JSON.parse(await card.locator('[data-testid="embed-api-body"]').innerText()) as Record<string, unknown>;
      const token = /token="([^"]+)"/.exec(await card.locator('[data-testid="embed-snippet"]').innerText())![1];
      const warned = await card.locator('[data-testid="embed-view-differs"]').count();
      if (shot) await card.screenshot({ path: path.join(SHOTS, shot) });
      await card.locator('[data-testid="embed"]').click(); // closes the dialog
      return { body, token, warned };
    };
    // the chosen-dimension card: the view's bars_line by customer type, which its body names
    const more = await embedCard('chart-churn-more');
    expect(more.body).toMatchObject({ viewId, viewDimension: 'customer_type', chart: 'bars_line', scope: 'national' });
    expect(more.body).not.toHaveProperty('query');
    expect(more.warned).toBe(0);
    // the token holds the card's own query (what the page ran: its "i" panel), and the host's backend gets the same one
    const info = page.locator('[data-testid="chart-churn-more"]');
    await info.locator('[data-testid="info"]').click();
    const ran = (JSON.parse(await info.locator('[data-testid="info-panel"] pre').nth(1).innerText()) as { query: Record<string, unknown> }).query;
    await info.locator('[data-testid="info"]').click();
    expect(ran).toMatchObject({ metrics: ['churned_subscribers', 'churn_rate'], groupBy: ['customer_type'] });
    expect(decodeJwt(more.token).q).toMatchObject({ metrics: ran.metrics, groupBy: ran.groupBy, timeRange: ran.timeRange });
    const minted = decodeJwt(await mintFor(more.body));
    expect(minted.q).toEqual(decodeJwt(more.token).q);
    // a fixed card of the same kind picks its own chart of the view
    expect((await embedCard('chart-churn-brand')).body).toMatchObject({ viewId, viewDimension: 'brand' });
    const trend = await embedCard('chart-churn-trend');
    expect(trend.warned).toBe(0);
    const range = decodeJwt(trend.token).q as { timeRange: { from: string; to: string } };
    // any change on the page drops the view (the page no longer is the view): the card's query, no choice
    await page.locator('[data-testid="churn-trend-metric"]').selectOption('churn_rate');
    await expect.poll(() => page.url()).not.toContain('view=');
    const trendCard = page.locator('[data-testid="chart-churn-trend"]');
    await expect.poll(() => trendCard.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    await trendCard.locator('[data-testid="embed"]').click();
    expect(await trendCard.locator('[data-testid="embed-source"]').count()).toBe(0);
    await trendCard.locator('[data-testid="embed"]').click();
    // a link opens the view under its own time range (a global key; the view saved none): the
    // embed still follows the view, over the view's months, and the dialog says the card differs
    const month = range.timeRange.to;
    await page.goto(`${product.url}/churn?${new URLSearchParams({ from: month, to: month, ...state, view: viewId })}`);
    const moved = await embedCard('chart-churn-trend', 'embed-dialog-view.png');
    expect(moved.warned).toBe(1);
    expect(decodeJwt(moved.token).q).toMatchObject({ metrics: ['churned_subscribers'], timeRange: range.timeRange });
    // choosing the card's query instead embeds what is shown, without a warning
    await trendCard.locator('[data-testid="embed"]').click();
    await trendCard.locator('[data-testid="embed-source-query"]').check();
    await trendCard.locator('[data-testid="embed-create"]').click();
    await trendCard.locator('[data-testid="embed-api-body"]').waitFor();
    const fixed = JSON.parse(await trendCard.locator('[data-testid="embed-api-body"]').innerText()) as Record<string, unknown>;
    expect(fixed).not.toHaveProperty('viewId');
    expect(fixed).toMatchObject({ query: { metrics: ['churned_subscribers'], groupBy: ['month'], timeRange: { from: month, to: month } } });
    expect(await trendCard.locator('[data-testid="embed-view-differs"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
