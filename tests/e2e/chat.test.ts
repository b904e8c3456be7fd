/**
 * The chat panel end to end in Debian Chromium: the real server (fresh data dir, small demo
 * data) serving the built app from dist/web. Builds nothing: `npm run build:web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { SHOTS, VIEWPORT, launchChromium, signIn, startProduct } from './harness.ts';

let product: Awaited<ReturnType<typeof startProduct>>;
let base = '';
let browser: Browser;

beforeAll(async () => {
  product = await startProduct();
  base = product.url;
  browser = await launchChromium();
}, 200_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  await product?.stop();
});


/** Painted pixels and colours of the largest canvas inside `el`. */
async function ink(el: Locator) {
  return el.evaluate((root) => {
    const c = [...root.querySelectorAll('canvas')].sort((a, b) => b.width * b.height - a.width * a.height)[0];
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return { painted: 0, colours: 0 };
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let painted = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) {
      if (data[i + 3] > 0) {
        painted++;
        if (colours.size < 50) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
    }
    return { painted, colours: colours.size };
  });
}

const turns = (page: Page) => page.locator('[data-testid="chat-turn"]');
const lastTurn = (page: Page) => turns(page).last();

/** Types a question, sends it with Enter, waits for its answer; returns the answer's turn. */
async function ask(page: Page, question: string): Promise<Locator> {
  const n = await turns(page).count();
  await page.locator('[data-testid="chat-input"]').fill(question);
  await page.locator('[data-testid="chat-input"]').press('Enter');
  return settled(page, n);
}

/** Waits for turn number `n` (0-based) to finish; lets ECharts finish drawing. */
async function settled(page: Page, n: number): Promise<Locator> {
  const turn = turns(page).nth(n);
  await turn.waitFor();
  await expect.poll(() => turn.getAttribute('data-state'), { timeout: 30_000 }).not.toBe('pending');
  expect(await turn.getAttribute('data-state')).toBe('done');
  await page.waitForTimeout(700); // the chart animation
  return turn;
}

async function rowCount(turn: Locator): Promise<number> {
  const toggle = turn.locator('[data-testid="chat-rows-toggle"]');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return turn.locator('[data-testid="chat-rows"] tbody tr').count();
}

