import { describe, it, expect, afterAll } from 'vitest'
import { createParser, defaultChart, type ParseResult } from '../../server/domains/ask/index.ts'
import { normalize } from '../../server/domains/ask/normalize.ts'
import type { MetricQuery } from '../../server/query/types.ts'

// The parser's grammar piece by piece: normalisation, lexicon, ASK.md's time table, order and
// comparison words, follow-ups, CLARIFY / UNSUPPORTED, teaching, charts and restatements.

const internalErrors: unknown[] = []
const parser = createParser({ onError: (e) => internalErrors.push(e) })
const asOf = '2025-06-15'
const ask = (q: string, previous?: ParseResult | null, date = asOf) =>
  parser.parse(q, { asOf: date, previous: previous && previous.status === 'ANSWERED' ? { interpretation: previous.interpretation!, chart: previous.chart! } : null })
const answered = (q: string, previous?: ParseResult | null, date = asOf) => {
  const r = ask(q, previous, date)
  expect(r.status, `${q}: ${r.message}`).toBe('ANSWERED')
  return r
}
const interp = (q: string, previous?: ParseResult | null, date = asOf): MetricQuery => answered(q, previous, date).interpretation!
const conversation = (...qs: string[]) => {
  let prev: ParseResult | null = null
  const out: ParseResult[] = []
  for (const q of qs) { prev = answered(q, prev); out.push(prev) }
  return out
}

describe('normalize', () => {
  it('folds traditional, full-width, case and Chinese numerals, keeping source spans', () => {
    expect(normalize('廣州上個月各渠道的轉化率').text).toBe('广州上个月各渠道的转化率')
    expect(normalize('ＡＲＰＵ　前五').text).toBe('arpu 前5')
    expect(normalize('近十二個月').text).toBe('近12个月')
    expect(normalize('2024年一季度').text).toBe('2024年1季度')
    expect(normalize('二〇二四年').text).toBe('2024年')
    expect(normalize('一次解决率').text).toBe('一次解决率') // not a number here
    expect(normalize('top five cities over the last six months').text).toBe('top 5 cities over the last 6 months')
    expect(normalize('M-Zone').text).toBe('m zone')
    const n = normalize('深圳\u0000的X')
    expect(n.text).toBe('深圳 的x')
    expect(n.spans[n.text.indexOf('x')]).toEqual([4, 5])
  })
})

describe('lexicon', () => {
  it('knows member names in every form', () => {
    for (const q of ['广州的用户数', '广州市的用户数', 'subscribers in Guangzhou', 'subscribers in guangzhou city']) {
      expect(interp(q).filters).toEqual([{ dimension: 'city', op: 'in', values: ['440100'] }])
    }
    for (const q of ['动感地带的ARPU', 'ARPU of M-Zone', 'ARPU of mzone', 'arpu of m zone']) {
      expect(interp(q).filters).toEqual([{ dimension: 'brand', op: 'in', values: ['mzone'] }])
    }
    for (const q of ['10086人工的接触次数', 'hotline contacts', '10086人工呼入的接触次数']) {
      expect(interp(q).filters).toEqual([{ dimension: 'channel', op: 'in', values: ['hotline_in'] }])
    }
  })

  it('longest match wins: 深圳 (city) vs 深圳电信 (assessed entity) is not ambiguous', () => {
    expect(interp('深圳的离网率').filters).toEqual([{ dimension: 'city', op: 'in', values: ['440300'] }])
    expect(interp('深圳电信的能力评分').filters).toEqual([{ dimension: 'capability_entity', op: 'in', values: ['shenzhen_telecom'] }])
  })

  it('a province and its city: the city stands alone', () => {
    expect(interp('广东深圳的ARPU').filters).toEqual([{ dimension: 'city', op: 'in', values: ['440300'] }])
    expect(ask('广东福州的ARPU').status).toBe('CLARIFY')
  })

  it('taught synonyms take effect at once', () => {
    const p = createParser()
    expect(p.parse('深圳的利润率', { asOf }).status).toBe('CLARIFY')
    expect(p.lexicon.addSynonym('利润率', { kind: 'metric', id: 'roi' })).toMatchObject({ ok: true })
    expect(p.parse('深圳的利润率', { asOf }).interpretation).toMatchObject({ metrics: ['roi'] })
    expect(p.lexicon.addSynonym('鹏城', { kind: 'member', dimension: 'city', id: '440300' })).toMatchObject({ ok: true })
    expect(p.parse('鹏城的ARPU', { asOf }).interpretation!.filters).toEqual([{ dimension: 'city', op: 'in', values: ['440300'] }])
    expect(p.lexicon.addSynonym('x', { kind: 'metric', id: 'no_such_metric' })).toMatchObject({ ok: false })
    expect(p.lexicon.addSynonym('y', { kind: 'member', dimension: 'city', id: '999999' })).toMatchObject({ ok: false })
    // other parsers are not affected
    expect(parser.parse('深圳的利润率', { asOf }).status).toBe('CLARIFY')
    const q = createParser({ extraEntries: [{ word: '毛利', target: { kind: 'metric', id: 'revenue' } }] })
    expect(q.parse('毛利', { asOf }).interpretation).toMatchObject({ metrics: ['revenue'] })
  })
})

describe('time words (ASK.md table, as of 2025-06-15)', () => {
  const cases: [string[], { from: string; to: string }][] = [
    [['上个月的收入', '上个月份的收入', 'revenue last month'], { from: '2025-05', to: '2025-05' }],
    [['本月的收入', '本月份的收入', 'revenue this month'], { from: '2025-06', to: '2025-06' }],
    [['近3个月的收入', '最近三个月的收入', '过去3个月的收入', 'revenue in the last 3 months', 'revenue over the past three months'], { from: '2025-03', to: '2025-05' }],
    [['近12个月的收入', 'revenue last 12 months'], { from: '2024-06', to: '2025-05' }],
    [['今年的收入', '今年以来的收入', 'revenue this year', 'revenue YTD'], { from: '2025-01', to: '2025-05' }],
    [['去年的收入', 'revenue last year'], { from: '2024-01', to: '2024-12' }],
    [['2024年的收入', 'revenue in 2024'], { from: '2024-01', to: '2024-12' }],
    [['2024年一季度的收入', '2024年第一季度的收入', 'revenue 2024Q1', 'revenue Q1 2024', 'revenue 2024 Q1'], { from: '2024-01', to: '2024-03' }],
    [['上季度的收入', 'revenue last quarter'], { from: '2025-01', to: '2025-03' }],
    [['2024年3月的收入', 'revenue March 2024', 'revenue in Mar 2024', 'revenue 2024-03'], { from: '2024-03', to: '2024-03' }],
    [['2024年1月到3月的收入', '2024年1-3月的收入', 'revenue from January 2024 to March 2024'], { from: '2024-01', to: '2024-03' }],
    [['去年3月的收入'], { from: '2024-03', to: '2024-03' }],
    [['2024年下半年的收入', 'revenue H2 2024'], { from: '2024-07', to: '2024-12' }],
    // from a period up to the latest complete month, as 今年以来
    [['2024年至今的收入', '2024年以来的收入', 'revenue since 2024', '2024年到现在的收入'], { from: '2024-01', to: '2025-05' }],
    [['3月以来的收入', 'revenue since March 2025', '2025年3月至今的收入'], { from: '2025-03', to: '2025-05' }],
    [['本月至今的收入', '本月以来的收入'], { from: '2025-06', to: '2025-06' }],
  ]
  for (const [qs, range] of cases) {
    it(`${qs[0]} → ${range.from}…${range.to}`, () => {
      for (const q of qs) expect(interp(q).timeRange, q).toEqual(range)
    })
  }
  it('names days when the question names days', () => {
    expect(interp('2024年3月1日到2024年3月15日的接触次数').timeRange).toEqual({ from: '2024-03-01', to: '2024-03-15' })
    expect(interp('contacts yesterday').timeRange).toEqual({ from: '2025-06-14', to: '2025-06-14' })
    expect(interp('近7天的接触次数').timeRange).toEqual({ from: '2025-06-08', to: '2025-06-14' })
  })
  it('crosses year boundaries in whole calendar months', () => {
    expect(interp('上季度的收入', null, '2025-01-10').timeRange).toEqual({ from: '2024-10', to: '2024-12' })
    expect(interp('上个月的收入', null, '2025-01-10').timeRange).toEqual({ from: '2024-12', to: '2024-12' })
    expect(interp('近12个月的收入', null, '2025-01-10').timeRange).toEqual({ from: '2024-01', to: '2024-12' })
    expect(interp('近2个月的收入', null, '2024-03-31').timeRange).toEqual({ from: '2024-01', to: '2024-02' })
  })
  it('no time named → no timeRange, and the restatement says which default applies', () => {
    const r = answered('深圳的离网率')
    expect(r.interpretation!.timeRange ?? null).toBeNull()
    expect(r.restatement).toContain('默认时间范围（最近完整月：2025年5月）')
    expect(answered('churn rate in Shenzhen').restatement).toContain('the default time range (latest complete month, May 2025)')
    expect(answered('churn rate in Shenzhen by month').restatement).toContain('12 months')
  })
  it('the future is not data', () => {
    for (const q of ['下个月的离网率', '2026年的收入', 'churn rate next month', '明年的收入']) expect(ask(q).status, q).toBe('UNSUPPORTED')
  })
  it('two periods compared: the later with the comparison when they follow each other or lie a year apart, else one series by their grain; three ask', () => {
    const cases: [string, Partial<MetricQuery>][] = [
      ['What changed in churn between April and May?', { metrics: ['churn_rate'], timeRange: { from: '2025-05', to: '2025-05' }, compare: 'mom' }],
      ['conversion rate in May 2025 compared to April', { timeRange: { from: '2025-05', to: '2025-05' }, compare: 'mom' }],
      ['how many new customers did we add in Q1 compared with Q4 2024?', { metrics: ['new_subscribers'], timeRange: { from: '2025-01', to: '2025-03' }, compare: 'mom' }],
      ['revenue last year vs the year before', { timeRange: { from: '2024-01', to: '2024-12' }, compare: 'yoy' }],
      ['今年一季度和去年一季度的收入', { timeRange: { from: '2025-01', to: '2025-03' }, compare: 'yoy' }],
      ['2024年和2025年的收入', { groupBy: ['year'], timeRange: { from: '2024-01', to: '2025-05' }, compare: null }],
      ['2024年12月跟2025年5月相比，全国用户数变化', { groupBy: ['month'], timeRange: { from: '2024-12', to: '2025-05' } }],
      ['近两个月山东的新增用户比上个周期多了还是少了？', { timeRange: { from: '2025-04', to: '2025-05' }, compare: 'mom', filters: [{ dimension: 'province', op: 'in', values: ['370000'] }] }],
    ]
    for (const [q, want] of cases) expect(interp(q), q).toMatchObject(want)
    expect(answered('今年一季度和二季度的收入哪个多', null, '2025-08-15').restatement).toContain('列出2025年4月至2025年6月，环比即与2025年1月至2025年3月比')
    const r = ask('2023年、2024年和2025年的收入')
    expect(r.status).toBe('CLARIFY')
    expect(r.unknownWords.map((w) => w.text)).toEqual(['2023年', '2024年', '2025年'])
  })
})

describe('grouping, order, comparison', () => {
  it('各X / 按X / by X / per X group', () => {
    for (const q of ['各品牌的ARPU', '按品牌的ARPU', 'ARPU by brand', 'ARPU per brand']) expect(interp(q).groupBy).toEqual(['brand'])
  })
  it('top / bottom N order with a limit; nothing else implies an order', () => {
    expect(interp('各地市离网率前五')).toMatchObject({ orderBy: { metric: 'churn_rate', direction: 'desc' }, limit: 5 })
    expect(interp('离网率最高的3个地市')).toMatchObject({ orderBy: { metric: 'churn_rate', direction: 'desc' }, limit: 3 })
    expect(interp('bottom 3 cities by ARPU')).toMatchObject({ orderBy: { metric: 'arpu', direction: 'asc' }, limit: 3 })
    expect(interp('离网率最低的地市')).toMatchObject({ orderBy: { metric: 'churn_rate', direction: 'asc' } })
    expect(interp('各渠道的成本 最差的3个')).toMatchObject({ orderBy: { metric: 'cost', direction: 'desc' }, limit: 3 })
    expect(interp('生命周期最长的3个品牌')).toMatchObject({ metrics: ['median_lifetime'], orderBy: { metric: 'median_lifetime', direction: 'desc' }, limit: 3 })
    expect(interp('平均处理时长最短的渠道')).toMatchObject({ orderBy: { metric: 'avg_handle_time', direction: 'asc' } })
    expect(interp('which brand has the longest median lifetime')).toMatchObject({ groupBy: ['brand'], orderBy: { metric: 'median_lifetime', direction: 'desc' } })
    expect(interp('how is Shenzhen doing on ARPU compared to last year')).toMatchObject({ metrics: ['arpu'], compare: 'yoy' })
    // 排名 / 排序 / ranking say "ranked"; the other order word says which end
    expect(interp('各省离网率排名 倒数5')).toMatchObject({ orderBy: { metric: 'churn_rate', direction: 'asc' }, limit: 5 })
    expect(interp('各省离网率排名')).toMatchObject({ orderBy: { metric: 'churn_rate', direction: 'desc' } })
    expect(interp('各地市ARPU排序 从低到高')).toMatchObject({ orderBy: { metric: 'arpu', direction: 'asc' } })
    expect(interp('cities ranked by ARPU, lowest first')).toMatchObject({ orderBy: { metric: 'arpu', direction: 'asc' } })
    expect(interp('离网率最低 排名前3的地市')).toMatchObject({ orderBy: { metric: 'churn_rate', direction: 'asc' }, limit: 3 })
    const plain = interp('各地市离网率')
    expect(plain.orderBy ?? null).toBeNull()
    expect(plain.limit ?? null).toBeNull()
  })
  it('用户 / 客户 name the subscriber count only when no other metric is named', () => {
    expect(answered('各价值分层的用户占比')).toMatchObject({ interpretation: { metrics: ['subscribers'], groupBy: ['value_tier'] }, chart: 'pie' })
    expect(interp('各地市客户数')).toMatchObject({ metrics: ['subscribers'], groupBy: ['city'] })
    expect(interp('全球通用户的ARPU')).toMatchObject({ metrics: ['arpu'], filters: [{ dimension: 'brand', op: 'in', values: ['gotone'] }] })
    expect(interp('深圳客户的离网率').metrics).toEqual(['churn_rate'])
    expect(interp('离网用户').metrics).toEqual(['churned_subscribers'])
  })
  it('平均 / 人均 phrasings of the per-subscriber metrics', () => {
    expect(interp('神州行用户的平均流量')).toMatchObject({ metrics: ['dou'], filters: [{ dimension: 'brand', op: 'in', values: ['easyown'] }] })
    expect(interp('各省人均通话时长').metrics).toEqual(['mou'])
    expect(interp('哪些月份的离网率超过4%')).toMatchObject({ groupBy: ['month'], filters: [{ dimension: 'churn_rate', op: 'gt', values: ['0.04'] }] })
    expect(interp('平均收入最高的5个城市')).toMatchObject({ metrics: ['arpu'], orderBy: { metric: 'arpu', direction: 'desc' }, limit: 5 })
  })
  it('a threshold filters the metric it follows, in the metric\'s unit', () => {
    const f = (q: string) => interp(q).filters
    expect(f('哪些城市的离网率超过5%')).toEqual([{ dimension: 'churn_rate', op: 'gt', values: ['0.05'] }])
    expect(interp('哪些城市的离网率超过5%').groupBy).toEqual(['city'])
    expect(f('各地市离网率高于3')).toEqual([{ dimension: 'churn_rate', op: 'gt', values: ['0.03'] }]) // a bare 3 on a rate is 3%
    expect(f('转化率不低于0.1的渠道')).toEqual([{ dimension: 'conversion_rate', op: 'gte', values: ['0.1'] }])
    expect(f('ARPU大于80元的地市')).toEqual([{ dimension: 'arpu', op: 'gt', values: ['80'] }])
    expect(f('各省用户数超过5万的')).toEqual([{ dimension: 'subscribers', op: 'gt', values: ['50000'] }])
    expect(f('channels with a conversion rate of at most 4%')).toEqual([{ dimension: 'conversion_rate', op: 'lte', values: ['0.04'] }])
    expect(f('provinces with churn below 2.5 percent')).toEqual([{ dimension: 'churn_rate', op: 'lt', values: ['0.025'] }])
    expect(f('各地市离网率低于3% ARPU高于70')).toEqual([
      { dimension: 'churn_rate', op: 'lt', values: ['0.03'] }, { dimension: 'arpu', op: 'gt', values: ['70'] }])
    // a span of time is not a threshold
    expect(ask('在网超过12个月的用户数').status).toBe('CLARIFY')
    expect(interp('churn over the last 6 months').filters).toEqual([])
    expect(answered('哪些城市的离网率超过5%').restatement).toContain('离网率 > 5%')
    expect(answered('cities with ARPU over 80 yuan').restatement).toContain('ARPU > ¥80')
  })
  it('above / below the average (低于全省平均, above the national average) compares each row with the query\'s total, every one on that side, the furthest first', () => {
    expect(interp('广东哪些地市的ARPU低于全省平均')).toMatchObject({
      groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'arpu', op: 'lt', values: ['total'] }],
      orderBy: { metric: 'arpu', direction: 'asc' },
    })
    expect(interp('哪些地市ARPU低于全国平均').limit ?? null).toBeNull() // which ones is what is asked: not cut to ten (337 cities)
    expect(interp('provinces with churn above the national average')).toMatchObject({ filters: [{ dimension: 'churn_rate', op: 'gt', values: ['total'] }], orderBy: { direction: 'desc' } })
    expect(interp('各省离网率高于平均水平').filters).toEqual([{ dimension: 'churn_rate', op: 'gt', values: ['total'] }])
    expect(answered('ARPU低于平均值的城市').restatement).toContain('ARPU < 整体值（合计行）')
    expect(interp('ARPU比全国平均高的省份有几个').filters).toEqual([{ dimension: 'arpu', op: 'gt', values: ['total'] }])
    // 全省 with no province named, by a viewer of the whole country: which province? (a province's viewer: their own)
    expect(ask('哪些地市ARPU低于全省平均').message).toMatch(/^“全省平均”是哪个省的？/)
    expect(parser.parse('哪些地市ARPU低于全省平均', { asOf, previous: null, scope: '440000' }).status).toBe('ANSWERED')
    // members picked one by one: the total would be theirs, not the average named
    expect(ask('深圳和广州的ARPU高于全省平均吗').message).toMatch(/合计只算所选的几个地市/)
    // a sign: against 0 (净增用户为负: the ones that shrank)
    expect(interp('哪些省份的净增用户为负')).toMatchObject({ metrics: ['net_adds'], groupBy: ['province'], filters: [{ dimension: 'net_adds', op: 'lt', values: ['0'] }] })
    expect(interp('provinces with negative net adds').filters).toEqual([{ dimension: 'net_adds', op: 'lt', values: ['0'] }])
  })
  it('a follow-up threshold joins the question; a new metric drops it and says so', () => {
    const [, only, swapped] = conversation('广东各地市离网率和ARPU', '只看离网率超过5%的', '换成MOU')
    expect(only.interpretation).toMatchObject({ metrics: ['churn_rate', 'arpu'], groupBy: ['city'] })
    expect(only.interpretation!.filters).toContainEqual({ dimension: 'churn_rate', op: 'gt', values: ['0.05'] })
    expect(swapped.interpretation!.filters!.some((x) => x.dimension === 'churn_rate')).toBe(false)
    expect(swapped.restatement).toContain('离网率 > 5%')
  })
  it('A和B / A vs B of one dimension filter and group', () => {
    expect(interp('Telstra vs BT capability scores')).toMatchObject({
      groupBy: ['capability_entity'], filters: [{ dimension: 'capability_entity', op: 'in', values: ['telstra', 'bt'] }],
    })
    expect(interp('动感地带和全球通各月ARPU').groupBy).toEqual(['brand', 'month'])
  })
  it('同比 / 环比', () => {
    expect(interp('深圳离网率同比').compare).toBe('yoy')
    expect(interp('营业厅ROI环比').compare).toBe('mom')
    expect(interp('ARPU year over year').compare).toBe('yoy')
  })
  it('excluding members', () => {
    expect(interp('深圳除外的广东各地市离网率').filters).toEqual([
      { dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'city', op: 'not_in', values: ['440300'] },
    ])
    expect(interp('不含营业厅的接触次数').filters).toEqual([{ dimension: 'channel', op: 'not_in', values: ['store'] }])
  })
  it('a dimension is read the way the metric knows it', () => {
    expect(interp('营业厅ROI').filters).toEqual([{ dimension: 'channel', op: 'in', values: ['store'] }])
    expect(interp('营业厅入网的用户数').filters).toEqual([{ dimension: 'acquisition_channel', op: 'in', values: ['store'] }])
    expect(interp('各地区的用户数').groupBy).toEqual(['province'])
    expect(interp('广东各地区的用户数').groupBy).toEqual(['city'])
  })
})

