/** Option builders are pure: tested here without a DOM (a few through ECharts' server-side render, to see where things land). */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import type { Labels } from '../../web/src/charts/builders/common';
import { resultTable, figureText } from '../../web/src/charts/builders/common';
import { formatValue } from '../../web/src/i18n/format';
import { mapData, PROVINCE_TILES, rankedBarsOption, shortRegion, tileMapOption, trendOption, trendTable } from '../../web/src/charts/builders/overview';
import { barsWithLineOption, heatmapOption, sankeyFromMigration, sankeyOption } from '../../web/src/charts/builders/segments';
import { survivalCurves, survivalOption, medianOption, contractChurnOption } from '../../web/src/charts/builders/lifecycle';
import { liftOption, preferenceShares, scatterOption } from '../../web/src/charts/builders/channels';
import { capabilityBenchmark, capabilityTree, manyAxesWidth, RADAR_NAME_WIDTH, radarOption, wrapName } from '../../web/src/charts/builders/capability';
import { patchQuery, pageState, tabQuery } from '../../web/src/composables/useUrlState';
import { regionFilters, levelOf, within } from '../../web/src/composables/useScope';
import { viewQuery, wantsDefault } from '../../web/src/composables/useSavedViews';
import { CITIES, PROVINCES } from '../../seeds/regions';
import { embedOption, embedTitle } from '../../web/src/embed/render';
import type { EmbedData } from '../../web/src/embed/types';

const NAMES: Record<string, string> = { '440000': '广东省', '440300': '深圳市', '440100': '广州市', '150000': '内蒙古自治区', gotone: '全球通', mzone: '动感地带', easyown: '神州行', vip: '贵宾型', maintain: '维持型', drop: '放弃型' };
const labels: Labels = {
  locale: 'zh-CN',
  member: (_d, id) => NAMES[String(id)] ?? String(id),
  metric: (id) => ({ subscribers: '用户数', survival_rate: '存活率' })[id] ?? id,
  dim: (id) => id,
  format: (id) => ({ subscribers: 'integer', arpu: 'currency', churn_rate: 'percent', survival_rate: 'percent' })[id] ?? 'decimal',
};
const result = (rows: Record<string, unknown>[], columns: { id: string; type: string }[] = []) => ({ columns: columns.map((c) => ({ ...c, labelZh: c.id, labelEn: c.id })), rows });

describe('map data from region codes', () => {
  it('places every mainland province exactly once, on distinct tiles', () => {
    expect(Object.keys(PROVINCE_TILES).sort()).toEqual(PROVINCES.map((p) => p.code).sort());
    const cells = Object.values(PROVINCE_TILES).map(([x, y]) => `${x},${y}`);
    expect(new Set(cells).size).toBe(cells.length);
  });
  it('joins values by province code and leaves provinces without a row empty', () => {
    const d = mapData([{ province: '440000', subscribers: 715 }, { province: '150000', subscribers: 141 }, { province: '999999', subscribers: 5 }], 'subscribers', (c) => NAMES[c] ?? c);
    expect(d).toHaveLength(31);
    expect(d.find((x) => x.code === '440000')).toMatchObject({ name: '广东省', value: 715, x: 5, y: 6 });
    expect(d.find((x) => x.code === '110000')!.value).toBeNull();
    expect(d.some((x) => x.code === '999999')).toBe(false);
  });
  it('builds the tile map option with the drilled province outlined and a scale from the data', () => {
    const o = tileMapOption(result([{ province: '440000', subscribers: 715 }, { province: '150000', subscribers: 141 }]), { metric: 'subscribers', selected: '440000', labels });
    expect(o.visualMap).toMatchObject({ min: 141, max: 715 });
    const gd = (o.series[0].data as { code: string; value: unknown[]; itemStyle?: unknown }[]).find((x) => x.code === '440000')!;
    expect(gd.value).toEqual([5, 6, 715]);
    expect(gd.itemStyle).toBeTruthy();
    expect(shortRegion('内蒙古自治区')).toBe('内蒙古');
    expect(shortRegion('广东省')).toBe('广东');
  });
  it('ranks city bars largest on top and carries the city code for the click', () => {
    const o = rankedBarsOption(result([{ city: '440100', subscribers: 80 }, { city: '440300', subscribers: 96 }, { city: '440200', subscribers: null }]), { dim: 'city', metric: 'subscribers', selected: '440300', labels });
    expect(o.yAxis.data).toEqual(['广州市', '深圳市']); // category axes draw bottom-up: the largest is last
    expect(o.series[0].data.map((d: { id: string }) => d.id)).toEqual(['440100', '440300']);
    expect(CITIES.some((c) => c.code === '440300')).toBe(true);
    // the 31 provinces each get their name (ECharts would otherwise skip every other one)
    const provinces = rankedBarsOption(result(PROVINCES.map((p, i) => ({ province: p.code, subscribers: i }))), { dim: 'province', metric: 'subscribers', labels });
    expect(provinces.yAxis.axisLabel).toMatchObject({ interval: 0 });
    const cities = rankedBarsOption(result(CITIES.map((c, i) => ({ city: c.code, subscribers: i }))), { dim: 'city', metric: 'subscribers', labels });
    expect(cities.yAxis.axisLabel).not.toHaveProperty('interval');
    // in a small embed: 21 bars in 200 px are named as room allows, with no value labels; in 400 px each is named
    const gd = result(CITIES.filter((c) => c.parent === '440000').map((c, i) => ({ city: c.code, subscribers: i })));
    const small = rankedBarsOption(gd, { dim: 'city', metric: 'subscribers', labels, height: 200 });
    expect(small.yAxis.axisLabel).not.toHaveProperty('interval');
    expect(small.series[0].label.show).toBe(false);
    // the axis in one unit: 5,000 drawn as 0.5万 beside 1万 when a bar reaches 30,800
    const big = rankedBarsOption(result([{ city: '440100', subscribers: 30800 }, { city: '440300', subscribers: 4000 }]), { dim: 'city', metric: 'subscribers', labels });
    expect([5000, 10000].map(big.xAxis.axisLabel.formatter)).toEqual(['0.5万', '1.0万']);
    const roomy = rankedBarsOption(gd, { dim: 'city', metric: 'subscribers', labels, height: 400 });
    expect(roomy.yAxis.axisLabel).toMatchObject({ interval: 0 });
    expect(roomy.series[0].label.show).toBe(true);
  });
});

