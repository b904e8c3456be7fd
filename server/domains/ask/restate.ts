/**
 * Restatement: what was understood, in the question's language — metric, filters, time,
 * grouping, order, comparison — and, when no time was named, which default applies.
 */
import { model, TIME_GRAIN_LABELS } from '../../model/index.ts';
import { membersOf } from '../../model/members.ts';
import { addMonths, ymStr } from '../../query/time.ts';
import { comparedMetric, TOTAL } from '../../query/types.ts';
import type { Lexicon } from './lexicon.ts';
import { type AsOf, describeRange } from './time.ts';
import type { ChartKind, Language, MetricQuery } from './types.ts';

const GRAINS = new Set(Object.keys(TIME_GRAIN_LABELS));
const EN_MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const CHART_NAMES: Record<ChartKind, [string, string]> = {
  line: ['折线图', 'line chart'], bar: ['柱状图', 'bar chart'], pie: ['饼图', 'pie chart'], table: ['表格', 'table'],
  radar: ['雷达图', 'radar chart'], funnel: ['漏斗图', 'funnel'], sankey: ['桑基图', 'Sankey diagram'], heatmap: ['热力图', 'heatmap'],
  survival: ['生存曲线', 'survival curve'], kpi: ['指标卡', 'KPI card'], map: ['地图', 'map'],
};
export const chartName = (c: ChartKind, lang: Language) => CHART_NAMES[c][lang === 'zh' ? 0 : 1];

export function dimLabel(id: string, lang: Language): string {
  if (GRAINS.has(id)) return lang === 'zh' ? TIME_GRAIN_LABELS[id].labelZh : TIME_GRAIN_LABELS[id].labelEn.toLowerCase();
  const d = model.dimension(id);
  if (!d) return id;
  return lang === 'zh' ? d.labelZh : d.labelEn.toLowerCase();
}
export function metricLabel(id: string, lang: Language): string {
  const m = model.metric(id);
  if (!m) return id;
  return lang === 'zh' ? m.labelZh : m.labelEn;
}
/** How a ranged filter reads: gt → >, gte → ≥ … */
const OP_SIGN: Record<string, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

/**
 * A threshold on a metric as it reads, the value in the metric's unit: 离网率 > 5%,
 * ARPU > ¥80. In English the metric is lower case mid-sentence, unless an acronym.
 */
export function thresholdText(metricId: string, op: string, value: number | string, lang: Language): string {
  const label = metricLabel(metricId, lang);
  const name = lang === 'en' ? label.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase()) : label;
  // against the whole's own figure (低于全省平均): the total of the query's scope and filters
  if (value === TOTAL) return `${name} ${OP_SIGN[op] ?? op} ${lang === 'zh' ? '整体值（合计行）' : 'the whole\'s figure (the totals row)'}`;
  value = Number(value);
  const format = model.metric(metricId)?.format;
  const n = value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 });
  const shown = format === 'percent' ? `${Number((value * 100).toPrecision(10))}%`
    : format === 'currency' ? (lang === 'zh' ? `${n} 元` : `¥${n}`) : n;
  return `${name} ${OP_SIGN[op] ?? op} ${shown}`;
}

/** A metric's change (revenue_change, with compare): 收入同比变化 / the year-over-year change in revenue. */
export function changeLabel(metricId: string, compare: 'yoy' | 'mom' | null, lang: Language): string {
  const zh = lang === 'zh';
  const c = compare === 'yoy' ? (zh ? '同比' : 'year-over-year') : (zh ? '环比' : 'month-over-month');
  return zh ? `${metricLabel(metricId, lang)}${c}变化` : `the ${c} change in ${metricLabel(metricId, lang).replace(/^[A-Z](?![A-Z])/, (x) => x.toLowerCase())}`;
}

export function memberLabel(lex: Lexicon, dim: string, id: string, lang: Language): string {
  const m = lex.member(dim, id);
  if (!m) return id;
  return lang === 'zh' ? m.labelZh : m.labelEn;
}

const join = (xs: string[], lang: Language) =>
  lang === 'zh' ? xs.join('、') : xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** What applies when the question names no time, in words. */