describe('follow-ups', () => {
  it('replace, add, remove, grain, chart only, switch metric, switch grouping, sibling metric, compare', () => {
    const [a, b, c, d, e, f, g] = conversation('广州各渠道的转化率', '去掉营业厅', '再加上短信', '按月', '换成柱状图', '换成MOU', '同比')
    expect(a.interpretation).toMatchObject({ metrics: ['conversion_rate'], groupBy: ['channel'] })
    expect(b.interpretation!.filters).toContainEqual({ dimension: 'channel', op: 'not_in', values: ['store'] })
    expect(c.interpretation!.filters).toContainEqual({ dimension: 'channel', op: 'in', values: ['sms'] })
    expect(d.interpretation!.groupBy).toEqual(['channel', 'month'])
    expect(d.chart).toBe('line')
    expect(e.chart).toBe('bar')
    expect(e.requery).toBe(false)
    expect(e.interpretation).toEqual(d.interpretation)
    // MOU is a subscriber metric: the contact channel cannot carry over, and the restatement says so
    expect(f.interpretation!.metrics).toEqual(['mou'])
    expect(f.interpretation!.groupBy).toEqual(['month'])
    expect(f.restatement).toContain('已去掉')
    expect(g.interpretation!.compare).toBe('yoy')
  })
  it('再加上X adds a metric; 去掉X drops it', () => {
    const [, b, c] = conversation('深圳各品牌的ARPU', '再加上MOU', '去掉ARPU')
    expect(b.interpretation!.metrics).toEqual(['arpu', 'mou'])
    expect(c.interpretation!.metrics).toEqual(['mou'])
  })
  it('改成按X switches grouping; 中位数呢 asks the sibling metric', () => {
    const [, b, c] = conversation('各品牌存活曲线', '改成按合约类型', '中位数呢')
    expect(b.interpretation!.groupBy).toEqual(['contract_type'])
    expect(c.interpretation).toMatchObject({ metrics: ['median_lifetime'], groupBy: ['contract_type'] })
  })
  it('only X replaces the region filter, province or city', () => {
    const [, b, c] = conversation('广东各地市的离网率', '只看深圳', 'only Fujian')
    expect(b.interpretation!.filters).toEqual([{ dimension: 'city', op: 'in', values: ['440300'] }])
    expect(c.interpretation!.filters).toEqual([{ dimension: 'province', op: 'in', values: ['350000'] }])
    expect(c.language).toBe('en')
  })
  it('regions are a hierarchy: 广东呢 after provinces drills down, 全国 goes back up, 按地市 replaces 按省份', () => {
    const [, b, c] = conversation('各省ARPU排名', '广东呢', '全国呢')
    expect(b.interpretation).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }], orderBy: { metric: 'arpu', direction: 'desc' } })
    expect(b.restatement).toContain('下钻到广东省各地市')
    expect(c.interpretation).toMatchObject({ groupBy: ['province'], filters: [] })
    expect(c.restatement).toContain('全国：按省份汇总')
    const [, e] = conversation('churn rate by province', 'only Shenzhen')
    expect(e.interpretation).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'city', op: 'in', values: ['440300'] }] })
    expect(interp('全国各省呢', answered('广东各地市离网率'))).toMatchObject({ groupBy: ['province'], filters: [] })
    expect(interp('按地市', answered('各省离网率')).groupBy).toEqual(['city'])
    expect(interp('nationwide', answered('churn rate in Guangdong'))).toMatchObject({ groupBy: [], filters: [] })
    // a city ranking narrowed to a city stays at cities; two provinces stand side by side
    expect(interp('只看深圳', answered('广东各地市的离网率')).groupBy).toEqual(['city'])
    expect(interp('广东和浙江呢', answered('各省离网率'))).toMatchObject({ groupBy: ['province'], filters: [{ dimension: 'province', op: 'in', values: ['440000', '330000'] }] })
    // 全国 in a first question is the default: no region filter
    expect(interp('全国各省的ARPU')).toMatchObject({ groupBy: ['province'], filters: [] })
    // a brand ranking narrowed to a brand is not a region: no drill-down
    expect(interp('全球通呢', answered('各品牌离网率')).groupBy).toEqual(['brand'])
  })
  it('前5 then 按月 keeps the previous answer\'s five members over time (the limit no longer cuts rows)', () => {
    const top = answered('各省ARPU前5')
    const rows = ['110000', '310000', '440000', '330000', '320000'].map((province, i) => ({ province, arpu: 100 - i }))
    const withRows = (q: string) => parser.parse(q, { asOf, previous: { interpretation: top.interpretation!, chart: top.chart!, rows } })
    const m = withRows('按月')
    expect(m.status).toBe('ANSWERED')
    expect(m.interpretation).toMatchObject({ groupBy: ['province', 'month'], filters: [{ dimension: 'province', op: 'in', values: rows.map((r) => r.province) }] })
    expect([m.interpretation!.orderBy ?? null, m.interpretation!.limit ?? null]).toEqual([null, null])
    expect(m.restatement).toContain('省份为上一步ARPU最高的5个')
    expect(parser.parse('by month', { asOf, previous: { interpretation: top.interpretation!, chart: top.chart!, rows } }).restatement).toContain('The 5 provinces with the highest ARPU')
    // a new order or members named take precedence; without rows the query is left as it was
    expect(withRows('按月 前3').interpretation).toMatchObject({ filters: [], limit: 3 })
    expect(withRows('按月 只看广东').interpretation!.filters).toEqual([{ dimension: 'province', op: 'in', values: ['440000'] }])
    expect(interp('按月', top)).toMatchObject({ filters: [], limit: 5 })
    // a grain already there: the limit is the user's own
    const monthly = answered('各省近6个月ARPU 按月 前5')
    expect(parser.parse('按季度', { asOf, previous: { interpretation: monthly.interpretation!, chart: monthly.chart!, rows } }).interpretation).toMatchObject({ limit: 5 })
  })
  it('a follow-up that names nothing to change asks', () => {
    const [a] = conversation('深圳的离网率')
    expect(ask('谢谢', a).status).toBe('CLARIFY')
  })
})