describe('survival bands', () => {
  const rows = [
    { brand: 'mzone', tenure: 1, survival_rate: 0.9, ci_low: 0.85, ci_high: 0.94, at_risk: 100 },
    { brand: 'mzone', tenure: 0, survival_rate: 0.96, ci_low: 0.93, ci_high: 0.98, at_risk: 120 },
    { brand: 'gotone', tenure: 0, survival_rate: 0.99, ci_low: null, ci_high: null, at_risk: 50 },
  ];
  it('groups, sorts by tenure, and makes the band high − low so it stacks on low', () => {
    const curves = survivalCurves(rows, 'brand');
    const m = curves.find((c) => c.key === 'mzone')!;
    expect(m.tenure).toEqual([0, 1]);
    expect(m.survival).toEqual([0.96, 0.9]);
    m.band.forEach((b, i) => expect(m.low[i]! + b!).toBeCloseTo(m.high[i]!, 12));
    const g = curves.find((c) => c.key === 'gotone')!;
    expect(g.band).toEqual([null]);
  });
  it('draws step lines: an invisible lower line, a filled band stacked on it, and the curve', () => {
    const o = survivalOption(result(rows), { dim: 'brand', labels, bandLabel: (n) => `${n} 95%`, monthsLabel: '月' });
    expect(o.series).toHaveLength(6);
    const [low, band, curve] = o.series as { step: string; stack?: string; areaStyle?: unknown; data: number[][]; name: string }[];
    expect([low.step, band.step, curve.step]).toEqual(['end', 'end', 'end']);
    expect(low.stack).toBe(band.stack);
    expect(band.areaStyle).toBeTruthy();
    expect(curve.stack).toBeUndefined();
    expect(curve.name).toBe('动感地带');
    expect(band.data[0][1]).toBeCloseTo(0.05, 12);
    expect(o.legend.data).toEqual(['动感地带', '全球通']);
    // with the catalogue's order, the legend follows it whatever order the rows came in
    const ordered = survivalOption(result(rows), { dim: 'brand', labels: { ...labels, order: () => ['gotone', 'mzone', 'easyown'] }, bandLabel: (n) => n, monthsLabel: '月' });
    expect(ordered.legend.data).toEqual(['全球通', '动感地带']);
    expect(o.yAxis).toMatchObject({ min: 0, max: 1 });
    expect(o.xAxis).not.toHaveProperty('interval'); // two months of tenure: ECharts' own ticks
    // 71 months: ticks every year, the axis ending on the year after the last point (72)
    const long = survivalOption(result([0, 35, 71].map((tenure) => ({ brand: 'gotone', tenure, survival_rate: 0.9, ci_low: null, ci_high: null, at_risk: 9 }))), { dim: 'brand', labels, bandLabel: (n) => n, monthsLabel: '月' });
    expect(long.xAxis).toMatchObject({ min: 0, max: 72, interval: 12 });
    expect((curve as { markLine?: unknown }).markLine).toBeUndefined();
  });
  it('marks a month of tenure asked about (在网12个月) with one dashed line, on the first curve only', () => {
    const o = survivalOption(result(rows), { dim: 'brand', labels, bandLabel: (n) => n, monthsLabel: '在网月数', mark: 12 });
    const marks = (o.series as { markLine?: { data: { xAxis: number }[]; label: { formatter: string }; lineStyle: { type: string } } }[]).filter((x) => x.markLine);
    expect(marks).toHaveLength(1);
    expect(marks[0].markLine).toMatchObject({ data: [{ xAxis: 12 }], label: { formatter: '在网月数 12' }, lineStyle: { type: 'dashed' } });
  });
  it('labels a median that is never reached', () => {
    const o = medianOption(result([{ brand: 'gotone', median_lifetime: null }, { brand: 'mzone', median_lifetime: 11 }]), { dim: 'brand', labels, notReached: '未达到' });
    const fmt = o.series[0].label.formatter as (p: { dataIndex: number }) => string;
    expect(fmt({ dataIndex: 0 })).toBe('未达到');
    expect(fmt({ dataIndex: 1 })).toBe('11 个月');
    // in the catalogue's order, first on top, whatever order the rows came in
    const ordered = medianOption(result([{ brand: 'mzone', median_lifetime: 11 }, { brand: 'gotone', median_lifetime: 30 }]), { dim: 'brand', labels: { ...labels, order: () => ['gotone', 'mzone'] }, notReached: '-' });
    expect([ordered.yAxis.data, ordered.yAxis.inverse, ordered.series[0].data]).toEqual([['全球通', '动感地带'], true, [30, 11]]);
  });
  it('marks contract expiry at relative month 0', () => {
    const pts = [-1, 0, 1].map((m) => ({ contractType: 'hard', relativeMonth: m, atRisk: 100, churned: 5, churnRate: 0.05 }));
    const o = contractChurnOption(pts, { labels, relLabel: 'rel' });
    expect(o.xAxis.data).toEqual(['-1', '0', '+1']);
    expect(o.series[0].markLine?.data[0].xAxis).toBe(1);
  });
});

