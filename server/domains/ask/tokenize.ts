/**
 * Covers the normalised question with words: lexicon entries, time expressions and order
 * phrases (前5, top 5, 最高的3个), function words, and — where nothing fits — unknown words.
 * No word segmenter: a dynamic programme over positions picks the cover with the fewest
 * unknown characters, then the fewest words (longest matches), preferring a longer first word
 * on ties (forward maximum matching). Unknown English words are whole words.
 */
import type { Lexicon } from './lexicon.ts';
import { isAsciiWordChar } from './normalize.ts';
import { type AsOf, type TimeSpec, timeMatchesAt } from './time.ts';
import type { Sense } from './types.ts';

export interface OrderSpec { direction: 'asc' | 'desc' | 'best' | 'worst'; limit?: number }
/** A comparison with a number (超过5%, ARPU大于80元, above 4%): a filter on the metric it follows. */
export interface ThresholdSpec {
  op: 'gt' | 'gte' | 'lt' | 'lte' | 'between'; value: number; unit: '%' | '万' | '岁' | null; /** the upper end of a range (60到80分) */ to?: number;
  /** against the whole's own figure (低于全省平均, above average): the query's total, not a number */
  total?: true;
  /** the whole it names: a province's (全省, 本省, provincial), which the question must then name or the viewer be in */
  whole?: 'province';
}

export interface Token {
  start: number;
  end: number;
  text: string;
  senses: Sense[];
  time?: TimeSpec;
  order?: OrderSpec;
  threshold?: ThresholdSpec;
  tenure?: TenureSpec;
  unknown?: boolean;
}


const R = (s: string) => new RegExp(s, 'y');
const SUPER: Record<string, 'asc' | 'desc' | 'best' | 'worst'> = {
  高: 'desc', 大: 'desc', 多: 'desc', 长: 'desc', 快: 'desc', 低: 'asc', 小: 'asc', 少: 'asc', 短: 'asc', 慢: 'asc', 好: 'best', 差: 'worst',
  top: 'desc', highest: 'desc', largest: 'desc', biggest: 'desc', bottom: 'asc', lowest: 'asc', smallest: 'asc', best: 'best', worst: 'worst',
};
const ORDER_PATTERNS: [RegExp, (m: RegExpExecArray) => OrderSpec | null][] = [
  [R('(?:排名|排行)?前\\s*(\\d{1,5})\\s*(?:名|个|位|大|强|家|的)?'), (m) => ({ direction: 'desc', limit: +m[1] })],
  [R('(?:后|倒数|末尾|最后)\\s*(\\d{1,5})\\s*(?:名|个|位|家)?'), (m) => ({ direction: 'asc', limit: +m[1] })],
  [R('最(高|大|多|长|快|低|小|少|短|慢|好|差)的?\\s*(?:前)?\\s*(\\d{1,5})\\s*(?:个|名|位|家)?'), (m) => ({ direction: SUPER[m[1]], limit: +m[2] })],
  [R('(\\d{1,5})\\s*(?:个|名|位|家)\\s*最(高|大|多|长|快|低|小|少|短|慢|好|差)的?'), (m) => ({ direction: SUPER[m[2]], limit: +m[1] })],
  [R('(top|bottom|best|worst|highest|lowest|largest|smallest|biggest)\\s*(\\d{1,5})(?![\\d])'), (m) => ({ direction: SUPER[m[1]], limit: +m[2] })],
  [R('(?:the\\s+)?(\\d{1,5})\\s+(top|bottom|best|worst|highest|lowest|largest|smallest|biggest)(?![a-z])'), (m) => ({ direction: SUPER[m[2]], limit: +m[1] })],
];
const ORDER_GATE = /[前后倒末最0-9tbwhlsb排]/;