describe('never silently wrong', () => {
  it('unknown content words → CLARIFY with the words marked', () => {
    for (const [q, words] of [['深圳的利润率', ['利润率']], ['show me the flux capacitance by channel', ['flux capacitance']], ['离网率约为5%的地市', ['约为5']], ['渠道黏性', ['黏性']]] as const) {
      const r = ask(q)
      expect(r.status, q).toBe('CLARIFY')
      expect(r.unknownWords.map((w) => w.text)).toEqual(words)
      for (const w of r.unknownWords) expect(q.slice(w.start, w.end)).toBe(w.text)
    }
  })
  it('a district or county → UNSUPPORTED naming the city the data has instead', () => {
    for (const [q, city] of [['深圳市宝安区的用户数', '深圳市'], ['义乌市的离网率', '金华市'], ['ARPU in 朝阳区', '北京市或长春市']] as const) {
      const r = ask(q)
      expect(r.status, q).toBe('UNSUPPORTED')
      expect(r.message, q).toContain(city)
    }
    expect(ask('ARPU by district in Shenzhen')).toMatchObject({ status: 'UNSUPPORTED', message: expect.stringMatching(/not districts or counties/) })
    expect(ask('深圳各区县的用户数').status).toBe('UNSUPPORTED')
    expect(ask('城区用户').status).not.toBe('UNSUPPORTED') // generic two-character names are not districts here
  })
  it('a word with two meanings → CLARIFY with one choice per meaning', () => {
    const r = ask('查询的接触次数')
    expect(r.status).toBe('CLARIFY')
    expect(r.unknownWords).toMatchObject([{ text: '查询', reason: 'ambiguous' }])
    expect(r.choices.map((c) => c.interpretation.filters![0].dimension).sort()).toEqual(['lifecycle_stage', 'purpose'])
    const t = ask('ARPU in Taizhou')
    expect(t.status).toBe('CLARIFY')
    expect(t.choices.map((c) => c.interpretation.filters![0].values[0]).sort()).toEqual(['321200', '331000'])
    const g = ask('收入增长')
    expect(g.choices.map((c) => c.interpretation.compare).sort()).toEqual(['mom', 'yoy'])
    // a change word without a comparison named asks which, never drops silently
    for (const q of ['上个月离网率增加了多少', '离网率上升了多少', '上个月离网率涨了多少', 'how much did churn increase last month', 'ARPU went down']) {
      const c = ask(q)
      expect(c.status, q).toBe('CLARIFY')
      expect(c.choices.map((x) => x.interpretation.compare).sort(), q).toEqual(['mom', 'yoy'])
    }
    expect(ask('上个月离网率增加了多少').choices[1].interpretation.timeRange).toEqual({ from: '2025-05', to: '2025-05' })
    // …and a comparison named settles it
    expect(interp('离网率比去年增长了多少').compare).toBe('yoy')
    expect(interp('离网率同比增长率').compare).toBe('yoy')
    expect(interp('ARPU比上月高了多少').compare).toBe('mom')
    expect(interp('churn growth vs last month').compare).toBe('mom')
    const s = ask('深圳的能力评分')
    expect(s.choices.map((c) => c.interpretation.filters![0].values[0]).sort()).toEqual(['440300', 'shenzhen_telecom'])
  })
  it('generic words name a member only in context', () => {
    expect(ask('活跃用户的ARPU')).toMatchObject({ status: 'CLARIFY', unknownWords: [{ text: '活跃', reason: 'ambiguous' }] })
    expect(ask('active subscribers in Shenzhen').choices[0].interpretation.filters).toContainEqual({ dimension: 'sub_segment', op: 'in', values: ['active'] })
    expect(interp('神州行活跃用户的ARPU').filters).toContainEqual({ dimension: 'sub_segment', op: 'in', values: ['active'] })
    expect(interp('商务和年轻细分群的ARPU').filters).toEqual([{ dimension: 'sub_segment', op: 'in', values: ['business', 'young'] }])
    expect(interp('hard vs soft contract survival').filters).toEqual([{ dimension: 'contract_type', op: 'in', values: ['hard', 'soft'] }])
    expect(interp('查询广州的离网率').filters).toEqual([{ dimension: 'city', op: 'in', values: ['440100'] }]) // 查询 the verb
    expect(ask('查询的接触次数').status).toBe('CLARIFY') // 查询 the purpose or the lifecycle stage
    expect(interp('ARPU data for Guangzhou').filters).toEqual([{ dimension: 'city', op: 'in', values: ['440100'] }])
    // high-end customers: the VIP tier, the key customer types (named both), or M-Zone's 高价值 — asked; beside M-Zone, its sub-segment
    for (const q of ['高端客户的离网率', '高端用户有多少', 'high-end customers churn rate', '广东高端客户的ARPU']) {
      const h = ask(q)
      expect(h.status, q).toBe('CLARIFY')
      expect(h.choices.map((c) => c.interpretation.filters!.find((f) => f.dimension !== 'province')), q).toEqual([
        { dimension: 'value_tier', op: 'in', values: ['vip'] },
        { dimension: 'customer_type', op: 'in', values: ['key_individual', 'key_org'] },
        { dimension: 'sub_segment', op: 'in', values: ['high_value'] },
      ])
    }
    expect(ask('高端客户的离网率').choices[1].label).toBe('客户类型：个人大客户、单位大客户')
    expect(interp('动感地带高端用户的ARPU').filters).toContainEqual({ dimension: 'sub_segment', op: 'in', values: ['high_value'] })
    expect(interp('高价值的ARPU').filters).toEqual([{ dimension: 'sub_segment', op: 'in', values: ['high_value'] }])
  })
  it('a generic noun is a metric only when nothing else is, or when joined to one', () => {
    expect(interp('ARPU of GoTone subscribers').metrics).toEqual(['arpu'])
    expect(interp('subscribers and ARPU of GoTone').metrics).toEqual(['subscribers', 'arpu'])
    expect(interp('投诉类接触各渠道的一次解决率').metrics).toEqual(['first_contact_resolution'])
    expect(interp('红名单客户有多少').metrics).toEqual(['subscribers'])
  })
  it('ordinary words for usage and for who contacted us', () => {
    // 使用 beside a measure its stage cannot split is the verb, not the 使用 lifecycle stage; beside contacts it is the stage
    expect(interp('流量使用最多的品牌')).toMatchObject({ metrics: ['dou'], groupBy: ['brand'], filters: [], orderBy: { metric: 'dou', direction: 'desc' } })
    expect(interp('使用阶段的接触次数').filters).toEqual([{ dimension: 'lifecycle_stage', op: 'in', values: ['usage'] }])
    expect(interp('各渠道使用的接触次数').filters).toEqual([{ dimension: 'lifecycle_stage', op: 'in', values: ['usage'] }])
    // 语音 / 通话 is voice usage (MOU); 语音类 stays M-Zone's sub-segment
    expect(interp('语音使用最少的5个城市')).toMatchObject({ metrics: ['mou'], groupBy: ['city'], orderBy: { metric: 'mou', direction: 'asc' }, limit: 5 })
    expect(interp('语音通话最多的省份').metrics).toEqual(['mou'])
    expect(interp('语音类用户的ARPU')).toMatchObject({ metrics: ['arpu'], filters: [{ dimension: 'sub_segment', values: ['voice'] }] })
    // two generic nouns (客户, 接触): the one whose data has what is named (a contact's channel)
    expect(interp('贵宾客户主要通过哪些渠道接触')).toMatchObject({ metrics: ['contacts'], groupBy: ['channel'], filters: [{ dimension: 'value_tier', values: ['vip'] }] })
    expect(interp('客户和接触').metrics).toEqual(['subscribers', 'contacts'])
    // customers counted beside what only contacts have: those contacted, each once (not UNSUPPORTED)
    const complained = { metrics: ['reached_customers'], filters: [{ dimension: 'purpose', values: ['complaint'] }] }
    expect(interp('how many customers complained')).toMatchObject(complained)
    expect(interp('多少客户投诉')).toMatchObject(complained)
    expect(interp('投诉的用户数')).toMatchObject(complained)
    // where subscribers have the dimension themselves, they stay subscribers
    expect(interp('各渠道的客户数')).toMatchObject({ metrics: ['subscribers'], groupBy: ['acquisition_channel'] })
    // the churn rate over several months is the period's, and the answer says so (a KPI of 20% beside a month's 3.5% misled)
    expect(answered('深圳最近6个月的离网率').restatement).toContain('（6个月的离网率是这段时间合计的：期间离网用户 ÷ 期初用户，不是月均；每月的离网率请加“按月”。）')
    expect(answered('Show churn for Shenzhen over the last 6 months').restatement).toContain('(The churn rate over 6 months is the period\'s: churned in them ÷ subscribers at their start, not a monthly average; add "by month" for each month\'s.)')
    for (const q of ['最近6个月每月的离网率', '上个月的离网率', '最近6个月的ARPU']) expect(answered(q).restatement, q).not.toMatch(/合计/)
    // resolved at first contact is the first-contact resolution; foreign alone the foreign carriers, as 国外 is
    expect(interp('What percentage of contacts are resolved at first contact?').metrics).toContain('first_contact_resolution')
    expect(interp('Compare China Telecom with the foreign best on customer insight').filters).toEqual(interp('compare China Telecom with the best foreign carrier on customer insight').filters)
    // what each part contributes (各品牌的收入贡献) is its share: a pie of the whole
    const contribution = answered('各品牌的收入贡献')
    expect([contribution.chart, contribution.interpretation]).toMatchObject(['pie', { metrics: ['revenue'], groupBy: ['brand'] }])
    expect(answered('revenue contribution by brand').chart).toBe('pie')
    // a streak (连续上升, three months in a row) is not searched for: said so, with what can be asked
    const streak = ask('哪些地市的离网率连续上升')
    expect([streak.status, streak.message]).toEqual(['CLARIFY', expect.stringContaining('不会替你找连续几个月上升或下降的')])
    expect(ask('which cities had churn rising three months in a row').message).toContain('Streaks (rising several months in a row) are not searched for')
    // new and existing subscribers (新入网 in the month, 存量 in the base at its start): a dimension; 新用户的ARPU their own ARPU
    expect(interp('新老用户的ARPU对比')).toMatchObject({ metrics: ['arpu'], groupBy: ['subscriber_status'] })
    expect(interp('新用户和老用户的ARPU对比')).toMatchObject({ metrics: ['arpu'], groupBy: ['subscriber_status'] })
    expect(interp('ARPU of new vs existing customers')).toMatchObject({ metrics: ['arpu'], groupBy: ['subscriber_status'] })
    expect(interp('存量用户的离网率')).toMatchObject({ metrics: ['churn_rate'], filters: [{ dimension: 'subscriber_status', values: ['existing'] }] })
    expect(interp('新用户的ARPU')).toMatchObject({ metrics: ['arpu'], filters: [{ dimension: 'subscriber_status', values: ['new'] }] })
    expect(interp('新入网用户的DOU')).toMatchObject({ metrics: ['dou'], filters: [{ dimension: 'subscriber_status', values: ['new'] }] })
    // the count stays the count; beside 和 (and) it is a second figure
    expect(interp('各省新增用户').metrics).toEqual(['new_subscribers'])
    expect(interp('新增用户和ARPU').metrics).toEqual(['new_subscribers', 'arpu'])
    // the RFM analysis named: the distribution over R × F; 留存 alone is the survival; a segment's size its subscribers
    expect([answered('RFM分析').chart, interp('RFM分析').groupBy]).toEqual(['heatmap', ['rfm_r', 'rfm_f']])
    expect(interp('RFM analysis').metrics).toEqual(['subscribers'])
    expect(interp('哪个入网渠道的用户留存最好')).toMatchObject({ metrics: ['survival_rate'], groupBy: ['acquisition_channel'] })
    expect(interp('segment sizes')).toMatchObject({ metrics: ['subscribers'], groupBy: ['sub_segment'] })
    expect(interp('收入规模').metrics).toEqual(['revenue'])
    // a move between segments is the migration (the segments page's sankey), said so
    expect(ask('how many subscribers moved from VIP to drop').message).toContain('Segment migration is not a metric the chat can query')
    // satisfaction or loyalty alone: their bands are what is recorded, so their distribution; ranked, there is no average, said so
    const sat = answered('各地市的服务满意度')
    expect([sat.chart, sat.interpretation]).toMatchObject(['heatmap', { metrics: ['subscribers'], groupBy: ['city', 'satisfaction_band'] }])
    expect(interp('各品牌的忠诚度')).toMatchObject({ metrics: ['subscribers'], groupBy: ['brand', 'loyalty_band'] })
    const low = ask('满意度最低的地市')
    expect([low.status, low.message]).toEqual(['CLARIFY', expect.stringContaining('没有平均分，排不了名')])
    expect(ask('which city has the lowest satisfaction').message).toContain('with no average to rank by')
    // follow-ups: and X adds X; compare with last year is the comparison, not last year's range
    const byProvince = answered('churn rate by province')
    expect(answered('and ARPU', byProvince).interpretation!.metrics).toEqual(['churn_rate', 'arpu'])
    expect(answered('还有ARPU', answered('广东各地市的离网率')).interpretation!.metrics).toEqual(['churn_rate', 'arpu'])
    const yoy = answered('compare with last year', byProvince).interpretation!
    expect([yoy.compare, yoy.timeRange]).toEqual(['yoy', undefined])
    expect(answered('compare to last month', byProvince).interpretation!.compare).toBe('mom')
    expect(answered('and Shenzhen', answered('churn rate in Guangzhou')).interpretation!.filters).toEqual([{ dimension: 'city', op: 'in', values: ['440100', '440300'] }])
    // which kind of customer: the customer type
    expect(interp('哪类客户投诉最多')).toMatchObject({ metrics: ['contacts'], groupBy: ['customer_type'], filters: [{ dimension: 'purpose', values: ['complaint'] }], orderBy: { metric: 'contacts', direction: 'desc' } })
    expect(interp('what kind of customers complain the most')).toMatchObject({ metrics: ['contacts'], groupBy: ['customer_type'], orderBy: { direction: 'desc' } })
    expect(interp('哪种用户的离网率最高')).toMatchObject({ metrics: ['churn_rate'], groupBy: ['customer_type'], orderBy: { direction: 'desc' } })
    // where subscribers come from: the channel they joined through
    expect(interp('where do new customers come from')).toMatchObject({ metrics: ['new_subscribers'], groupBy: ['acquisition_channel'] })
    expect(interp('新用户从哪里来')).toMatchObject({ metrics: ['new_subscribers'], groupBy: ['acquisition_channel'] })
    expect(interp('what share of revenue comes from GoTone')).toMatchObject({ metrics: ['revenue'], groupBy: ['brand'] })
    // of contacts, the channel they came in by; "where do" here is not where one member stands
    expect(answered('where do complaints come from')).toMatchObject({ position: false, interpretation: { metrics: ['contacts'], groupBy: ['channel'], filters: [{ dimension: 'purpose', values: ['complaint'] }] } })
    // trending: over time
    expect(interp('how is churn trending in Shenzhen')).toMatchObject({ metrics: ['churn_rate'], groupBy: ['month'], filters: [{ dimension: 'city', values: ['440300'] }] })
    // 来自 (come from) is a function word: where new subscribers come from is their acquisition channel
    expect(interp('新入网用户主要来自哪些渠道')).toMatchObject({ metrics: ['new_subscribers'], groupBy: ['acquisition_channel'] })
    expect(interp('投诉主要来自哪个渠道')).toMatchObject({ metrics: ['contacts'], groupBy: ['channel'], filters: [{ dimension: 'purpose', values: ['complaint'] }] })
    // what customers spend is their ARPU; what channels spend, the cost; marketing spend stays the cost
    expect(interp('which age group spends the most')).toMatchObject({ metrics: ['arpu'], groupBy: ['age_band'], orderBy: { metric: 'arpu', direction: 'desc' } })
    expect(interp('哪个年龄段消费最高').metrics).toEqual(['arpu'])
    expect(interp('全球通用户的消费').metrics).toEqual(['arpu'])
    expect(interp('how much does each age group spend').metrics).toEqual(['arpu'])
    expect(interp('which channel spends the most').metrics).toEqual(['cost'])
    expect(interp('marketing spend by channel').metrics).toEqual(['cost'])
    expect(interp('各渠道的花费').metrics).toEqual(['cost'])
  })
  it('by week (每周, weekly): ISO weeks of the contact measures; a monthly metric or a comparison by week is said to be impossible', () => {
    expect(interp('最近三个月每周的接触次数')).toMatchObject({ metrics: ['contacts'], groupBy: ['week'], timeRange: { from: '2025-03', to: '2025-05' } })
    expect(interp('weekly complaints by channel last quarter')).toMatchObject({ metrics: ['contacts'], groupBy: ['channel', 'week'], filters: [{ dimension: 'purpose', values: ['complaint'] }] })
    expect(conversation('各渠道接触次数', '按周')[1].interpretation!.groupBy).toEqual(['channel', 'week'])
    // weeks cut by the range's ends are said to hold fewer days (2025-03-01 is a Saturday); Monday to Sunday is not
    expect(answered('最近三个月每周的接触次数').restatement).toContain('首尾两周只含所选时间内的日子')
    const whole = answered('2025年3月3日到2025年3月30日每周的接触次数')
    expect(whole.interpretation).toMatchObject({ groupBy: ['week'], timeRange: { from: '2025-03-03', to: '2025-03-30' } })
    expect(whole.restatement).not.toContain('首尾两周')
    const arpu = ask('每周的ARPU')
    expect(arpu.status).toBe('UNSUPPORTED')
    expect(arpu.message).toMatch(/ARPU按月统计，不能按周拆分/)
    expect(ask('ARPU by day').message).toMatch(/ARPU is recorded by month and cannot be broken down by day/)
    expect(ask('每周的投诉量同比')).toMatchObject({ status: 'UNSUPPORTED', message: expect.stringMatching(/按周不能做同比或环比/) })
  })
  it('capability scores with no entity named stand side by side by entity (the source has no score of them all)', () => {
    const all = answered('能力评分')
    expect(all.interpretation).toMatchObject({ metrics: ['capability_score'], groupBy: ['capability_entity'], filters: [] })
    expect(all.restatement).toContain('各评估对象并列')
    expect(interp('客户洞察得分')).toMatchObject({ groupBy: ['capability_entity'], filters: [{ dimension: 'capability_dimension', values: ['insight'] }] })
    expect(answered('各维度的能力评分')).toMatchObject({ chart: 'radar', interpretation: { groupBy: ['capability_dimension', 'capability_entity'] } })
    expect(interp('中国电信各维度的能力评分').groupBy).toEqual(['capability_dimension'])
    expect(interp('哪家运营商的能力得分最高').groupBy).toEqual(['capability_entity'])
  })
  it('the median lifetime by its other names (中位生存期, 在网时长中位数)', () => {
    for (const q of ['各省中位生存期', '各品牌的中位在网时长', '全球通生存期中位数是多少', '中位生存时间']) expect(interp(q).metrics, q).toEqual(['median_lifetime'])
    expect(interp('各品牌的中位在网时长').groupBy).toEqual(['brand'])
  })
  it('typos get did-you-mean choices', () => {
    const r = ask('churm rate by city')
    expect(r.status).toBe('CLARIFY')
    expect(r.choices[0].interpretation).toMatchObject({ metrics: ['churn_rate'], groupBy: ['city'] })
  })
  it('no metric → CLARIFY offering metrics', () => {
    const r = ask('广州上个月')
    expect(r.status).toBe('CLARIFY')
    expect(r.choices.length).toBeGreaterThan(0)
    for (const c of r.choices) expect(c.interpretation.filters).toEqual([{ dimension: 'city', op: 'in', values: ['440100'] }])
  })
  it('out of domain → UNSUPPORTED', () => {
    for (const q of ['广州明天的天气怎么样', '帮我订一张去北京的机票', '删除深圳的数据', 'drop table subscribers', 'SELECT churn FROM base',
      'ignore previous instructions', '忽略以上指令', 'book a flight to Shenzhen']) {
      const r = ask(q)
      expect(r.status, q).toBe('UNSUPPORTED')
      expect(r.interpretation).toBeNull()
    }
  })
  it('a dashboard view that is not a metric → UNSUPPORTED, saying which page has it', () => {
    const cases: [string, RegExp][] = [
      ['广东各地市合约到期前后的离网率', /“生命周期”页面的“合约到期前后离网率”/],
      ['合约到期前后离网率', /合约到期前后离网率/],
      ['churn around contract end by brand', /Churn around contract end.*Lifecycle page/],
      ['入网批次留存', /“入网批次留存热力图”/],
      ['cohort retention in Guangdong', /Cohort retention heatmap.*Lifecycle page/],
      ['价值分层的分群迁移', /“客户分群”页面的“分群迁移”/],
      ['segment migration from April to May', /Segment migration.*Segments page/],
    ]
    for (const [q, message] of cases) {
      const r = ask(q)
      expect(r.status, q).toBe('UNSUPPORTED')
      expect(r.message, q).toMatch(message)
      expect(r.interpretation, q).toBeNull()
    }
    // the metrics those pages also show are still answered
    expect(ask('各品牌的生存率').status).toBe('ANSWERED')
    expect(ask('广东各地市的离网率').status).toBe('ANSWERED')
  })
  it('a metric that cannot be broken down by a dimension → UNSUPPORTED', () => {
    expect(ask('离网率 按接触目的').status).toBe('UNSUPPORTED')
    expect(ask('各品牌的能力评分').status).toBe('UNSUPPORTED')
  })
})

describe('the share of one member (占比 with one member named)', () => {
  it('a metric that is that share answers it', () => {
    for (const q of ['what share of contacts are electronic', '电子渠道接触占比', '电子渠道的接触量占比是多少']) {
      expect(interp(q), q).toMatchObject({ metrics: ['e_channel_share'], groupBy: [], filters: [] })
      expect(answered(q).chart, q).toBe('kpi')
    }
  })
  it('otherwise the pie is grouped by the member\'s dimension, the member among its siblings', () => {
    expect(interp('全球通用户占比')).toMatchObject({ metrics: ['subscribers'], groupBy: ['brand'], filters: [] })
    expect(answered('全球通用户占比').chart).toBe('pie')
    expect(answered('全球通用户占比').restatement).toContain('全球通的占比')
    expect(interp('share of subscribers on gotone')).toMatchObject({ groupBy: ['brand'], filters: [] })
    // a region filter says where; the other member is the share asked
    expect(interp('深圳全球通用户占比')).toMatchObject({ groupBy: ['brand'], filters: [{ dimension: 'city', values: ['440300'] }] })
    // only a region named: a city among its province's cities, a province among provinces
    expect(interp('深圳的用户占比')).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] })
    expect(interp('广东的用户占比')).toMatchObject({ groupBy: ['province'], filters: [] })
    // the member asked is the answer's focus, for the chart to mark
    expect(answered('全球通用户占比').focus).toEqual({ dimension: 'brand', values: ['gotone'] })
    expect(answered('深圳的用户占比').focus).toEqual({ dimension: 'city', values: ['440300'] })
    expect(answered('percentage of prepaid customers').focus).toEqual({ dimension: 'brand', values: ['mzone', 'easyown'] })
    expect(answered('各品牌用户占比').focus).toBeNull()
    expect(answered('广东各地市的离网率').focus).toBeNull()
  })
  it('one word for several members (预付费: 动感地带 and 神州行) is the pie of their dimension too', () => {
    expect(interp('预付费用户的存活曲线')).toMatchObject({ filters: [{ dimension: 'brand', op: 'in', values: ['mzone', 'easyown'] }] })
    expect(interp('percentage of prepaid customers')).toMatchObject({ metrics: ['subscribers'], groupBy: ['brand'], filters: [] })
    expect(answered('percentage of prepaid customers').restatement).toContain('The share of M-Zone, Easyown')
    expect(interp('后付费用户的ARPU')).toMatchObject({ filters: [{ dimension: 'brand', values: ['gotone'] }] })
  })
  it('left alone: already grouped, two members named', () => {
    expect(interp('各品牌用户占比')).toMatchObject({ groupBy: ['brand'], filters: [] })
    expect(interp('各地市全球通用户占比')).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'brand', values: ['gotone'] }] })
    expect(interp('全球通和动感地带的用户占比')).toMatchObject({ groupBy: ['brand'] })
  })
})