describe('one member, one colour', () => {
  const CONTRACTS = ['none', 'hard', 'soft', 'bundle'];
  const ordered: Labels = { ...labels, order: (dim) => (dim === 'contract_type' ? CONTRACTS : dim === 'value_tier' ? ['drop', 'improve', 'maintain', 'vip', 'key'] : []) };
  it('a contract type has the same colour in the survival curves and in the contract-expiry chart, though the latter has no 无合约', () => {
    const curves = survivalOption(result(CONTRACTS.flatMap((contract_type) => [0, 1].map((tenure) => ({ contract_type, tenure, survival_rate: 0.9, ci_low: 0.8, ci_high: 1, at_risk: 10 })))),
      { dim: 'contract_type', labels: ordered, bandLabel: (n) => `${n} band`, monthsLabel: '月' });
    const curveColour = (id: string) => curves.series.find((x: { name: string; lineStyle: { color?: string } }) => x.name === id && x.lineStyle.color)!.lineStyle.color;
    const expiry = contractChurnOption(['hard', 'soft', 'bundle'].flatMap((contractType) => [-1, 0].map((relativeMonth) => ({ contractType, relativeMonth, atRisk: 100, churned: 5, churnRate: 0.05 }))), { labels: ordered, relLabel: 'rel' });
    for (const id of ['hard', 'soft', 'bundle']) {
      const line = expiry.series.find((x) => x.name === id)!;
      expect(line.lineStyle.color, id).toBe(curveColour(id));
    }
    expect(new Set(CONTRACTS.map(curveColour)).size).toBe(4);
  });
  it("the sankey's 新增 node shares no tier's colour", () => {
    const flows = [{ from: 'new', to: 'maintain', subscribers: 5 }, ...['drop', 'improve', 'maintain', 'vip', 'key'].map((t) => ({ from: t, to: t, subscribers: 10 }))];
    const o = sankeyOption(flows, { scheme: 'value_tier', newLabel: '新增', churnedLabel: '离网', order: ['drop', 'improve', 'maintain', 'vip', 'key'], labels: ordered, fromMonth: '2026-05', toMonth: '2026-06' });
    const colour = (name: string) => o.series[0].data.find((d: { name: string }) => d.name === name)!.itemStyle.color;
    const tiers = ['drop', 'improve', 'maintain', 'vip', 'key'].map((t) => colour(`L:${t}`));
    expect(new Set(tiers).size).toBe(5);
    expect(tiers).not.toContain(colour('L:new'));
    expect(colour('R:maintain')).toBe(colour('L:maintain'));
  });
});

describe('sankey from a migration matrix', () => {
  const flows = [
    { from: 'vip', to: 'vip', subscribers: 50 },
    { from: 'vip', to: 'maintain', subscribers: 10 },
    { from: 'maintain', to: 'vip', subscribers: 7 },
    { from: 'new', to: 'maintain', subscribers: 20 },
    { from: 'maintain', to: 'churned', subscribers: 4 },
    { from: 'drop', to: 'maintain', subscribers: 0 },
  ];
  const s = { scheme: 'value_tier', member: labels.member, newLabel: '新增', churnedLabel: '离网', order: ['drop', 'improve', 'maintain', 'vip', 'key'] };
  it('splits each segment into a left and a right node, so staying put is not a cycle', () => {
    const { nodes, links } = sankeyFromMigration(flows, s);
    expect(links).toContainEqual({ source: 'L:vip', target: 'R:vip', value: 50 });
    for (const l of links) expect(l.source.startsWith('L:') && l.target.startsWith('R:')).toBe(true);
    expect(nodes.find((n) => n.name === 'L:new')?.label).toBe('新增');
    expect(nodes.some((n) => n.name === 'R:new' || n.name === 'L:churned')).toBe(false);
    expect(nodes.find((n) => n.name === 'R:churned')?.label).toBe('离网');
  });
  it('drops zero flows and conserves totals on both sides', () => {
    const { nodes, links } = sankeyFromMigration(flows, s);
    expect(links).toHaveLength(5);
    expect(nodes.some((n) => n.id === 'drop')).toBe(false);
    const left = nodes.filter((n) => n.side === 'from').reduce((t, n) => t + n.value, 0);
    const right = nodes.filter((n) => n.side === 'to').reduce((t, n) => t + n.value, 0);
    expect(left).toBe(91);
    expect(right).toBe(91);
    expect(nodes.find((n) => n.name === 'L:vip')!.value).toBe(60);
  });
  it('orders new first on the left and churned last on the right', () => {
    const { nodes } = sankeyFromMigration(flows, s);
    expect(nodes[0].name).toBe('L:new');
    expect(nodes[nodes.length - 1].name).toBe('R:churned');
    const o = sankeyOption(flows, { ...s, labels, fromMonth: '2026-05', toMonth: '2026-10' });
    expect(o.series[0].type).toBe('sankey');
    expect(o.series[0].links).toHaveLength(5);
  });
});