export function defaultTime(q: MetricQuery, D: AsOf, lang: Language): string {
  const cubes = new Set(q.metrics.map((m) => model.metric(m)?.cube));
  const day = lang === 'zh' ? `${D.y}年${D.m}月${D.d}日` : describeRange({ from: D.iso, to: D.iso }, 'en');
  if (cubes.has('capability')) return lang === 'zh' ? `截至${day}的最新评估` : `using the latest assessment on or before ${day}`;
  if (cubes.has('survival')) return lang === 'zh' ? `全部入网用户，观察至${day}` : `for all activations, observed up to ${day}`;
  const grain = (q.groupBy ?? []).some((g) => GRAINS.has(g));
  const last = ymStr(D.last);
  if (grain) {
    const from = ymStr(addMonths(D.last, -11));
    return lang === 'zh'
      ? `默认时间范围（截至最近完整月的12个月：${describeRange({ from, to: last }, 'zh')}）`
      : `over the default time range (the 12 months to the latest complete month: ${describeRange({ from, to: last }, 'en')})`;
  }
  return lang === 'zh'
    ? `默认时间范围（最近完整月：${describeRange({ from: last, to: last }, 'zh')}）`
    : `over the default time range (latest complete month, ${describeRange({ from: last, to: last }, 'en')})`;
}

export function restate(q: MetricQuery, chart: ChartKind | null, lex: Lexicon, D: AsOf, lang: Language, notes: string[] = []): string {
  const zh = lang === 'zh';
  const parts: string[] = [];
  parts.push(join(q.metrics.map((m) => metricLabel(m, lang)), lang));
  for (const f of q.filters ?? []) {
    if (model.metric(f.dimension)) { parts.push(thresholdText(f.dimension, f.op, f.values[0], lang)); continue; }
    const changed = comparedMetric(f.dimension, 'change');
    if (changed && model.metric(changed)) { parts.push(`${changeLabel(changed, q.compare ?? null, lang)} ${OP_SIGN[f.op] ?? f.op} ${Number(f.values[0]) * 100}%`); continue; }
    // a brand's sub-segment names its brand (高价值 is 动感地带's: 品牌细分：高价值（动感地带）), so it is not read as a value tier
    const named = (v: string) => {
      const parent = f.dimension === 'sub_segment' ? lex.member('sub_segment', v)?.parent : undefined;
      const label = memberLabel(lex, f.dimension, v, lang);
      return parent ? `${label}${zh ? `（${memberLabel(lex, 'brand', parent, lang)}）` : ` (${memberLabel(lex, 'brand', parent, lang)})`}` : label;
    };
    const vals = join(f.values.map(named), lang);
    const dim = dimLabel(f.dimension, lang);
    const op = f.op;
    if (zh) parts.push(op === 'in' ? `${dim}：${vals}` : op === 'not_in' ? `${dim}：不含${vals}` : `${dim} ${OP_SIGN[op]} ${vals}`);
    else parts.push(op === 'in' ? `${dim} ${vals}` : op === 'not_in' ? `${dim} other than ${vals}` : `${dim} ${OP_SIGN[op]} ${vals}`);
  }
  const g = q.groupBy ?? [];
  if (g.length) parts.push(zh ? `按${g.map((x) => dimLabel(x, lang)).join('、')}` : `by ${join(g.map((x) => dimLabel(x, lang)), lang)}`);
  if (q.timeRange) {
    // a survival curve's time range selects the activation cohorts, and says so
    const cohorts = q.metrics.some((m) => model.metric(m)?.cube === 'survival');
    // the as-of month is not over: its days so far, said so (本月至今: 11月1日至23日)
    const partial = q.timeRange.to === ymStr(D.ym) ? (zh ? `（本月至今：${D.m}月1日至${D.d}日）` : ` (month to date, ${EN_MONTH_SHORT[D.m - 1]} 1–${D.d})`) : '';
    const en = `${q.timeRange.from === q.timeRange.to ? 'in' : 'from'} ${describeRange(q.timeRange, 'en')}${partial}`;
    parts.push(zh ? `${cohorts ? '入网时间' : '时间'}：${describeRange(q.timeRange, 'zh')}${partial}` : cohorts ? `activated ${en}` : en);
  } else parts.push(zh ? `时间：${defaultTime(q, D, lang)}` : defaultTime(q, D, lang));
  if (q.orderBy) {
    const change = comparedMetric(q.orderBy.metric, 'change');
    const m = change && model.metric(change) ? changeLabel(change, q.compare ?? null, lang) : metricLabel(q.orderBy.metric, lang);
    const desc = q.orderBy.direction === 'desc';
    if (zh) parts.push(`按${m}${desc ? '从高到低' : '从低到高'}${q.limit ? `取前${q.limit}` : '排序'}`);
    else parts.push(`${q.limit ? `${desc ? 'top' : 'bottom'} ${q.limit}` : `sorted ${desc ? 'highest' : 'lowest'} first`} by ${m.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase())}`);
  } else if (q.limit) parts.push(zh ? `前${q.limit}行` : `first ${q.limit} rows`);
  if (q.compare) parts.push(zh ? (q.compare === 'yoy' ? '同比' : '环比') : q.compare === 'yoy' ? 'compared with the same period a year earlier' : 'compared with the previous period');
  if (chart) parts.push(zh ? `图表：${chartName(chart, lang)}` : `as a ${chartName(chart, lang)}`);
  let s = zh ? parts.join('；') + '。' : parts.join(', ') + '.';
  if (!zh) s = s.charAt(0).toUpperCase() + s.slice(1);
  if (notes.length) s += zh ? notes.join('') : ` ${notes.join(' ')}`;
  return s;
}