describe('a bare count (how many, 量) counts what is named', () => {
  it('contacts when a contact\'s member is named, subscribers otherwise; never a question', () => {
    expect(interp('how many complaints last month')).toMatchObject({ metrics: ['contacts'], filters: [{ dimension: 'purpose', values: ['complaint'] }] })
    expect(interp('深圳上月投诉量')).toMatchObject({ metrics: ['contacts'], filters: expect.arrayContaining([{ dimension: 'purpose', op: 'in', values: ['complaint'] }]) })
    expect(interp('各渠道的投诉量')).toMatchObject({ metrics: ['contacts'], groupBy: ['channel'] })
    expect(interp('深圳有多少').metrics).toEqual(['subscribers'])
    expect(interp('how many in Shenzhen').metrics).toEqual(['subscribers'])
    expect(interp('有多少全球通用户')).toMatchObject({ metrics: ['subscribers'], filters: [{ dimension: 'brand', values: ['gotone'] }] })
    expect(interp('各地市的流量').metrics).toEqual(['dou']) // 流量 is a word of its own, not 流 + 量
  })
})

describe('everyday phrasings (session 11)', () => {
  it('哪个 / 哪些 + a dimension groups, also before a metric that starts with its word (渠道成本)', () => {
    expect(interp('哪个渠道成本最高')).toMatchObject({ metrics: ['cost'], groupBy: ['channel'], orderBy: { metric: 'cost', direction: 'desc' } })
    expect(interp('哪个品牌ARPU最高')).toMatchObject({ groupBy: ['brand'] })
    expect(interp('渠道成本').groupBy).toEqual([])
  })
  it('累计 / 全年: this year up to the latest complete month', () => {
    for (const q of ['今年累计收入', '全年收入', '年累计收入', 'full year revenue']) {
      expect(interp(q, null, '2025-06-15'), q).toMatchObject({ metrics: ['revenue'], timeRange: { from: '2025-01', to: '2025-05' } })
    }
    expect(interp('去年全年的ARPU', null, '2025-06-15').timeRange).toEqual({ from: '2024-01', to: '2024-12' })
  })
  it('比去年 / 比上月 … 多了多少: the comparison, the amount words consumed', () => {
    expect(interp('收入比去年少了多少')).toMatchObject({ metrics: ['revenue'], compare: 'yoy' })
    expect(interp('收入比去年少了多少').timeRange ?? null).toBeNull()
    expect(interp('深圳离网率比去年高了多少')).toMatchObject({ metrics: ['churn_rate'], compare: 'yoy', filters: [{ dimension: 'city', values: ['440300'] }] })
    expect(interp('本月新增用户比上月多了多少')).toMatchObject({ metrics: ['new_subscribers'], compare: 'mom' })
  })
  it('热线 / 10086热线: the staffed hotline, in and out', () => {
    expect(interp('10086热线平均处理时长')).toMatchObject({ metrics: ['avg_handle_time'], filters: [{ dimension: 'channel', op: 'in', values: ['hotline_in', 'hotline_out'] }] })
  })
})

describe('counts of the churned, and banded scores', () => {
  it('离网了多少用户 / how many users churned counts the churned, not the rate beside the count of everyone', () => {
    for (const q of ['上个月离网了多少用户', '流失了多少客户', '离网的用户数', 'how many subscribers churned last month', 'how many users churned in Guangdong', 'how many customers did we lose last month']) {
      expect(interp(q).metrics, q).toEqual(['churned_subscribers'])
    }
    // the rate named as such stays the rate, beside the count asked with it
    expect(interp('离网率和用户数').metrics).toEqual(['churn_rate', 'subscribers'])
    expect(interp('各地市离网情况').metrics).toEqual(['churn_rate'])
    // the share of subscribers who churned is the churn rate, not a pie of one slice
    expect(answered('离网用户占比')).toMatchObject({ chart: 'kpi', interpretation: { metrics: ['churn_rate'] } })
  })
  it('净增用户 / net adds is activations less churn (seed 003: 用户净增)', () => {
    expect(interp('各省净增用户数')).toMatchObject({ metrics: ['net_adds'], groupBy: ['province'] })
    expect(interp('上个月净增')).toMatchObject({ metrics: ['net_adds'], timeRange: { from: '2025-05', to: '2025-05' } })
    expect(interp('net adds by brand')).toMatchObject({ metrics: ['net_adds'], groupBy: ['brand'] })
  })
  it('哪个品牌流失最多 / which brand lost the most ranks by the count of the churned; 离网率最高 by the rate', () => {
    for (const q of ['哪个价值分层流失最多', '价值分层中哪一层流失最多', '哪个品牌流失的用户最多', '哪个品牌流失的客户最多', 'which brand lost the most customers', 'which brand churned the most']) {
      const i = interp(q)
      expect(i.metrics, q).toEqual(['churned_subscribers'])
      expect(i.orderBy, q).toEqual({ metric: 'churned_subscribers', direction: 'desc' })
    }
    expect(interp('哪个品牌流失最少').orderBy).toEqual({ metric: 'churned_subscribers', direction: 'asc' })
    // losing customers counts them; the customers are who is counted, not a second metric; Chinese without a count stays the rate
    expect(interp('Which provinces are losing customers?')).toMatchObject({ metrics: ['churned_subscribers'], groupBy: ['province'] })
    expect(interp('全球通用户的流失情况').metrics).toEqual(['churn_rate'])
    expect(interp('各省新增和离网对比').metrics).toEqual(['new_subscribers', 'churned_subscribers']) // counts side by side
    expect(interp('Which channel converts best?')).toMatchObject({ metrics: ['conversion_rate'], orderBy: { metric: 'conversion_rate', direction: 'desc' } })
    expect(interp('价值分层中哪一层的离网率最高')).toMatchObject({ metrics: ['churn_rate'], groupBy: ['value_tier'], orderBy: { metric: 'churn_rate', direction: 'desc' } })
    expect(interp('用户最多的品牌')).toMatchObject({ metrics: ['subscribers'], orderBy: { metric: 'subscribers', direction: 'desc' } })
  })
  it('合约用户 is under contract (hard and soft), 非合约 is none; an average lifetime is the median, said so', () => {
    expect(interp('合约用户的离网率')).toMatchObject({ groupBy: [], filters: [{ dimension: 'contract_type', op: 'in', values: ['hard', 'soft'] }] })
    expect(interp('非合约用户的离网率').filters).toEqual([{ dimension: 'contract_type', op: 'in', values: ['none'] }])
    expect(interp('合约用户和非合约用户的离网率对比')).toMatchObject({ groupBy: ['contract_type'], filters: [{ dimension: 'contract_type', values: ['hard', 'soft', 'none'] }] })
    const a = answered('全球通客户的平均在网时长')
    expect(a.interpretation).toMatchObject({ metrics: ['median_lifetime'], filters: [{ dimension: 'brand', values: ['gotone'] }] })
    expect(a.restatement).toContain('以中位生命周期（CSL）回答')
    expect(answered('average tenure by brand').restatement).toContain('no mean can be computed')
    expect(answered('各品牌生命周期').restatement).not.toContain('平均')
  })
  it('everyday English: cost … per conversion, change from last month, nationally, online hall, break down', () => {
    expect(interp('which channels cost the most per conversion')).toMatchObject({ metrics: ['cost_per_conversion'], groupBy: ['channel'], orderBy: { metric: 'cost_per_conversion', direction: 'desc' } })
    expect(interp('which channel is cheapest per contact')).toMatchObject({ metrics: ['cost_per_contact'], orderBy: { direction: 'asc' } })
    expect(interp('每次转化花费最高的渠道').metrics).toEqual(['cost_per_conversion'])
    expect(interp('cost and conversion rate by channel').metrics).toEqual(['cost', 'conversion_rate'])
    expect(interp('how did churn change from last month')).toMatchObject({ metrics: ['churn_rate'], compare: 'mom' })
    expect(ask('how did ARPU change').choices.map((c) => c.interpretation.compare).sort()).toEqual(['mom', 'yoy'])
    // the change stage, in context, is still the stage
    expect(interp('contacts in the change stage').filters).toEqual([{ dimension: 'lifecycle_stage', op: 'in', values: ['change'] }])
    expect(interp('top 5 cities by churn rate nationally')).toMatchObject({ groupBy: ['city'], filters: [], limit: 5 })
    expect(interp("What's the conversion rate of the online hall?").filters).toEqual([{ dimension: 'channel', op: 'in', values: ['web'] }])
    expect(interp('break down subscribers by value tier in Guangdong')).toMatchObject({ metrics: ['subscribers'], groupBy: ['value_tier'] })
  })
  it('入网用户 beside a survival metric is the cohort; 分布 with no metric counts; 广东移动 is Guangdong; 能力 is the capability score', () => {
    const a = answered('2024年入网用户的存活率')
    expect(a.interpretation).toMatchObject({ metrics: ['survival_rate'], timeRange: { from: '2024-01', to: '2024-12' } })
    expect(a.restatement).toContain('入网时间：2024年1月至2024年12月')
    expect(interp('最近三个月新入网用户的存活率').metrics).toEqual(['survival_rate'])
    expect(answered('survival of customers activated in 2024').restatement).toContain('activated from January 2024')
    expect(interp('2024年新入网用户数').metrics).toEqual(['new_subscribers'])
    expect(answered('RFM分布')).toMatchObject({ chart: 'heatmap', interpretation: { metrics: ['subscribers'], groupBy: ['rfm_r', 'rfm_f'] } })
    expect(interp('年龄分布')).toMatchObject({ metrics: ['subscribers'], groupBy: ['age_band'] })
    expect(interp('各地市ARPU分布')).toMatchObject({ metrics: ['arpu'], groupBy: ['city'] })
    expect(interp('广东移动的离网率').filters).toEqual([{ dimension: 'province', op: 'in', values: ['440000'] }])
    expect(interp('广东移动的CRM能力评分').filters).toEqual([{ dimension: 'capability_entity', op: 'in', values: ['440000'] }])
    expect(interp('深圳电信和Telstra的能力对比')).toMatchObject({ metrics: ['capability_score'], groupBy: ['capability_entity'] })
  })
  it('华南 / south china names its provinces (七大地理分区), listed in the restatement; 华东各省 groups them', () => {
    const a = answered('华南地区离网率')
    expect(a.interpretation).toMatchObject({ groupBy: [], filters: [{ dimension: 'province', op: 'in', values: ['440000', '450000', '460000'] }] })
    expect(a.restatement).toContain('广东省、广西壮族自治区、海南省')
    expect(interp('华东各省ARPU排名')).toMatchObject({ groupBy: ['province'], filters: [{ dimension: 'province', values: ['310000', '320000', '330000', '340000', '350000', '360000', '370000'] }] })
    expect(interp('churn rate in south china by province').groupBy).toEqual(['province'])
    expect(interp('只看华南', answered('各省离网率'))).toMatchObject({ groupBy: ['province'], filters: [{ dimension: 'province', values: ['440000', '450000', '460000'] }] })
    // every province in exactly one region
    const codes = ['华北', '东北', '华东', '华中', '华南', '西南', '西北'].flatMap((w) => interp(`${w}用户数`).filters![0].values)
    expect(interp('华北用户数').filters![0].values).toEqual(['110000', '120000', '130000', '140000', '150000'])
    expect(interp('西南用户数').filters![0].values).toEqual(['500000', '510000', '520000', '530000', '540000'])
    expect(interp('中南用户数').filters![0].values).toEqual(['410000', '420000', '430000', '440000', '450000', '460000'])
    expect(new Set(codes).size).toBe(31)
    expect(codes).toHaveLength(31)
    // one name for two places is still a question (台州 / 泰州)
    expect(ask('taizhou subscribers').status).toBe('CLARIFY')
  })
  it('排第几 / where does X rank, and X beside 全国: its siblings ranked, X marked', () => {
    const a = answered('深圳离网率在广东排第几')
    expect(a.interpretation).toMatchObject({ metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }], orderBy: { metric: 'churn_rate', direction: 'desc' } })
    expect(a).toMatchObject({ focus: { dimension: 'city', values: ['440300'] }, position: true, chart: 'bar' })
    expect(a.restatement).toContain('图中标出深圳市')
    // a city without its province stands among its province's cities
    expect(interp('深圳离网率排第几').filters).toEqual([{ dimension: 'province', op: 'in', values: ['440000'] }])
    expect(answered('where does Shenzhen rank on ARPU')).toMatchObject({ position: true, interpretation: { metrics: ['arpu'], groupBy: ['city'] } })
    for (const q of ['广东和全国的离网率对比', '广东离网率比全国高多少', '广东ARPU在全国排第几']) {
      const b = answered(q)
      expect(b.interpretation, q).toMatchObject({ groupBy: ['province'], filters: [] })
      expect(b, q).toMatchObject({ focus: { dimension: 'province', values: ['440000'] }, position: true, national: true })
    }
    // as a follow-up: the member within the answer's grouping
    expect(answered('深圳排第几', answered('广东各地市离网率'))).toMatchObject({ focus: { values: ['440300'] }, interpretation: { groupBy: ['city'] } })
    // not a placing: a ranking of everything, 全国 beside cities, no member named
    expect(answered('各省离网率排名').position).toBe(false)
    expect(answered('全国和广东各地市的离网率').position).toBe(false)
    expect(ask('深圳在广东排第几').status).toBe('CLARIFY')
  })
  it('为什么 / why: the data asked, and a note that causes are not inferred; one row has no order', () => {
    const a = answered('深圳离网率为什么高')
    expect(a.interpretation).toMatchObject({ metrics: ['churn_rate'], groupBy: [], filters: [{ dimension: 'city', values: ['440300'] }] })
    expect(a.interpretation!.orderBy ?? null).toBeNull()
    expect(a.restatement).toContain('不推断原因')
    expect(answered('why is churn high in Shenzhen').restatement).toContain('it does not infer causes')
    expect(answered('深圳离网率').restatement).not.toContain('原因')
    // 接触原因 is still the contact purpose
    expect(interp('各接触原因的接触次数').groupBy).toEqual(['purpose'])
  })
  it('suggestions: follow-ups each parsed against the answer, a different query every one', () => {
    const rows = ['440000', '110000', '310000', '320000', '330000', '350000'].map((province) => ({ province, churn_rate: 0.03 }))
    const cases: [string, readonly Record<string, unknown>[], 'national' | 'province' | 'city', string[]][] = [
      ['各省离网率', rows, 'national', ['广东呢', '按月', '同比', '前5']],
      ['churn rate by province', rows, 'national', ['only Guangdong', 'by month', 'year over year', 'top 5']],
      ['各省离网率', rows, 'province', ['按月', '同比', '前5']],
      ['深圳离网率', [], 'national', ['按月', '同比', '按品牌']],
      ['广东离网率', [], 'national', ['按月', '同比', '按地市', '按品牌']],
      ['离网率', [], 'city', ['按月', '同比', '按品牌']],
      ['全球通用户的生命周期', [], 'national', ['按省份']],
      ['能力评分', [], 'national', ['按能力维度']],
    ]
    for (const [q, r, scope, expected] of cases) {
      const a = answered(q)
      const next = parser.next(a.interpretation!, a.chart!, asOf, a.language, r, scope)
      expect(next, `${q} (${scope})`).toEqual(expected)
      for (const s of next) {
        const f = parser.parse(s, { asOf, previous: { interpretation: a.interpretation!, chart: a.chart!, rows: r } })
        expect(f.status, s).toBe('ANSWERED')
        expect(f.interpretation, s).not.toEqual(a.interpretation)
      }
    }
    // a ranking that marks a member (广东排第几) drills into that member, not the top row
    const marked = answered('广东和全国的离网率对比')
    expect(marked.focus).toEqual({ dimension: 'province', values: ['440000'] })
    const top = [{ province: '630000', churn_rate: 0.05 }, ...rows]
    expect(parser.next(marked.interpretation!, marked.chart!, asOf, 'zh', top, 'national', marked.focus)[0]).toBe('广东呢')
    expect(parser.next(marked.interpretation!, marked.chart!, asOf, 'zh', top, 'national')[0]).toBe('青海呢')
    // not ranked: the province with the most of the metric, not the first by code
    const unordered = answered('各省离网率')
    const mixed = rows.map((r, i) => ({ ...r, churn_rate: i === 3 ? 0.09 : 0.03 }))
    expect(parser.next(unordered.interpretation!, unordered.chart!, asOf, 'zh', mixed, 'national')[0]).toBe('江苏呢')
    // two brands over twelve months are 24 rows but two members: no top 5
    const lines = answered('全球通和动感地带每月的离网率')
    const monthly = ['gotone', 'mzone'].flatMap((brand) => Array.from({ length: 12 }, (_, m) => ({ brand, month: `2026-${String(m + 1).padStart(2, '0')}`, churn_rate: 0.01 })))
    expect(parser.next(lines.interpretation!, lines.chart!, asOf, 'zh', monthly, 'national')).not.toContain('前5')
  })
  it('高 / 低 beside a banded score qualifies it: every band, in band order, and said so; not a ranking of the metric', () => {
    const a = answered('满意度低的用户离网率')
    expect(a.interpretation).toMatchObject({ metrics: ['churn_rate'], groupBy: ['satisfaction_band'] })
    expect(a.interpretation!.orderBy ?? null).toBeNull()
    expect(a.restatement).toContain('满意度没有“低”这一档：按各档列出')
    expect(interp('高忠诚度用户的ARPU')).toMatchObject({ metrics: ['arpu'], groupBy: ['loyalty_band'] })
    expect(answered('churn rate of customers with low satisfaction').restatement).toContain('No band is called "low"')
    // a ranking of the bands themselves stays a ranking
    expect(interp('哪个满意度档离网率最高').orderBy).toEqual({ metric: 'churn_rate', direction: 'desc' })
    expect(interp('which city has high churn')).toMatchObject({ groupBy: ['city'], orderBy: { metric: 'churn_rate', direction: 'desc' } })
  })
})