describe('value axes in a real render', () => {
  // the tick labels ECharts draws for an option (text of the axis labels, in order)
  const axisTexts = (option: object, width = 600, height = 300) => {
    echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
    chart.setOption({ ...option, animation: false });
    const texts = chart.getZr().storage.getDisplayList().map((e) => (e as { style?: { text?: unknown } }).style?.text).filter((t): t is string => typeof t === 'string');
    chart.dispose();
    return texts;
  };
  const decimals = (t: string) => (/\.(\d+)/.exec(t)?.[1].length ?? 0);
  it('draws every tick of an axis with the same decimals and unit', () => {
    const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
    const share = [0.5278, 0.5301, 0.5234, 0.5247, 0.5302, 0.5288];
    const trend = trendOption(result(months.map((month, i) => ({ month, e_channel_share: share[i] }))), { metric: 'e_channel_share', labels: { ...labels, format: () => 'percent' }, prevLabel: '去年同期' });
    const pct = axisTexts(trend).filter((t) => t.endsWith('%'));
    expect(pct.length).toBeGreaterThan(3);
    expect(new Set(pct.map(decimals)), pct.join(' ')).toEqual(new Set([1]));
    // counts past 10,000: one unit down the axis
    const subs = rankedBarsOption(result([{ city: '440100', subscribers: 30800 }, { city: '440300', subscribers: 4000 }]), { dim: 'city', metric: 'subscribers', labels });
    const ticks = axisTexts(subs).filter((t) => /^[\d.,]+万?$/.test(t) && !['3.08万', '4,000'].includes(t)); // not the bars' own labels
    expect(ticks.filter((t) => t !== '0').every((t) => t.endsWith('万')), ticks.join(' ')).toBe(true);
  });
});

describe('the sankey in a real render', () => {
  it('leaves room on the right for the right-hand labels (Maintain  21.43K was cut at the edge)', () => {
    echarts.use([SankeyChart, TooltipComponent, SVGRenderer]);
    const en: Labels = { ...labels, locale: 'en', member: (_d, id) => ({ maintain: 'Maintain', vip: 'VIP', drop: 'Drop' } as Record<string, string>)[String(id)] ?? String(id) };
    const flows = [{ from: 'new', to: 'maintain', subscribers: 21430 }, { from: 'vip', to: 'churned', subscribers: 21830 }, { from: 'drop', to: 'vip', subscribers: 7765 }];
    const width = 620;
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height: 300 });
    chart.setOption({ ...sankeyOption(flows, { scheme: 'value_tier', labels: en, newLabel: 'New', churnedLabel: 'Churned', order: ['drop', 'maintain', 'vip'], fromMonth: 'a', toMonth: 'b' }), animation: false });
    // ECharts' own measure of each label, where it is drawn; a browser's font runs wider, hence the margin
    const textOf = (e: unknown) => (e as { style?: { text?: unknown } }).style?.text;
    const ends = chart.getZr().storage.getDisplayList().filter((e) => typeof textOf(e) === 'string').map((e) => {
      const r = e.getBoundingRect().clone();
      r.applyTransform(e.getComputedTransform());
      return { text: String(textOf(e)), end: r.x + r.width };
    });
    chart.dispose();
    expect(ends.map((e) => e.text)).toContain('Maintain  21.43K');
    for (const e of ends) expect(e.end, e.text).toBeLessThan(width - 24);
  });
});

describe("the figures on a chart's bars", () => {
  it('share one number of decimals within a unit: 4.0% beside 4.1%, not 4%', () => {
    const f = figureText(labels, 'percent', [0.04, 0.041, 0.0395, null]);
    expect([0.04, 0.041, 0.0395].map(f)).toEqual(['4.0%', '4.1%', '4.0%']);
    expect(figureText(labels, 'percent', [0.04, 0.05])(0.04)).toBe('4%'); // none needs a decimal
    expect(figureText(labels, 'currency', [70, 72.3])(70)).toBe('70.0 元');
    expect(figureText({ ...labels, locale: 'en' }, 'currency', [1234, 1234.5])(1234)).toBe('¥1,234.0');
    // figures in different units are left as they are (3.08万 beside 4,000)
    const subs = figureText(labels, 'integer', [30800, 4000]);
    expect([subs(30800), subs(4000)]).toEqual(['3.08万', '4,000']);
    expect(subs(null)).toBe(formatValue(null, 'integer', 'zh-CN'));
  });
  it('on a ranking of provinces, every rate with one decimal', () => {
    const r = result([{ province: '440000', churn_rate: 0.04 }, { province: '150000', churn_rate: 0.0412 }]);
    const o = rankedBarsOption(r, { dim: 'province', metric: 'churn_rate', labels });
    const fmt = (o.series[0].label as { formatter: (p: { value: number }) => string }).formatter;
    expect([fmt({ value: 0.04 }), fmt({ value: 0.0412 })]).toEqual(['4.0%', '4.1%']);
  });
});