function orderMatchesAt(text: string, i: number): { end: number; order: OrderSpec }[] {
  if (!ORDER_GATE.test(text[i])) return [];
  if (isAsciiWordChar(text[i]) && i > 0 && isAsciiWordChar(text[i - 1])) return [];
  const out: { end: number; order: OrderSpec }[] = [];
  for (const [re, f] of ORDER_PATTERNS) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) continue;
    const end = i + m[0].replace(/\s+$/, '').length;
    if (isAsciiWordChar(text[end - 1]) && isAsciiWordChar(text[end])) continue;
    const o = f(m);
    if (o && (o.limit === undefined || (o.limit >= 1 && o.limit <= 10000))) out.push({ end, order: o });
  }
  return out;
}

/** A point of tenure (在网12个月, at 12 months) or the months up to it (前3个月, within the first 3 months): a point on a survival curve. */
export interface TenureSpec { months: number; within: boolean }
const TENURE_PATTERNS: [RegExp, boolean][] = [
  [R('(?:在网|网龄|入网后?|开户后?)\\s*(?:满|第)?\\s*(\\d{1,3})\\s*个?\\s*月(?:时|后|的时候)?'), false],
  [R('(?:满|第)\\s*(\\d{1,3})\\s*个\\s*月(?:时|后)?'), false],
  [R('(?:at|after)\\s+(\\d{1,3})\\s+months?(?:\\s+of\\s+tenure)?(?![a-z])'), false],
  // 12个月留存率, 6个月的存活率, 12-month survival rate / retention: the months name the curve's point
  [R('(\\d{1,3})\\s*个\\s*月\\s*(?=的?\\s*(?:留存|存活|生存))'), false],
  [R('(\\d{1,3})[- ]months?\\s+(?=survival|retention)'), false],
  // 半年留存率, 一年存活率, 两年留存率: in years (one digit or a numeral, never a calendar year: 2024年 is read first)
  [R('([半一两二三四五1-5])\\s*年\\s*(?=的?\\s*(?:留存|存活|生存))'), false],
  // 入网一年后, 在网满两年, 一年后还在网: a tenure in years
  [R('(?:在网|网龄|入网后?|开户后?)\\s*(?:满)?\\s*([半一两二三四五1-5])\\s*年(?:时|后|的时候)?'), false],
  [R('(?:满)?([半一两二三四五1-5])\\s*年后(?=\\s*(?:还|仍|依然|依旧))'), false],
  [R('(?:前|头)\\s*(\\d{1,3})\\s*个\\s*月(?:内)?'), true],
  [R('(?:in|within)\\s+(?:the\\s+)?first\\s+(\\d{1,3})\\s+months?(?![a-z])'), true],
];
/** a tenure in years, in months */
const YEARS: Record<string, number> = { 半: 6, 一: 12, 两: 24, 二: 24, 三: 36, 四: 48, 五: 60 };
function tenureAt(text: string, i: number): { end: number; spec: TenureSpec } | null {
  if (!/[在网入开满第前头aiw0-9半一两二三四五]/.test(text[i]) || (isAsciiWordChar(text[i]) && i > 0 && isAsciiWordChar(text[i - 1]))) return null;
  let best: { end: number; spec: TenureSpec } | null = null;
  for (const [re, within] of TENURE_PATTERNS) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) continue;
    const end = i + m[0].replace(/\s+$/, '').length;
    const months = YEARS[m[1]] ?? (/年/.test(m[0]) ? 12 * +m[1] : +m[1]);
    if (months >= 1 && months <= 600 && (!best || end > best.end)) best = { end, spec: { months, within } };
  }
  return best;
}