describe('chat panel', () => {
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  it('opens from the header and answers 广东各地市的离网率 with a chart and rows', async () => {
    ctx = await browser.newContext({ viewport: VIEWPORT });
    await signIn(ctx, base, 'demo-admin');
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.locator('[data-testid="chat-open"]').click();
    await page.locator('[data-testid="chat-panel"]').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('chat-input');

    const t = await ask(page, '广东各地市的离网率');
    expect(await t.getAttribute('data-status')).toBe('ANSWERED');
    const chart = t.locator('[data-testid="chat-chart"]');
    expect(await chart.getAttribute('data-kind')).toBe('bar');
    const painted = await ink(chart);
    expect(painted.painted).toBeGreaterThan(2000);
    expect(painted.colours).toBeGreaterThan(2);
    // chips: the metric, the province filter, the grouping, the (default) time
    const chips = t.locator('[data-testid="chat-chip"]');
    expect(await chips.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-kind')))).toEqual(['metric', 'filter', 'group', 'time']);
    expect(await chips.nth(0).innerText()).toContain('离网率');
    expect(await chips.nth(1).innerText()).toContain('广东');
    expect(await rowCount(t)).toBeGreaterThan(5);
    expect(await t.locator('[data-testid="chat-rows"] tbody').innerText()).toContain('深圳市');
  });

  it('follows up: 只看深圳和广州 → 2 rows, in the same conversation', async () => {
    const t = await ask(page, '只看深圳和广州');
    expect(await t.getAttribute('data-status')).toBe('ANSWERED');
    expect(await rowCount(t)).toBe(2);
    const body = await t.locator('[data-testid="chat-rows"] tbody').innerText();
    expect(body).toContain('深圳市');
    expect(body).toContain('广州市');
    expect((await ink(t.locator('[data-testid="chat-chart"]'))).painted).toBeGreaterThan(500);
  });

  it('changes only the chart: 换成饼图 is declined for a rate and said why, then 换成柱状图 (nothing re-queried)', async () => {
    // the parts of a rate do not add up: the pie is declined aloud, the chart stays
    const pie = await ask(page, '换成饼图');
    expect(await pie.locator('[data-testid="chat-chart"]').getAttribute('data-plan')).not.toBe('pie');
    expect(await pie.innerText()).toContain('离网率是比率，各部分不能相加，不画饼图');
    expect(await pie.locator('[data-testid="chat-chart-only"]').count()).toBe(1);
    const bar = await ask(page, '换成柱状图');
    const chart = bar.locator('[data-testid="chat-chart"]');
    expect(await chart.getAttribute('data-kind')).toBe('bar');
    expect(await chart.getAttribute('data-plan')).not.toBe('pie');
    expect(await bar.locator('[data-testid="chat-chart-only"]').count()).toBe(1);
    expect(await rowCount(bar)).toBe(2);
    expect((await ink(chart)).painted).toBeGreaterThan(500);
    await page.screenshot({ path: path.join(SHOTS, 'chat-followups.png') });
  });

  it('shows the executed GraphQL, and GraphiQL opens with it in the editor', async () => {
    const t = lastTurn(page);
    await t.locator('[data-testid="chat-graphql-toggle"]').click();
    const gql = t.locator('[data-testid="chat-graphql"]');
    expect(await gql.innerText()).toMatch(/metrics\(query: \$q/);
    expect(await gql.innerText()).toContain('440300');
    const href = await t.locator('[data-testid="chat-graphiql"]').getAttribute('href');
    expect(href).toMatch(/^\/graphiql\?query=/);
    const gp = await ctx.newPage();
    await gp.goto(`${base}${href}`);
    // Monaco renders spaces as no-break spaces: \s matches both
    await expect.poll(() => gp.locator('body').innerText(), { timeout: 20_000 }).toMatch(/metrics\(query:\s\{\s+metrics:\s\["churn_rate"\][\s\S]*"440300"/);
    await gp.locator('.graphiql-execute-button').click();
    await expect.poll(() => gp.locator('body').innerText(), { timeout: 20_000 }).toMatch(/"rows":\s\[/);
    await gp.screenshot({ path: path.join(SHOTS, 'chat-graphiql.png') });
    await gp.close();
    // what GraphiQL got runs as is and gives the rows shown
    const inlined = new URL(href!, base).searchParams.get('query')!;
    const run = await page.evaluate(async (query) => (await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json(), inlined);
    expect(run.errors).toBeUndefined();
    expect(run.data.metrics.rows).toHaveLength(2);
    await t.locator('[data-testid="chat-graphql-toggle"]').click();
  });

  it('removing a chip re-runs the edited query through `metrics`', async () => {
    const t = lastTurn(page);
    const before = await turns(page).count();
    const filter = t.locator('[data-testid="chat-chip"][data-kind="filter"]');
    expect(await filter.innerText()).toMatch(/深圳市.*广州市/);
    await filter.locator('[data-testid="chip-remove"]').click();
    const edited = await settled(page, before);
    expect(await edited.getAttribute('data-origin')).toBe('edit');
    expect(await edited.locator('[data-testid="chat-chip"][data-kind="filter"]').count()).toBe(0);
    expect(await rowCount(edited)).toBeGreaterThan(2);
    expect((await ink(edited.locator('[data-testid="chat-chart"]'))).painted).toBeGreaterThan(2000);
    await edited.locator('[data-testid="chat-graphql-toggle"]').click();
    expect(await edited.locator('[data-testid="chat-graphql"]').innerText()).toMatch(/query ChatMetrics/);
  });

  it('editing a chip: pick another metric from the catalog', async () => {
    const t = lastTurn(page);
    const before = await turns(page).count();
    await t.locator('[data-testid="chat-chip"][data-kind="metric"] [data-testid="chip-edit"]').click();
    await t.locator('[data-testid="chip-metric"]').selectOption('arpu');
    await t.locator('[data-testid="chip-apply"]').click();
    const edited = await settled(page, before);
    expect(await edited.locator('[data-testid="chat-chip"][data-kind="metric"]').innerText()).toContain('ARPU');
    expect(await edited.locator('[data-testid="chat-rows"], [data-testid="chat-chart"]').count()).toBeGreaterThan(0);
  });

  it('saves an answer as a view; opening the view re-opens the answer in the chat', async () => {
    const t = lastTurn(page);
    await t.locator('[data-testid="chat-save-toggle"]').click();
    await t.locator('[data-testid="chat-save-name"]').fill('问数：各地市ARPU');
    await t.locator('[data-testid="chat-save-button"]').click();
    await expect.poll(() => t.locator('[data-testid="chat-saved"]').innerText()).toContain('问数：各地市ARPU');
    // open it from the saved views drawer
    await page.locator('[data-testid="views-button"]').click();
    const item = page.locator('[data-testid="view-item"][data-name="问数：各地市ARPU"]');
    await item.waitFor();
    const before = await turns(page).count();
    await item.getByRole('button', { name: '打开' }).click();
    await page.locator('[data-testid="chat-panel"]').waitFor({ state: 'visible' });
    const reopened = await settled(page, before);
    expect(await reopened.getAttribute('data-origin')).toBe('view');
    expect(await reopened.locator('[data-testid="chat-chip"][data-kind="metric"]').innerText()).toContain('ARPU');
    expect(page.url()).toContain('map=arpu');
  });

  it('a question after an edit or a reopened view continues from what it shows (ARPU), not from the last question', async () => {
    const t = await ask(page, '按月');
    expect(await t.getAttribute('data-status')).toBe('ANSWERED');
    expect(await t.locator('[data-testid="chat-chip"][data-kind="metric"]').innerText()).toContain('ARPU');
    expect(await t.locator('[data-testid="chat-chip"][data-kind="group"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/月/)]));
  });

  it('a threshold is a chip in the metric\'s unit (离网率 > 3%), and every row shown is above it', async () => {
    const t = await ask(page, '广东哪些城市的离网率超过3%');
    expect(await t.getAttribute('data-status')).toBe('ANSWERED');
    const filters = await t.locator('[data-testid="chat-chip"][data-kind="filter"]').allInnerTexts();
    expect(filters.map((x) => x.replace('×', '').trim())).toEqual(expect.arrayContaining(['离网率 > 3%']));
    const toggle = t.locator('[data-testid="chat-rows-toggle"]');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const cells = await t.locator('[data-testid="chat-rows"] tbody tr td:last-child').allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(Number(c.replace('%', ''))).toBeGreaterThan(3);

    // edited in the unit the chip reads: the box says 3 (and %), typing 4 means 4%
    const before = await turns(page).count();
    await t.locator('[data-testid="chat-chip"][data-kind="filter"]').filter({ hasText: '离网率' }).locator('[data-testid="chip-edit"]').click();
    const box = t.locator('[data-testid="chip-filter-value"]');
    expect(await box.inputValue()).toBe('3');
    await box.fill('4');
    await t.locator('[data-testid="chip-apply"]').click();
    const edited = await settled(page, before);
    expect((await edited.locator('[data-testid="chat-chip"][data-kind="filter"]').allInnerTexts()).map((x) => x.replace('×', '').trim()))
      .toEqual(expect.arrayContaining(['离网率 > 4%']));
    const toggle2 = edited.locator('[data-testid="chat-rows-toggle"]');
    if ((await toggle2.getAttribute('aria-expanded')) !== 'true') await toggle2.click();
    const cells2 = await edited.locator('[data-testid="chat-rows"] tbody tr td:last-child').allInnerTexts();
    expect(cells2.length).toBeGreaterThan(0);
    for (const c of cells2) expect(Number(c.replace('%', ''))).toBeGreaterThan(4);
  });

  it('深圳的利润率 → CLARIFY with 利润率 marked, nothing run', async () => {
    const t = await ask(page, '深圳的利润率');
    expect(await t.getAttribute('data-status')).toBe('CLARIFY');
    expect(await t.locator('[data-testid="chat-unknown"]').allInnerTexts()).toEqual(['利润率']);
    expect(await t.locator('[data-testid="chat-chart"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'chat-clarify.png') });
  });

  it('a CLARIFY choice runs its interpretation', async () => {
    const t = await ask(page, '广东各地市的离网律');
    expect(await t.getAttribute('data-status')).toBe('CLARIFY');
    const choices = t.locator('[data-testid="chat-choice"]');
    expect(await choices.count()).toBeGreaterThan(0);
    const before = await turns(page).count();
    await choices.filter({ hasText: '离网率' }).first().click();
    const chosen = await settled(page, before);
    expect(await chosen.getAttribute('data-origin')).toBe('choice');
    expect(await chosen.locator('[data-testid="chat-chip"][data-kind="metric"]').innerText()).toContain('离网率');
    expect((await ink(chosen.locator('[data-testid="chat-chart"]'))).painted).toBeGreaterThan(1000);
  });

  it('UNSUPPORTED says why nothing was run', async () => {
    const t = await ask(page, '广州明天的天气怎么样');
    expect(await t.getAttribute('data-status')).toBe('UNSUPPORTED');
    expect((await t.locator('[data-testid="chat-refusal"]').innerText()).length).toBeGreaterThan(4);
  });

  it('地图 draws the map: the cities of the answer\'s province, or China by province; cities of every province get bars, said aloud', async () => {
    const t = await ask(page, '广东各地市用户数地图');
    const chart = t.locator('[data-testid="chat-chart"]');
    expect(await chart.getAttribute('data-plan')).toBe('map');
    await expect.poll(() => chart.getAttribute('data-map')).toBe('province-440000');
    await page.waitForTimeout(700);
    expect((await ink(chart)).painted).toBeGreaterThan(2000);
    await t.screenshot({ path: path.join(SHOTS, 'chat-map.png') });
    const china = await ask(page, '各省离网率地图');
    await expect.poll(() => china.locator('[data-testid="chat-chart"]').getAttribute('data-map')).toBe('china');
    // cities of every province: no one map, the nearest chart, said aloud
    const all = await ask(page, '全国各地市离网率地图');
    expect(await all.locator('[data-testid="chat-chart"]').getAttribute('data-plan')).toBe('ranked');
    expect(await all.locator('[data-testid="chat-fallback"]').count()).toBe(1);
  });

  it('全球通用户占比: the pie of every brand, 全球通 marked; the mark stays when only the chart changes', async () => {
    const t = await ask(page, '全球通用户占比');
    const chart = t.locator('[data-testid="chat-chart"]');
    expect(await chart.getAttribute('data-plan')).toBe('pie');
    expect(await chart.getAttribute('data-focus')).toBe('gotone');
    expect((await ink(chart)).painted).toBeGreaterThan(500);
    await t.screenshot({ path: path.join(SHOTS, 'chat-share.png') });
    const bars = await ask(page, '换成柱状图');
    expect(await bars.locator('[data-testid="chat-chart"]').getAttribute('data-focus')).toBe('gotone');
  });

  it('深圳离网率在广东排第几: the cities ranked, 深圳 marked, its place said; a suggestion under an earlier answer follows up that answer', async () => {
    const t = await ask(page, '深圳离网率在广东排第几');
    const chart = t.locator('[data-testid="chat-chart"]');
    expect(await chart.getAttribute('data-plan')).toBe('ranked');
    expect(await chart.getAttribute('data-focus')).toBe('440300');
    expect(await t.locator('[data-testid="chat-restatement"]').innerText()).toMatch(/深圳市按离网率从高到低排第\d+/);
    const suggestions = t.locator('[data-testid="chat-suggestion"]');
    expect(await suggestions.allInnerTexts()).toContain('按月');
    // a later question, then 按月 under the ranking: it follows up the ranking, not the later answer
    await ask(page, '各品牌ARPU');
    const n = await turns(page).count();
    await suggestions.filter({ hasText: '按月' }).click();
    const m = await settled(page, n);
    expect(await m.getAttribute('data-status')).toBe('ANSWERED');
    expect(await m.locator('[data-testid="chat-chip"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('离网率'), expect.stringContaining('按月')]));
    await t.screenshot({ path: path.join(SHOTS, 'chat-place.png') });
    // saved as a view, it re-opens with 深圳 still marked
    await t.locator('[data-testid="chat-save-toggle"]').click();
    await t.locator('[data-testid="chat-save-name"]').fill('问数：深圳排第几');
    await t.locator('[data-testid="chat-save-button"]').click();
    await expect.poll(() => t.locator('[data-testid="chat-saved"]').innerText()).toContain('问数：深圳排第几');
    await page.locator('[data-testid="views-button"]').click();
    const item = page.locator('[data-testid="view-item"][data-name="问数：深圳排第几"]');
    await item.waitFor();
    const k = await turns(page).count();
    await item.getByRole('button', { name: '打开' }).click();
    const reopened = await settled(page, k);
    expect(await reopened.getAttribute('data-origin')).toBe('view');
    expect(await reopened.locator('[data-testid="chat-chart"]').getAttribute('data-focus')).toBe('440300');
  });

  it('in English: conversion rate by channel last month', async () => {
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => page.locator('[data-testid="chat-panel"] h2').innerText()).toBe('Ask the data');
    // the thread stays, relabelled
    expect(await turns(page).first().locator('[data-testid="chat-chip"]').first().innerText()).toBe('Churn rate');
    const t = await ask(page, 'conversion rate by channel last month');
    expect(await t.getAttribute('data-status')).toBe('ANSWERED');
    expect(await t.locator('[data-testid="chat-restatement"]').innerText()).toMatch(/^Conversion rate, by channel/);
    const chips = await t.locator('[data-testid="chat-chip"]').allInnerTexts();
    expect(chips[0]).toContain('Conversion rate');
    expect(chips.join(' ')).toMatch(/by Channel/i);
    expect(await rowCount(t)).toBeGreaterThan(5);
    expect((await ink(t.locator('[data-testid="chat-chart"]'))).painted).toBeGreaterThan(2000);
    await t.locator('[data-testid="chat-rows-toggle"]').click();
    await page.screenshot({ path: path.join(SHOTS, 'chat-english.png') });
    expect(errors).toEqual([]);
  });

  it('a viewer without GraphiQL sees the document and copy, not the link', async () => {
    const c = await browser.newContext({ viewport: VIEWPORT });
    await signIn(c, base, 'demo-guangdong');
    const p = await c.newPage();
    await p.goto(`${base}/`);
    await p.locator('[data-testid="chat-open"]').click();
    const t = await ask(p, '各地市的离网率');
    if (await p.evaluate(async () => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { canUseGraphiQL } }' }) });
      return (await r.json()).data.viewer.canUseGraphiQL as boolean;
    })) return; // this demo viewer may use GraphiQL after all: nothing to check
    await t.locator('[data-testid="chat-graphql-toggle"]').click();
    expect(await t.locator('[data-testid="chat-copy"]').count()).toBe(1);
    expect(await t.locator('[data-testid="chat-graphiql"]').count()).toBe(0);
    const other = await ask(p, '福建今年的电子渠道占比');
    expect(await other.getAttribute('data-status')).toBe('FORBIDDEN');
    await c.close();
  });
});

describe('chat: which ones changed, and against the whole', () => {
  it('哪些省份的收入同比下降了 lists exactly the provinces the API says fell, each with a negative change; 低于全省平均 the cities below Guangdong\'s own figure', async () => {
    const c = await browser.newContext({ viewport: VIEWPORT });
    await signIn(c, base, 'demo-national');
    const p = await c.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${base}/`);
    await p.locator('[data-testid="chat-open"]').click();
    /** the same question's numbers straight from the API (as the viewer), in the answer's own query */
    const api = (q: unknown) => p.evaluate(async (query) => {
      const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($q: MetricQuery!) { metrics(query: $q) { rows totals } }', variables: { q: query } }) });
      return (await r.json()).data.metrics as { rows: Record<string, unknown>[]; totals: Record<string, number> };
    }, q);

    const fell = await ask(p, '哪些省份的收入同比下降了');
    expect(await fell.getAttribute('data-status')).toBe('ANSWERED');
    expect((await fell.locator('[data-testid="chat-chip"]').allInnerTexts()).join(' ')).toContain('收入变化 < 0%');
    const all = await api({ metrics: ['revenue'], groupBy: ['province'], compare: 'yoy' });
    const expected = all.rows.filter((r) => typeof r.revenue_change === 'number' && r.revenue_change < 0).length;
    expect(await rowCount(fell)).toBe(expected);
    const changes = await fell.locator('[data-testid="chat-rows"] tbody tr td:last-child').allInnerTexts();
    for (const x of changes) expect(x).toMatch(/^-\d/);

    const below = await ask(p, '广东哪些地市的ARPU低于全省平均');
    expect(await below.getAttribute('data-status')).toBe('ANSWERED');
    const gd = await api({ metrics: ['arpu'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] });
    const under = gd.rows.filter((r) => (r.arpu as number) < gd.totals.arpu).length;
    expect(under).toBeGreaterThan(0);
    expect(await rowCount(below)).toBe(under);
    await below.screenshot({ path: path.join(SHOTS, 'chat-below-average.png') });
    // a condition nothing meets is an answer, said as one, not "no data"
    const none = await ask(p, '离网率超过90%的地市');
    expect(await none.getAttribute('data-status')).toBe('ANSWERED');
    expect(await none.locator('[data-testid="chat-no-rows"]').innerText()).toBe('没有符合条件的结果（条件见上方）');
    expect(errors).toEqual([]);
    await c.close();
  });
});