describe('campaign lift in a real render, at a phone\'s width (300 px: ECharts\' own text measure is narrower than a browser\'s)', () => {
  it('names both campaign kinds and keeps the lift axis\'s name off the legend', () => {
    echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
    const en: Labels = { ...labels, locale: 'en', member: (_d, id) => ({ churn: 'Churn retention', data_service: 'Data service upsell' } as Record<string, string>)[String(id)] ?? String(id) };
    const byList = result(['churn', 'data_service'].flatMap((k, i) => [{ campaign_kind: k, list_type: 'model', hit_rate: 0.265 - i * 0.15, campaign_targeted: 100 }, { campaign_kind: k, list_type: 'random', hit_rate: 0.032, campaign_targeted: 100 }]));
    const byKind = result([{ campaign_kind: 'churn', campaign_lift: 8.17, retention_success_rate: 0.08 }, { campaign_kind: 'data_service', campaign_lift: 3.79, retention_success_rate: 0.05 }]);
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 300, height: 300 });
    chart.setOption({ ...liftOption(byList, byKind, { labels: en, modelLabel: 'Model list', randomLabel: 'Random list', liftLabel: 'Lift' }), animation: false });
    const textOf = (e: unknown) => (e as { style?: { text?: unknown } }).style?.text;
    const texts = chart.getZr().storage.getDisplayList().filter((e) => typeof textOf(e) === 'string').map((e) => {
      const r = e.getBoundingRect().clone();
      r.applyTransform(e.getComputedTransform());
      return { text: String(textOf(e)), r };
    });
    chart.dispose();
    expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['Churn retention', 'Data service upsell']));
    const lifts = texts.filter((t) => t.text === 'Lift');
    expect(lifts).toHaveLength(2); // the legend's entry and the axis's name
    expect(lifts[0].r.intersect(lifts[1].r)).toBe(false);
  });
});

describe('bars with a line in a real render', () => {
  /** Every text ECharts draws, with its box on the canvas. */
  const drawn = (option: object, width = 600, height = 320) => {
    echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
    chart.setOption({ ...option, animation: false });
    const textOf = (e: unknown) => (e as { style?: { text?: unknown } }).style?.text;
    const out = chart.getZr().storage.getDisplayList().filter((e) => typeof textOf(e) === 'string' && textOf(e) !== '').map((e) => {
      const r = e.getBoundingRect().clone();
      r.applyTransform(e.getComputedTransform());
      return { text: String(textOf(e)), r };
    });
    chart.dispose();
    return out;
  };
  const provinces = PROVINCES.slice(0, 31).map((p, i) => ({ province: p.code, arpu: 70 + (i % 7) * 2.3, churn_rate: 0.03 + (i % 5) / 400 }));
  const pLabels: Labels = { ...labels, member: (_d, id) => PROVINCES.find((p) => p.code === id)?.shortZh ?? String(id), metric: (id) => id };
  it("31 provinces (the chat's 各省ARPU和离网率): no figure drawn over another, names slanted", () => {
    const texts = drawn(barsWithLineOption(result(provinces), { dim: 'province', bar: 'arpu', line: 'churn_rate', labels: pLabels }));
    const names = new Set(provinces.map((p) => pLabels.member('province', p.province)));
    expect(texts.filter((t) => names.has(t.text))).toHaveLength(31);
    // the category names are slanted, so their upright boxes overlap each other and the axes' ends; no other two texts may
    const others = texts.filter((t) => !names.has(t.text));
    for (const a of others) for (const b of others) if (a !== b) expect(a.r.intersect(b.r), `${a.text} / ${b.text}`).toBe(false);
  });
  it('a handful of members keep their figures on the bars', () => {
    const texts = drawn(barsWithLineOption(result(provinces.slice(0, 5)), { dim: 'province', bar: 'arpu', line: 'churn_rate', labels: pLabels }));
    // one number of decimals among them: 70.0 元 beside 72.3 元
    expect(texts.filter((t) => t.text.endsWith(' 元')).map((t) => t.text)).toEqual(['70.0 元', '72.3 元', '74.6 元', '76.9 元', '79.2 元']);
  });
});

