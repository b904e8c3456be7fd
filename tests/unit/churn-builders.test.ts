/** The churn page's option builders (web/src/charts/builders/churn.ts): pure, no DOM, no engine; ECharts renders two of them to SVG (server-side) to find where a line is drawn. */
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Labels, MetricResultLike, Row } from '../../web/src/charts/builders/common';
import {
  breakdownOption, reference, regionChartHeight, regionChurnOption, TENURE_BANDS, TENURE_DIM, tenureFilters, tenureResult, wholeRate, withBandNames,
} from '../../web/src/charts/builders/churn';
import { contractTable } from '../../web/src/charts/builders/lifecycle';

const NAMES: Record<string, string> = { '440300': '深圳市', '440100': '广州市', '441800': '清远市', gotone: '全球通', mzone: '动感地带', easyown: '神州行', hard: '硬合约', none: '无合约' };
const labels: Labels = {
  locale: 'zh-CN',
  member: (_d, id) => NAMES[String(id)] ?? String(id),
  metric: (id) => ({ churn_rate: '离网率', churned_subscribers: '离网用户' })[id] ?? id,
  dim: (id) => ({ contract_type: '合约类型' })[id] ?? id,
  format: (id) => ({ churn_rate: 'percent', churned_subscribers: 'integer' })[id] ?? 'decimal',
};
const col = (id: string, type: string) => ({ id, labelZh: id, labelEn: id, type });

/**
 * Two big cities and a small one, as the API answers them: the rows' rates, and the totals the
 * API recomputes as churned ÷ subscribers at the start over all rows (the province's own rate).
 * 深圳 2,000 of 100,000 (2%), 广州 3,000 of 100,000 (3%), 清远 100 of 1,000 (10%):
 * the province is 5,100 ÷ 201,000 = 2.537%; a mean of the three rates would be 5%.
 */
const cities: MetricResultLike = {
  columns: [col('city', 'dimension'), col('churn_rate', 'percent'), col('churned_subscribers', 'integer')],
  rows: [
    { city: '440100', churn_rate: 0.03, churned_subscribers: 3000 },
    { city: '440300', churn_rate: 0.02, churned_subscribers: 2000 },
    { city: '441800', churn_rate: 0.1, churned_subscribers: 100 },
  ],
  totals: { churn_rate: 5100 / 201000, churned_subscribers: 5100 },
};

describe("the parent's reference line", () => {
  it("is the parent's own churn rate from the API's totals, not a mean of its children's rates", () => {
    expect(wholeRate(cities)).toBeCloseTo(0.025373, 6);
    const mean = [0.03, 0.02, 0.1].reduce((a, b) => a + b, 0) / 3;
    expect(wholeRate(cities)).not.toBeCloseTo(mean, 3);
    const o = regionChurnOption(cities, { dim: 'city', labels, reference: reference('广东省', wholeRate(cities)) });
    const line = (o.series[0] as { markLine?: { data: { xAxis: number }[]; label: { formatter: string } } }).markLine!;
    expect(line.data).toEqual([{ xAxis: 5100 / 201000 }]);
    expect(line.label.formatter).toBe('广东省 2.5%');
  });
  it('is absent when the API gave no figure (no totals, or a null rate), never drawn at 0', () => {
    expect(wholeRate({ ...cities, totals: null })).toBeNull();
    expect(wholeRate({ ...cities, totals: { churn_rate: null } })).toBeNull();
    expect(reference('广东省', null)).toBeNull();
    const o = regionChurnOption(cities, { dim: 'city', labels, reference: null });
    expect('markLine' in o.series[0]).toBe(false);
  });
  it('ranks the regions by churn rate, highest on top, each bar keeping its region code for the click', () => {
    const o = regionChurnOption(cities, { dim: 'city', labels, reference: null });
    expect(o.yAxis.data).toEqual(['深圳市', '广州市', '清远市']); // ECharts draws the first category at the bottom
    expect(o.series[0].data.map((d) => d.id)).toEqual(['440300', '440100', '441800']);
  });
  it('gives every region room for its name: 31 provinces get a taller chart than a handful of cities', () => {
    expect(regionChartHeight(3)).toBe(320);
    expect(regionChartHeight(21)).toBeGreaterThanOrEqual(21 * 15);
    expect(regionChartHeight(31)).toBeGreaterThan(regionChartHeight(21));
    expect(regionChartHeight(337)).toBe(560);
  });
});

