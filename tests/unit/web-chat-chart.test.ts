/** answer.chart → which builder draws it, and the options those builders give. Pure, no DOM. */
import { describe, expect, it } from 'vitest';
import { FOREIGN_CARRIERS } from '../../web/src/charts/builders/capability';
import { SELECTED_COLOR, type Labels } from '../../web/src/charts/builders/common';
import { chartRows, chooseChart, daysInRange, inCatalogOrder, isoWeekMonday, kpiFigures, listedOrder, MAX_CATEGORIES, planOption, wholeOf, type PlanContext, type Shape } from '../../web/src/chat/chart';
import { provinceOfRows } from '../../web/src/charts/builders/overview';
import { categories, funnelOption, pieOption, seriesOption } from '../../web/src/chat/builders';
import { normalizeInterpretation, type ChartKind, type Interpretation } from '../../web/src/chat/model';

const q = (x: Partial<Interpretation> & { metrics: string[] }): Interpretation => normalizeInterpretation(x)!;
const FORMATS: Record<string, string> = { churn_rate: 'percent', arpu: 'currency', subscribers: 'integer', conversion_rate: 'percent', cost_per_conversion: 'currency', capability_score: 'score', survival_rate: 'percent' };
const shape = (rows: number, hasPrev = false): Shape => ({ rows, hasPrev, format: (m) => FORMATS[m] ?? 'decimal' });
const plan = (kind: ChartKind | null, i: Interpretation, rows = 5, prev = false) => chooseChart(kind, i, shape(rows, prev));

const labels: Labels = { locale: 'zh-CN', member: (_d, id) => `#${String(id)}`, metric: (id) => id, dim: (id) => id, format: (id) => FORMATS[id] ?? 'decimal' };
const ctx: PlanContext = { labels, order: () => [], words: { prev: '去年同期', prevYear: '去年同期', best: 'best', mean: 'mean', unknown: '?', band: (n) => `${n} band`, months: '月', noData: '无数据' } };
const res = (rows: Record<string, unknown>[]) => ({ columns: [], rows });