describe('other builders', () => {
  it("a trend's table heads its columns in the UI's language (the month column's own label, the change as 同比)", () => {
    const r = { columns: [{ id: 'month', type: 'time', labelZh: '月份', labelEn: 'Month' }], rows: [{ month: '2026-10', subscribers: 12, subscribers_prev: 9, subscribers_change: 1 / 3 }] };
    const zh = trendTable(r, { metric: 'subscribers', labels, prevLabel: '去年同期', changeLabel: '同比' });
    expect(zh.columns.map((c) => c.label)).toEqual(['月份', '用户数', '去年同期', '同比']);
    const en = trendTable(r, { metric: 'subscribers', labels: { ...labels, locale: 'en' }, prevLabel: 'Same month last year', changeLabel: 'YoY' });
    expect(en.columns[0].label).toBe('Month');
  });
  it('trend carries the previous year dashed when compare rows have it', () => {
    const o = trendOption(result([{ month: '2026-09', subscribers: 10, subscribers_prev: 8 }, { month: '2026-10', subscribers: 12, subscribers_prev: 9 }]), { metric: 'subscribers', labels, prevLabel: '去年同期' });
    expect(o.series).toHaveLength(2);
    expect(o.series[1].data).toEqual([8, 9]);
    expect(o.xAxis.data).toEqual(['2026-09', '2026-10']);
  });
  it('preference shares sum to 1 within each lifecycle stage', () => {
    const rows = preferenceShares([{ lifecycle_stage: 'usage', channel: 'app', contacts: 30 }, { lifecycle_stage: 'usage', channel: 'store', contacts: 10 }, { lifecycle_stage: 'change', channel: 'store', contacts: 5 }]);
    expect(rows.map((r) => r.share)).toEqual([0.75, 0.25, 1]);
  });
  it('heatmap places cells by member id and ignores unknown ones', () => {
    const o = heatmapOption([{ x: '1', y: '2', v: 5 }, { x: '9', y: '1', v: 1 }], { x: { dim: 'x', ids: ['1', '2'], title: 'X' }, y: { dim: 'y', ids: ['1', '2'], title: 'Y' }, value: 'v', format: 'integer' }, labels);
    expect(o.series[0].data.map((d: { value: unknown }) => d.value)).toEqual([[0, 1, 5]]);
    // the y axis's name sits beside its labels, not a fixed 56 px away (off the canvas beside 1…5)
    expect(o.yAxis.nameGap).toBe(7 + 14);
    const wide = heatmapOption([], { x: { dim: 'x', ids: ['1'], title: 'X' }, y: { dim: 'y', ids: ['a', 'b'], title: 'Y' }, value: 'v', format: 'integer' }, { ...labels, member: (_d, id) => (id === 'a' ? '维持价值' : 'VIP') });
    expect(wide.yAxis.nameGap).toBe(4 * 12 + 14);
  });
  it('a count heatmap fills the cells without a row with 0, drawn and labelled like a row\'s 0', () => {
    const spec = { x: { dim: 'x', ids: ['1', '2'], title: 'X' }, y: { dim: 'y', ids: ['1', '2'], title: 'Y' }, value: 'v', format: 'integer', fill: 0 };
    const o = heatmapOption([{ x: '1', y: '2', v: 5 }, { x: '2', y: '2', v: 0 }], spec, labels);
    const cells = o.series[0].data as { value: [number, number, number]; row: Record<string, unknown> }[];
    expect(cells.map((d) => d.value).sort()).toEqual([[0, 0, 0], [0, 1, 5], [1, 0, 0], [1, 1, 0]]);
    const filled = cells.find((d) => d.value[0] === 1 && d.value[1] === 0)!;
    expect(filled.row).toEqual({ x: '2', y: '1', v: 0 });
    const label = o.series[0].label.formatter;
    expect(label({ data: filled })).toBe(label({ data: cells.find((d) => d.value[0] === 1 && d.value[1] === 1)! }));
    expect(label({ data: filled })).toBe('0');
  });
  it('a heatmap of rates labels every cell with one decimal (86.0% beside 85.4%)', () => {
    const spec = { x: { dim: 'x', ids: ['1', '2'], title: 'X' }, y: { dim: 'y', ids: ['1'], title: 'Y' }, value: 'v', format: 'percent' };
    const o = heatmapOption([{ x: '1', y: '1', v: 0.86 }, { x: '2', y: '1', v: 0.854 }], spec, labels);
    const label = o.series[0].label.formatter;
    expect(o.series[0].data.map((d: unknown) => label({ data: d as { value: [number, number, number] } }))).toEqual(['86.0%', '85.4%']);
  });
  it('scatter separates electronic and physical channels', () => {
    const o = scatterOption(result([{ channel: 'app', conversion_rate: 0.05, cost_per_conversion: 3, contacts: 100 }, { channel: 'store', conversion_rate: 0.2, cost_per_conversion: 100, contacts: 50 }]), { labels, electronicLabel: 'e', physicalLabel: 'p' });
    expect(o.series.map((s: { data: unknown[] }) => s.data.length)).toEqual([1, 1]);
    // the rightmost bubble is labelled on its left, so its name stays inside the chart
    const [[app], [store]] = o.series.map((s: { data: { label?: { position: string } }[] }) => s.data);
    expect(store.label).toEqual({ position: 'left' });
    expect(app.label).toBeUndefined();
    // costs spanning orders of magnitude: a log axis; a zero cost cannot sit on one, so linear then
    expect(o.yAxis.type).toBe('log');
    expect(scatterOption(result([{ channel: 'app', conversion_rate: 0.05, cost_per_conversion: 3, contacts: 100 }]), { labels, electronicLabel: 'e', physicalLabel: 'p', logLabel: (n) => `${n} (log)` }).yAxis.name).toBe('cost_per_conversion (log)');
    const zero = scatterOption(result([{ channel: 'app', conversion_rate: 0.05, cost_per_conversion: 0, contacts: 100 }, { channel: 'store', conversion_rate: 0.2, cost_per_conversion: 100, contacts: 50 }]), { labels, electronicLabel: 'e', physicalLabel: 'p' });
    expect(zero.yAxis.type).toBe('value');
    expect(zero.yAxis.name).toBe('cost_per_conversion');
  });
  it('capability benchmark uses known foreign scores only and the radar leaves unknowns as gaps', () => {
    const rows = [
      { capability_entity: 'telstra', capability_dimension: 'insight', capability_score: 4 },
      { capability_entity: 'bt', capability_dimension: 'insight', capability_score: 3 },
      { capability_entity: 'sbc', capability_dimension: 'insight', capability_score: null },
      { capability_entity: 'shenzhen_telecom', capability_dimension: 'insight', capability_score: null },
      { capability_entity: 'shenzhen_telecom', capability_dimension: 'offering', capability_score: 2 },
    ];
    expect(capabilityBenchmark(rows, 'capability_dimension').get('insight')).toEqual({ best: 4, mean: 3.5, n: 2 });
    const o = radarOption(rows, { nodeDim: 'capability_dimension', nodes: ['insight', 'offering'], entities: ['shenzhen_telecom', 'china_telecom'], labels, bestLabel: 'best', meanLabel: 'mean', unknownLabel: '?', benchmark: true });
    const data = o.baseOption.series[0].data as { name: string; value: unknown[] }[];
    expect(data.map((d) => d.name)).toEqual(['shenzhen_telecom', 'best', 'mean']); // china_telecom has nothing known: not drawn
    expect(data[0].value).toEqual(['-', 2]);
    expect(o.baseOption.radar.indicator.every((i: { max: number }) => i.max === 4)).toBe(true);
  });
  it('radar axis names wrap instead of being cut off: in lines of at most the width, shorter and on a smaller radar on a phone', () => {
    const o = radarOption([], { nodeDim: 'capability_dimension', nodes: [], entities: [], labels, bestLabel: 'best', meanLabel: 'mean', unknownLabel: '?', benchmark: true });
    const wide = o.baseOption.radar.axisName.formatter;
    const phone = o.media.find((m) => m.query.maxWidth! <= 480)!.option.radar;
    const narrow = phone.axisName.formatter;
    expect(parseFloat(phone.radius)).toBeLessThan(parseFloat(o.baseOption.radar.radius));
    // the capability dimensions (seeds/capability/framework.json), English and Chinese
    expect(narrow('Customer interaction')).toBe('Customer\ninteraction');
    expect(narrow('High-performance organization')).toBe('High-\nperformance\norganization');
    expect(wide('High-performance organization')).toBe('High-performance\norganization');
    expect(narrow('客户产品与服务')).toBe('客户产品\n与服务');
    expect(narrow('高效能的组织')).toBe('高效能\n的组织');
    expect(wide('客户产品与服务')).toBe('客户产品与服务');
    expect(narrow('客户洞察')).toBe('客户洞察');
    // an area name: every line within the width unless it is one word, and nothing lost
    const area = 'Product and service portfolio management';
    expect(wide(area)).toBe('Product and\nservice portfolio\nmanagement');
    for (const [f, w] of [[wide, RADAR_NAME_WIDTH.wide], [narrow, RADAR_NAME_WIDTH.narrow]] as const) {
      for (const name of [area, '产品与服务组合管理', 'Staff motivation and rewards', '市场洞察力与反应']) {
        const lines = f(name).split('\n');
        expect(lines.join(/\s/.test(name) ? ' ' : '').replace(/- /g, '-'), name).toBe(name);
        for (const l of lines) expect(/\s/.test(name) ? (l.includes(' ') ? l.length : 0) : [...l].length * 2, `${name}: ${l}`).toBeLessThanOrEqual(w);
      }
    }
    expect(wrapName('产品与服务组合管理', 10)).toBe('产品与服务\n组合管理');
    // the areas (16 axes) on a phone: a name at a side wraps at its width, one toward the top or bottom has more room, one right at the bottom (centred between its neighbours) keeps narrow
    const areas = Array.from({ length: 16 }, (_, i) => `a${i}`);
    const named = (i: number) => ['Collect data', 'Manage data', 'Gain insight', 'Apply insight', 'Product and service portfolio management', 'New product and service development',
      'Brand and communication management', 'Channel management', 'Customer interaction operations', 'Customer interaction management', 'Sales and service skills',
      'Staff motivation and rewards', 'Governance and measurement', 'Information management', 'Partner management', 'Market insight and response'][i];
    const many = radarOption([], { nodeDim: 'capability_area', nodes: areas, entities: [], labels: { ...labels, member: (_d, id) => named(Number(String(id).slice(1))) }, bestLabel: 'best', meanLabel: 'mean', unknownLabel: '?', benchmark: false });
    const manyPhone = many.media[0].option.radar.axisName.formatter;
    expect(manyPhone(named(4))).toBe('Product and service\nportfolio management'); // at the left side
    expect(manyPhone(named(6))).toBe('Brand and communication\nmanagement'); // lower left: more room, two lines
    expect(manyPhone(named(8))).toBe('Customer\ninteraction\noperations'); // right at the bottom
    expect(manyAxesWidth(1)).toBe(RADAR_NAME_WIDTH.narrowMany);
    expect(manyAxesWidth(0.5)).toBeGreaterThan(manyAxesWidth(1));
  });
  it('capability tree nests items under areas under dimensions with their scores', () => {
    const m = (id: string, parent?: string) => ({ id, labelZh: id, labelEn: id, parent });
    const tree = capabilityTree(
      { dimension: [m('insight')], area: [m('insight.a', 'insight')], item: [m('insight.a.x', 'insight.a'), m('insight.a.y', 'insight.a')] },
      { dimension: [], area: [{ capability_area: 'insight.a', capability_score: 1.43 }], item: [{ capability_item: 'insight.a.x', capability_score: 2, comment: '好' }] },
      (x) => x.labelZh,
    );
    expect(tree[0].score).toBeNull();
    expect(tree[0].children[0].score).toBe(1.43);
    expect(tree[0].children[0].children.map((i) => [i.id, i.score, i.comment])).toEqual([['insight.a.x', 2, '好'], ['insight.a.y', null, '']]);
  });
  it('result tables label dimension members and keep numbers exact', () => {
    const t = resultTable(result([{ brand: 'gotone', arpu: 123.456 }], [{ id: 'brand', type: 'dimension' }, { id: 'arpu', type: 'currency' }]), labels);
    expect(t.rows).toEqual([{ brand: '全球通', arpu: 123.456 }]);
  });
  it('a text column in the other language (capability notes: note / note_zh) is left out; its twin shows', () => {
    const r = { columns: [{ id: 'capability_score', labelZh: '能力评分', labelEn: 'Score', type: 'score' },
      { id: 'note', labelZh: '说明', labelEn: 'Note', type: 'text', lang: 'en' }, { id: 'note_zh', labelZh: '说明', labelEn: 'Note', type: 'text', lang: 'zh' },
      { id: 'comment', labelZh: '评语', labelEn: 'Comment', type: 'text', lang: null }], rows: [{ capability_score: 1.61, note: 'Derived', note_zh: '推算', comment: '' }] };
    const zh = resultTable(r, labels);
    expect(zh.columns.map((c) => c.key)).toEqual(['capability_score', 'note_zh', 'comment']);
    expect(zh.rows).toEqual([{ capability_score: 1.61, note_zh: '推算', comment: '' }]);
    const en = resultTable(r, { ...labels, locale: 'en' });
    expect(en.columns.map((c) => [c.key, c.label])).toEqual([['capability_score', 'Score'], ['note', 'Note'], ['comment', 'Comment']]);
  });
});