describe('churners and churn rate by a dimension', () => {
  const brands: MetricResultLike = {
    columns: [col('brand', 'dimension'), col('churned_subscribers', 'integer'), col('churn_rate', 'percent')],
    // out of the catalogue's order on purpose
    rows: [{ brand: 'easyown', churned_subscribers: 150, churn_rate: 0.047 }, { brand: 'gotone', churned_subscribers: 30, churn_rate: 0.012 }, { brand: 'mzone', churned_subscribers: 80, churn_rate: 0.068 }],
    totals: { churned_subscribers: 260, churn_rate: 0.037 },
  };
  const o = breakdownOption(brands, { dim: 'brand', labels, order: ['gotone', 'mzone', 'easyown'], reference: reference('全国整体', 0.037) });
  it('draws churned subscribers as bars and the churn rate as a line on the right axis, members in the catalogue order', () => {
    expect(o.xAxis.data).toEqual(['全球通', '动感地带', '神州行']);
    const [bars, line] = o.series as { name: string; type: string; yAxisIndex?: number; data: unknown[] }[];
    expect([bars.name, bars.type, bars.data]).toEqual(['离网用户', 'bar', [30, 80, 150]]);
    expect([line.name, line.type, line.yAxisIndex, line.data]).toEqual(['离网率', 'line', 1, [0.012, 0.068, 0.047]]);
  });
  it("marks the scope's own rate on the rate axis, named with its figure in the legend", () => {
    const [, , ref] = o.series as { name: string; type: string; yAxisIndex: number; data: unknown[]; markLine: { data: { yAxis: number }[]; label: { show: boolean } } }[];
    expect([ref.name, ref.type, ref.yAxisIndex, ref.data]).toEqual(['全国整体 3.7%', 'line', 1, []]);
    expect(ref.markLine.data).toEqual([{ yAxis: 0.037 }]);
    expect(ref.markLine.label.show).toBe(false);
    expect((o.legend as { data: string[] }[]).map((l) => l.data)).toEqual([['离网用户', '离网率'], ['全国整体 3.7%']]);
    expect(o.series.filter((x) => 'markLine' in x)).toHaveLength(1);
    const none = breakdownOption(brands, { dim: 'brand', labels, order: ['gotone', 'mzone', 'easyown'], reference: null });
    expect(none.series).toHaveLength(2);
  });
  it("the tooltip gives a member's share of all churners (30 of 260)", () => {
    const html = (o.tooltip as { formatter: (ps: unknown[]) => string }).formatter([{ dataIndex: 0, marker: '', seriesName: '离网用户' }, { dataIndex: 0, marker: '', seriesName: '离网率' }]);
    expect(html).toContain('全球通');
    expect(html).toContain('11.538%');
  });
  it('names many members at a slant, a few straight', () => {
    expect(o.xAxis.axisLabel).not.toHaveProperty('rotate');
    const many = { ...brands, rows: Array.from({ length: 11 }, (_, i) => ({ brand: `m${i}`, churned_subscribers: i, churn_rate: 0.01 })) };
    expect(breakdownOption(many, { dim: 'brand', labels, reference: null }).xAxis.axisLabel).toMatchObject({ rotate: 35, interval: 0 });
  });
});