describe('chart kind → builder', () => {
  const byCity = q({ metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] });
  it('bar: long lists and top-N rank horizontally (the overview city ranking); a few members stand side by side', () => {
    expect(plan('bar', byCity, 21).plan).toEqual({ type: 'ranked', dim: 'city', metric: 'churn_rate' });
    expect(plan('bar', byCity, 2).plan).toEqual({ type: 'barsLine', dim: 'city', bar: 'churn_rate' });
    expect(plan('bar', { ...byCity, orderBy: { metric: 'churn_rate', direction: 'desc' }, limit: 5 }, 5).plan.type).toBe('ranked');
    expect(plan('bar', q({ metrics: ['subscribers'], groupBy: ['brand'] }), 3).plan).toEqual({ type: 'barsLine', dim: 'brand', bar: 'subscribers' });
    expect(plan('bar', q({ metrics: ['subscribers', 'arpu'], groupBy: ['value_tier'] }), 5).plan).toEqual({ type: 'barsLine', dim: 'value_tier', bar: 'subscribers', line: 'arpu' });
    expect(plan('bar', q({ metrics: ['conversion_rate'], groupBy: ['channel'], compare: 'yoy' }), 12, true).plan).toMatchObject({ type: 'series', series: 'bar', x: 'channel', by: null });
    expect(plan('bar', q({ metrics: ['subscribers'], groupBy: ['brand', 'value_tier'] }), 14).plan).toMatchObject({ type: 'series', x: 'brand', by: 'value_tier' });
  });
  it('line: the monthly trend builder for one metric by month, generic lines otherwise', () => {
    expect(plan('line', q({ metrics: ['arpu'], groupBy: ['month'] })).plan).toEqual({ type: 'trend', metric: 'arpu' });
    expect(plan('line', q({ metrics: ['arpu'], groupBy: ['quarter'] })).plan).toMatchObject({ type: 'series', series: 'line', x: 'quarter' });
    expect(plan('line', q({ metrics: ['arpu'], groupBy: ['month', 'brand'] })).plan).toMatchObject({ type: 'series', series: 'line', x: 'month', by: 'brand' });
  });
  it('kpi without grouping; table as asked; survival whatever was asked', () => {
    expect(plan('kpi', q({ metrics: ['churn_rate'] })).plan).toEqual({ type: 'kpi', metrics: ['churn_rate'] });
    expect(plan('bar', q({ metrics: ['churn_rate'] }))).toEqual({ plan: { type: 'kpi', metrics: ['churn_rate'] }, fellBack: true });
    expect(plan('table', byCity).plan).toEqual({ type: 'table' });
    expect(plan('survival', q({ metrics: ['survival_rate'], groupBy: ['brand'] })).plan).toEqual({ type: 'survival', dim: 'brand' });
    expect(plan(null, q({ metrics: ['survival_rate'] })).plan).toEqual({ type: 'survival', dim: null });
  });
  it('pie, funnel, heatmap, sankey, radar where the shape allows, else the nearest chart (flagged)', () => {
    const byChannel = q({ metrics: ['conversion_rate'], groupBy: ['channel'] });
    expect(plan('pie', byChannel, 12)).toEqual({ plan: { type: 'pie', dim: 'channel', metric: 'conversion_rate' }, fellBack: false });
    expect(plan('funnel', byChannel, 12).plan.type).toBe('funnel');
    const two = q({ metrics: ['subscribers'], groupBy: ['brand', 'value_tier'] });
    expect(plan('pie', two)).toMatchObject({ fellBack: true, plan: { type: 'series' } });
    expect(plan('heatmap', two).plan).toEqual({ type: 'heatmap', x: 'brand', y: 'value_tier', metric: 'subscribers' });
    expect(plan('sankey', two).plan).toEqual({ type: 'sankey', from: 'brand', to: 'value_tier', metric: 'subscribers' });
    expect(plan('heatmap', byChannel).fellBack).toBe(true);
    expect(plan('radar', q({ metrics: ['capability_score'], groupBy: ['capability_dimension'] })).plan).toMatchObject({ type: 'radar', node: 'capability_dimension', by: null });
    expect(plan('radar', q({ metrics: ['capability_score'], groupBy: ['capability_entity', 'capability_dimension'] })).plan).toEqual({ type: 'capabilityRadar', node: 'capability_dimension' });
    // one entity's profile (its filter names it) is the capability radar too; two entities not grouped by entity are not
    const ct = { dimension: 'capability_entity', op: 'in' as const, values: ['china_telecom'] };
    expect(plan('radar', q({ metrics: ['capability_score'], groupBy: ['capability_area'], filters: [ct] })).plan).toEqual({ type: 'capabilityRadar', node: 'capability_area', entity: 'china_telecom' });
    expect(plan('radar', q({ metrics: ['capability_score'], groupBy: ['capability_dimension'], filters: [{ ...ct, values: ['china_telecom', 'bt'] }] })).plan).toMatchObject({ type: 'radar' });
    expect(plan('survival', byChannel)).toMatchObject({ fellBack: true });
  });
  it("map: China by province, or the cities of the rows' one province; anything else the nearest chart (flagged)", () => {
    const byProvince = q({ metrics: ['churn_rate'], groupBy: ['province'] });
    expect(plan('map', byProvince, 31)).toEqual({ plan: { type: 'map', dim: 'province', metric: 'churn_rate', province: null }, fellBack: false });
    expect(chooseChart('map', byCity, { ...shape(21), province: '440000' })).toEqual({ plan: { type: 'map', dim: 'city', metric: 'churn_rate', province: '440000' }, fellBack: false });
    // cities of several provinces, or a province not known from the rows: no one map
    expect(chooseChart('map', byCity, { ...shape(21), province: null })).toMatchObject({ fellBack: true, plan: { type: 'ranked' } });
    expect(plan('map', q({ metrics: ['subscribers'], groupBy: ['brand'] }), 3).fellBack).toBe(true);
    expect(plan('map', q({ metrics: ['churn_rate'], groupBy: ['province', 'month'] })).fellBack).toBe(true);
    expect(plan('map', q({ metrics: ['churn_rate'], groupBy: ['province'], compare: 'yoy' }), 31, true).fellBack).toBe(true);
    expect(plan('map', q({ metrics: ['churn_rate'] }))).toMatchObject({ fellBack: true, plan: { type: 'kpi' } });
    // never drawn as a map unasked
    expect(plan(null, byProvince, 31).plan.type).not.toBe('map');
  });
  it('a capability radar marks derived dimension scores (derived_dimensions) as the capability page does: dotted, hollow, suffixed', () => {
    const p = { type: 'capabilityRadar' as const, node: 'capability_dimension' };
    const rows = res([
      { capability_entity: 'china_telecom', capability_dimension: 'insight', capability_score: 1.61, derived_dimensions: 1 },
      { capability_entity: 'china_telecom', capability_dimension: 'offering', capability_score: 2.15, derived_dimensions: 1 },
      { capability_entity: 'att_wireless', capability_dimension: 'insight', capability_score: 2, derived_dimensions: 0 },
      { capability_entity: 'att_wireless', capability_dimension: 'offering', capability_score: 2.5, derived_dimensions: 0 },
    ]);
    const words = { ...ctx.words, derived: { suffix: '（推算）', partlySuffix: '（含推算）', note: '（推算）' } };
    type Radar = { baseOption: { series: { data: { name: string; lineStyle: { type: string }; symbol?: string }[] }[] } };
    const lines = (planOption(p, rows, { ...ctx, words }) as Radar).baseOption.series[0].data;
    const ct = lines.find((l) => l.name.startsWith('#china_telecom'))!;
    const att = lines.find((l) => l.name.startsWith('#att_wireless'))!;
    expect([ct.name, ct.lineStyle.type, ct.symbol]).toEqual(['#china_telecom（推算）', 'dotted', 'emptyCircle']);
    expect([att.name, att.lineStyle.type]).toEqual(['#att_wireless', 'solid']);
    // one foreign carrier is not the foreign carriers' best or mean: no benchmark lines
    expect(lines).toHaveLength(2);
    const all = res(FOREIGN_CARRIERS.flatMap((e, i) => ['insight', 'offering'].map((d) => ({ capability_entity: e, capability_dimension: d, capability_score: 1 + i / 2, derived_dimensions: 0 }))));
    const withBench = (planOption(p, all, ctx) as Radar).baseOption.series[0].data;
    expect(withBench.map((l) => l.name).slice(-2)).toEqual(['best', 'mean']);
    // one entity's rows, not grouped by entity: its line, marked the same way
    const own = res([
      { capability_dimension: 'insight', capability_score: 1.61, derived_dimensions: 1 },
      { capability_dimension: 'offering', capability_score: 2.7, derived_dimensions: 0 },
    ]);
    const single = (planOption({ ...p, entity: 'china_telecom' }, own, { ...ctx, words }) as Radar).baseOption.series[0].data;
    expect(single.map((l) => [l.name, l.lineStyle.type])).toEqual([['#china_telecom（含推算）', 'dotted']]);
  });
  it("the rows' one province: all cities in it, else null", () => {
    expect(provinceOfRows([{ city: '440300' }, { city: '440100' }])).toBe('440000');
    expect(provinceOfRows([{ city: '440300' }, { city: '110100' }])).toBeNull();
    expect(provinceOfRows([{ province: '440000' }])).toBeNull();
    expect(provinceOfRows([])).toBeNull();
  });
  it('a map plan draws on the registered map, joined by code; without one, ranked bars', () => {
    const p = { type: 'map' as const, dim: 'city' as const, metric: 'churn_rate', province: '440000' };
    const rows = res([{ city: '440300', churn_rate: 0.02 }, { city: '440100', churn_rate: 0.03 }]);
    const regions = [{ code: '440300', name: '深圳市' }, { code: '440100', name: '广州市' }, { code: '440600', name: '佛山市' }];
    const o = planOption(p, rows, { ...ctx, geo: { map: 'province-440000', regions } }) as { series: { type: string; map: string; data: { code?: string; raw: number | null }[] }[] };
    expect(o.series[0]).toMatchObject({ type: 'map', map: 'province-440000' });
    expect(o.series[0].data.map((d) => [d.code, d.raw])).toEqual([['440300', 0.02], ['440100', 0.03], ['440600', null]]);
    const bars = planOption(p, rows, ctx) as { series: { type: string }[] };
    expect(bars.series[0].type).toBe('bar');
  });
  it('three groupings fit only a table', () => {
    const three = q({ metrics: ['conversion_rate'], groupBy: ['brand', 'channel', 'month'] });
    expect(plan('line', three)).toEqual({ plan: { type: 'table' }, fellBack: true });
    expect(plan('table', three)).toEqual({ plan: { type: 'table' }, fellBack: false });
  });
  it('no chart kind: the server default for the shape', () => {
    expect(plan(null, byCity, 21).plan.type).toBe('ranked');
    expect(plan(null, q({ metrics: ['arpu'], groupBy: ['month'] })).plan.type).toBe('trend');
  });
});