describe('URL state, scope and default views', () => {
  it('patches the query and keeps only string values', () => {
    expect(patchQuery({ scope: '440300', map: 'arpu', x: null }, { map: undefined, trend: 'revenue' })).toEqual({ scope: '440300', trend: 'revenue' });
    expect(pageState({ scope: '440300', view: 'abc', lang: 'en', from: '2026-01', map: 'arpu' })).toEqual({ from: '2026-01', map: 'arpu' });
  });
  it('a tab takes its page back as it was left, under the current region, range and language', () => {
    const left = { scope: '440000', from: '2026-01', map: 'arpu', view: 'v1', drill: '440000' };
    expect(tabQuery(left, { scope: '440000', from: '2026-03', lang: 'en', sort: 'roi' })).toEqual({ map: 'arpu', view: 'v1', drill: '440000', scope: '440000', from: '2026-03', lang: 'en' });
    // another region since: the saved view and a drilled map were that region's
    expect(tabQuery(left, { scope: '350000' })).toEqual({ map: 'arpu', scope: '350000' });
    expect(tabQuery(undefined, { scope: '350000', sort: 'roi' })).toEqual({ scope: '350000' });
  });
  it('maps a region to its level and filters', () => {
    expect(levelOf('national')).toBe('national');
    expect(levelOf('440000')).toBe('province');
    expect(levelOf('440300')).toBe('city');
    expect(regionFilters('440300')).toEqual([{ dimension: 'city', op: 'in', values: ['440300'] }]);
    expect(regionFilters('440000')).toEqual([{ dimension: 'province', op: 'in', values: ['440000'] }]);
    expect(regionFilters('national')).toEqual([]);
    expect(within('440000', '440300')).toBe(true);
    expect(within('440300', '440000')).toBe(false);
  });
  it('looks for a default only on a bare overview URL', () => {
    expect(wantsDefault('overview', { scope: '440300' })).toBe(true);
    expect(wantsDefault('overview', { scope: '440300', lang: 'en' })).toBe(true);
    expect(wantsDefault('overview', { scope: '440300', map: 'arpu' })).toBe(false);
    expect(wantsDefault('overview', { view: 'none' })).toBe(false);
    expect(wantsDefault('segments', {})).toBe(false);
  });
  it('opens a view in the requested scope with its state', () => {
    expect(viewQuery({ id: 'v1', state: { map: 'arpu', from: '2026-01' } }, { scope: '440300', lang: 'en', from: '2025-11' }, '440300'))
      .toEqual({ from: '2026-01', map: 'arpu', view: 'v1', scope: '440300', lang: 'en' });
  });
});