const THRESHOLD_OPS: Record<string, ThresholdSpec['op']> = {
  超过: 'gt', 大于: 'gt', 高于: 'gt', 多于: 'gt', 超出: 'gt', '>': 'gt', 不低于: 'gte', 不少于: 'gte', 不小于: 'gte', 至少: 'gte', '>=': 'gte', '≥': 'gte',
  低于: 'lt', 小于: 'lt', 少于: 'lt', 不足: 'lt', 不到: 'lt', 未满: 'lt', 未到: 'lt', '<': 'lt', 不超过: 'lte', 不高于: 'lte', 不大于: 'lte', 至多: 'lte', '<=': 'lte', '≤': 'lte',
  above: 'gt', over: 'gt', 'more than': 'gt', 'greater than': 'gt', 'higher than': 'gt', exceeding: 'gt', 'at least': 'gte',
  below: 'lt', under: 'lt', 'less than': 'lt', 'lower than': 'lt', 'fewer than': 'lt', 'at most': 'lte', 'no more than': 'lte',
};
const THRESHOLD_WORDS = Object.keys(THRESHOLD_OPS).sort((a, b) => b.length - a.length).join('|');
// the number, then a unit; never a span of time (超过12个月, over 6 months: tenure or a range, not a metric)
const THRESHOLD = R(`(${THRESHOLD_WORDS})\\s*(\\d+(?:\\.\\d+)?)(?![\\d.])\\s*(%|percent|个百分点|万|元|yuan|分钟|minutes?|mb|兆|秒|seconds?|个|人|户|次|分|岁|years? old)?(?!\\s*(?:个月|月|天|日|年|周|星期|months?|days?|years?|weeks?)(?![a-z]))`);

// the number first (95分以上, 18岁以下, 80 or more) and a range of numbers (60到80分, 18-24岁): never a span of time or a year
const UNIT = '(%|percent|个百分点|万|元|yuan|分|岁|years? old|minutes?|mb|兆|个|人|户|次)';
const NOT_TIME = '(?!\\s*(?:个月|月|天|日|年|周|星期|季度|months?|days?|years?(?! old)|weeks?|quarters?)(?![a-z]))';
const POSTFIX_OPS: Record<string, ThresholdSpec['op']> = {
  以上: 'gte', 及以上: 'gte', 或以上: 'gte', 'or more': 'gte', 'or above': 'gte', 'and above': 'gte', 'and over': 'gte', plus: 'gte', '+': 'gte',
  以下: 'lt', 及以下: 'lte', 或以下: 'lte', 以内: 'lte', 'or less': 'lte', 'or below': 'lte', 'and below': 'lte', 'and under': 'lt',
};
const POSTFIX = R(`(\\d{1,5}(?:\\.\\d+)?)\\s*${UNIT}?\\s*(${Object.keys(POSTFIX_OPS).map((w) => w.replace('+', '\\+')).sort((a, b) => b.length - a.length).join('|')})`);
const BETWEEN = R(`(\\d{1,3}(?:\\.\\d+)?)\\s*${UNIT}?\\s*(?:到|至|-|~|to)\\s*(\\d{1,3}(?:\\.\\d+)?)${NOT_TIME}\\s*${UNIT}?${NOT_TIME}`);
// against the average (低于全省平均, 高于平均水平, below the national average): the whole's own figure
const AVERAGE_OPS: Record<string, 'lt' | 'gt'> = {
  低于: 'lt', 不到: 'lt', 小于: 'lt', 不及: 'lt', 高于: 'gt', 超过: 'gt', 大于: 'gt', 超出: 'gt',
  below: 'lt', under: 'lt', 'less than': 'lt', 'lower than': 'lt', above: 'gt', over: 'gt', 'more than': 'gt', 'higher than': 'gt',
};
const AVERAGE = R(`(${Object.keys(AVERAGE_OPS).sort((a, b) => b.length - a.length).join('|')})\\s*(?:the\\s+)?(全省|全国|全市|本省|本市|整体|总体|overall|national|provincial)?\\s*的?\\s*(?:平均值|平均水平|平均线|平均数|平均|均值|average|mean)(?![a-z])`);
const PROVINCE_WHOLE = /^(全省|本省|provincial)$/;
// 比全国平均高 (higher than the national average): the same comparison, the side said after it
const AVERAGE_AFTER = R(`比\\s*(全省|全国|全市|本省|本市|整体|总体)?\\s*的?\\s*(?:平均值|平均水平|平均线|平均数|平均|均值)\\s*(?:还|更)?(高|低|多|少|大|小)`);
// a sign (净增用户为负, net adds negative): against 0
const SIGN_OPS: Record<string, 'lt' | 'gt'> = {
  为负: 'lt', 为负数: 'lt', 是负的: 'lt', 是负数: 'lt', 负值: 'lt', 小于零: 'lt', 低于零: 'lt', negative: 'lt', 'below zero': 'lt',
  为正: 'gt', 为正数: 'gt', 是正的: 'gt', 是正数: 'gt', 正值: 'gt', 大于零: 'gt', 高于零: 'gt', positive: 'gt', 'above zero': 'gt',
};
const SIGN = R(`(${Object.keys(SIGN_OPS).sort((a, b) => b.length - a.length).join('|')})(?![a-z])`);
const unitOf = (u: string | undefined): ThresholdSpec['unit'] => (u === '%' || u === 'percent' || u === '个百分点' ? '%' : u === '万' ? '万' : u === '岁' || /^years? old$/.test(u ?? '') ? '岁' : null);

