/**
 * Overview: the maps coloured by a metric (China by province, a province by city; both loaded
 * lazily: charts/chinaMap.ts), the tile grid the map of China falls back to when its
 * boundaries do not load, the ranked bars of provinces or cities, and the monthly trend with
 * the same months of the previous year.
 */
import { axis, baseOption, figureLabel, REFERENCE_COLOR, escapeHtml, exact, compact, num, rowsOf, SELECTED_COLOR, tooltipLines, type Labels, type MetricResultLike, type TableData, LABELS_INSIDE } from './common';

/** Grid position (column, row; row 0 at the top) of each province, by GB/T 2260 code. */
/**
 * The colour scale's ends. One region alone (a province executive's map) has min = max: put
 * its value mid-scale, so it is drawn in the scale's middle blue, not in the palest one.
 */
export function scaleRange(min: number, max: number): { min: number; max: number } {
  if (max > min) return { min, max };
  const half = Math.abs(min) > 0 ? Math.abs(min) * 0.5 : 1;
  return { min: min - half, max: max + half };
}

export const PROVINCE_TILES: Record<string, [number, number]> = {
  '230000': [8, 0], // 黑龙江
  '150000': [5, 1], '110000': [6, 1], '210000': [7, 1], '220000': [8, 1], // 内蒙古 北京 辽宁 吉林
  '650000': [1, 2], '620000': [3, 2], '640000': [4, 2], '140000': [5, 2], '130000': [6, 2], '120000': [7, 2], // 新疆 甘肃 宁夏 山西 河北 天津
  '630000': [2, 3], '610000': [4, 3], '410000': [5, 3], '370000': [6, 3], // 青海 陕西 河南 山东
  '540000': [1, 4], '510000': [3, 4], '500000': [4, 4], '420000': [5, 4], '340000': [6, 4], '320000': [7, 4], '310000': [8, 4], // 西藏 四川 重庆 湖北 安徽 江苏 上海
  '530000': [3, 5], '520000': [4, 5], '430000': [5, 5], '360000': [6, 5], '330000': [7, 5], // 云南 贵州 湖南 江西 浙江
  '450000': [4, 6], '440000': [5, 6], '350000': [6, 6], // 广西 广东 福建
  '460000': [5, 7], // 海南
};
export const TILE_COLS = 10;
export const TILE_ROWS = 8;

export interface MapDatum { code: string; name: string; x: number; y: number; value: number | null }

/** Rows keyed by province code → one tile per known province (value null where no row). Pure. */
export function mapData(rows: Record<string, unknown>[], metric: string, name: (code: string) => string): MapDatum[] {
  const byCode = new Map(rows.map((r) => [String(r.province), num(r[metric])]));
  return Object.entries(PROVINCE_TILES).map(([code, [x, y]]) => ({ code, name: name(code), x, y, value: byCode.get(code) ?? null }));
}