describe('an embed\'s title line', () => {
  const data = (from: string, to: string) => ({
    chart: 'bars', lang: 'zh', scope: 'national', query: { metrics: ['churn_rate'], groupBy: ['city'] }, columns: [], rows: [], totals: null,
    resolved: { from, to, asOf: '2026-11-23', timeDefaulted: false },
    labels: { metrics: { churn_rate: { zh: '离网率', en: 'Churn rate', format: 'percent' } }, dims: { city: { zh: '地市', en: 'City' } }, members: {} },
    controls: [], expiresAt: '',
  }) as EmbedData;
  it('names the metric, the grouping and the months, in the language asked', () => {
    expect(embedTitle(data('2025-11-01', '2026-10-31'), 'zh-CN')).toBe('离网率 (地市) · 2025-11 – 2026-10');
    expect(embedTitle(data('2026-10-01', '2026-10-31'), 'en')).toBe('Churn rate (City) · 2026-10');
  });
  it('embedded bars ranked low to high keep the first member on top', () => {
    const rows = [{ city: '440100', churn_rate: 0.03 }, { city: '440300', churn_rate: 0.02 }, { city: '440200', churn_rate: 0.04 }];
    const top = (d: EmbedData) => (embedOption(d, 'zh-CN') as { yAxis: { data: string[] } }).yAxis.data.at(-1);
    const d = { ...data('2026-10-01', '2026-10-31'), rows };
    expect(top(d)).toBe('440200');
    expect(top({ ...d, query: { ...d.query, orderBy: { metric: 'churn_rate', direction: 'asc' } } })).toBe('440300');
    expect(top({ ...d, query: { ...d.query, orderBy: { metric: 'churn_rate', direction: 'desc' } } })).toBe('440200');
  });
});