function thresholdAt(text: string, i: number): { end: number; spec: ThresholdSpec } | null {
  if (isAsciiWordChar(text[i]) && i > 0 && isAsciiWordChar(text[i - 1])) return null;
  const fit = (m: RegExpExecArray | null, spec: (m: RegExpExecArray) => ThresholdSpec): { end: number; spec: ThresholdSpec } | null => {
    if (!m) return null;
    const end = i + m[0].replace(/\s+$/, '').length;
    if (isAsciiWordChar(text[end - 1]) && isAsciiWordChar(text[end])) return null;
    return { end, spec: spec(m) };
  };
  const found: { end: number; spec: ThresholdSpec }[] = [];
  AVERAGE.lastIndex = i;
  const whole = (w: string | undefined) => (PROVINCE_WHOLE.test(w ?? '') ? { whole: 'province' as const } : {});
  const avg = fit(AVERAGE.exec(text), (m) => ({ op: AVERAGE_OPS[m[1]], value: NaN, unit: null, total: true, ...whole(m[2]) }));
  if (avg) found.push(avg);
  AVERAGE_AFTER.lastIndex = i;
  const after = fit(AVERAGE_AFTER.exec(text), (m) => ({ op: /高|多|大/.test(m[2]) ? 'gt' : 'lt', value: NaN, unit: null, total: true, ...whole(m[1]) }));
  if (after) found.push(after);
  SIGN.lastIndex = i;
  const sign = fit(SIGN.exec(text), (m) => ({ op: SIGN_OPS[m[1]], value: 0, unit: null }));
  if (sign) found.push(sign);
  THRESHOLD.lastIndex = i;
  const a = fit(THRESHOLD.exec(text), (m) => ({ op: THRESHOLD_OPS[m[1]], value: Number(m[2]), unit: unitOf(m[3]) }));
  if (a) found.push(a);
  if (/[0-9]/.test(text[i])) {
    POSTFIX.lastIndex = i;
    const b = fit(POSTFIX.exec(text), (m) => ({ op: POSTFIX_OPS[m[3]], value: Number(m[1]), unit: unitOf(m[2]) }));
    if (b) found.push(b);
    BETWEEN.lastIndex = i;
    const c = fit(BETWEEN.exec(text), (m) => ({ op: 'between', value: Number(m[1]), to: Number(m[3]), unit: unitOf(m[2] ?? m[4]) }));
    if (c && c.spec.value < c.spec.to!) found.push(c);
  }
  return found.sort((x, y) => y.end - x.end)[0] ?? null;
}

const UNKNOWN_COST = 100;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isSkip = (c: string) => c === ' ' || !LETTER_OR_DIGIT.test(c);