describe('plan options', () => {
  it('every plan builds an option (kpi and table are components)', () => {
    const rows2 = [{ brand: 'a', value_tier: 'x', subscribers: 3 }, { brand: 'a', value_tier: 'y', subscribers: 5 }, { brand: 'b', value_tier: 'x', subscribers: 2 }];
    const two = q({ metrics: ['subscribers'], groupBy: ['brand', 'value_tier'] });
    for (const k of ['bar', 'line', 'heatmap', 'sankey', 'radar'] as ChartKind[]) {
      const c = plan(k, two, rows2.length);
      const o = planOption(c.plan, res(rows2), ctx) as { series: unknown[] };
      expect(o.series.length, k).toBeGreaterThan(0);
    }
    expect(planOption({ type: 'kpi', metrics: ['arpu'] }, res([]), ctx)).toBeNull();
  });
  it('series: one line per metric with its previous period dashed; members of a second grouping as series', () => {
    const o = seriesOption(res([{ channel: 'app', conversion_rate: 0.1, conversion_rate_prev: 0.08 }, { channel: 'web', conversion_rate: 0.2, conversion_rate_prev: 0.25 }]),
      { type: 'bar', x: 'channel', by: null, metrics: ['conversion_rate'], labels, prevLabel: '去年同期' });
    expect(o.series.map((s) => s.name)).toEqual(['conversion_rate', 'conversion_rate · 去年同期']);
    expect(o.series[1].data).toEqual([0.08, 0.25]);
    expect(o.xAxis.data).toEqual(['#app', '#web']);
    const by = seriesOption(res([{ month: '2024-02', brand: 'a', arpu: 2 }, { month: '2024-01', brand: 'a', arpu: 1 }, { month: '2024-01', brand: 'b', arpu: 3 }]),
      { type: 'line', x: 'month', by: 'brand', metrics: ['arpu'], labels, xIsTime: true, prevLabel: '' });
    expect(by.xAxis.data).toEqual(['#2024-01', '#2024-02']);
    expect(by.series.map((s) => s.data)).toEqual([[1, 2], [3, null]]);
    expect(by.series.some((s) => 'emphasis' in s)).toBe(false);
    // 31 provinces' lines: the one pointed at stands out, the others fade
    const many = seriesOption(res(Array.from({ length: 31 }, (_, i) => ({ month: '2024-01', province: `p${i}`, churn_rate: i / 100 }))),
      { type: 'line', x: 'month', by: 'province', metrics: ['churn_rate'], labels, xIsTime: true, prevLabel: '' });
    expect(many.series).toHaveLength(31);
    expect(many.series.every((s) => (s as { emphasis?: { focus: string } }).emphasis?.focus === 'series')).toBe(true);
  });
  it("a member's series has the member's colour, whichever members the answer holds", () => {
    const ordered: Labels = { ...labels, order: (d) => (d === 'brand' ? ['gotone', 'mzone', 'easyown'] : []) };
    const colour = (brands: string[]) => {
      const o = seriesOption(res(brands.map((brand) => ({ month: '2024-01', brand, arpu: 1 }))), { type: 'line', x: 'month', by: 'brand', metrics: ['arpu'], labels: ordered, xIsTime: true, prevLabel: '' });
      return Object.fromEntries(o.series.map((x, i) => [brands[i], (x.itemStyle as { color: string }).color]));
    };
    const all = colour(['gotone', 'mzone', 'easyown']);
    expect(new Set(Object.values(all)).size).toBe(3);
    expect(colour(['mzone', 'easyown'])).toEqual({ mzone: all.mzone, easyown: all.easyown });
  });
  it('two formats get two value axes', () => {
    const o = seriesOption(res([{ channel: 'app', conversion_rate: 0.1, cost_per_conversion: 30 }]), { type: 'bar', x: 'channel', by: null, metrics: ['conversion_rate', 'cost_per_conversion'], labels, prevLabel: '' });
    expect(o.yAxis).toHaveLength(2);
    expect(o.series.map((s) => s.yAxisIndex)).toEqual([0, 1]);
  });
  it('funnel steps and the rows follow the catalog order of a dimension that has one (lifecycle stages, bands), not the ids\' alphabet', () => {
    const STAGES = ['awareness', 'acquisition', 'usage', 'inquiry', 'change']
    const stages = res(['acquisition', 'awareness', 'change', 'inquiry', 'usage'].map((s, i) => ({ lifecycle_stage: s, contacts: 10 + i })))
    const funnel = funnelOption(stages, { dim: 'lifecycle_stage', metric: 'contacts', labels, order: STAGES })
    expect(funnel.series[0].data.map((d) => d.name)).toEqual(STAGES.map((s) => `#${s}`))
    expect(funnel.series[0].sort).toBe('none')
    const order = (d: string) => (d === 'lifecycle_stage' ? STAGES : [])
    const byStage = q({ metrics: ['contacts'], groupBy: ['month', 'lifecycle_stage'] })
    const monthly = res(['2025-02', '2025-01'].flatMap((month) => ['usage', 'awareness'].map((s) => ({ month, lifecycle_stage: s, contacts: 1 }))))
    expect(inCatalogOrder(monthly, byStage, order).rows.map((r) => `${r.month} ${r.lifecycle_stage}`)).toEqual(['2025-01 awareness', '2025-01 usage', '2025-02 awareness', '2025-02 usage'])
    // an order asked is kept
    const ranked = q({ metrics: ['contacts'], groupBy: ['lifecycle_stage'], orderBy: { metric: 'contacts', direction: 'desc' } })
    expect(inCatalogOrder(stages, ranked, order).rows).toEqual(stages.rows)
  });
  it('pie and funnel: largest first, non-positive slices left out', () => {
    const r = res([{ channel: 'a', contacts: 5 }, { channel: 'b', contacts: 9 }, { channel: 'c', contacts: 0 }]);
    expect(pieOption(r, { dim: 'channel', metric: 'contacts', labels }).series[0].data.map((d) => d.name)).toEqual(['#b', '#a']);
    const label = (o: ReturnType<typeof pieOption>) => o.series[0].label.formatter({ name: 'x', percent: 64.28, value: 9 });
    expect(label(pieOption(r, { dim: 'channel', metric: 'contacts', labels }))).toBe('x 64.3%');
    // a rate is labelled with its value: its share of the sum means nothing
    expect(label(pieOption(r, { dim: 'channel', metric: 'contacts', labels, share: false }))).toBe('x 9');
    // the member asked about (全球通用户占比) stands out of the ring; nothing is selected otherwise
    const focused = pieOption(r, { dim: 'channel', metric: 'contacts', labels, focus: ['a'] }).series[0];
    expect(focused.selectedMode).toBe('multiple');
    expect(focused.data.filter((d) => 'selected' in d && d.selected).map((d) => d.name)).toEqual(['#a']);
    expect(pieOption(r, { dim: 'channel', metric: 'contacts', labels }).series[0].data.some((d) => 'selected' in d)).toBe(false);
    // as bars: the asked member's bar in the selected colour
    const bars = planOption({ type: 'barsLine', dim: 'channel', bar: 'contacts' }, r, { ...ctx, focus: { dimension: 'channel', values: ['a'] } }) as { series: { data: unknown[] }[] };
    expect(bars.series[0].data).toEqual([{ value: 5, itemStyle: { color: SELECTED_COLOR } }, 9, 0]);
    const ranked = planOption({ type: 'ranked', dim: 'channel', metric: 'contacts' }, r, { ...ctx, focus: { dimension: 'channel', values: ['a', 'c'] } }) as { series: { data: { id: string; itemStyle?: unknown }[] }[] };
    expect(ranked.series[0].data.filter((d) => d.itemStyle).map((d) => d.id).sort()).toEqual(['a', 'c']);
    expect(funnelOption(r, { dim: 'channel', metric: 'contacts', labels }).series[0].data.map((d) => d.value)).toEqual([9, 5, 0]);
  });
  it('a long ranking draws its largest members; the table keeps all rows', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ city: String(i), churn_rate: i / 100 }));
    const d = chartRows({ type: 'ranked', dim: 'city', metric: 'churn_rate' }, res(rows));
    expect(d.truncated).toBe(true);
    expect(d.result.rows).toHaveLength(MAX_CATEGORIES);
    expect((d.result.rows[0] as { city: string }).city).toBe('59');
    expect(chartRows({ type: 'trend', metric: 'arpu' }, res(rows)).truncated).toBe(false);
    // ranked low to high (离网率最低的地市, every city): the smallest are kept, not the largest
    const low = chartRows({ type: 'ranked', dim: 'city', metric: 'churn_rate', ascending: true }, res([...rows].reverse()));
    expect(low.result.rows.map((r) => Number((r as { city: string }).city)).sort((a, b) => a - b)).toEqual(Array.from({ length: MAX_CATEGORIES }, (_, i) => i));
  });
  it('a ranking low to high puts its first member on top, as the question and the order chip say', () => {
    const byCity = q({ metrics: ['arpu'], groupBy: ['city'], orderBy: { metric: 'arpu', direction: 'asc' } });
    const p = plan(null, byCity, 11).plan;
    expect(p).toEqual({ type: 'ranked', dim: 'city', metric: 'arpu', ascending: true });
    expect(plan(null, { ...byCity, orderBy: { metric: 'arpu', direction: 'desc' } }, 11).plan).toEqual({ type: 'ranked', dim: 'city', metric: 'arpu' });
    const rows = [{ city: 'a', arpu: 70 }, { city: 'b', arpu: 60 }, { city: 'c', arpu: 80 }];
    // a category axis draws its first member at the bottom: the top is the last
    const top = (o: unknown) => (o as { yAxis: { data: string[] } }).yAxis.data.at(-1);
    expect(top(planOption(p, res(rows), ctx))).toBe('#b');
    expect(top(planOption({ type: 'ranked', dim: 'city', metric: 'arpu' }, res(rows), ctx))).toBe('#c');
  });
  it('categories keep catalog order or time order', () => {
    const rows = [{ t: 'c' }, { t: 'a' }, { t: 'b' }, { t: 'a' }];
    expect(categories(rows, 't')).toEqual(['c', 'a', 'b']);
    expect(categories(rows, 't', { time: true })).toEqual(['a', 'b', 'c']);
    expect(categories(rows, 't', { order: ['b', 'c'] })).toEqual(['b', 'c', 'a']);
  });
  it('members the question lists draw in the listed order (a top 5 kept by month: its legend in rank order)', () => {
    const top = ['640000', '460000', '630000']
    const i = q({ metrics: ['arpu'], groupBy: ['province', 'month'], filters: [{ dimension: 'province', op: 'in', values: top }] })
    const rows = ['2025-04', '2025-05'].flatMap((month) => [...top].sort().map((province, k) => ({ province, month, arpu: 70 + k })))
    const p = plan('line', i, rows.length).plan
    expect(p).toMatchObject({ type: 'series', x: 'month', by: 'province' })
    const catalog = (d: string) => (d === 'province' ? ['110000', '460000', '630000', '640000'] : [])
    const names = (order: PlanContext['order']) => (planOption(p, res(rows), { ...ctx, order }) as { series: { name: string }[] }).series.map((s) => s.name)
    expect(names(listedOrder(i, catalog))).toEqual(top.map((id) => `#${id}`))
    expect(names(catalog)).toEqual(['#460000', '#630000', '#640000'])
    // one member, or a dimension not filtered: catalog order
    expect(listedOrder(q({ metrics: ['arpu'], filters: [{ dimension: 'province', op: 'in', values: ['640000'] }] }), catalog)('province')).toEqual(catalog('province'))
  });
  it('ranked bars of a rate draw the whole\'s figure (全国, the province) as a line; a sum does not', () => {
    const rows = [{ province: '440000', churn_rate: 0.036 }, { province: '630000', churn_rate: 0.051 }]
    const p = { type: 'ranked', dim: 'province', metric: 'churn_rate' } as const
    const additive = (m: string) => m === 'subscribers'
    const line = (o: unknown) => (o as { series: { markLine?: { data: { xAxis: number }[]; label: { formatter: string } } }[] }).series[0].markLine
    const o = planOption(p, { columns: [], rows, totals: { churn_rate: 0.0377 } } as never, { ...ctx, additive, whole: '全国', focus: { dimension: 'province', values: ['440000'] } })
    expect(line(o)?.data).toEqual([{ xAxis: 0.0377 }])
    expect(line(o)?.label.formatter).toMatch(/^全国 3\.8/)
    expect(line(planOption(p, { columns: [], rows, totals: { churn_rate: 0.0377 } } as never, { ...ctx, additive, whole: null }))).toBeUndefined()
    const sums = planOption({ type: 'ranked', dim: 'province', metric: 'subscribers' }, { columns: [], rows: [{ province: '440000', subscribers: 5 }], totals: { subscribers: 99 } } as never, { ...ctx, additive, whole: '全国' })
    expect(line(sums)).toBeUndefined()
    // what the totals cover: the one region filtered on, else the viewer's scope; other filters: unnamed
    const L = { ...labels, member: (_d: string, id: unknown) => `#${String(id)}` }
    expect(wholeOf(q({ metrics: ['churn_rate'] }), 'national', L, '全国')).toBe('全国')
    expect(wholeOf(q({ metrics: ['churn_rate'] }), '440000', L, '全国')).toBe('#440000')
    expect(wholeOf(q({ metrics: ['churn_rate'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] }), 'national', L, '全国')).toBe('#440000')
    expect(wholeOf(q({ metrics: ['churn_rate'], filters: [{ dimension: 'brand', op: 'in', values: ['gotone'] }] }), 'national', L, '全国')).toBeNull()
    // a threshold on the metric (below the average) keeps the whole: the totals are computed without it
    expect(wholeOf(q({ metrics: ['arpu'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'arpu', op: 'lt', values: ['total'] }] }), 'national', L, '全国')).toBe('#440000')
  });
  it('kpi figures come from totals, with the change when compared', () => {
    const i = q({ metrics: ['churn_rate'], compare: 'mom' });
    expect(kpiFigures(i, { columns: [], rows: [{ churn_rate: 0.1 }], totals: { churn_rate: 0.026, churn_rate_change: -0.29 } })).toEqual([{ id: 'churn_rate', value: 0.026, change: -0.29 }]);
    expect(kpiFigures(q({ metrics: ['arpu'] }), { columns: [], rows: [{ arpu: 50 }], totals: null })).toEqual([{ id: 'arpu', value: 50, change: undefined }]);
  });
});

