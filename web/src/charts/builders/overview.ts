/**
 * Overview: the tile map of China (one square per province, placed roughly where it lies:
 * no boundary GeoJSON is shipped, see the report), the ranked city bars of a province,
 * and the monthly trend with the same months of the previous year.
 */
import { axis, baseOption, escapeHtml, exact, compact, num, rowsOf, tooltipLines, type Labels, type MetricResultLike, type TableData } from './common';

/** Grid position (column, row; row 0 at the top) of each province, by GB/T 2260 code. */
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
      min, max: max === min ? min + 1 : max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 220,
      text: [compact(labels, max, fmt), compact(labels, min, fmt)], inRange: { color: ['#dbe9fb', '#1f6fd1', '#0b3a75'] },
      dimension: 2,
    },
    series: [{
      type: 'heatmap',
      data: data.map((d) => ({
        value: [d.x, d.y, d.value ?? '-'],
        code: d.code, name: d.name, raw: d.value,
        itemStyle: d.code === s.selected ? { borderColor: '#e8590c', borderWidth: 3 } : undefined,
      })),
      label: {
        show: true, fontSize: 11, lineHeight: 14,
        formatter: (p: { data: { name: string; raw: number | null } }) => `${shortRegion(p.data.name)}\n${compact(labels, p.data.raw, fmt)}`,
      },
      itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
      emphasis: { itemStyle: { borderColor: '#e8590c', borderWidth: 2 } },
    }],
  };
}

/** Ranked horizontal bars, largest on top. `dim` is the grouping column (city, channel, …). */
export function rankedBarsOption(result: MetricResultLike | null, s: { dim: string; metric: string; selected?: string | null; labels: Labels }) {
  const { labels, metric, dim } = s;
  const fmt = labels.format(metric);
  const rows = rowsOf(result).filter((r) => num(r[metric]) !== null).sort((a, b) => num(a[metric])! - num(b[metric])!);
  return {
    ...baseOption(),
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true,
      formatter: (ps: { dataIndex: number }[]) => {
        const r = rows[ps[0].dataIndex];
        return tooltipLines(labels.member(dim, r[dim]), [{ name: labels.metric(metric), value: exact(labels, r[metric], fmt) }]);
      },
    },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: axis(labels, fmt) },
    yAxis: { type: 'category', data: rows.map((r) => labels.member(dim, r[dim])), axisLabel: { fontSize: 11 } },
    series: [{
      type: 'bar', barMaxWidth: 18,
      data: rows.map((r) => ({ value: num(r[metric]), id: String(r[dim]), itemStyle: String(r[dim]) === s.selected ? { color: '#e8590c' } : undefined })),
      label: { show: true, position: 'right', fontSize: 10, formatter: (p: { value: number }) => compact(labels, p.value, fmt) },
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
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: axis(labels, fmt) },
    series: [
      { name: labels.metric(metric), type: 'line', smooth: false, symbolSize: 6, data: rows.map((r) => num(r[metric])), areaStyle: { opacity: 0.08 } },
      ...(hasPrev ? [{ name: s.prevLabel, type: 'line', symbolSize: 4, lineStyle: { type: 'dashed' }, data: rows.map((r) => num(r[`${metric}_prev`])) }] : []),
    ],
  };
}

/** Trend as a table (month, value, previous year, change). */
export function trendTable(result: MetricResultLike | null, s: { metric: string; labels: Labels; prevLabel: string; monthLabel: string }): TableData {
  const { labels, metric } = s;
  return {
    columns: [
      { key: 'month', label: s.monthLabel, format: 'text' },
      { key: metric, label: labels.metric(metric), format: labels.format(metric) },
      { key: `${metric}_prev`, label: s.prevLabel, format: labels.format(metric) },
      { key: `${metric}_change`, label: '±', format: 'change' },
    ],
    rows: rowsOf(result).map((r) => ({ month: r.month, [metric]: r[metric], [`${metric}_prev`]: r[`${metric}_prev`], [`${metric}_change`]: r[`${metric}_change`] })),
  };
}

export { escapeHtml };