interface Edge { end: number; cost: number; kind: 0 | 1 | 2 | 3 | 4 | 5 | 6; time?: TimeSpec; order?: OrderSpec; threshold?: ThresholdSpec; tenure?: TenureSpec; senses?: Sense[] }
const SKIP = 0, TIME = 1, ORDER = 2, LEX = 3, UNKNOWN = 4, THRESHOLD_EDGE = 5, TENURE = 6;

export function tokenize(text: string, lexicon: Lexicon, D: AsOf): Token[] {
  const n = text.length;
  const best = new Float64Array(n + 1);
  const pick: Edge[] = new Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    let bestCost = Infinity;
    let bestEdge: Edge | null = null;
    const consider = (e: Edge) => {
      const cost = e.cost + best[e.end];
      if (cost < bestCost || (cost === bestCost && bestEdge && e.end > bestEdge.end)) { bestCost = cost; bestEdge = e; }
    };
    for (const t of timeMatchesAt(text, i, D)) consider({ end: t.end, cost: 1, kind: TIME, time: t.spec });
    for (const o of orderMatchesAt(text, i)) consider({ end: o.end, cost: 1, kind: ORDER, order: o.order });
    const te = tenureAt(text, i);
    if (te) consider({ end: te.end, cost: 1, kind: TENURE, tenure: te.spec });
    for (const m of lexicon.matchesAt(text, i)) consider({ end: m.end, cost: 1, kind: LEX, senses: m.senses });
    // after the lexicon: a member named by its number (under 18, 60岁及以上) is the member
    const th = thresholdAt(text, i);
    if (th) consider({ end: th.end, cost: 1, kind: THRESHOLD_EDGE, threshold: th.spec });
    const c = text[i];
    if (isSkip(c)) consider({ end: i + 1, cost: 0, kind: SKIP });
    else if (isAsciiWordChar(c) && !(i > 0 && isAsciiWordChar(text[i - 1]))) {
      let j = i;
      while (j < n && isAsciiWordChar(text[j])) j++;
      consider({ end: j, cost: UNKNOWN_COST, kind: UNKNOWN });
    } else consider({ end: i + 1, cost: UNKNOWN_COST, kind: UNKNOWN });
    best[i] = bestCost;
    pick[i] = bestEdge!;
  }
  const out: Token[] = [];
  for (let i = 0; i < n;) {
    const e = pick[i];
    const t: Token | null = e.kind === SKIP ? null : {
      start: i, end: e.end, text: text.slice(i, e.end), senses: e.senses ?? [],
      ...(e.time ? { time: e.time } : {}), ...(e.order ? { order: e.order } : {}), ...(e.threshold ? { threshold: e.threshold } : {}), ...(e.tenure ? { tenure: e.tenure } : {}),
      ...(e.kind === UNKNOWN ? { unknown: true } : {}),
    };
    if (t) {
      const prev = out[out.length - 1];
      // adjacent unknown pieces form one word (利润率; flux capacitance)
      if (t.unknown && prev?.unknown && /^\s*$/.test(text.slice(prev.end, t.start))) {
        prev.end = t.end;
        prev.text = text.slice(prev.start, t.end);
      } else out.push(t);
    }
    i = e.end;
  }
  // a one-character function word between two unknown pieces belongs to the word (大于5, 超过12个月)
  for (let k = out.length - 2; k >= 1; k--) {
    const mid = out[k];
    if (out[k - 1].unknown && out[k + 1]?.unknown && !mid.unknown && mid.end - mid.start === 1 && mid.senses.every((s) => s.kind === 'stop')
      && mid.start === out[k - 1].end && out[k + 1].start === mid.end) {
      out[k - 1].end = out[k + 1].end;
      out[k - 1].text = text.slice(out[k - 1].start, out[k - 1].end);
      out.splice(k, 2);
    }
  }
  return out;
}