/** Short tile label: 内蒙古自治区 → 内蒙古, 广东省 → 广东. */
export function shortRegion(name: string): string {
  return name.replace(/(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$/, '');
}

export function tileMapOption(result: MetricResultLike | null, s: { metric: string; selected?: string | null; labels: Labels }) {
  const { labels, metric } = s;
  const fmt = labels.format(metric);
  const data = mapData(rowsOf(result), metric, (c) => labels.member('province', c));
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  return {
    ...baseOption(),
    tooltip: {
      confine: true,
      formatter: (p: { data: { code: string; name: string; raw: number | null } }) =>
        tooltipLines(p.data.name, [{ name: labels.metric(metric), value: exact(labels, p.data.raw, fmt) }]),
    },
    grid: { left: 8, right: 8, top: 8, bottom: 48 },
    xAxis: { type: 'category', data: Array.from({ length: TILE_COLS }, (_, i) => String(i)), show: false, splitArea: { show: false } },
    yAxis: { type: 'category', data: Array.from({ length: TILE_ROWS }, (_, i) => String(i)), show: false, inverse: true },
    visualMap: {
      show: min !== max,
      ...scaleRange(min, max), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 220,
      text: [compact(labels, max, fmt), compact(labels, min, fmt)], inRange: { color: ['#dbe9fb', '#1f6fd1', '#0b3a75'] },
      dimension: 2,
    },
    series: [{
      type: 'heatmap',
      data: data.map((d) => ({
        value: [d.x, d.y, d.value ?? '-'],
        code: d.code, name: d.name, raw: d.value,
        itemStyle: d.code === s.selected ? { borderColor: SELECTED_COLOR, borderWidth: 3 } : undefined,
      })),
      label: {
        show: true, fontSize: 11, lineHeight: 14,
        formatter: (p: { data: { name: string; raw: number | null } }) => `${shortRegion(p.data.name)}\n${compact(labels, p.data.raw, fmt)}`,
      },
      itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
      emphasis: { itemStyle: { borderColor: SELECTED_COLOR, borderWidth: 2 } },
    }],
  };
}

/** A region of the map: its feature id (GB/T 2260 code) and the map's own name for it (广东). */
export interface GeoRegion { code: string; name: string }

/** Regions drawn with no value: grey, "no data" in the tooltip. */
export const NO_DATA_COLOR = '#d0d5dd';
/** Regions of the map outside the catalogue's 31 mainland provinces (no rows, no catalogue label). */
const OTHER_REGIONS: Record<string, { zh: string; en: string }> = {
  '710000': { zh: '台湾省', en: 'Taiwan' },
  '810000': { zh: '香港特别行政区', en: 'Hong Kong' },
  '820000': { zh: '澳门特别行政区', en: 'Macao' },
};
/** The inset ECharts adds to a map named `china` (it has no code). */
const NANHAI_NAME = '南海诸岛';
const NANHAI: Record<string, { zh: string; en: string }> = { [NANHAI_NAME]: { zh: '南海诸岛', en: 'South China Sea Islands' } };
const INSET_COLOR = '#98a2b3';

/** Display name of a map region (`dim`: province or city): the catalogue label by code, else the table above, else the map's name. */
export function regionLabel(labels: Labels, code: string | null, geoName: string, dim: MapDim = 'province'): string {
  const other = (code ? OTHER_REGIONS[code] : undefined) ?? NANHAI[geoName];
  if (code) {
    const l = labels.member(dim, code);
    if (l && l !== code) return l;
  }
  return other ? (labels.locale === 'en' ? other.en : other.zh) : geoName;
}

export interface GeoMapDatum { code: string; geoName: string; label: string; value: number | null }

/** What a map's regions are: the provinces of China, or the cities of a province. */
export type MapDim = 'province' | 'city';

/** The one province all rows' cities lie in (a map of cities draws that province), or null. Pure. */
export function provinceOfRows(rows: Record<string, unknown>[]): string | null {
  const provinces = new Set(rows.map((r) => `${String(r.city ?? '').slice(0, 2)}0000`));
  const [only] = provinces;
  return provinces.size === 1 && /^[1-9]\d0000$/.test(only) ? only : null;
}

/**
 * Rows keyed by region code (column `dim`) joined to the map's regions by code (feature id),
 * never by name: one datum per region, value null where no row (Taiwan, Hong Kong, Macao, a
 * province without data). Rows of codes the map does not have are dropped. Pure.
 */
export function geoMapData(rows: Record<string, unknown>[], metric: string, regions: GeoRegion[], label: (code: string, geoName: string) => string, dim: MapDim = 'province'): GeoMapDatum[] {
  const byCode = new Map(rows.map((r) => [String(r[dim]), num(r[metric])]));
  return regions.map((g) => ({ code: g.code, geoName: g.name, label: label(g.code, g.name), value: byCode.get(g.code) ?? null }));
}

/**
 * A map coloured by `metric` (continuous visualMap), regions without data grey, the selected
 * region (`selected`, a code: the drilled province, the scoped city) outlined. `map` is the
 * registered map (charts/chinaMap.ts: `china`, default, whose regions are provinces, or a
 * province's map of cities with `dim` 'city'); `regions` its regions; `noData` the tooltip's
 * word for a region without a value. Pure.
 */
export function geoMapOption(result: MetricResultLike | null, s: { metric: string; selected?: string | null; labels: Labels; regions: GeoRegion[]; noData: string; map?: string; dim?: MapDim }) {
  const { labels, metric } = s;
  const fmt = labels.format(metric);
  const dim = s.dim ?? 'province';
  const data = geoMapData(rowsOf(result), metric, s.regions, (code, name) => regionLabel(labels, code, name, dim), dim);
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const map = s.map ?? 'china';
  // the same box for the map and its outline layer, so that both lay out identically
  const box = { left: 8, right: 8, top: 4, bottom: 36 };
  const selected = s.selected ? s.regions.find((g) => g.code === s.selected) : undefined;
  type Item = { name: string; data?: { code?: string; title?: string; raw?: number | null } };
  return {
    ...baseOption(),
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p: Item) => {
        // no code: the South China Sea inset (or a region the list does not know): its name only
        if (!p.data?.code) return tooltipLines(p.data?.title ?? regionLabel(labels, null, p.name), []);
        const value = p.data.raw === null || p.data.raw === undefined ? s.noData : exact(labels, p.data.raw, fmt);
        return tooltipLines(p.data.title ?? p.name, [{ name: labels.metric(metric), value }]);
      },
    },
    visualMap: {
      type: 'continuous', seriesIndex: 0,
      // one value alone (a city manager's own city) still colours its region, but a scale from 831 to 831 says nothing
      show: min !== max,
      ...scaleRange(min, max), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 220, itemWidth: 12,
      text: [compact(labels, max, fmt), compact(labels, min, fmt)], textGap: 8, inRange: { color: ['#dbe9fb', '#1f6fd1', '#0b3a75'] },
    },
    // the drilled province's outline, above the map (a series' own selection would be undone by a second click)
    geo: selected ? [{
      map, ...box, z: 3, silent: true, roam: false, tooltip: { show: false },
      label: { show: false }, emphasis: { disabled: true }, select: { disabled: true },
      itemStyle: { areaColor: 'rgba(0,0,0,0)', borderColor: 'rgba(0,0,0,0)', borderWidth: 0 },
      regions: [{ name: selected.name, itemStyle: { areaColor: 'rgba(0,0,0,0)', borderColor: SELECTED_COLOR, borderWidth: 2 } }],
    }] : [],
    series: [{
      type: 'map', map, ...box, roam: false, selectedMode: false,
      data: [
        ...data.map((d) => ({
          name: d.geoName, value: d.value ?? '-', code: d.code, title: d.label, raw: d.value,
          ...(d.value === null ? { itemStyle: { areaColor: NO_DATA_COLOR } } : {}),
        })),
        // the inset's frame and islands are hairlines: drawn as lines, not as a grey area with a white border
        ...(map === 'china' ? [{
          name: NANHAI_NAME, value: '-', title: regionLabel(labels, null, NANHAI_NAME),
          itemStyle: { areaColor: INSET_COLOR, borderColor: INSET_COLOR, borderWidth: 0.5 }, emphasis: { disabled: true },
        }] : []),
      ],
      label: { show: false },
      // areaColor null: hovering keeps the metric's colour and darkens the border
      itemStyle: { areaColor: NO_DATA_COLOR, borderColor: '#ffffff', borderWidth: 0.8 },
      emphasis: { label: { show: false }, itemStyle: { areaColor: null, borderColor: '#101828', borderWidth: 1.2 } },
    }],
  };
}