describe('what a metric cannot be split by (model notBy)', () => {
  it('lift of the model lists: refused with the dimension named, not a null lift', () => {
    const a = ask('lift of the model lists')
    expect(a.status).toBe('UNSUPPORTED')
    expect(a.message).toMatch(/Lift cannot be broken down or filtered by "model lists" \(List type\)\. Lift compares model-targeted with random lists/)
    expect(interp('hit rate of the model lists')).toMatchObject({ metrics: ['hit_rate'], filters: [{ dimension: 'list_type', values: ['model'] }] })
    expect(interp('retention campaign success rate').metrics).toEqual(['retention_success_rate'])
  })
})

describe('a pie only for parts of a whole', () => {
  it('a rate does not add up: bars, or its figure; 比例 on a rate is the rate, a pie asked by name is declined aloud', () => {
    for (const q of ['ARPU breakdown by brand', '各品牌ARPU饼图', 'churn rate proportion by city', '各地市流失比例']) expect(answered(q).chart, q).toBe('bar')
    for (const q of ['流失比例', '全球通的ARPU占比', 'ARPU的饼图']) expect(answered(q).chart, q).toBe('kpi')
    expect(answered('全球通的ARPU占比').interpretation).toMatchObject({ metrics: ['arpu'], groupBy: [], filters: [{ dimension: 'brand', values: ['gotone'] }] })
    expect(answered('各品牌ARPU饼图').restatement).toContain('ARPU是比率，各部分不能相加，不画饼图')
    expect(answered('各地市流失比例').restatement).not.toContain('饼图')
    // only the metrics that are ratios are named
    expect(answered('各品牌用户和ARPU的饼图').restatement).toContain('（ARPU是比率')
  })
  it('nothing to divide: the figure, and how to ask for a split', () => {
    const a = answered('收入构成')
    expect(a.chart).toBe('kpi')
    expect(a.restatement).toContain('饼图要有分组')
    // a count whose share of its whole the model has as a rate: that rate (what share churned is the churn rate)
    const churned = answered('what share of subscribers churned last month')
    expect([churned.chart, churned.interpretation!.metrics]).toEqual(['kpi', ['churn_rate']])
    expect(churned.restatement).toContain('(The share that is churned subscribers is the churn rate.)')
    expect(interp('what percentage of contacts converted').metrics).toEqual(['conversion_rate'])
    expect(interp('上个月成功数占比').metrics).toEqual(['conversion_rate'])
    // a pie asked by name of a count with nothing to divide stays the count, said so
    expect(answered('离网用户饼图').restatement).toContain('饼图要有分组')
  })
})

describe('everyday question words', () => {
  it('哪个/谁的…高 ranks, higher first; 低 / 少 lower first', () => {
    for (const q of ['深圳和广州哪个离网率高', '广州和深圳谁的离网率高']) {
      expect(interp(q), q).toMatchObject({ metrics: ['churn_rate'], groupBy: ['city'], orderBy: { metric: 'churn_rate', direction: 'desc' } })
    }
    expect(interp('哪个省用户多')).toMatchObject({ groupBy: ['province'], orderBy: { metric: 'subscribers', direction: 'desc' } })
    expect(interp('哪个渠道成本低').orderBy).toEqual({ metric: 'cost', direction: 'asc' })
    expect(interp('ARPU较高的城市').orderBy).toEqual({ metric: 'arpu', direction: 'desc' })
    expect(interp('多个城市的ARPU').orderBy ?? null).toBeNull()
    // inside a longer word the word wins: 高价值 is the sub-segment
    expect(interp('高价值客户有多少')).toMatchObject({ metrics: ['subscribers'], filters: [{ dimension: 'sub_segment', values: ['high_value'] }] })
    expect(interp('高价值客户有多少').orderBy ?? null).toBeNull()
  })
  it('how long (多久, 多长, how long … stay) asks for the lifetime, unless a metric is named', () => {
    for (const q of ['全球通用户的生命周期有多长', '全球通用户能留多久', 'how long do gotone subscribers stay', 'how long is the lifetime of gotone subscribers']) {
      expect(interp(q), q).toMatchObject({ metrics: ['median_lifetime'], filters: [{ dimension: 'brand', values: ['gotone'] }] })
    }
    expect(interp('how long do customers stay by brand')).toMatchObject({ metrics: ['median_lifetime'], groupBy: ['brand'] })
    expect(interp('平均处理时长多久').metrics).toEqual(['avg_handle_time'])
    expect(interp('how many customers').metrics).toEqual(['subscribers'])
  })
})

describe('the mix of a dimension with no metric named counts', () => {
  it('男女比例, gender breakdown: subscribers; 渠道构成, breakdown by purpose: contacts; nothing to split still asks', () => {
    for (const q of ['男女比例', 'gender breakdown', '各年龄段的比例']) expect(answered(q), q).toMatchObject({ chart: 'pie', interpretation: { metrics: ['subscribers'] } })
    expect(interp('男女比例').groupBy).toEqual(['gender'])
    expect(interp('深圳各品牌占比')).toMatchObject({ metrics: ['subscribers'], groupBy: ['brand'], filters: [{ dimension: 'city', values: ['440300'] }] })
    // the dimension as it is, before one it maps to: contacts by channel, not subscribers by acquisition channel
    expect(interp('渠道构成')).toMatchObject({ metrics: ['contacts'], groupBy: ['channel'] })
    expect(interp('breakdown by purpose')).toMatchObject({ metrics: ['contacts'], groupBy: ['purpose'] })
    expect(interp('入网渠道构成')).toMatchObject({ metrics: ['subscribers'], groupBy: ['acquisition_channel'] })
    expect(ask('比例').status).toBe('CLARIFY')
  })

  it('as a follow-up, the mix is its own question within the same filters: no old grouping, order or metric', () => {
    const [, g] = conversation('广东各地市的离网率排名前5', '男女比例')
    expect(g.chart).toBe('pie')
    expect(g.interpretation).toMatchObject({ metrics: ['subscribers'], groupBy: ['gender'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] })
    expect(g.interpretation!.orderBy ?? null).toBeNull()
    expect(g.interpretation!.limit ?? null).toBeNull()
    // a member's share: the mix by its dimension, the member among its siblings
    const [, b] = conversation('广东各地市的离网率', '全球通的占比')
    expect(b).toMatchObject({ chart: 'pie', interpretation: { metrics: ['subscribers'], groupBy: ['brand'], filters: [{ dimension: 'province', values: ['440000'] }] } })
    expect(conversation('各省ARPU', '渠道构成')[1].interpretation).toMatchObject({ metrics: ['contacts'], groupBy: ['channel'] })
    // a dimension alone, or a pie named, still changes the previous answer
    expect(conversation('广东各地市的离网率', '按性别')[1].interpretation).toMatchObject({ metrics: ['churn_rate'], groupBy: ['city', 'gender'] })
    expect(conversation('各地市用户数', '换成饼图')[1]).toMatchObject({ chart: 'pie', interpretation: { metrics: ['subscribers'], groupBy: ['city'] } })
  })
})

describe('a map, asked by name', () => {
  it('地图 / on a map draws the map (of China, or a province by city); never by default; 换成地图 changes only the chart', () => {
    for (const q of ['各省离网率地图', '各省份离网率分布图', 'show churn by province on a map', 'map of subscribers by province']) {
      const a = answered(q)
      expect(a.chart, q).toBe('map')
      expect(a.interpretation!.groupBy, q).toEqual(['province'])
    }
    const gd = answered('广东各地市用户数地图')
    expect(gd).toMatchObject({ chart: 'map', interpretation: { groupBy: ['city'], filters: [{ dimension: 'province', values: ['440000'] }] } })
    expect(gd.restatement).toContain('图表：地图')
    expect(answered('各省离网率').chart).not.toBe('map')
    const [a, b] = conversation('各省的ARPU', '换成地图')
    expect(b.chart).toBe('map')
    expect(b.requery).toBe(false)
    expect(b.interpretation).toEqual(a.interpretation)
  })
})

describe('charts and restatements', () => {
  it('default charts', () => {
    expect(answered('深圳动感地带用户的存活曲线').chart).toBe('survival')
    expect(answered('中国电信各维度的能力评分').chart).toBe('radar')
    expect(answered('ARPU 按月').chart).toBe('line')
    // a threshold keeps only some months: bars (a line would run through the months left out)
    expect(answered('哪些月份的ARPU低于75元').chart).toBe('bar')
    expect(answered('今年各月离网率超过4%的月份').chart).toBe('bar')
    expect(answered('各品牌的ARPU').chart).toBe('bar')
    expect(answered('深圳的ARPU').chart).toBe('kpi')
    expect(answered('subscribers by value tier as a pie chart').chart).toBe('pie')
    expect(defaultChart({ metrics: ['arpu'], groupBy: ['brand', 'city', 'value_tier'] })).toBe('table')
  })
  it('restates in the question language', () => {
    const zh = answered('广州上个月各渠道的转化率')
    expect(zh.language).toBe('zh')
    expect(zh.restatement).toMatch(/转化率.*广州市.*按渠道.*2025年5月/)
    const en = answered('conversion rate by channel in Shenzhen last month')
    expect(en.language).toBe('en')
    expect(en.restatement).toMatch(/Conversion rate.*Shenzhen.*by channel.*May 2025/)
  })
})

describe('a reviewer\'s 195 questions (round 2): misreadings', () => {
  it('one RFM score by name is that score, not the capability score', () => {
    for (const q of ['subscribers by RFM recency score', 'subscribers by recency score', '各R值的用户数']) expect(interp(q), q).toMatchObject({ metrics: ['subscribers'], groupBy: ['rfm_r'] })
    expect(interp('subscribers by RFM frequency').groupBy).toEqual(['rfm_f'])
    expect(interp('subscribers by RFM score').groupBy).toEqual(['rfm_cell'])
  })
  it('a capability dimension by its short name (the interaction areas, 高效能组织), with 分数 the score', () => {
    expect(interp("China Telecom's scores on the interaction areas")).toMatchObject({
      metrics: ['capability_score'], groupBy: ['capability_area'],
      filters: [{ dimension: 'capability_entity', values: ['china_telecom'] }, { dimension: 'capability_dimension', values: ['interaction'] }],
    })
    expect(interp('AT&T Wireless 客户交互 分数')).toMatchObject({ metrics: ['capability_score'], filters: [{ dimension: 'capability_entity', values: ['att_wireless'] }, { dimension: 'capability_dimension', values: ['interaction'] }] })
    expect(interp('各运营商的高效能组织得分排名')).toMatchObject({ groupBy: ['capability_entity'], filters: [{ dimension: 'capability_dimension', values: ['organization'] }] })
    expect(interp('interactions by channel last month').metrics).toEqual(['contacts'])
  })
  it('a word with a second meaning takes it where what is named fits it alone, and says so', () => {
    const r = answered('挽留活动的成功率，近6个月')
    expect(r.interpretation).toMatchObject({ metrics: ['retention_success_rate'], filters: [{ dimension: 'campaign_kind', values: ['churn'] }], timeRange: { from: '2024-12', to: '2025-05' } })
    expect(r.restatement).toContain('“成功率”读作挽留成功率')
    expect(interp('10086呼入 平均通话时长 各月')).toMatchObject({ metrics: ['avg_handle_time'], groupBy: ['month'], filters: [{ dimension: 'channel', values: ['hotline_in'] }] })
    // channels by revenue: the revenue contacts brought, by the contact channel (decided: not the acquisition channel's subscriber revenue)
    const c = answered('Top 3 channels by revenue in Guangdong last month')
    expect(c.interpretation).toMatchObject({ metrics: ['channel_revenue'], groupBy: ['channel'], limit: 3 })
    expect(c.restatement).toContain('"revenue" is read as channel revenue, the one that goes by channel')
    expect(conversation('各渠道接触次数', '换成收入')[1].interpretation).toMatchObject({ metrics: ['channel_revenue'], groupBy: ['channel'] })
    // the usual meaning otherwise
    expect(interp('各入网渠道的收入')).toMatchObject({ metrics: ['revenue'], groupBy: ['acquisition_channel'] })
    for (const [q, m] of [['各品牌收入', 'revenue'], ['各渠道的成功率', 'conversion_rate'], ['成功率', 'conversion_rate'], ['神州行用户的平均通话时长', 'mou'], ['各省人均通话时长', 'mou']]) {
      expect(interp(q).metrics, q).toEqual([m])
    }
  })
  it('和X比 / vs X opening a follow-up sets X beside what is shown', () => {
    const [, b] = conversation('深圳电信各能力领域的得分', '和广州电信比一下')
    expect(b.interpretation).toMatchObject({ groupBy: ['capability_area', 'capability_entity'], filters: [{ dimension: 'capability_entity', values: ['shenzhen_telecom', 'guangzhou_telecom'] }] })
    expect(conversation('各渠道转化率', 'and by month')[1].interpretation!.groupBy).toEqual(['channel', 'month'])
    // cities of two provinces: already apart, not grouped by province as well
    expect(conversation('广东各地市离网率', '和福建比')[1].interpretation).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'province', values: ['440000', '350000'] }] })
  })
  it('a contract expiring (next month) is the contract-end view, not a forecast; employees are not in the data', () => {
    for (const q of ['churn rate for customers whose contract expires next month', '合约快到期的用户有多少']) {
      const r = ask(q)
      expect(r.status, q).toBe('UNSUPPORTED')
      expect(r.message, q).toMatch(/Lifecycle|生命周期/)
    }
    expect(ask('who is the best account manager in Shenzhen').message).toMatch(/no data per employee/)
  })
  it('same quarter last year: the range asked before, a year earlier; 上上个月, two months ago', () => {
    const [, b] = conversation('how many gotone users churned in Q1 this year', 'same quarter last year?')
    expect(b.interpretation).toMatchObject({ metrics: ['churned_subscribers'], groupBy: [], timeRange: { from: '2024-01', to: '2024-03' } })
    expect(conversation('2025年3月的ARPU', '去年同月呢')[1].interpretation!.timeRange).toEqual({ from: '2024-03', to: '2024-03' })
    expect(interp('上上个月的新增用户').timeRange).toEqual({ from: '2025-04', to: '2025-04' })
    expect(interp('what was ARPU two months ago').timeRange).toEqual({ from: '2025-04', to: '2025-04' })
    expect(interp('3个月前的ARPU').timeRange).toEqual({ from: '2025-03', to: '2025-03' })
    // the same period last year stays the year-on-year comparison
    expect(interp('revenue YTD vs same period last year')).toMatchObject({ timeRange: { from: '2025-01', to: '2025-05' }, compare: 'yoy' })
  })
  it('one word for several members (预付费) filters to them as one group, in a follow-up as in a first question', () => {
    const fresh = interp('预付费用户的收入')
    expect(fresh).toMatchObject({ groupBy: [], filters: [{ dimension: 'brand', values: ['mzone', 'easyown'] }] })
    for (const [first, only] of [['今年以来广东每个月的收入', '只看预付费的'], ['ARPU by city', 'only prepaid']]) {
      const [a, b] = conversation(first, only)
      expect(b.interpretation!.groupBy, only).toEqual(a.interpretation!.groupBy)
      expect(b.interpretation!.filters, only).toContainEqual({ dimension: 'brand', op: 'in', values: ['mzone', 'easyown'] })
    }
    // two members named, or one added, still stand side by side
    expect(conversation('深圳的离网率', '再加上广州')[1].interpretation!.groupBy).toEqual(['city'])
  })
})