describe('a heatmap of many members', () => {
  const cells = (xs: number, ys: number) => res(Array.from({ length: xs * ys }, (_, i) => ({ province: `p${i % xs}`, brand: `b${Math.floor(i / xs)}`, subscribers: 100 + i * 37 })));
  type Heat = { series: { label: { show: boolean; formatter: (p: unknown) => string } }[]; visualMap: { show: boolean; text: string[] }; grid: { right: number } };
  const option = (xs: number, ys: number) => planOption({ type: 'heatmap', x: 'province', y: 'brand', metric: 'subscribers' }, cells(xs, ys), { ...ctx, additive: () => true }) as unknown as Heat;
  it("31 provinces × 3 brands: no figures in cells narrower than them, a colour scale with the least and the greatest instead", () => {
    const o = option(31, 3);
    expect(o.series[0].label.show).toBe(false);
    expect(o.visualMap.show).toBe(true);
    expect(o.visualMap.text).toEqual(['3,504', '100']); // 100 + 92 × 37
    expect(o.grid.right).toBeGreaterThan(16 + 7 * 4); // room for "3,504" beside the plot
  });
  it('up to a dozen members a side: every cell carries its figure and no scale is drawn', () => {
    const o = option(12, 5);
    expect(o.series[0].label.show).toBe(true);
    expect(o.visualMap.show).toBe(false);
    expect(o.grid.right).toBe(16);
    expect(option(5, 13).series[0].label.show).toBe(false);
  });
});