/** Ranked horizontal bars, largest on top. `dim` is the grouping column (city, channel, …). */
/**
 * `height` (px, when the caller knows it: an embed in a small frame): bars too thin for a
 * name each (under 12 px) are named as room allows and carry no value labels.
 */
export function rankedBarsOption(result: MetricResultLike | null, s: { dim: string; metric: string; selected?: string | string[] | null; labels: Labels; reference?: { label: string; value: number } | null; height?: number; smallestOnTop?: boolean }) {
  const { labels, metric, dim } = s;
  const fmt = labels.format(metric);
  // a category axis draws its first member at the bottom: the largest last puts it on top
  const sign = s.smallestOnTop ? -1 : 1;
  const rows = rowsOf(result).filter((r) => num(r[metric]) !== null).sort((a, b) => sign * (num(a[metric])! - num(b[metric])!));
  const selected = s.selected == null ? [] : ([] as string[]).concat(s.selected);
  const crowded = !!s.height && rows.length * 12 > s.height - 16;
  return {
    ...baseOption(),
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true,
      formatter: (ps: { dataIndex: number }[]) => {
        const r = rows[ps[0].dataIndex];
        return tooltipLines(labels.member(dim, r[dim]), [{ name: labels.metric(metric), value: exact(labels, r[metric], fmt) }]);
      },
    },
    // room above the bars for the reference line's label
    grid: { left: 8, right: 56, top: s.reference ? 24 : 8, bottom: 8, ...LABELS_INSIDE },
    xAxis: { type: 'value', axisLabel: axis(labels, fmt, rows.map((r) => r[metric])) },
    // every bar named up to the 34 provinces (smaller type past 24 rows); beyond, ECharts picks
    yAxis: { type: 'category', data: rows.map((r) => labels.member(dim, r[dim])), axisLabel: rows.length > 40 || crowded ? { fontSize: crowded ? 10 : 11 } : { fontSize: rows.length > 24 ? 10 : 11, interval: 0 } },
    series: [{
      type: 'bar', barMaxWidth: 18,
      data: rows.map((r) => ({ value: num(r[metric]), id: String(r[dim]), itemStyle: selected.includes(String(r[dim])) ? { color: SELECTED_COLOR } : undefined })),
      label: {
        show: !crowded, position: 'right', fontSize: 10, formatter: figureLabel(labels, fmt, rows.map((r) => r[metric])),
        // the reference line runs beneath (its z): a figure ending across it hides it instead of being struck through
        ...(s.reference ? { backgroundColor: '#fff', padding: [0, 2] } : {}),
      },
      // the whole's figure (全国 3.8%) as a dashed line across the bars
      ...(s.reference ? {
        markLine: {
          // precision: ECharts rounds a mark line's position to 2 decimals by default (a 3.5% rate drawn at 4%)
          // beneath the bars (z 2) and their figures' white ground (ECharts puts mark lines above, z 5)
          silent: true, symbol: 'none', precision: 20, z: 1, lineStyle: { color: REFERENCE_COLOR, type: 'dashed' },
          label: { formatter: `${s.reference.label} ${compact(labels, s.reference.value, fmt)}`, position: 'end', fontSize: 10, color: '#475467' },
          data: [{ xAxis: s.reference.value }],
        },
      } : {}),
    }],
  };
}