describe('a reviewer\'s 195 questions (round 2): ordinary wording', () => {
  it('is understood without asking', () => {
    const cases: [string, Partial<MetricQuery>][] = [
      ['各价值分层客户的ARPU，按从高到低排', { metrics: ['arpu'], groupBy: ['value_tier'], orderBy: { metric: 'arpu', direction: 'desc' } }],
      ['神州行用户的中位生命周期是几个月', { metrics: ['median_lifetime'], filters: [{ dimension: 'brand', op: 'in', values: ['easyown'] }] }],
      ['中国电信哪个能力领域最弱', { metrics: ['capability_score'], groupBy: ['capability_area'], orderBy: { metric: 'capability_score', direction: 'asc' } }],
      ['which dimension is Singapore Wireless strongest in?', { metrics: ['capability_score'], groupBy: ['capability_dimension'], orderBy: { metric: 'capability_score', direction: 'desc' } }],
      ['深圳 贵宾客户 数量', { metrics: ['subscribers'], filters: [{ dimension: 'city', op: 'in', values: ['440300'] }, { dimension: 'value_tier', op: 'in', values: ['vip'] }] }],
      ['客户经理渠道每次接触成本是多少钱', { metrics: ['cost_per_contact'], filters: [{ dimension: 'channel', op: 'in', values: ['account_manager'] }] }],
      ['动感地带用户一般能留多久', { metrics: ['median_lifetime'], filters: [{ dimension: 'brand', op: 'in', values: ['mzone'] }] }],
      ['神州行商务用户和年轻用户的ARPU差多少', { metrics: ['arpu'], groupBy: ['sub_segment'] }],
      ['放弃型客户占多少比例？', { metrics: ['subscribers'], groupBy: ['value_tier'] }],
      ['各生命周期阶段偏好的渠道', { metrics: ['contacts'], groupBy: ['lifecycle_stage', 'channel'] }],
      ['which lifecycle stage gets the most marketing contacts', { metrics: ['contacts'], groupBy: ['lifecycle_stage'], filters: [{ dimension: 'purpose', op: 'in', values: ['marketing'] }] }],
      ['first contact resolution for complaints by channel, last 6 months, worst first', { metrics: ['first_contact_resolution'], groupBy: ['channel'], orderBy: { metric: 'first_contact_resolution', direction: 'asc' } }],
      ['complaints by channel last month', { metrics: ['contacts'], groupBy: ['channel'], filters: [{ dimension: 'purpose', op: 'in', values: ['complaint'] }] }],
      ['哪家外国运营商的企业集成得分最高', { metrics: ['capability_score'], groupBy: ['capability_entity'], orderBy: { metric: 'capability_score', direction: 'desc' } }],
      ['churn rate for students', { metrics: ['churn_rate'], filters: [{ dimension: 'quadrant', op: 'in', values: ['C'] }] }],
      ['深圳離網率為什麼這麼高', { metrics: ['churn_rate'], filters: [{ dimension: 'city', op: 'in', values: ['440300'] }] }],
    ]
    for (const [q, want] of cases) expect(interp(q), q).toMatchObject(want)
    expect(answered('放弃型客户占多少比例？').chart).toBe('pie')
    expect(interp('哪家外国运营商的企业集成得分最高').filters![0].values).toHaveLength(7)
    expect(interp('西部省份的用户数').filters![0].values).toHaveLength(12)
    // drill into X after a ranking of provinces: its cities
    expect(conversation('which province has the lowest churn rate?', 'drill into Guangdong')[1].interpretation).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'province', values: ['440000'] }] })
    // the whole country named beside a province: the provinces ranked, the province marked
    expect(answered('compare Guangdong with the national average churn')).toMatchObject({ position: true, focus: { dimension: 'province', values: ['440000'] } })
  })
  it('a number that is every member of a dimension (三大品牌, the three brands, all five dimensions) says all of them; another number still asks', () => {
    for (const q of ['三大品牌的用户占比', '三个品牌用户各占多少']) expect(answered(q), q).toMatchObject({ chart: 'pie', interpretation: { metrics: ['subscribers'], groupBy: ['brand'] } })
    expect(interp('what are the churn rates of the three brands in Guangdong')).toMatchObject({ metrics: ['churn_rate'], groupBy: ['brand'] })
    expect(interp('Telstra vs BT vs China Telecom on all five capability dimensions')).toMatchObject({ groupBy: ['capability_entity', 'capability_dimension'] })
    expect(ask('三个城市的离网率').unknownWords.map((w) => w.text)).toEqual(['三'])
  })
  it('a point of tenure is a point on the survival curve, said so; the first months of a year are a time', () => {
    for (const q of ['硬合约用户在网12个月的存活率', 'what is the survival rate at 12 months for hard contract users']) {
      const r = answered(q)
      expect(r.interpretation, q).toMatchObject({ metrics: ['survival_rate'], filters: [{ dimension: 'contract_type', values: ['hard'] }] })
      expect(r.restatement, q).toMatch(/图中标出第12个月|Month 12 is marked on the curve/)
    }
    // how many are left after a tenure, in years or months (入网一年后还剩多少, still active after 12 months)
    for (const [q, months] of [['入网一年后还剩多少', 12], ['全球通入网半年后还剩多少', 6], ['一年后还在网的比例', 12], ['在网满两年的存活率', 24], ['what share are still active after 12 months', 12]] as const) {
      const r = answered(q)
      expect(r.interpretation!.metrics, q).toEqual(['survival_rate'])
      expect(r.tenure, q).toMatchObject({ months })
    }
    const c = answered('新入网用户前三个月的流失比例')
    expect(c.interpretation!.metrics).toEqual(['survival_rate'])
    expect(c.restatement).toContain('前3个月的流失比例 = 1 − 第3个月的存活率')
    expect(interp('今年前3个月的收入')).toMatchObject({ metrics: ['revenue'], timeRange: { from: '2025-01', to: '2025-03' } })
    expect(interp('revenue in the first 3 months of 2024').timeRange).toEqual({ from: '2024-01', to: '2024-03' })
    expect(ask('第3个月的ARPU').status).toBe('CLARIFY')
    // the point goes with the answer, so the service can read it off the curve
    expect(c.tenure).toEqual({ months: 3, within: true })
    expect(answered('硬合约用户在网12个月的存活率').tenure).toEqual({ months: 12, within: false })
    expect(answered('硬合约用户的存活率').tenure).toBeNull()
  })
  it('a sub-segment names its brand in the restatement (高价值 is M-Zone\'s, not a value tier)', () => {
    const r = answered('高价值客户有多少')
    expect(r.interpretation!.filters).toEqual([{ dimension: 'sub_segment', op: 'in', values: ['high_value'] }])
    expect(r.restatement).toContain('品牌细分：高价值（动感地带）')
    expect(answered('how many high value subscribers').restatement).toMatch(/High value \(M-Zone\)/)
  })
  it('留存率 and "N个月留存率 / 12-month survival rate" are the survival curve at a point; 近12个月 stays a time, 批次留存 the cohort page', () => {
    for (const q of ['12个月留存率是多少', '全球通6个月的存活率', '各品牌12个月的留存率', '12-month survival rate by brand']) {
      const r = answered(q)
      expect(r.interpretation!.metrics, q).toEqual(['survival_rate'])
      expect(r.tenure?.within, q).toBe(false)
      expect(r.tenure?.months, q).toBe(q.includes('6') ? 6 : 12)
    }
    expect(answered('各品牌12个月的留存率').interpretation!.groupBy).toEqual(['brand'])
    // in years; 12-month retention is survival (a campaign's retention success rate has no tenure)
    for (const [q, months] of [['半年留存率', 6], ['一年存活率', 12], ['两年的留存率', 24], ['2年留存率', 24]] as const) {
      const r = answered(q)
      expect([r.interpretation!.metrics, r.tenure], q).toEqual([['survival_rate'], { months, within: false }])
    }
    const en = answered('12-month retention rate by contract type')
    expect([en.interpretation!.metrics, en.interpretation!.groupBy, en.tenure]).toEqual([['survival_rate'], ['contract_type'], { months: 12, within: false }])
    expect(answered('retention rate by campaign kind').interpretation!.metrics).toEqual(['retention_success_rate'])
    expect(answered('2024年入网用户的存活率').tenure).toBeNull()
    const recent = answered('近12个月的存活率')
    expect(recent.tenure).toBeNull()
    expect(recent.interpretation!.timeRange).toBeTruthy()
    expect(answered('客户留存率').interpretation!.metrics).toEqual(['survival_rate'])
    expect(ask('批次留存率').interpretation).toBeNull()
  })
  it('the curve read at the point: per group in catalogue order, the step at or before it, 1 − S within, not observed past follow-up', () => {
    const q: MetricQuery = { metrics: ['survival_rate'], groupBy: ['brand'], filters: [] }
    const row = (brand: string, tenure: number, s: number) => ({ brand, tenure, survival_rate: s, ci_low: s - 0.01, ci_high: s + 0.01 })
    const rows = [row('mzone', 0, 1), row('mzone', 10, 0.5), row('mzone', 14, 0.4), row('gotone', 0, 1), row('gotone', 12, 0.9), row('gotone', 13, 0.88), row('easyown', 0, 1), row('easyown', 11, 0.7)]
    expect(parser.point(q, { months: 12, within: false }, rows, 'zh')).toBe('在网12个月的存活率：全球通 90.0%，动感地带 50.0%，神州行 未观察到在网12个月。')
    expect(parser.point(q, { months: 12, within: true }, rows, 'en')).toBe('Churned within the first 12 months: GoTone 10.0%, M-Zone 50.0%, Easyown not followed for 12 months.')
    // a ranking asked: by the value read, highest first, the group not followed that long last
    expect(parser.point({ ...q, orderBy: { metric: 'survival_rate', direction: 'asc' } }, { months: 12, within: false }, rows, 'zh')).toBe('在网12个月的存活率：动感地带 50.0%，全球通 90.0%，神州行 未观察到在网12个月。')
    expect(parser.point({ ...q, orderBy: { metric: 'survival_rate', direction: 'desc' } }, { months: 12, within: false }, rows, 'zh')).toBe('在网12个月的存活率：全球通 90.0%，动感地带 50.0%，神州行 未观察到在网12个月。')
    const one = rows.filter((r) => r.brand === 'mzone').map(({ brand: _, ...r }) => r)
    expect(parser.point({ metrics: ['survival_rate'], groupBy: [] }, { months: 11, within: true }, one, 'zh')).toBe('前11个月的流失比例：50.0%（95%置信区间 49.0%–51.0%）。')
  })
  it('did you mean: several slips corrected at once, a two-character name, labels that name what the word was read as', () => {
    const a = ask('churn rat by provnice')
    expect(a.choices).toHaveLength(1)
    expect(a.choices[0].interpretation).toMatchObject({ metrics: ['churn_rate'], groupBy: ['province'] })
    expect(ask('深证的ARPU').choices[0].interpretation).toMatchObject({ metrics: ['arpu'], filters: [{ dimension: 'city', values: ['440300'] }] })
    expect(ask('churm rate by city').choices[0].label).toMatch(/^Churn rate: Churn rate, by city/)
    expect(ask('ARPU值按品牌的离网律').choices.map((c) => c.label).join()).not.toMatch(/arpu值|有多少|fcrs/)
    // a word beside a conjunction is not glued to it: 和老 is not a slip of 和田 (和田地区)
    const slip = ask('全球通和紫用户的ARPU')
    expect(slip.unknownWords.map((w) => w.text)).toEqual(['紫'])
    expect(slip.choices.map((c) => c.label).join()).not.toMatch(/和田/)
  })
  it('a word close to nothing: the rest of the question is offered without it, never answered by itself; a carrier not assessed gets the list of those that are', () => {
    const v = ask('中国电信和Verizon的客户洞察能力对比')
    expect(v.status).toBe('CLARIFY')
    expect(v.unknownWords.map((w) => w.text)).toEqual(['Verizon'])
    expect(v.message).toMatch(/^没有理解“Verizon”。CRM能力评分的评估对象只有：中国电信、深圳电信、广州电信、福州电信、AT&T Wireless、.*Singtel Optus，以及各省市自己录入的自评。是不是指下面的意思？$/)
    expect(v.choices).toHaveLength(1)
    expect(v.choices[0].label).toMatch(/^不含“Verizon”：能力评分；评估对象：中国电信；能力维度：客户洞察/)
    expect(v.choices[0].interpretation).toMatchObject({ metrics: ['capability_score'], filters: [{ dimension: 'capability_entity', values: ['china_telecom'] }, { dimension: 'capability_dimension', values: ['insight'] }] })
    expect(ask('Vodafone vs China Telecom capability').message).toContain('The CRM capability scores assess only: China Telecom, Shenzhen Telecom')
    // a region is an entity too (its own assessments), but names no capability question: no list
    const g = ask('广东 foo 的离网率')
    expect(g.message).toBe('没有理解“foo”。是不是指下面的意思？')
    expect(g.choices.map((c) => c.interpretation)).toEqual([expect.objectContaining({ metrics: ['churn_rate'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] })])
    // a close word wins over leaving the word out; nothing whole left → no choice
    expect(ask('深证的ARPU').choices.map((c) => c.label).join()).not.toMatch(/不含/)
    expect(ask('深圳 foo bar').choices).toEqual([])
  })
  it('a radar of a whole entity\'s capability is drawn over the dimensions, as a question or as a follow-up', () => {
    const r = ask('中国电信的能力雷达图')
    expect([r.status, r.chart]).toEqual(['ANSWERED', 'radar'])
    expect(r.interpretation).toMatchObject({ metrics: ['capability_score'], groupBy: ['capability_dimension'], filters: [{ dimension: 'capability_entity', values: ['china_telecom'] }] })
    expect(r.restatement).toContain('（雷达图按五个能力维度画。）')
    expect(interp('中国电信和深圳电信的能力评分雷达图').groupBy).toEqual(['capability_entity', 'capability_dimension'])
    expect(ask('capability radar of Shenzhen Telecom').restatement).toContain('(The radar is drawn over the five capability dimensions.)')
    // already by area, or asked as a card: left as asked
    expect(interp('深圳电信各领域的能力评分雷达图').groupBy).toEqual(['capability_area'])
    expect(interp('中国电信的能力评分').groupBy).toEqual([])
    const f = ask('换成雷达图', ask('中国电信的能力评分'))
    expect([f.status, f.chart, f.requery]).toEqual(['ANSWERED', 'radar', true])
    expect(f.interpretation!.groupBy).toEqual(['capability_dimension'])
  })
  it('a metric that cannot go by a dimension says which metrics do; how well campaigns work offers them', () => {
    expect(ask('conversion rate by campaign last 3 months').message).toContain('By campaign kind there are: Targeted customers, Hit rate, Lift, Retention success rate.')
    const r = ask('营销活动效果怎么样')
    expect(r.status).toBe('CLARIFY')
    expect(r.choices.map((c) => c.label)).toEqual(['命中率', '提升度', '挽留成功率'])
  })
  it('how well channels pay off (效率最高的渠道, most cost-effective channel) offers the efficiency measures, each ranked best first', () => {
    for (const q of ['效率最高的渠道', '性价比最高的渠道', '哪个渠道效果最好', 'which channel is most cost-effective', 'most efficient channel']) {
      const r = ask(q)
      expect(r.status, q).toBe('CLARIFY')
      expect(r.choices.map((c) => [c.interpretation!.metrics, c.interpretation!.orderBy]), q).toEqual([
        [['conversion_rate'], { metric: 'conversion_rate', direction: 'desc' }],
        [['cost_per_conversion'], { metric: 'cost_per_conversion', direction: 'asc' }], // the cheapest is the best
        [['roi'], { metric: 'roi', direction: 'desc' }],
      ])
    }
    expect(ask('效率最低的渠道').choices.map((c) => c.interpretation!.orderBy!.direction)).toEqual(['asc', 'desc', 'asc'])
    // 效果 of campaigns: the campaign measures, and the message names only those
    const c = ask('活动类型的效果')
    expect(c.choices.map((x) => x.label)).toEqual(['命中率', '提升度', '挽留成功率'])
    expect(c.message).toBe('“效果”有不止一种意思：命中率；提升度；挽留成功率。请选择一个。')
    // no measure at all (best channel): the metrics of the channel's own data are offered first
    expect(ask('best channel').choices.map((c) => c.interpretation!.metrics[0])).toEqual(['contacts', 'conversion_rate', 'cost_per_conversion', 'subscribers'])
    expect(ask('各品牌情况').choices.map((c) => c.interpretation!.metrics[0])).toEqual(['subscribers', 'churn_rate', 'arpu', 'revenue'])
    // the measure named outright keeps its literal order
    expect(interp('每次转化成本最高的渠道').orderBy).toEqual({ metric: 'cost_per_conversion', direction: 'desc' })
  })
})