describe('weeks the range cuts', () => {
  it('ISO weeks: week 1 holds 4 January, so its Monday may be in December', () => {
    // independent facts: 2024-12-30 is the Monday of 2025-W01; 2020 had 53 weeks; 2026-10-19 is a Monday
    expect(isoWeekMonday('2025-W01')).toBe('2024-12-30');
    expect(isoWeekMonday('2020-W53')).toBe('2020-12-28');
    expect(isoWeekMonday('2021-W01')).toBe('2021-01-04');
    expect(isoWeekMonday('2026-W43')).toBe('2026-10-19');
    expect(new Date('2026-10-19T00:00:00Z').getUTCDay()).toBe(1);
    expect(isoWeekMonday('2026-10')).toBeNull();
    expect(daysInRange('2025-W01', '2025-01-01', '2025-03-31')).toBe(5); // Wed 1 Jan … Sun 5 Jan
    expect(daysInRange('2025-W14', '2025-01-01', '2025-03-31')).toBe(1); // Mon 31 Mar only
    expect(daysInRange('2025-W02', '2025-01-01', '2025-03-31')).toBe(7);
  });
  it('a weekly line draws a week the range cuts hollow and faded, and its tooltip says how many days it holds', () => {
    const rows = ['2025-W01', '2025-W02', '2025-W14'].map((week, i) => ({ week, contacts: 100 + i }));
    const o = planOption({ type: 'series', series: 'line', x: 'week', by: null, metrics: ['contacts'] }, res(rows),
      { ...ctx, range: { from: '2025-01-01', to: '2025-03-31' }, cutWeek: (n) => `只含${n}天` }) as { series: { data: unknown[] }[]; tooltip: { formatter: (ps: unknown[]) => string } };
    expect(o.series[0].data).toEqual([
      { value: 100, symbol: 'emptyCircle', itemStyle: { opacity: 0.45 } }, 101, { value: 102, symbol: 'emptyCircle', itemStyle: { opacity: 0.45 } },
    ]);
    const tip = (i: number) => o.tooltip.formatter([{ dataIndex: i, marker: '', seriesIndex: 0 }]);
    expect(tip(0)).toContain('#2025-W01 · 只含5天');
    expect(tip(1)).not.toContain('只含');
    expect(tip(2)).toContain('只含1天');
    // a range of whole weeks (Monday to Sunday) cuts none; without a range nothing is marked
    const whole = planOption({ type: 'series', series: 'line', x: 'week', by: null, metrics: ['contacts'] }, res(rows.slice(1, 2)), { ...ctx, range: { from: '2025-01-06', to: '2025-01-12' } }) as { series: { data: unknown[] }[] };
    expect(whole.series[0].data).toEqual([101]);
    expect((planOption({ type: 'series', series: 'line', x: 'week', by: null, metrics: ['contacts'] }, res(rows), ctx) as { series: { data: unknown[] }[] }).series[0].data).toEqual([100, 101, 102]);
  });
});