/** Monthly line of a metric, with the previous year's value (compare: yoy) dashed. */
export function trendOption(result: MetricResultLike | null, s: { metric: string; labels: Labels; prevLabel: string }) {
  const { labels, metric } = s;
  const fmt = labels.format(metric);
  const rows = rowsOf(result);
  const hasPrev = rows.some((r) => `${metric}_prev` in r);
  const months = rows.map((r) => String(r.month));
  return {
    ...baseOption(),
    legend: { top: 0, data: [labels.metric(metric), ...(hasPrev ? [s.prevLabel] : [])] },
    tooltip: {
      trigger: 'axis', confine: true,
      formatter: (ps: { dataIndex: number; marker: string; seriesName: string; value: number | null }[]) =>
        tooltipLines(months[ps[0].dataIndex], ps.map((p) => ({ marker: p.marker, name: p.seriesName, value: exact(labels, p.value, fmt) }))),
    },
    grid: { left: 8, right: 16, top: 32, bottom: 8, ...LABELS_INSIDE },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: axis(labels, fmt, rows.flatMap((r) => [r[metric], r[`${metric}_prev`]]), true) },
    series: [
      { name: labels.metric(metric), type: 'line', smooth: false, symbolSize: 6, data: rows.map((r) => num(r[metric])), areaStyle: { opacity: 0.08 } },
      ...(hasPrev ? [{ name: s.prevLabel, type: 'line', symbolSize: 4, lineStyle: { type: 'dashed' }, data: rows.map((r) => num(r[`${metric}_prev`])) }] : []),
    ],
  };
}

/** Trend as a table (month, value, previous year, change). */
export function trendTable(result: MetricResultLike | null, s: { metric: string; labels: Labels; prevLabel: string; changeLabel: string }): TableData {
  const { labels, metric } = s;
  const month = result?.columns.find((c) => c.id === 'month');
  return {
    columns: [
      { key: 'month', label: month ? (labels.locale === 'en' ? month.labelEn : month.labelZh) : 'month', format: 'text' },
      { key: metric, label: labels.metric(metric), format: labels.format(metric) },
      { key: `${metric}_prev`, label: s.prevLabel, format: labels.format(metric) },
      { key: `${metric}_change`, label: s.changeLabel, format: 'change' },
    ],
    rows: rowsOf(result).map((r) => ({ month: r.month, [metric]: r[metric], [`${metric}_prev`]: r[`${metric}_prev`], [`${metric}_change`]: r[`${metric}_change`] })),
  };
}

export { escapeHtml };
