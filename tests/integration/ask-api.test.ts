/** Chat through the real server: multi-turn, the exact document, scope, teaching, misses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { model } from '../../server/model/index.ts';
import { publishedScores } from '../../seeds/capability/load.ts';

let s: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s?.stop(); });

const ASK = `query($q: String!, $c: ID) { ask(question: $q, conversationId: $c) {
  conversationId status interpretation restatement language graphql variables chart requeried rows columns { id } from to unknownWords { text } choices { label } message focus { dimension values } suggestions tenure { months within } } }`;
const ask = async (q: string, c?: string, headers?: Record<string, string>) => {
  const r = await s.gql(ASK, { q, c }, headers);
  expect(r.status).toBeLessThan(500);
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data.ask;
};

describe('ask', () => {
  it('answers, follows up, and changes only the chart without re-querying', async () => {
    const a = await ask('广东各地市的离网率');
    expect(a.status).toBe('ANSWERED');
    expect(a.interpretation.groupBy).toEqual(['city']);
    expect(a.rows.length).toBeGreaterThan(5);
    expect(a.restatement).toMatch(/离网率/);
    const b = await ask('只看深圳和广州', a.conversationId);
    expect(b.interpretation.filters).toEqual([{ dimension: 'city', op: 'in', values: ['440300', '440100'] }]);
    expect(b.rows.map((r: { city: string }) => r.city).sort()).toEqual(['440100', '440300']);
    const c = await ask('换成柱状图', a.conversationId);
    expect(c.chart).toBe('bar');
    expect(c.requeried).toBe(false);
    expect(c.rows).toEqual(b.rows);
    // what to ask next, each understood as a follow-up of this very answer
    expect(c.suggestions).toEqual(['按月', '同比']);
    const d = await ask(c.suggestions[0], a.conversationId);
    expect(d).toMatchObject({ status: 'ANSWERED', interpretation: { groupBy: ['city', 'month'] } });
    expect((await ask('深圳的利润率')).suggestions).toEqual([]);
  });

  it('前5 then 按月: the five provinces of the first answer, month by month; from a client\'s context too', async () => {
    const a = await ask('各省ARPU前5');
    expect(a.rows).toHaveLength(5);
    const top = a.rows.map((r: { province: string }) => r.province);
    const b = await ask('按月', a.conversationId);
    expect(b.status).toBe('ANSWERED');
    expect(b.interpretation.filters).toEqual([{ dimension: 'province', op: 'in', values: top }]);
    expect(b.interpretation.limit ?? null).toBeNull();
    const months = new Set(b.rows.map((r: { month: string }) => r.month));
    expect(months.size).toBeGreaterThan(1);
    expect(new Set(b.rows.map((r: { province: string }) => r.province))).toEqual(new Set(top));
    expect(b.rows).toHaveLength(top.length * months.size);
    // the latest month's values are the first answer's
    const last = [...months].sort().at(-1);
    for (const r of a.rows) expect(b.rows.find((x: { province: string; month: string }) => x.province === r.province && x.month === last).arpu).toBeCloseTo(r.arpu, 9);
    const ASK_CTX = `query($q: String!, $ctx: AskContext) { ask(question: $q, context: $ctx) { status interpretation } }`;
    const r = await s.gql(ASK_CTX, { q: 'by month', ctx: { interpretation: a.interpretation, chart: 'bar' } });
    expect(r.body.data.ask.interpretation.filters).toEqual([{ dimension: 'province', op: 'in', values: top }]);
  });

  it('排第几: the place said is the member\'s among the rows, counted again here; 和全国比: the totals are the country\'s', async () => {
    const a = await ask('深圳离网率在广东排第几');
    expect(a.focus).toEqual({ dimension: 'city', values: ['440300'] });
    const rates = a.rows.map((r: { city: string; churn_rate: number }) => [r.city, r.churn_rate] as const);
    expect(rates.map(([c]: readonly [string, number]) => c.slice(0, 2)).every((p: string) => p === '44')).toBe(true);
    // competition ranking: one more than the cities above it; equal values share the place (this small store has ties at 0)
    const own = rates.find(([c]: readonly [string, number]) => c === '440300')![1];
    const place = 1 + rates.filter(([, v]: readonly [string, number]) => v > own).length;
    const tied = rates.filter(([c, v]: readonly [string, number]) => v === own && c !== '440300').length;
    expect(a.restatement).toContain(`深圳市按离网率从高到低排第${place}${tied ? `（与另外${tied}个并列）` : ''}，共${rates.length}个。`);
    const b = await ask('广东和全国的离网率对比');
    expect(b.rows).toHaveLength(31);
    const national = (await s.gql('{ metrics(query: { metrics: ["churn_rate"] }) { rows } }')).body.data.metrics.rows[0].churn_rate;
    const B = await s.gql(`query($c: ID) { ask(question: "广东和全国的离网率对比", conversationId: $c) { totals } }`, {});
    expect(B.body.data.ask.totals.churn_rate).toBeCloseTo(national, 12);
    expect((await ask('where does Shenzhen rank on ARPU')).restatement).toMatch(/Shenzhen ranks \d+(st|nd|rd|th) of \d+ by ARPU, highest first\.$/);
  });

  it('a follow-up continues from the context the client shows (a chip edited) rather than the last question', async () => {
    const a = await ask('广东各地市的离网率');
    // the viewer edits the metric chip: the client re-ran { arpu by city } through `metrics`
    const edited = { metrics: ['arpu'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] };
    const ASK_CTX = `query($q: String!, $c: ID, $ctx: AskContext) { ask(question: $q, conversationId: $c, context: $ctx) { status interpretation chart rows message } }`;
    const r = await s.gql(ASK_CTX, { q: '只看深圳和广州', c: a.conversationId, ctx: { interpretation: edited, chart: 'bar' } });
    expect(r.body.errors).toBeUndefined();
    const b = r.body.data.ask;
    expect(b.status).toBe('ANSWERED');
    expect(b.interpretation.metrics).toEqual(['arpu']);
    expect(b.interpretation.filters).toEqual([{ dimension: 'city', op: 'in', values: ['440300', '440100'] }]);
    expect(Object.keys(b.rows[0]).sort()).toEqual(['arpu', 'city']);
    expect(b.chart).toBe('bar');
    // the conversation goes on from there (the first test shows it continuing from the last question when no context is sent)
    const c = await ask('只看深圳', a.conversationId);
    expect(c.interpretation.metrics).toEqual(['arpu']);
    expect(c.interpretation.filters).toEqual([{ dimension: 'city', op: 'in', values: ['440300'] }]);

    // a context is checked like any query: unknown ids → BAD_USER_INPUT, another province → FORBIDDEN
    const bad = await s.gql(ASK_CTX, { q: '按月', ctx: { interpretation: { metrics: ['profit'] } } });
    expect(bad.status).toBeLessThan(500);
    expect(bad.body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors![0].message).toMatch(/context\.interpretation: unknown metric "profit"/);
    for (const junk of [[1, 2], 'arpu', { metrics: ['arpu'], filters: [null] }, { metrics: ['arpu'], filters: 'x' }]) {
      const j = await s.gql(ASK_CTX, { q: '按月', ctx: { interpretation: junk } });
      expect(j.status, JSON.stringify(junk)).toBeLessThan(500);
      expect(j.body.errors![0].extensions?.code, JSON.stringify(junk)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(j.body.errors), JSON.stringify(junk)).not.toMatch(/\bat .*\.ts:\d+/);
    }
    const gd = { authorization: `Bearer ${await s.login('demo-guangdong')}` };
    const fj = await s.gql(ASK_CTX, { q: '按月', ctx: { interpretation: { metrics: ['arpu'], filters: [{ dimension: 'province', op: 'in', values: ['350000'] }] } } }, gd);
    expect(fj.body.errors![0].extensions?.code).toBe('FORBIDDEN');
  });

  it('the GraphQL it shows is runnable as is on /graphql and gives the same rows', async () => {
    const a = await ask('conversion rate by channel last month');
    const direct = await s.gql(a.graphql, a.variables);
    expect(direct.body.errors).toBeUndefined();
    expect(direct.body.data.metrics.rows).toEqual(a.rows);
  });

  it("the answer's time range is the rows' first and last day, as the query it ran resolved them (the chart marks a week it cuts)", async () => {
    const a = await ask('最近三个月每周的接触次数');
    expect(a.status).toBe('ANSWERED');
    const direct = await s.gql(a.graphql, a.variables);
    const { from, to } = direct.body.data.metrics;
    expect([a.from, a.to]).toEqual([from, to]);
    // three whole months: from the first of a month to the last day of another
    expect(a.from).toMatch(/^\d{4}-\d{2}-01$/);
    expect(new Date(`${a.to}T00:00:00Z`).getUTCMonth()).not.toBe(new Date(Date.parse(`${a.to}T00:00:00Z`) + 86_400_000).getUTCMonth());
  });

  it('a capability score asked whole: derived where the source prints no dimension score, said so; the dimensions one by one where some are unknown', async () => {
    const pub = publishedScores().scores
    const areaMean = (entity: string, dimension: string) => {
      const known = pub.filter((p) => p.entity === entity && p.level === 'area' && p.node.startsWith(`${dimension}.`) && p.score !== null).map((p) => p.score!)
      return known.length ? known.reduce((x, y) => x + y, 0) / known.length : null
    }
    const dimensions = [...new Set(pub.filter((p) => p.level === 'dimension').map((p) => p.node))]
    // 中国电信 prints area scores only: each dimension is the mean of its areas, the whole their mean
    const a = await ask('中国电信的能力评分')
    expect(a).toMatchObject({ status: 'ANSWERED', chart: 'kpi', interpretation: { metrics: ['capability_score'], groupBy: [] } })
    const means = dimensions.map((d) => areaMean('china_telecom', d)!)
    expect(means).toHaveLength(5)
    expect(a.rows[0].capability_score).toBeCloseTo(means.reduce((x, y) => x + y, 0) / 5, 9)
    expect(a.rows[0].derived_dimensions).toBe(5)
    expect(a.restatement).toContain('由其领域得分平均推算')
    // the document shown is the one that ran
    const direct = await s.gql(a.graphql, a.variables)
    expect(direct.body.data.metrics.rows).toEqual(a.rows)
    // 广州电信: two dimensions have no known score, so no whole; its dimensions instead, two unknown
    const g = await ask('广州电信的能力评分')
    expect(g.interpretation).toMatchObject({ groupBy: ['capability_dimension'], filters: [{ dimension: 'capability_entity', values: ['guangzhou_telecom'] }] })
    expect(g.restatement).toContain('没有总分')
    const byDim = Object.fromEntries(g.rows.map((r: { capability_dimension: string; capability_score: number | null }) => [r.capability_dimension, r.capability_score]))
    for (const d of dimensions) {
      const want = areaMean('guangzhou_telecom', d)
      if (want === null) expect(byDim[d], d).toBeNull()
      else expect(byDim[d], d).toBeCloseTo(want, 9)
    }
    expect(Object.values(byDim).filter((v) => v === null)).toHaveLength(2)
    // printed whole (Telstra's dimensions): one figure, their mean, as asked, nothing derived
    const t = await ask('澳大利亚电信的能力评分')
    expect(t).toMatchObject({ chart: 'kpi', interpretation: { groupBy: [] } })
    const dims = pub.filter((p) => p.entity === 'telstra' && p.level === 'dimension').map((p) => p.score!)
    expect(t.rows[0].capability_score).toBeCloseTo(dims.reduce((x, y) => x + y, 0) / dims.length, 9)
    expect(t.restatement).not.toMatch(/推算|没有总分/)
  })

  it('a point of tenure (各品牌12个月的留存率, 前3个月的流失比例) is read off the survival curve the typed field draws', async () => {
    const curve = (await s.gql(`{ survival(groupBy: ["brand"]) { groups { key points { tenure survivalRate } } } }`)).body.data.survival.groups
    const at = (points: { tenure: number; survivalRate: number }[], n: number) => points.filter((p) => p.tenure <= n).pop()!.survivalRate
    const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`
    const a = await ask('各品牌12个月的留存率')
    expect(a.interpretation).toMatchObject({ metrics: ['survival_rate'], groupBy: ['brand'] })
    const names: Record<string, string> = { gotone: '全球通', mzone: '动感地带', easyown: '神州行' }
    const want = ['gotone', 'mzone', 'easyown'].map((b) => `${names[b]} ${pct(at(curve.find((g: { key: Record<string, string> }) => g.key.brand === b).points, 12))}`)
    expect(a.restatement).toContain(`在网12个月的存活率：${want.join('，')}。`)
    const whole = (await s.gql(`{ survival { groups { points { tenure survivalRate } } } }`)).body.data.survival.groups[0].points
    const c = await ask('前3个月的流失比例')
    expect(c.restatement).toContain(`前3个月的流失比例：${pct(1 - at(whole, 3))}（95%置信区间`)
    // the point goes with the answer (the chart marks it), and stays through a chart-only follow-up
    expect([a.tenure, c.tenure]).toEqual([{ months: 12, within: false }, { months: 3, within: true }])
    expect((await ask('换成表格', c.conversationId)).tenure).toEqual({ months: 3, within: true })
    expect((await ask('各品牌的存活率')).tenure).toBeNull()
  })

  it('a threshold in the question (离网率超过x%) keeps exactly the rows above it', async () => {
    const all = await ask('各地市的离网率');
    const rates = all.rows.map((r: { churn_rate: number | null }) => r.churn_rate).filter((v: number | null): v is number => v !== null).sort((a: number, b: number) => a - b);
    // a threshold between the data's own values, so some rows pass and some do not
    const pct = Math.round(rates[Math.floor(rates.length / 2)] * 1000) / 10;
    const above = await ask(`哪些城市的离网率超过${pct}%`);
    expect(above.status).toBe('ANSWERED');
    expect(above.interpretation.filters).toEqual([{ dimension: 'churn_rate', op: 'gt', values: [String(pct / 100)] }]);
    expect(above.restatement).toContain(`离网率 > ${pct}%`);
    const expected = all.rows.filter((r: { churn_rate: number | null }) => r.churn_rate !== null && r.churn_rate > pct / 100);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.rows.length);
    const byCity = (rows: { city: string }[]) => [...rows].sort((a, b) => a.city.localeCompare(b.city));
    expect(byCity(above.rows)).toEqual(byCity(expected));
  });

  it('every share metric (model shareOf) is its member\'s count ÷ the count', async () => {
    const M = `query($q: MetricQuery!) { metrics(query: $q) { rows } }`;
    const shares = model.metrics.filter((m) => m.shareOf);
    expect(shares.map((m) => m.id)).toContain('e_channel_share');
    for (const { id, shareOf } of shares) {
      const value = async (metric: string, filters: unknown[]) => (await s.gql(M, { q: { metrics: [metric], filters } })).body.data.metrics.rows[0][metric] as number;
      const part = await value(shareOf!.metric, [{ dimension: shareOf!.dimension, op: 'in', values: [shareOf!.member] }]);
      const whole = await value(shareOf!.metric, []);
      expect(part).toBeGreaterThan(0);
      expect(part).toBeLessThan(whole);
      expect(await value(id, [])).toBeCloseTo(part / whole, 12);
    }
  });

  it('what share of contacts are electronic: the share metric', async () => {
    const M = `query($q: MetricQuery!) { metrics(query: $q) { rows } }`;
    const count = async (filters: unknown[]) => (await s.gql(M, { q: { metrics: ['contacts'], filters } })).body.data.metrics.rows[0].contacts as number;
    for (const question of ['what share of contacts are electronic', '电子渠道接触占比']) {
      const a = await ask(question);
      expect(a.status).toBe('ANSWERED');
      expect(a.interpretation.metrics).toEqual(['e_channel_share']);
      expect(a.interpretation.filters).toEqual([]);
      const electronic = await count([{ dimension: 'channel_class', op: 'in', values: ['electronic'] }]);
      const all = await count([]);
      expect(electronic).toBeGreaterThan(0);
      expect(electronic).toBeLessThan(all);
      expect(a.rows[0].e_channel_share).toBeCloseTo(electronic / all, 12);
    }
  });

  it('全球通用户占比: the pie of every brand (one slice would say nothing), 全球通 among them with its own count', async () => {
    const share = await ask('全球通用户占比');
    expect(share.status).toBe('ANSWERED');
    expect(share.chart).toBe('pie');
    expect(share.interpretation.groupBy).toEqual(['brand']);
    expect(share.restatement).toContain('全球通的占比');
    expect(share.rows.length).toBeGreaterThan(1);
    expect(share.focus).toEqual({ dimension: 'brand', values: ['gotone'] });
    // kept when only the chart changes; a new question has its own (none here)
    expect((await ask('换成柱状图', share.conversationId)).focus).toEqual({ dimension: 'brand', values: ['gotone'] });
    expect((await ask('只看广东', share.conversationId)).focus).toBeNull();
    const alone = await ask('全球通用户数');
    const gotone = share.rows.find((r: { brand: string }) => r.brand === 'gotone');
    expect(gotone.subscribers).toBe(alone.rows[0].subscribers);
    // 深圳的用户占比: Shenzhen among the cities of its province
    const city = await ask('深圳的用户占比');
    expect(city.interpretation).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] });
    expect(city.rows.map((r: { city: string }) => r.city)).toContain('440300');
    expect(city.rows.every((r: { city: string }) => r.city.startsWith('44'))).toBe(true);
  });

  it('never silently wrong: unknown words → CLARIFY (logged), outside the data → UNSUPPORTED', async () => {
    const a = await ask('深圳的利润率');
    expect(a.status).toBe('CLARIFY');
    expect(a.unknownWords.map((w: { text: string }) => w.text).join()).toMatch(/利润率/);
    expect(a.rows).toBeNull();
    expect((await ask('广州明天的天气怎么样')).status).toBe('UNSUPPORTED');
    expect((await ask("'; DROP TABLE crm.subscribers; --")).status).not.toBe('ANSWERED');
    expect((await ask('x'.repeat(20_000))).status).not.toBe('ANSWERED');
    expect((await ask('\u0000\u0007\u001b[31m')).status).not.toBe('ANSWERED');
    await new Promise((r) => setTimeout(r, 300));
    const misses = await s.gql('{ askMisses { word count lastQuestion } }');
    expect(misses.body.data.askMisses.map((m: { word: string }) => m.word)).toContain('利润率');
  });

  it('the viewer scope applies: another province is FORBIDDEN, not an empty chart', async () => {
    const gd = { authorization: `Bearer ${await s.login('demo-guangdong')}` };
    const own = await ask('各地市的离网率', undefined, gd);
    expect(own.status).toBe('ANSWERED');
    for (const r of own.rows) expect(String(r.city).startsWith('44')).toBe(true);
    const other = await ask('福建今年的电子渠道占比', undefined, gd);
    expect(other.status).toBe('FORBIDDEN');
    expect(other.message).toBe('超出你的数据权限：你只能查看广东省的数据，福建省不在其中。');
    expect(other.rows).toBeNull();
    // the whole country is outside it too: refused, not narrowed to Guangdong under the word 全国
    const national = await ask('全国呢', own.conversationId, gd);
    expect(national).toMatchObject({ status: 'FORBIDDEN', message: '超出你的数据权限：你只能查看广东省的数据，全国的数据不在其中。', rows: null });
    expect((await ask('nationwide churn rate', undefined, gd)).message).toBe('Your access is limited to Guangdong (440000); nationwide figures are outside it.');
    // a place among regions the viewer does not see is refused too (it would be 1 of 1)
    expect((await ask('广东ARPU在全国排第几', undefined, gd)).status).toBe('FORBIDDEN');
    expect((await ask('广东和全国的离网率对比', undefined, gd)).message).toBe('超出你的数据权限：你只能查看广东省的数据，全国的数据不在其中。');
    const sz = { authorization: `Bearer ${await s.login('demo-shenzhen')}` };
    expect(await ask('深圳离网率在广东排第几', undefined, sz)).toMatchObject({ status: 'FORBIDDEN', message: '超出你的数据权限：排名要和其他地市比较，你只能查看深圳市的数据。' });
    expect((await ask('深圳离网率在广东排第几', undefined, gd)).status).toBe('ANSWERED');
    // 全国和广东 sets Guangdong beside the country: the country is outside it as well; the national viewer gets it
    expect((await ask('全国和广东的离网率', undefined, gd)).status).toBe('FORBIDDEN');
    expect((await ask('全国和广东的离网率')).status).toBe('ANSWERED');
    expect((await ask('全国离网率')).status).toBe('ANSWERED');
    // in the question's language; the API's own error stays in English, with the codes as details
    expect((await ask("Fujian's e-channel share this year", undefined, gd)).message).toBe('Your access is limited to Guangdong (440000); Fujian is outside it.');
    const api = await s.gql(`{ metrics(query: { metrics: ["arpu"], filters: [{ dimension: "province", op: in, values: ["350000"] }] }) { rows } }`, {}, gd);
    expect(api.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', details: { scope: '440000', outside: ['350000'] } });
  });

  it('a whole province asked by a viewer who sees one of its cities is refused, not answered with the city\'s figures; a national viewer is asked which', async () => {
    const sz = { authorization: `Bearer ${await s.login('demo-shenzhen')}` };
    const gd = { authorization: `Bearer ${await s.login('demo-guangdong')}` };
    const zh = '超出你的数据权限：你只能查看深圳市的数据，广东省全省的数据不在其中。';
    for (const q of ['广东省的离网率', '广东全省的ARPU是多少', '全省平均ARPU是多少']) expect(await ask(q, undefined, sz), q).toMatchObject({ status: 'FORBIDDEN', message: zh, rows: null });
    expect((await ask("what's the ARPU in Guangdong province overall", undefined, sz)).message).toBe('Your access is limited to Shenzhen (440300); figures for Guangdong as a whole are outside it.');
    const a = await ask('深圳的离网率', undefined, sz);
    expect(a.status).toBe('ANSWERED');
    expect((await ask('全省呢', a.conversationId, sz)).message).toBe(zh);
    // another province: the usual refusal; the province's cities: the one city, said so; the province's viewer: answered
    expect((await ask('福建省的离网率', undefined, sz)).message).toBe('超出你的数据权限：你只能查看深圳市的数据，福建省不在其中。');
    expect((await ask('广东各地市的离网率', undefined, sz)).rows).toHaveLength(1);
    expect(await ask('咱们省上个月流失了多少人', undefined, gd)).toMatchObject({ status: 'ANSWERED', restatement: expect.stringContaining('（范围：广东省，你的数据权限。）') });
    expect(await ask('咱们省上个月流失了多少人')).toMatchObject({ status: 'CLARIFY', message: expect.stringContaining('“全省”是指哪个省') });
  });

  it('a scoped viewer\'s answer says the region it covers; a refusal names regions in the question\'s language, in a follow-up too', async () => {
    const gd = { authorization: `Bearer ${await s.login('demo-guangdong')}` };
    const sz = { authorization: `Bearer ${await s.login('demo-shenzhen')}` };
    expect((await ask('how many subscribers churned last month', undefined, sz)).restatement).toMatch(/\(For Shenzhen, your data scope\.\)$/);
    expect((await ask('上个月离网了多少用户', undefined, gd)).restatement).toMatch(/（范围：广东省，你的数据权限。）$/);
    // a city's viewer by city: one bar, and why
    const cities = await ask('各地市的离网率', undefined, sz);
    expect(cities.rows).toHaveLength(1);
    expect(cities.restatement).toContain('（你只能查看深圳市的数据：按地市只有这一个。）');
    // named: nothing to add; the national viewer: nothing either
    expect((await ask('广州的离网率', undefined, gd)).restatement).not.toContain('数据权限');
    expect((await ask('上个月离网了多少用户')).restatement).not.toContain('数据权限');
    const a = await ask('churn rate by city in Guangdong, highest first', undefined, gd);
    expect((await ask('what about Fujian?', a.conversationId, gd))).toMatchObject({ status: 'FORBIDDEN', message: 'Your access is limited to Guangdong (440000); Fujian is outside it.' });
  });

  it('administrators teach synonyms, effective at once; others may not', async () => {
    expect((await ask('各渠道的撬动率')).status).toBe('CLARIFY');
    const analyst = { authorization: `Bearer ${await s.login('demo-analyst')}` };
    const denied = await s.gql('mutation { addSynonym(word: "撬动率", kind: metric, target: "conversion_rate") { word } }', {}, analyst);
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await s.gql('mutation { addSynonym(word: "撬动率", kind: metric, target: "no_such_metric") { word } }');
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await s.gql('mutation { addSynonym(word: "撬动率", kind: metric, target: "conversion_rate") { word kind target } }');
    expect(ok.body.errors).toBeUndefined();
    const a = await ask('各渠道的撬动率');
    expect(a.status).toBe('ANSWERED');
    expect(a.interpretation.metrics).toEqual(['conversion_rate']);
    const list = await s.gql('{ synonyms { word target } }');
    expect(list.body.data.synonyms).toContainEqual({ word: '撬动率', target: 'conversion_rate' });
  });
});