describe('tenure bands', () => {
  it("are seed 002's stages (0–8, 8–18, 18+ months) with 18+ split at three years: contiguous, from 0, the last open", () => {
    expect(TENURE_BANDS.map((b) => [b.from, b.to])).toEqual([[0, 8], [8, 18], [18, 36], [36, null]]);
    for (let i = 1; i < TENURE_BANDS.length; i++) expect(TENURE_BANDS[i].from).toBe(TENURE_BANDS[i - 1].to);
  });
  it('select a band with range filters on tenure_months (whole numbers: ≥ from, < to)', () => {
    expect(tenureFilters(TENURE_BANDS[1])).toEqual([{ dimension: 'tenure_months', op: 'gte', values: ['8'] }, { dimension: 'tenure_months', op: 'lt', values: ['18'] }]);
    expect(tenureFilters(TENURE_BANDS[3])).toEqual([{ dimension: 'tenure_months', op: 'gte', values: ['36'] }]);
  });
  const answer = (churned: number, rate: number): MetricResultLike => ({
    columns: [col('churned_subscribers', 'integer'), col('churn_rate', 'percent')],
    rows: [{ churned_subscribers: churned, churn_rate: rate }],
    totals: { churned_subscribers: churned, churn_rate: rate },
  });
  const answers = [answer(860, 0.0387), answer(849, 0.045), answer(667, 0.035), answer(391, 0.0255)];
  const column = { labelZh: '在网时长', labelEn: 'Tenure' };
  it("make one result of the bands' answers, each row its band's own figures as the API returned them", () => {
    const r = tenureResult(TENURE_BANDS, answers, column)!;
    expect(r.columns.map((c) => [c.id, c.type])).toEqual([[TENURE_DIM, 'dimension'], ['churned_subscribers', 'integer'], ['churn_rate', 'percent']]);
    expect(r.rows).toEqual([
      { tenure_band: '0_8', churned_subscribers: 860, churn_rate: 0.0387 },
      { tenure_band: '8_18', churned_subscribers: 849, churn_rate: 0.045 },
      { tenure_band: '18_36', churned_subscribers: 667, churn_rate: 0.035 },
      { tenure_band: '36plus', churned_subscribers: 391, churn_rate: 0.0255 },
    ]);
    expect(r.totals).toBeNull(); // no whole computed here: the page takes the scope's rate from its KPI query
  });
  it('wait for every band: nothing is drawn from some of them', () => {
    expect(tenureResult(TENURE_BANDS, [answers[0], null, answers[2], answers[3]], column)).toBeNull();
    expect(tenureResult(TENURE_BANDS, answers.slice(0, 3), column)).toBeNull();
  });
  it('are named by the page (whole months, both ends) in charts and tables alike', () => {
    const named = withBandNames(labels, (b) => (b.to === null ? `${b.from}个月及以上` : `${b.from}–${b.to - 1}个月`));
    expect(named.member(TENURE_DIM, '8_18')).toBe('8–17个月');
    expect(named.member(TENURE_DIM, '36plus')).toBe('36个月及以上');
    expect(named.member('brand', 'gotone')).toBe('全球通');
    const o = breakdownOption(tenureResult(TENURE_BANDS, answers, column), { dim: TENURE_DIM, labels: named, order: TENURE_BANDS.map((b) => b.id), reference: null });
    expect(o.xAxis.data).toEqual(['0–7个月', '8–17个月', '18–35个月', '36个月及以上']);
  });
});

describe('contract-expiry table', () => {
  it('names the contract type and keeps the counts beside the rate', () => {
    const t = contractTable([{ contractType: 'hard', relativeMonth: -1, atRisk: 147, churned: 8, churnRate: 8 / 147 }], { labels, relLabel: '距合约到期（月）', atRiskLabel: '风险集人数' });
    expect(t.columns.map((c) => c.label)).toEqual(['合约类型', '距合约到期（月）', '风险集人数', '离网用户', '离网率']);
    expect(t.rows).toEqual([{ contractType: '硬合约', relativeMonth: -1, atRisk: 147, churned: 8, churnRate: 8 / 147 }]);
  });
});