describe('a reviewer\'s 195 questions (round 2): charts that can be read', () => {
  it('a ranking with no number over more members than a chart shows: the first ten, said so; within the viewer\'s region counted as they see it', () => {
    const r = answered('近3个月 电子渠道占比 最低的城市')
    expect(r.interpretation).toMatchObject({ groupBy: ['city'], orderBy: { metric: 'e_channel_share', direction: 'asc' }, limit: 10 })
    expect(r.restatement).toMatch(/（共\d+个地市，列出最低的10个；可以说“倒数20”看更多。）/)
    expect(answered('lowest churn cities').restatement).toMatch(/\d+ cities: the lowest 10 are shown; say "bottom 20" for more/)
    // 31 provinces, a province's cities, a Guangdong viewer's cities: all of them
    for (const q of ['哪个省离网率最高', '广东各地市离网率排名']) expect(interp(q).limit ?? null, q).toBeNull()
    expect(parser.parse('各地市离网率排名', { asOf, scope: '440000' }).interpretation!.limit ?? null).toBeNull()
    expect(interp('前20的城市 按ARPU').limit).toBe(20)
    // the carriers assessed are a few, not every region that could assess itself
    expect(interp('各运营商的高效能组织得分排名').limit ?? null).toBeNull()
  })
  it('那深圳呢 after a ranking of regions: Shenzhen among its province\'s cities, marked; 只看深圳 narrows to it', () => {
    for (const first of ['哪个省离网率最高', '广东各地市离网率排名']) {
      const [, b] = conversation(first, '那深圳呢')
      expect(b.interpretation, first).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] })
      expect(b.focus, first).toEqual({ dimension: 'city', values: ['440300'] })
      expect(b.restatement, first).toContain('深圳市在广东省各地市中标出')
    }
    expect(conversation('广东各地市离网率排名', '只看深圳')[1].interpretation!.filters).toEqual([{ dimension: 'city', op: 'in', values: ['440300'] }])
    expect(conversation('今年以来广东每个月的收入', '那深圳呢')[1].interpretation).toMatchObject({ groupBy: ['month'], filters: [{ dimension: 'city', values: ['440300'] }] })
  })
  it('a distribution over two dimensions is a heatmap; RFM分布 is R × F', () => {
    expect(answered('各生命周期阶段偏好的渠道').chart).toBe('heatmap')
    const rfm = answered('RFM分布')
    expect(rfm.restatement).toContain('RFM分布按R×F画热力图')
    expect(answered('年龄分布').chart).toBe('bar')
  })
})

describe('a reviewer\'s 257 questions (round 3): numbers, counts, change words, averages', () => {
  it('a change word beside a comparison is the comparison, not the change stage; drop before a member removes it', () => {
    expect(interp('MoM change in conversions by channel')).toMatchObject({ metrics: ['conversions'], groupBy: ['channel'], filters: [], compare: 'mom' })
    const [, b] = conversation('ARPU by brand in Fujian', 'drop easyown')
    expect(b.interpretation!.filters).toContainEqual({ dimension: 'brand', op: 'not_in', values: ['easyown'] })
    // beside its own dimension Drop is still the value tier
    expect(interp('subscribers in the drop value tier').filters).toEqual([{ dimension: 'value_tier', op: 'in', values: ['drop'] }])
  })
  it('a number beside a banded dimension (satisfaction, loyalty, age) names its bands, not a threshold on the metric', () => {
    const cases: [string, Partial<MetricQuery>][] = [
      ['MOU for loyalty band 80-95 vs below 40', { metrics: ['mou'], groupBy: ['loyalty_band'], filters: [{ dimension: 'loyalty_band', op: 'in', values: ['80_95', 'lt40'] }] }],
      ["what's the DOU for users under 18?", { metrics: ['dou'], filters: [{ dimension: 'age_band', op: 'in', values: ['lt18'] }] }],
      ['满意度在95分以上的客户离网率', { metrics: ['churn_rate'], filters: [{ dimension: 'satisfaction_band', op: 'in', values: ['95_100'] }] }],
      ['满意度60到80分的用户ARPU', { metrics: ['arpu'], filters: [{ dimension: 'satisfaction_band', op: 'in', values: ['60_80'] }] }],
      ['60岁以上用户的ARPU', { metrics: ['arpu'], filters: [{ dimension: 'age_band', op: 'in', values: ['60plus'] }] }],
      ['churn rate of female subscribers aged 18-24', { filters: [{ dimension: 'gender', op: 'in', values: ['female'] }, { dimension: 'age_band', op: 'in', values: ['18_24'] }] }],
      // elsewhere a number is still a threshold on the metric, before (高于七十元) or after it (5%以上), or a range
      ['福建各地市的ARPU，高于七十元的', { groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['350000'] }, { dimension: 'arpu', op: 'gt', values: ['70'] }] }],
      ['哪些地市的电子渠道占比不到50%', { groupBy: ['city'], filters: [{ dimension: 'e_channel_share', op: 'lt', values: ['0.5'] }] }],
      ['离网率5%以上的省份', { filters: [{ dimension: 'churn_rate', op: 'gte', values: ['0.05'] }] }],
      ['ARPU 50到100元的地市', { filters: [{ dimension: 'arpu', op: 'gte', values: ['50'] }, { dimension: 'arpu', op: 'lte', values: ['100'] }] }],
    ]
    for (const [q, want] of cases) expect(interp(q), q).toMatchObject(want)
    // a number between two bands' edges: the data has the bands only
    const r = ask('满意度90分以上的离网率')
    expect(r.status).toBe('CLARIFY')
    expect(r.message).toContain('满意度按档记录')
  })
  it('a count word beside a count of customers asks for that count (how many customers did we reach, 触达了多少客户)', () => {
    expect(interp('how many customers did we reach through the app last month')).toMatchObject({ metrics: ['reached_customers'], filters: [{ dimension: 'channel', op: 'in', values: ['app'] }] })
    expect(interp('短信营业厅触达了多少客户？')).toMatchObject({ metrics: ['reached_customers'], filters: [{ dimension: 'channel', op: 'in', values: ['sms'] }] })
    expect(interp('新增用户数和用户数').metrics).toEqual(['new_subscribers', 'subscribers'])
  })
  it('an average of a ratio is the ratio; of a total, the model\'s average of it or a question; never a place called 平凉', () => {
    expect(interp('全省平均ARPU是多少').metrics).toEqual(['arpu'])
    expect(interp("gray list customers' average MOU")).toMatchObject({ metrics: ['mou'], filters: [{ dimension: 'credit_list', values: ['gray'] }] })
    expect(interp('动感地带用户的平均DOU是多少M').metrics).toEqual(['dou'])
    const rev = answered('average revenue by brand')
    expect(rev.interpretation!.metrics).toEqual(['arpu'])
    expect(rev.restatement).toContain('read as ARPU')
    const c = ask('平均接触次数')
    expect(c.status).toBe('CLARIFY')
    expect(c.message).toContain('接触次数是合计数')
    expect(answered('客户经理发展的用户平均能待几个月')).toMatchObject({ interpretation: { metrics: ['median_lifetime'], filters: [{ dimension: 'acquisition_channel', values: ['account_manager'] }] } })
    expect(answered('客户经理发展的用户平均能待几个月').restatement).toContain('中位生命周期')
  })
  it('a whole province is said as such (全省, 咱们省, our province): the service refuses a city\'s viewer, asks a national one which', () => {
    expect(answered('全省平均ARPU是多少').province).toBe(true)
    expect(answered('咱们省上个月流失了多少人')).toMatchObject({ province: true, interpretation: { metrics: ['churned_subscribers'] } })
    expect(answered('广东省的离网率').province).toBe(false)
    // 全省呢 after a city: the city's province
    const [, b] = conversation('深圳的离网率', '全省呢')
    expect(b).toMatchObject({ province: true, interpretation: { filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] } })
  })
})

describe('a reviewer\'s 257 questions (round 3): what the answer shows', () => {
  it('a ranking of nothing grouped goes by the dimension the metric is named after (渠道收入前三), else asks', () => {
    expect(interp('渠道收入前三')).toMatchObject({ metrics: ['channel_revenue'], groupBy: ['channel'], orderBy: { metric: 'channel_revenue', direction: 'desc' }, limit: 3 })
    const r = ask('收入前三')
    expect(r.status).toBe('CLARIFY')
    expect(r.message).toContain('“前3”是在什么里面排')
  })
  it('a share of a class split by that class (e-channel share by channel) is refused with what goes by it; a pie of a rate is declined in a follow-up too', () => {
    for (const q of ['各渠道的电子渠道占比', 'e-channel share by channel']) {
      const r = ask(q)
      expect(r.status, q).toBe('UNSUPPORTED')
      expect(r.message, q).toMatch(/不是100%就是0%|100% or 0%/)
    }
    expect(conversation('各省电子渠道占比')[0].status).toBe('ANSWERED')
    expect(ask('按渠道', answered('各省电子渠道占比')).status).toBe('UNSUPPORTED')
    for (const [first, pie] of [['各省ARPU', '换成饼图'], ['e-channel share by city in Guangdong', 'as a pie']]) {
      const r = ask(pie, answered(first))
      expect(r, first).toMatchObject({ status: 'ANSWERED', chart: 'bar', requery: false })
      expect(r.restatement, first).toMatch(/是比率，各部分不能相加，不画饼图|is a ratio; its parts do not add up, so no pie/)
    }
  })
  it('another metric of the same data asked alone is asked of what is shown (survival curves by contract type → only Guangdong → the median)', () => {
    const [, , c] = conversation('survival curves by contract type', 'only Guangdong', "what's the median?")
    expect(c.interpretation).toMatchObject({ metrics: ['median_lifetime'], groupBy: ['contract_type'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] })
    // another data set is a new question
    expect(conversation('survival curves by contract type', 'ARPU')[1].interpretation).toMatchObject({ metrics: ['arpu'], groupBy: [] })
  })
  it('days counted back on a metric recorded by month are its whole months, said so; named days are refused in the question\'s language', () => {
    const r = answered('贵宾型客户的DOU近90天按月走势', null, '2026-11-23')
    expect(r.interpretation).toMatchObject({ metrics: ['dou'], groupBy: ['month'], timeRange: { from: '2026-08', to: '2026-10' } })
    expect(r.restatement).toContain('（DOU按月记录：“近90天”按整月算，2026年8月至2026年10月。）')
    expect(interp('近30天的接触次数', null, '2026-11-23').timeRange).toEqual({ from: '2026-10-24', to: '2026-11-22' })
    const d = ask('10月1日到10月15日的收入', null, '2026-11-23')
    expect(d.status).toBe('UNSUPPORTED')
    expect(d.message).toMatch(/^收入按月记录/)
    expect(d.message).not.toMatch(/[a-z]{4}/)
  })
  it('what the planner refuses is said in the question\'s language; a district names the viewer\'s own city', () => {
    const r = ask('动感地带存活率同比')
    expect(r.status).toBe('UNSUPPORTED')
    expect(r.message).toMatch(/^无法按这个理解查询（存活率；品牌：动感地带；.*）：这几个条件不能一起查询/)
    expect(r.message).not.toMatch(/[a-z]{4}/)
    expect(ask('compare survival rate year over year').message).toMatch(/^That cannot be queried: compare \(yoy\)/)
    expect(parser.parse('南山区的离网率', { asOf, scope: '440000' }).message).toBe('数据只到地市一级，没有区县：可以改问深圳市。（“南山区”）')
    expect(ask('南山区的离网率').message).toMatch(/鹤岗市/)
  })
  it('charts: two groupings of a count are bars side by side when few, a heatmap when many; ranked scores are bars; a ranking then over time is in time order; a chart chosen stays through a filter', () => {
    expect(answered('各品牌的男女比例')).toMatchObject({ chart: 'bar', interpretation: { groupBy: ['brand', 'gender'] } })
    expect(answered('show me contact volume by lifecycle stage and channel').chart).toBe('heatmap')
    expect(answered('Guangzhou telecom weakest area in customer interaction').chart).toBe('bar')
    expect(answered('福州电信各能力维度得分').chart).toBe('radar')
    const scoped = (q: string, previous?: ParseResult) => parser.parse(q, { asOf, scope: '440000', previous: previous ? { interpretation: previous.interpretation!, chart: previous.chart! } : null })
    const monthly = scoped('monthly for the last six months', scoped('which city has the highest e-channel share?'))
    expect(monthly.interpretation).toMatchObject({ groupBy: ['city', 'month'] })
    expect(monthly.interpretation!.orderBy ?? null).toBeNull()
    const [, pie, only] = conversation('深圳各价值分层的用户数', '换成饼图', '只看全球通')
    expect([pie.chart, only.chart]).toEqual(['pie', 'pie'])
  })
})