/**
 * Where the focus member stands, highest first, by competition ranking (equal values share a
 * place; the next one skips): 深圳市按离网率从高到低排第3（与另外2个并列），共21个。
 */
export function placeText(lex: Lexicon, q: MetricQuery, member: { dimension: string; id: string }, place: { at: number; tied: number; of: number }, lang: Language): string {
  const name = memberLabel(lex, member.dimension, member.id, lang);
  const metric = q.metrics[0];
  const { at, tied, of } = place;
  if (lang === 'zh') return `${name}按${metricLabel(metric, 'zh')}从高到低排第${at}${tied ? `（与另外${tied}个并列）` : ''}，共${of}个。`;
  const nth = at % 100 >= 11 && at % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][at % 10] ?? 'th';
  return `${name} ranks ${at}${nth}${tied ? ` (tied with ${tied} other${tied > 1 ? 's' : ''})` : ''} of ${of} by ${metricLabel(metric, 'en')}, highest first.`;
}

/**
 * The survival curve read at a point of tenure, per group in the rows' order (or the whole):
 * S(n), the last step at or before n, with its 95% interval when there is one curve; within the
 * first n months, 1 − S(n). A curve whose follow-up stops before n is not observed there.
 * 在网12个月的存活率：全球通 83.4%，动感地带 71.2%。
 */
export function tenureText(lex: Lexicon, q: MetricQuery, point: { months: number; within: boolean }, rows: readonly Record<string, unknown>[], lang: Language): string | null {
  const zh = lang === 'zh';
  const n = point.months;
  const dims = (q.groupBy ?? []).filter((g) => rows.some((r) => g in r));
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = JSON.stringify(dims.map((d) => r[d]));
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const pct = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
  const read = (rs: Record<string, unknown>[]) => {
    const at = rs.filter((r) => Number(r.tenure) <= n && typeof r.survival_rate === 'number').sort((a, b) => Number(a.tenure) - Number(b.tenure)).pop();
    if (!at || !rs.some((r) => Number(r.tenure) >= n)) return null;
    const s = at.survival_rate as number;
    const lo = typeof at.ci_low === 'number' ? at.ci_low : null;
    const hi = typeof at.ci_high === 'number' ? at.ci_high : null;
    return point.within ? { v: 1 - s, lo: hi === null ? null : 1 - hi, hi: lo === null ? null : 1 - lo } : { v: s, lo, hi };
  };
  // the groups in the catalogue's order (全球通, 动感地带, 神州行), as the legend draws them
  const rank = (rs: Record<string, unknown>[]) => dims.map((d) => (membersOf(d) ?? []).findIndex((m) => m.id === String(rs[0][d])));
  const catalogue = [...groups.values()].sort((a, b) => {
    const x = rank(a); const y = rank(b);
    return x.reduce((c, v, i) => c || v - y[i], 0);
  });
  // a ranking asked (哪个品牌的12个月留存率最高): by the value read, as asked, the ones not followed that long last
  const read1 = new Map(catalogue.map((rs) => [rs, read(rs)]));
  const dir = q.orderBy?.metric === 'survival_rate' ? (q.orderBy.direction === 'asc' ? 1 : -1) * (point.within ? -1 : 1) : 0;
  const ordered = dir ? [...catalogue].sort((a, b) => {
    const x = read1.get(a); const y = read1.get(b);
    return !x || !y ? (x ? -1 : y ? 1 : 0) : dir * (x.v - y.v);
  }) : catalogue;
  const parts = ordered.map((rs) => {
    const name = dims.map((d) => memberLabel(lex, d, String(rs[0][d]), lang)).join(' · ');
    const x = read1.get(rs);
    const value = x ? pct(x.v) : zh ? `未观察到在网${n}个月` : `not followed for ${n} months`;
    const ci = x && groups.size === 1 && x.lo !== null && x.hi !== null ? (zh ? `（95%置信区间 ${pct(x.lo)}–${pct(x.hi)}）` : ` (95% CI ${pct(x.lo)}–${pct(x.hi)})`) : '';
    return `${name ? (zh ? `${name} ` : `${name} `) : ''}${value}${ci}`;
  });
  if (!parts.length) return null;
  const what = point.within ? (zh ? `前${n}个月的流失比例` : `Churned within the first ${n} months`) : zh ? `在网${n}个月的存活率` : `Survival rate at ${n} months`;
  return zh ? `${what}：${parts.join('，')}。` : `${what}: ${parts.join(', ')}.`;
}