describe('the dashed reference line is drawn at its value, not rounded (ECharts rounds mark lines to 2 decimals by default)', () => {
  echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);
  /**
   * The coordinates of the dashed line ECharts drew across the plot: the longest dashed path (a
   * breakdown's legend draws a short dashed one as the reference's icon); `legendIcons` the others.
   */
  const dashed = (option: object, width = 640, height = 320) => {
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
    chart.setOption(option as never);
    const svg = chart.renderToSVGString();
    const paths = [...svg.matchAll(/<path d="M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)"[^>]*stroke-dasharray/g)]
      .map((m) => m.slice(1, 5).map(Number))
      .sort((a, b) => Math.hypot(b[2] - b[0], b[3] - b[1]) - Math.hypot(a[2] - a[0], a[3] - a[1]));
    expect(paths.length).toBeGreaterThanOrEqual(1);
    return { chart, svg, at: paths[0], legendIcons: paths.slice(1) };
  };
  it("the province's rate (2.537%) across its cities' bars", () => {
    const ref = (cities.totals as Row).churn_rate as number;
    const { chart, at: [x1, , x2] } = dashed(regionChurnOption(cities, { dim: 'city', labels, reference: reference('广东省', ref) }));
    expect(x1).toBe(x2);
    const px = (v: number) => chart.convertToPixel({ xAxisIndex: 0 }, v) as unknown as number;
    expect(Math.abs(x1 - px(ref))).toBeLessThan(1);
    expect(Math.abs(px(0.03) - px(ref))).toBeGreaterThan(5); // where the default rounding put it
  });
  it('runs beneath the bars\' figures: a figure ending across the line hides it on its white ground, not struck through', () => {
    const ref = (cities.totals as Row).churn_rate as number;
    const { svg } = dashed(regionChurnOption(cities, { dim: 'city', labels, reference: reference('广东省', ref) }));
    const line = svg.search(/<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+"[^>]*stroke-dasharray/);
    expect(line).toBeGreaterThan(0);
    // each bar's figure on a white ground, drawn after the line (above it)
    const figures = [...svg.matchAll(/<path [^>]*fill="#fff"[^>]*><\/path>\s*<text [^>]*>([^<]+)<\/text>/g)];
    expect(figures.map((m) => m[1]).sort()).toEqual(['10%', '2%', '3%']);
    for (const m of figures) expect(m.index!, m[1]).toBeGreaterThan(line);
  });
  it("the scope's rate (3.54%) on the rate axis of a breakdown", () => {
    const brands: MetricResultLike = {
      columns: [col('brand', 'dimension'), col('churned_subscribers', 'integer'), col('churn_rate', 'percent')],
      rows: [{ brand: 'gotone', churned_subscribers: 34, churn_rate: 0.0132 }, { brand: 'mzone', churned_subscribers: 67, churn_rate: 0.059 }, { brand: 'easyown', churned_subscribers: 135, churn_rate: 0.0457 }],
    };
    const { chart, svg, at: [x1, y1, x2, y2], legendIcons } = dashed(breakdownOption(brands, { dim: 'brand', labels, reference: reference('广东省整体', 0.0354) }));
    expect(y1).toBe(y2);
    const px = (v: number) => chart.convertToPixel({ yAxisIndex: 1 }, v) as unknown as number;
    expect(Math.abs(y1 - px(0.0354))).toBeLessThan(1);
    expect(Math.abs(px(0.04) - px(0.0354))).toBeGreaterThan(5);
    // named once, in the legend above the plot, beside a short dashed icon: never on the bars
    const names = [...svg.matchAll(/<text[^>]* y="([\d.]+)" transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>广东省整体 3.5%<\/text>/g)];
    expect(names).toHaveLength(1);
    expect(+names[0][1] + +names[0][3]).toBeLessThan(52); // the grid's top
    expect(legendIcons).toHaveLength(1);
    const [ix1, iy1, ix2, iy2] = legendIcons[0];
    expect(iy1).toBe(iy2);
    expect(iy1).toBeLessThan(52);
    expect(ix2 - ix1).toBeLessThan((x2 - x1) / 10);
  });
});