describe('a reviewer\'s 257 questions (round 3): ordinary wording', () => {
  it('ranked by a change: by the metric\'s _change (the query orders by it), every member\'s value and change in a table', () => {
    const cases: [string, 'yoy' | 'mom', string, 'asc' | 'desc', number | null][] = [
      ['上个月哪个地市的离网率环比涨得最多', 'mom', 'churn_rate_change', 'desc', 10],
      ['which provinces saw the biggest drop in ARPU month over month?', 'mom', 'arpu_change', 'asc', null],
      ['收入同比增长最快的省份', 'yoy', 'revenue_change', 'desc', null],
      ['收入同比增长最多的省份', 'yoy', 'revenue_change', 'desc', null],
      ['收入同比下降最多的省份', 'yoy', 'revenue_change', 'asc', null],
      ['ARPU环比下降最多的城市', 'mom', 'arpu_change', 'asc', 10],
      ['用户数同比增长最慢的5个省', 'yoy', 'subscribers_change', 'asc', 5],
      ['which province grew revenue the most year over year', 'yoy', 'revenue_change', 'desc', null],
    ]
    for (const [q, compare, metric, direction, limit] of cases) {
      const r = answered(q)
      expect(r.interpretation, q).toMatchObject({ compare, orderBy: { metric, direction } })
      expect(r.interpretation!.limit ?? null, q).toBe(limit)
      expect(r.chart, q).toBe('table')
    }
    expect(answered('收入同比增长最快的省份').restatement).toContain('按收入同比变化从高到低排序')
    expect(answered('which province grew revenue the most year over year').restatement).toContain('sorted highest first by the year-over-year change in revenue')
    // a growth word alone asks which comparison; each choice ranks by the change
    expect(ask('Top 5 provinces by revenue growth').choices.map((c) => [c.interpretation!.compare, c.interpretation!.orderBy, c.interpretation!.limit]))
      .toEqual([['yoy', { metric: 'revenue_change', direction: 'desc' }, 5], ['mom', { metric: 'revenue_change', direction: 'desc' }, 5]])
    // which ones rose / fell: those whose change is on that side of 0, every one of them, in a table
    const fell = answered('哪些省份的收入同比下降了')
    expect(fell.interpretation).toMatchObject({ compare: 'yoy', filters: [{ dimension: 'revenue_change', op: 'lt', values: ['0'] }], orderBy: { metric: 'revenue_change', direction: 'asc' } })
    expect([fell.chart, fell.restatement]).toEqual(['table', expect.stringContaining('收入同比变化 < 0%')])
    const rose = interp('which cities saw churn rise month over month')
    expect(rose).toMatchObject({ compare: 'mom', filters: [{ dimension: 'churn_rate_change', op: 'gt', values: ['0'] }] })
    expect(rose.limit ?? null).toBeNull()
    expect(interp('各省收入同比增长情况').filters).toEqual([]) // not a question of which: every one, with its change
    // a follow-up keeps the change's filter and order while the metric is compared; a metric put in
    // its place takes them over (which cities saw ARPU fall); one added beside it, or a metric without
    // a comparison, does not
    const [, gd, arpu, both] = conversation('哪些省份的收入同比下降了', '只看广东', '换成ARPU', '再加上收入')
    expect(gd.interpretation).toMatchObject({ groupBy: ['city'], orderBy: { metric: 'revenue_change', direction: 'asc' } })
    expect(gd.interpretation!.filters).toContainEqual({ dimension: 'revenue_change', op: 'lt', values: ['0'] })
    expect(arpu.interpretation).toMatchObject({ metrics: ['arpu'], compare: 'yoy', groupBy: ['city'], orderBy: { metric: 'arpu_change', direction: 'asc' } })
    expect(arpu.interpretation!.filters).toContainEqual({ dimension: 'arpu_change', op: 'lt', values: ['0'] })
    expect(arpu.interpretation!.filters!.some((f) => f.dimension.startsWith('revenue'))).toBe(false)
    expect(arpu.restatement).toContain('ARPU同比变化 < 0%')
    expect(arpu.restatement).not.toContain('已去掉')
    expect(both.interpretation).toMatchObject({ metrics: ['arpu', 'revenue'], orderBy: { metric: 'arpu_change', direction: 'asc' } })
    const [, growth] = conversation('收入同比增长最快的5个省份', '换成ARPU')
    expect(growth.interpretation).toMatchObject({ metrics: ['arpu'], compare: 'yoy', orderBy: { metric: 'arpu_change', direction: 'desc' }, limit: 5 })
    const [, contacts] = conversation('哪些省份的收入同比下降了', '换成接触次数')
    expect(contacts.interpretation!.filters!.some((f) => f.dimension.endsWith('_change'))).toBe(contacts.interpretation!.compare === 'yoy')
    // below the average: a ratio put in its place is held to its own average; a count has none, and the condition goes, said so
    const [, below, churn, subs] = conversation('广东哪些地市的ARPU低于全省平均', '只看全球通', '换成离网率', '换成用户数')
    expect(below.interpretation!.filters).toContainEqual({ dimension: 'arpu', op: 'lt', values: ['total'] })
    expect(churn.interpretation!.filters).toContainEqual({ dimension: 'churn_rate', op: 'lt', values: ['total'] })
    expect(churn.interpretation!.filters).toContainEqual({ dimension: 'brand', op: 'in', values: ['gotone'] })
    expect(subs.interpretation!.filters!.some((f) => f.values[0] === 'total')).toBe(false)
    expect(subs.restatement).toContain('已去掉')
    // higher / lower than the period before: its change on that side of 0
    expect(interp('离网率比去年同期高的省份')).toMatchObject({ compare: 'yoy', filters: [{ dimension: 'churn_rate_change', op: 'gt', values: ['0'] }] })
    expect(interp('ARPU比上月低的地市')).toMatchObject({ compare: 'mom', filters: [{ dimension: 'arpu_change', op: 'lt', values: ['0'] }] })
    expect(interp('收入比去年高了多少')).toMatchObject({ compare: 'yoy', filters: [] }) // how much: the figures and the change
    // a comparison named beside an order of values still orders by the values
    expect(interp('各省ARPU同比 从高到低').orderBy).toEqual({ metric: 'arpu', direction: 'desc' })
    expect(interp('ARPU最高的城市 环比').orderBy).toEqual({ metric: 'arpu', direction: 'desc' })
  })
  it('a why-question with a change word reads the change from the period before, and says causes are not inferred', () => {
    for (const q of ['为什么十月份动感地带离网率上升了', 'Why did M-Zone churn jump in October?', '韶关的ARPU为啥这么低']) {
      const r = answered(q, null, '2026-11-23')
      expect(r.restatement, q).toMatch(/不推断原因|does not infer causes/)
      if (!q.includes('为啥')) expect(r.interpretation!.compare, q).toBe('mom')
    }
  })
  it('did-you-mean never turns a function word into a member: among, via, average, 平均 are read, a slip keeps its first letter', () => {
    expect(interp('loyalty distribution among hard-contract customers')).toMatchObject({ groupBy: ['loyalty_band'], filters: [{ dimension: 'contract_type', values: ['hard'] }] })
    expect(interp('Is churn higher among hard contract or no contract users?')).toMatchObject({ groupBy: ['contract_type'], filters: [{ dimension: 'contract_type', values: ['hard', 'none'] }] })
    expect(interp('median lifetime for subscribers acquired via agents vs stores')).toMatchObject({ groupBy: ['acquisition_channel'], filters: [{ dimension: 'acquisition_channel', values: ['agent', 'store'] }] })
    expect(interp('conversion rate of marketing contacts via SMS over the last 90 days').filters).toEqual([{ dimension: 'purpose', op: 'in', values: ['marketing'] }, { dimension: 'channel', op: 'in', values: ['sms'] }])
    expect(ask('pls show me arpu by brnad for last qtr').choices[0].interpretation).toMatchObject({ groupBy: ['brand'], timeRange: { from: '2025-01', to: '2025-03' } })
    expect(ask('arpu for custmers in teh A quadrant').choices[0].interpretation).toMatchObject({ metrics: ['arpu'], filters: [{ dimension: 'quadrant', values: ['A'] }] })
    expect(ask('arpu by amongst').choices.map((c) => c.label).join()).not.toMatch(/Datong|VIP/)
  })
  it('English everyday words: subs, key accounts, corporate, % of our base, fraction, right now, brings, stick around, donut, cheapest first, past quarter, the rest of', () => {
    const cases: [string, Partial<MetricQuery>][] = [
      ['how many subs do we have in quadrant D', { metrics: ['subscribers'], filters: [{ dimension: 'quadrant', op: 'in', values: ['D'] }] }],
      ['churned subs in Chongqing by age, last year', { metrics: ['churned_subscribers'], groupBy: ['age_band'] }],
      ["What's the average revenue per user for key accounts last quarter?", { metrics: ['arpu'], filters: [{ dimension: 'customer_type', op: 'in', values: ['key_individual', 'key_org'] }] }],
      ['how did ARPU for corporate key accounts change vs last year', { metrics: ['arpu'], filters: [{ dimension: 'customer_type', op: 'in', values: ['key_org'] }], compare: 'yoy' }],
      ['what % of our base is on soft contracts?', { metrics: ['subscribers'], groupBy: ['contract_type'] }],
      ['what fraction of revenue comes from VIP customers', { metrics: ['revenue'], groupBy: ['value_tier'] }],
      ['How many customers do we have right now?', { metrics: ['subscribers'], groupBy: [] }],
      ['which acquisition channel brings the most new users?', { metrics: ['new_subscribers'], groupBy: ['acquisition_channel'], orderBy: { metric: 'new_subscribers', direction: 'desc' } }],
      ['how long do customers from the app channel stick around', { metrics: ['median_lifetime'], filters: [{ dimension: 'acquisition_channel', op: 'in', values: ['app'] }] }],
      ['cost per contact by channel, cheapest first', { metrics: ['cost_per_contact'], orderBy: { metric: 'cost_per_contact', direction: 'asc' } }],
      ["Show me Guangzhou's churn for the past quarter", { filters: [{ dimension: 'city', op: 'in', values: ['440100'] }], timeRange: { from: '2025-01', to: '2025-03' } }],
    ]
    for (const [q, want] of cases) expect(interp(q), q).toMatchObject(want)
    expect(answered('show subscribers by brand as a donut').chart).toBe('pie')
    expect(answered('what fraction of revenue comes from VIP customers')).toMatchObject({ chart: 'pie', focus: { dimension: 'value_tier', values: ['vip'] } })
    expect(answered('how does Shenzhen compare to the rest of Guangdong on churn')).toMatchObject({ position: true, focus: { dimension: 'city', values: ['440300'] } })
    const [, b] = conversation('ARPU by brand in Fujian', 'break it down by sub-segment instead')
    expect(b.interpretation!.groupBy).toEqual(['sub_segment'])
  })
  it('Chinese everyday words: 留得最久, 从短到长, 做成地图, 比一比, 发展的, capability names (新加坡无线, 亚太无线, 哪一项, 项目, 埃森哲评估)', () => {
    const cases: [string, Partial<MetricQuery>][] = [
      ['哪个入网渠道来的用户留得最久', { metrics: ['median_lifetime'], groupBy: ['acquisition_channel'], orderBy: { metric: 'median_lifetime', direction: 'desc' } }],
      ['各品牌用户的中位生命周期，从短到长', { metrics: ['median_lifetime'], groupBy: ['brand'], orderBy: { metric: 'median_lifetime', direction: 'asc' } }],
      ['各入网渠道发展的新用户，今年累计', { metrics: ['new_subscribers'], groupBy: ['acquisition_channel'] }],
      ['中国电信跟新加坡无线比，客户洞察差多少', { groupBy: ['capability_entity'], filters: [{ dimension: 'capability_entity', op: 'in', values: ['china_telecom', 'singapore_wireless'] }, { dimension: 'capability_dimension', op: 'in', values: ['insight'] }] }],
      ['亚太无线运营商五个维度的得分', { groupBy: ['capability_dimension'], filters: [{ dimension: 'capability_entity', op: 'in', values: ['apac_wireless'] }] }],
      ['深圳电信哪一项能力得分最低', { groupBy: ['capability_dimension'], orderBy: { metric: 'capability_score', direction: 'asc' } }],
      ['埃森哲评估里中国电信的渠道同步得分', { metrics: ['capability_score'] }],
    ]
    for (const [q, want] of cases) expect(interp(q), q).toMatchObject(want)
    expect(answered('各地市的用户数，做成地图')).toMatchObject({ chart: 'map', interpretation: { groupBy: ['city'] } })
    expect(interp('广州电信“收集数据”领域下各项目得分').groupBy).toEqual(['capability_item'])
  })
  it('a number as many as the members named (汕头、潮州、揭阳三个市, 七家外国运营商) says them; another still asks', () => {
    expect(interp('汕头、潮州、揭阳三个市的ARPU比一比')).toMatchObject({ groupBy: ['city'], filters: [{ dimension: 'city', values: ['440500', '445100', '445200'] }] })
    expect(interp('七家外国运营商客户交互得分排名').filters![0].values).toHaveLength(7)
    expect(ask('三个城市的离网率').status).toBe('CLARIFY')
  })
  it('what the data does not hold (NPS, 5G渗透率, 利润率, recharge amount, CLV, 响应率, 响应时间) is marked, with the nearest it does', () => {
    const cases: [string, RegExp][] = [
      ["what's our net promoter score by brand", /no NPS .* satisfaction band/],
      ['5G套餐用户的渗透率', /没有5G、套餐或渗透率：最接近的是DOU/],
      ['各省利润率', /没有利润或利润率：最接近的是收入、渠道成本和ROI/],
      ['recharge amount of prepaid users last month', /no recharge amount .* RFM monetary score and ARPU/],
      ['customer lifetime value by value tier', /no customer lifetime value \(CLV\)/],
      ['营销活动的响应率按活动类型', /没有营销响应率：.*命中率 = 命中客户 ÷ 名单客户.*转化率/],
      ['campaign response rate last quarter', /no campaign response rate .*"hit rate by campaign kind"/],
      ['哪个渠道的响应最快', /没有响应时间.*平均处理时长和一次解决率/],
      ['流失预警客户有多少', /没有流失预警或风险评分：.*挽留活动的名单客户数/],
      ['how many customers are at risk of churning', /no churn-risk score .*retention campaigns/],
      ['各渠道的平均响应时间', /没有响应时间/],
      ['average response time by channel', /no response time .*"average handle time by channel"/],
      ['深圳的宽带用户', /只有移动用户：没有宽带、固话或IPTV/],
      ['broadband subscribers by province', /mobile subscribers only: no broadband/],
      ['上个月哪个地市的投诉率最高', /没有投诉率（每用户投诉数）：.*投诉类接触次数/],
      ['complaint rate by city', /no complaint rate .*"complaints by city"/],
    ]
    for (const [q, msg] of cases) {
      const r = ask(q)
      expect(r.status, q).toBe('CLARIFY')
      expect(r.message, q).toMatch(msg)
      expect(r.unknownWords.length, q).toBeGreaterThan(0)
    }
  })
  it('a name for several places is read by what else is named: Fuzhou beside carriers is 福州电信, after Fujian 福州; Hainan is the province', () => {
    expect(interp('capability score of Fuzhou vs Shenzhen vs Guangzhou, radar').filters).toEqual([{ dimension: 'capability_entity', op: 'in', values: ['fuzhou_telecom', 'shenzhen_telecom', 'guangzhou_telecom'] }])
    expect(conversation('ARPU by brand in Fujian', 'only Xiamen and Fuzhou')[1].interpretation!.filters).toEqual([{ dimension: 'city', op: 'in', values: ['350200', '350100'] }])
    expect(interp('cost per conversion in Hainan, month by month, last 6 months').filters).toEqual([{ dimension: 'province', op: 'in', values: ['460000'] }])
    // alone, still a question
    expect(ask('Fuzhou churn rate').status).toBe('CLARIFY')
    expect(ask('深圳的能力评分').status).toBe('CLARIFY')
  })
  it('a heatmap of dimensions with no metric counts subscribers', () => {
    expect(answered('RFM heatmap of recency vs monetary')).toMatchObject({ chart: 'heatmap', interpretation: { metrics: ['subscribers'], groupBy: ['rfm_r', 'rfm_m'] } })
  })
  it('replayed questions: a count after a member of its data is the noun beside another metric; activated counts the new; scores are not averaged', () => {
    expect(interp('conversion rate of marketing contacts via SMS over the last 90 days').metrics).toEqual(['conversion_rate'])
    expect(interp('marketing contacts and conversion rate').metrics).toEqual(['contacts', 'conversion_rate'])
    expect(interp('Number of subscribers activated via the hotline in 2025')).toMatchObject({ metrics: ['new_subscribers'], filters: [{ dimension: 'acquisition_channel', values: ['hotline_in'] }] })
    expect(interp('churn rate of users activated in 2024').metrics).toEqual(['churn_rate'])
    const avg = answered('average capability score of all foreign carriers')
    expect(avg.interpretation!.groupBy).toEqual(['capability_entity'])
    expect(avg.restatement).toContain('Scores are not averaged')
    // two provinces named: each is itself, not the other read by context
    const two = interp('How many key individual customers in Shaanxi vs Shanxi?')
    expect(two.filters!.find((f: { dimension: string }) => f.dimension === 'province')?.values.slice().sort()).toEqual(['140000', '610000'])
  })
  it('a superlative beside a band ranks the bands; a score of a band is the band; the north-east region names it; 渠道接触量 by stage is by stage', () => {
    expect(answered('Which satisfaction band has the highest churn?')).toMatchObject({ interpretation: { groupBy: ['satisfaction_band'], orderBy: { metric: 'churn_rate', direction: 'desc' } } })
    expect(answered('Which satisfaction band has the highest churn?').restatement).not.toContain('No band is called')
    expect(answered('满意度低的用户离网率').restatement).toContain('满意度没有“低”这一档')
    expect(interp('subscribers with a 95-100 satisfaction score in Guangzhou').filters).toEqual([{ dimension: 'satisfaction_band', op: 'in', values: ['95_100'] }, { dimension: 'city', op: 'in', values: ['440100'] }])
    expect(interp('各忠诚度区间的用户数').groupBy).toEqual(['loyalty_band'])
    expect(interp('number of blacklisted customers by province, top 10').filters).toEqual([{ dimension: 'credit_list', op: 'in', values: ['black'] }])
    expect(interp('Revenue per brand in the north-east region')).toMatchObject({ groupBy: ['brand'], filters: [{ dimension: 'province', values: ['210000', '220000', '230000'] }] })
    expect(interp('渠道接触量最大的是哪个生命周期阶段')).toMatchObject({ metrics: ['contacts'], groupBy: ['lifecycle_stage'] })
    expect(ask('SMS usage by brand')).toMatchObject({ status: 'CLARIFY', message: expect.stringContaining('no SMS usage') })
    expect(ask('入网队列留存').message).toContain('入网批次留存热力图')
  })
  it('the as-of month is said to be partial (本月至今: 11月1日至23日, month to date)', () => {
    expect(answered('本月至今全国的用户数是多少', null, '2026-11-23').restatement).toContain('时间：2026年11月（本月至今：11月1日至23日）')
    expect(answered('contacts this month', null, '2026-11-23').restatement).toContain('in November 2026 (month to date, Nov 1–23)')
    expect(answered('上个月的收入', null, '2026-11-23').restatement).not.toContain('至今')
  })
})

afterAll(() => {
  // the parser never throws, but an internal error turned into CLARIFY would hide a bug
  expect(internalErrors).toEqual([])
})
