/**
 * From words to a typed query. Tokens (tokenize.ts) are read in context:
 *   metrics first (they fix the cubes), then members and dimensions resolved against those
 *   cubes (营业厅 is a contact channel for ROI, an acquisition channel for subscribers), then
 *   grouping (各X / by X, or two members of one dimension side by side), filters, time,
 *   order and limit, comparison and chart. With a previous turn, a question that names no
 *   metric — or says 只看 / 换成 / 再加上 / 去掉 / 呢 / only / also / remove — changes only
 *   what it names (followup rules in followup.ts).
 * A word with two meanings that context cannot settle is returned as `ambiguous` with one
 * option per meaning; the caller turns that into CLARIFY with choices.
 */
import { model, type Metric } from '../../model/index.ts';
import { GRAIN_IDS, REGION_DIMS } from './constants.ts';
import { regionByCode } from '../../../seeds/regions.ts';
import { membersOf, PUBLISHED_ENTITIES } from '../../model/members.ts';
import type { Lexicon } from './lexicon.ts';
import { type AsOf, describeRange, joinRange, monthRange, refine, type TimeSpec, untilNow, wholeMonths, yearEarlier } from './time.ts';
import type { OrderSpec, ThresholdSpec, Token } from './tokenize.ts';
import type { ChartKind, CommandId, Filter, Focus, Language, MetricQuery, Previous, Sense, TenurePoint } from './types.ts';
import { applyFollowup, type FollowupEffects, type Mention } from './followup.ts';
import { comparedMetric, TOTAL } from '../../query/types.ts';
import { addMonths, monthsBetween, parseRange, ymOf, ymStr } from '../../query/time.ts';
import { AVERAGE_WORDS, COME_FROM, PIE_NAMES, JOIN_BESIDE, DISTRIBUTION_WORDS, WHY_WORDS, MEAN_LIFETIME_WORDS, MERIT_WORDS, MIX_WORDS, PER_CONTACT, PER_CONVERSION, POSITION_WORDS, RANK_WORDS, UNTIL_NOW } from './words.ts';
import { changeLabel, dimLabel, metricLabel, thresholdText } from './restate.ts';
import { defaultChart } from './default-chart.ts';

export { GRAIN_IDS, REGION_DIMS };
/** a dimension a cube lacks, read as one it has: channel → acquisition channel for subscribers and survival */
const DIM_ALIAS: Record<string, string[]> = { channel: ['acquisition_channel'] };
/** a churn verb (not the rate's name) and the words that make a question a count (离网了多少用户) */
const CHURN_VERBS = new Set(['离网', '流失', 'churned', 'lose', 'lost', 'losing', 'loses']);
const COUNT_WORDS = /多少|how many|number of|人数|用户数|客户数|数量/;
/** a comparison word that speaks of a change (同比增长, 涨得, grew), not only of which comparison (同比, yoy) */
const CHANGE_WORD = /增长|增加|增幅|上升|上涨|涨|升|下降|下跌|下滑|跌|降|减少|减|变化|变动|grow|grew|growth|rise|rose|risen|increase|drop|fall|fell|declin|decreas|shr[iu]nk|chang/;
/** The metric whose change or previous figure a key is (revenue_change → revenue), else null. */
const changeBase = (key: string): string | null => { const m = comparedMetric(key); return m && metricOf(m) ? m : null; };
/** a change word that says the figure fell (下降最多: the biggest fall ranks first) */
const FALL = /下降|下跌|下滑|跌|降|减少|减|drop|fall|fell|declin|decreas|shr[iu]nk/;
const FALL_WORDS = new Set(['biggest drop', 'biggest fall', 'largest drop', 'largest decline', 'biggest decline']);
/** ranked by how many (流失最多, lost the most): beside a churn verb, the count of the churned */
const QUANTITY_ORDER = /^(最多|最多的|最少|最少的|most|the most|fewest|the fewest)$/;
const PEOPLE = /^(用户|客户|users|customers|subscribers|people)$/;
/** members that are contacts of a kind (complaints, outbound calls): named alone, they are counted */
const COUNTED_CONTACTS = new Set(['purpose', 'direction']);
/** counts of customers of a kind (reached, new, churned, targeted): a count word beside one asks for it */
const COUNTS_OF_CUSTOMERS = new Set(['reached_customers', 'new_subscribers', 'churned_subscribers', 'campaign_targeted']);
/** a follow-up opening with these adds what it names (and ARPU) */
const LEAD_AND = new Set(['and', '还有', '以及', '及']);
/** scores recorded only in bands: named alone, their distribution */
const SCORE_BANDS = new Set(['satisfaction_band', 'loyalty_band']);
/** what the new subscribers' own figures are asked of (新用户的ARPU): per subscriber usage and its total */
const NEW_SUBSCRIBERS_OF = new Set(['arpu', 'mou', 'dou', 'revenue']);
/** a count's share of its whole, as the model has it (what share churned: the churn rate) */
const RATE_OF_COUNT: Record<string, { rate: string; whole: string }> = {
  churned_subscribers: { rate: 'churn_rate', whole: 'subscribers' }, conversions: { rate: 'conversion_rate', whole: 'contacts' },
};
/** a total asked as an average (average revenue, 平均成本): the average the model has, said so; other totals are asked about */
const AVERAGE_OF: Record<string, string> = { revenue: 'arpu', cost: 'cost_per_contact' };
/** scores kept in bands (95–100 … <40): 高 / 低 beside them is not a ranking */
const BANDED = new Set(['satisfaction_band', 'loyalty_band']);
const KIND_PRIORITY: Sense['kind'][] = ['oos', 'metric', 'member', 'dimension', 'grain', 'compare', 'order', 'chart', 'trend', 'total', 'national', 'wholeProvince', 'command', 'connector', 'stop'];

export interface Env {
  D: AsOf;
  lang: Language;
  lex: Lexicon;
  prev: Previous | null;
  /** the viewer's region code when not the whole country */
  scope?: string | null;
}

/** A ranking of more members than fit a chart is cut to the first few (the lowest cities: ten of 337), and said so. */
const MANY = 40;
const FEW = 10;
/** more cells than this over two groupings: a heatmap rather than bars side by side */
const HEAT_CELLS = 24;

/** Senses forced on a token while building choices; key -1 adds a metric. */
export type Forced = Map<number, Sense[]>;

export type Outcome =
  | { kind: 'answer'; interp: MetricQuery; chart: ChartKind | null; explicitChart: boolean; requery: boolean; notes: string[]; focus?: Focus; position?: boolean; tenure?: TenurePoint }
  | { kind: 'ambiguous'; tok: number; options: { senses: Sense[]; label: string }[]; what: string; confirm?: boolean }
  | { kind: 'clarify'; message: string; marks: number[]; needMetric?: boolean }
  | { kind: 'unsupported'; message: string };

// ── small helpers ──────────────────────────────────────────────────────────────────
const metricOf = (id: string): Metric | undefined => model.metric(id);
const cubeDimsCache = new Map<string, Set<string> | null>();
const cubeDims = (metrics: string[]): Set<string> | null => {
  const key = metrics.join(',');
  if (cubeDimsCache.has(key)) return cubeDimsCache.get(key)!;
  if (cubeDimsCache.size > 1000) cubeDimsCache.clear();
  let acc: Set<string> | null = null;
  for (const id of metrics) {
    const m = metricOf(id);
    if (!m) continue;
    const dims = new Set<string>(model.dimensionsOf(m));
    if (acc === null) acc = dims;
    else for (const d of [...acc]) if (!dims.has(d)) acc.delete(d);
  }
  cubeDimsCache.set(key, acc);
  return acc;
};
/** the dimension as the metrics' cubes know it (alias applied), or null */
export function compatDim(dim: string, metrics: string[]): string | null {
  const dims = cubeDims(metrics);
  if (!dims) return dim;
  if (dims.has(dim)) return dim;
  for (const a of DIM_ALIAS[dim] ?? []) if (dims.has(a)) return a;
  return null;
}
/** every metric has a calendar time axis (monthly grains, 同比 / 环比) */
export const timed = (metrics: string[]) => metrics.every((m) => { const x = metricOf(m); return !x || !!model.cube(x.cube).time; });
const sqlOnly = (metrics: string[]) => metrics.every((m) => { const x = metricOf(m); return !x || model.cube(x.cube).executor === 'sql'; });

export function primaryKind(senses: Sense[]): Sense['kind'] | null {
  let best: Sense['kind'] | null = null;
  for (const s of senses) if (best === null || KIND_PRIORITY.indexOf(s.kind) < KIND_PRIORITY.indexOf(best)) best = s.kind;
  return best;
}
const ofKind = <K extends Sense['kind']>(senses: Sense[], k: K) => senses.filter((s): s is Extract<Sense, { kind: K }> => s.kind === k);
const uniq = <T>(xs: T[]) => [...new Set(xs)];
const clone = (q: MetricQuery): MetricQuery => JSON.parse(JSON.stringify(q));


function senseLabel(env: Env, s: Sense): string {
  const zh = env.lang === 'zh';
  if (s.kind === 'member') {
    const d = model.dimension(s.dimension);
    return `${d ? (zh ? d.labelZh : d.labelEn) : s.dimension}${zh ? '：' : ': '}${env.lex.label(s, env.lang)}`;
  }
  if (s.kind === 'dimension') return `${zh ? '按' : 'by '}${env.lex.label(s, env.lang)}`;
  if (s.kind === 'metric') return env.lex.label(s, env.lang);
  if (s.kind === 'compare') return s.id === 'yoy' ? (zh ? '同比（与去年同期比）' : 'year over year') : (zh ? '环比（与上一期比）' : 'month over month');
  return env.lex.label(s, env.lang);
}

// ── the interpretation of one question ────────────────────────────────────────────
export function interpret(given: Token[], env: Env, forced: Forced = new Map(), autoPick = false): Outcome {
  const zh = env.lang === 'zh';
  const banded = bandsOf(firstMonthsOf(given, env.D), env);
  if (!Array.isArray(banded)) return banded;
  const tokens = banded;
  const senses = (k: number) => forced.get(k) ?? tokens[k].senses;
  const kindOf = (k: number): string | null => (tokens[k].time ? 'time' : tokens[k].order ? 'order' : tokens[k].threshold ? 'threshold' : tokens[k].tenure ? 'tenure' : primaryKind(senses(k)));
  const N = tokens.length;
  const kinds = tokens.map((_, k) => kindOf(k));
  const isContent = (k: number) => !['stop', 'connector', 'command', null].includes(kinds[k]);

  // generic words (活跃, data, 查询) name a member only beside its dimension, its parent
  // member, or a member of the same dimension that has that context
  const weakOf = (k: number) => {
    const ms = ofKind(senses(k), 'member');
    return kinds[k] === 'member' && ms.length > 0 && ms.every((x) => x.weak) ? ms[0].weak! : null;
  };
  const near = (k: number): number[] => {
    const out: number[] = [];
    for (const dir of [-1, 1]) {
      let j = k + dir;
      while (j >= 0 && j < N && kinds[j] === 'stop') j += dir;
      if (j >= 0 && j < N) out.push(j);
    }
    return out;
  };
  // a generic noun beside a member (商务用户和年轻用户): the member's context passes over it
  const noun = (j: number) => kinds[j] === 'metric' && ofKind(senses(j), 'metric').every((s) => s.weak);
  const inContext = (k: number): boolean => {
    const ms = ofKind(senses(k), 'member');
    const around = near(k).flatMap((j) => (kinds[j] === 'connector' ? near(j).filter((x) => x !== k) : [j]));
    // a member just before the count of its cube's things (marketing contacts, 营销接触次数)
    const [, right] = [near(k).find((j) => j < k), near(k).find((j) => j > k)];
    if (right !== undefined && kinds[right] === 'metric' && ofKind(senses(right), 'metric').some((s) => metricOf(s.id)?.kind === 'additive'
      && ms.some((m) => compatDim(m.dimension, [s.id]) === m.dimension))) return true;
    return around.some((j) => {
      if (kinds[j] === 'dimension') return ofKind(senses(j), 'dimension').some((d) => ms.some((m) => m.dimension === d.id));
      if (kinds[j] === 'member') {
        return ofKind(senses(j), 'member').some((o) => ms.some((m) => {
          const mem = env.lex.member(m.dimension, m.id);
          return (!!mem?.parent && mem.parent === o.id) || (o.dimension === m.dimension && !o.weak);
        }));
      }
      return false;
    });
  };
  const weakToks = tokens.map((_, k) => k).filter((k) => weakOf(k) && !forced.has(k));
  const contextual = new Set(weakToks.filter(inContext));
  // a weak word joined by 和 / and to one in context shares it (商务和年轻细分群)
  for (let again = true; again;) {
    again = false;
    for (const k of weakToks) {
      if (contextual.has(k)) continue;
      const joinedTo = [-1, 1].some((d) => {
        let j = k + d;
        while (j >= 0 && j < N && (kinds[j] === 'stop' || noun(j))) j += d;
        if (!(j >= 0 && j < N && kinds[j] === 'connector')) return false;
        j += d;
        while (j >= 0 && j < N && (kinds[j] === 'stop' || noun(j))) j += d;
        return contextual.has(j);
      });
      if (joinedTo) { contextual.add(k); again = true; }
    }
  }
  // a change word beside a comparison (MoM change in conversions) is the comparison's, not the change stage
  for (const k of [...contextual]) if (ofKind(senses(k), 'compare').length && near(k).some((j) => kinds[j] === 'compare')) contextual.delete(k);
  const firstContent = kinds.findIndex((x) => x !== 'stop' && x !== 'command');
  const strongMetrics = uniq(tokens.flatMap((_, j) => (kinds[j] === 'metric' ? ofKind(senses(j), 'metric').filter((x) => !x.weak).map((x) => x.id) : [])));
  for (const k of weakToks) {
    if (contextual.has(k)) continue;
    const w = weakOf(k);
    // 查询广州的离网率: a verb; 查询的接触次数: a noun (followed by 的)
    // out of context, a word with another meaning takes it (how did churn change: a comparison, not the change stage);
    // a verb (drop easyown) before what it governs, a change (the biggest drop in ARPU) otherwise
    const rest = senses(k).filter((s) => s.kind !== 'member');
    const governs = () => { const j = near(k).find((x) => x > k); return j !== undefined && (kinds[j] === 'member' || kinds[j] === 'dimension'); };
    const other = rest.some((s) => s.kind === 'command') && rest.some((s) => s.kind === 'compare') ? (governs() ? 'command' : 'compare') : primaryKind(rest);
    if (w === 'confirm' && other && other !== 'stop') { kinds[k] = other; continue; }
    // a verb beside a measure its stage cannot split (流量使用最多的品牌: data usage, not the 使用 stage)
    const foreign = w === 'lead' && strongMetrics.length > 0
      && ofKind(senses(k), 'member').every((m) => strongMetrics.every((id) => compatDim(m.dimension, [id]) === null));
    if (w === 'stop' || foreign || (w === 'lead' && k === firstContent && tokens[k + 1]?.text !== '的')) kinds[k] = 'stop';
    else if (w === 'confirm' && !autoPick) {
      const ms = ofKind(senses(k), 'member');
      return { kind: 'ambiguous', tok: k, what: tokens[k].text, confirm: true, options: ms.map((m) => ({ senses: [{ ...m, weak: undefined }], label: senseLabel(env, m) })) };
    }
  }

  // Follow-up verbs. A verb governs the words right after it (function words before the first are skipped:
  // 改成按合约类型), continuing over 和 / and to more words of the same kind (去掉营业厅和短信);
  // postfix verbs (深圳除外) and a verb with nothing after it (revenue instead) govern the words before.
  const modes: (CommandId | null)[] = new Array(N).fill(null);
  let anyCommand = false;
  const kindGroup = (k: number) => (kinds[k] === 'time' ? 'time' : kinds[k]);
  // a follow-up that opens with 和 / 跟 / vs (和广州电信比一下, vs Telstra) sets what it names beside what is shown
  const lead = kinds.findIndex((x) => x !== 'stop');
  // as does one that opens with and (and ARPU, 还有ARPU): what it names joins what is shown
  const leadAdd = !!env.prev && lead >= 0 && kinds[lead] === 'connector' && (JOIN_BESIDE.has(tokens[lead].text) || LEAD_AND.has(tokens[lead].text));
  for (let c = 0; c < N; c++) {
    if (kinds[c] !== 'command' && !(leadAdd && c === lead)) continue;
    const cmd: Extract<Sense, { kind: 'command' }> = kinds[c] === 'command' ? ofKind(senses(c), 'command')[0] : { kind: 'command', id: 'add' };
    anyCommand = true;
    if (cmd.id === 'followup') continue;
    let j = c + 1;
    while (j < N && kinds[j] === 'stop') j++;
    const forward = !cmd.post && j < N && isContent(j);
    if (forward) {
      const group = kindGroup(j);
      modes[j] = cmd.id;
      for (let k = j + 1; k < N; k++) {
        if (kinds[k] === 'connector') continue;
        if (isContent(k) && kindGroup(k) === group && kinds[k - 1] === 'connector') { modes[k] = cmd.id; continue; }
        break;
      }
    } else {
      let k = c - 1;
      while (k >= 0 && kinds[k] === 'stop' && !cmd.post) k--;
      if (k >= 0 && isContent(k)) {
        const group = kindGroup(k);
        for (; k >= 0; k--) {
          if (kinds[k] === 'connector') continue;
          if (isContent(k) && kindGroup(k) === group && modes[k] === null) { modes[k] = cmd.id; if (kinds[k - 1] !== 'connector') break; continue; }
          break;
        }
      }
    }
  }

  // ── metrics ────────────────────────────────────────────────────────────────────
  const metricToks = tokens.map((_, k) => k).filter((k) => kinds[k] === 'metric');
  // the dimensions each member or dimension word names (a follow-up's verb also carries the previous answer's)
  const namedDims = tokens.flatMap((_, j) => (kinds[j] === 'member' ? [ofKind(senses(j), 'member').map((x) => x.dimension)]
    : kinds[j] === 'dimension' ? [ofKind(senses(j), 'dimension').map((x) => x.id)] : []));
  const carried = env.prev && anyCommand ? [...(env.prev.interpretation.groupBy ?? []), ...(env.prev.interpretation.filters ?? []).map((f) => f.dimension)]
    .filter((d) => !GRAIN_IDS.has(d) && !metricOf(d)).map((d) => [d]) : [];
  // a word with a second meaning (收入: also the channel revenue; 成功率: also the retention success
  // rate) takes it only where everything named fits that meaning alone, exactly (no alias)
  const settled = new Map<number, { id: string; dflt: string; by: string[] }>();
  for (const k of metricToks) {
    const ms = ofKind(senses(k), 'metric');
    const ids = uniq(ms.map((s) => s.id));
    if (ids.length < 2 || ms.every((s) => s.weak)) continue;
    const dflt = uniq(ms.filter((s) => !s.ctx).map((s) => s.id));
    const exact = ids.filter((id) => [...namedDims, ...carried].every((ds) => ds.some((d) => compatDim(d, [id]) === d)));
    const pick = exact.length === 1 ? exact[0] : dflt.length === 1 && (!exact.length || exact.includes(dflt[0])) ? dflt[0] : null;
    // the dimensions that decided it: those the usual meaning does not have
    const by = uniq([...namedDims, ...carried].flatMap((ds) => (ds.some((d) => compatDim(d, [dflt[0]]) === d) ? [] : ds.filter((d) => compatDim(d, [pick!]) === d))));
    if (pick) settled.set(k, { id: pick, dflt: dflt[0], by });
  }
  for (const k of metricToks) {
    const ms = ofKind(senses(k), 'metric');
    const ids = uniq(ms.map((s) => s.id));
    // a generic count (how many) is not a question: the words around it pick (qMetric below)
    if (ids.length > 1 && !autoPick && !ms.every((s) => s.weak) && !settled.has(k)) {
      return { kind: 'ambiguous', tok: k, what: tokens[k].text, options: ids.map((id) => ({ senses: [{ kind: 'metric', id }], label: senseLabel(env, { kind: 'metric', id }) })) };
    }
  }
  // a generic noun (subscribers, 接触) is a metric only when no other metric is named, or when
  // it is joined to one (subscribers and ARPU)
  const isMetricTok = (k: number) => k >= 0 && k < N && kinds[k] === 'metric';
  const joined = (k: number) => [-1, 1].some((d) => {
    let j = k + d;
    while (j >= 0 && j < N && kinds[j] === 'stop') j += d;
    if (!(j >= 0 && j < N && kinds[j] === 'connector')) return false;
    j += d;
    while (j >= 0 && j < N && kinds[j] === 'stop') j += d;
    return isMetricTok(j);
  });
  // a count right after a member of its own data (conversion rate of marketing contacts) names what the member is, when
  // another metric is asked: the noun, as 营销类接触的转化率 reads
  const countNoun = (k: number) => {
    let j = k - 1;
    while (j >= 0 && kinds[j] === 'stop') j--;
    const ms = ofKind(senses(k), 'metric');
    return j >= 0 && kinds[j] === 'member' && ms.length > 0 && ms.every((m) => metricOf(m.id)?.kind === 'additive')
      && ofKind(senses(j), 'member').some((x) => ms.some((m) => compatDim(x.dimension, [m.id]) === x.dimension));
  };
  const strong0 = metricToks.filter((k) => ofKind(senses(k), 'metric').some((s) => !s.weak) || joined(k));
  const strong = strong0.filter((k) => !(countNoun(k) && !joined(k) && strong0.some((o) => o !== k && !countNoun(o))));
  // with no metric named, a question word (how long: the lifetime) says what is measured; the
  // generic noun beside it (全球通用户能留多久: 用户) is the subject
  const asking = metricToks.filter((k) => ofKind(senses(k), 'metric').some((s) => s.asks));
  let usedMetricToks = strong.length ? strong : asking.length ? asking : metricToks;
  // 离网了多少用户 / how many users churned: the count of the churned, not the churn rate beside
  // the count of everyone (the verb names who is counted, the count word that it is a count);
  // 哪个品牌流失最多 / which brand lost the most: ranked by that count
  const churnVerb = metricToks.find((k) => CHURN_VERBS.has(tokens[k].text) && ofKind(senses(k), 'metric').some((m) => m.id === 'churn_rate' || m.id === 'churned_subscribers'));
  const countToks = metricToks.filter((k) => COUNT_WORDS.test(tokens[k].text) && ofKind(senses(k), 'metric').some((m) => m.id === 'subscribers'));
  const override = new Map<number, string>([...settled].map(([k, x]) => [k, x.id]));
  const byQuantity = tokens.some((t) => QUANTITY_ORDER.test(t.text));
  // who was lost (lost the most customers, 流失的客户最多, losing customers) is who the count counts, not a second
  // metric; in Chinese only beside a count or a quantity (全球通用户的流失情况 is the churn rate)
  const lostWho = churnVerb !== undefined && (byQuantity || /^(lose|lost|losing|loses)$/.test(tokens[churnVerb].text))
    ? metricToks.filter((k) => PEOPLE.test(tokens[k].text) && ofKind(senses(k), 'metric').some((m) => m.id === 'subscribers')) : [];
  // beside the new subscribers or net adds (各省新增和离网对比): the churned count, counts side by side
  const besideCount = churnVerb !== undefined && metricToks.some((k) => k !== churnVerb && ofKind(senses(k), 'metric').some((m) => m.id === 'new_subscribers' || m.id === 'net_adds'));
  if (churnVerb !== undefined && (countToks.length || byQuantity || lostWho.length || besideCount)) {
    override.set(churnVerb, 'churned_subscribers');
    const who = lostWho;
    usedMetricToks = uniq([...usedMetricToks.filter((k) => !countToks.includes(k) && !who.includes(k)), churnVerb]).sort((a, b) => a - b);
  } else if (countToks.length) {
    // how many customers did we reach, 触达了多少客户: the count word asks for the count the verb names, not everyone beside it
    const asking = countToks.filter((k) => /多少|how many|number of/.test(tokens[k].text) && !joined(k));
    const counted = metricToks.filter((k) => !countToks.includes(k) && ofKind(senses(k), 'metric').some((m) => COUNTS_OF_CUSTOMERS.has(m.id)));
    if (asking.length && counted.length) usedMetricToks = uniq([...usedMetricToks.filter((k) => !asking.includes(k)), ...counted]).sort((a, b) => a - b);
  }
  // cost … per conversion: one metric, the cost per conversion (per contact likewise)
  if (usedMetricToks.some((k) => [...PER_CONVERSION, ...PER_CONTACT].includes(tokens[k].text))) {
    usedMetricToks = usedMetricToks.filter((k) => !ofKind(senses(k), 'metric').filter((m) => !m.ctx).every((m) => m.id === 'cost'));
  }
  // generic nouns only (贵宾客户主要通过哪些渠道接触: 客户 and 接触): those whose data has what is named itself
  // (a contact's channel, not the subscribers' acquisition channel)
  if (!strong.length && usedMetricToks.length > 1 && namedDims.length) {
    const fitting = usedMetricToks.filter((k) => ofKind(senses(k), 'metric').some((m) => namedDims.every((ds) => ds.some((d) => compatDim(d, [m.id]) === d))));
    if (fitting.length && fitting.length < usedMetricToks.length) usedMetricToks = fitting;
  }
  // a word for several counts (how many: subscribers or contacts) is the first that every
  // member and dimension named can apply to (how many complaints: contacts)
  const qMetric = (k: number) => {
    if (override.has(k)) return override.get(k)!;
    const ms = ofKind(senses(k), 'metric');
    const fits = (id: string) => namedDims.every((ds) => ds.some((d) => compatDim(d, [id]) !== null));
    const id = (ms.length > 1 ? ms.find((x) => fits(x.id)) ?? ms[0] : ms[0]).id;
    // customers beside what only contacts have (how many customers complained, 多少用户投诉): those contacted, each once
    return id === 'subscribers' && !fits(id) && fits('reached_customers') ? 'reached_customers' : id;
  };
  const extraMetric = forced.get(-1)?.[0];

  // a threshold (超过5%, ARPU大于80元) is on the metric named nearest before it, else after
  const thresholdToks = tokens.map((_, k) => k).filter((k) => kinds[k] === 'threshold');
  const subjectOf = new Map(thresholdToks.map((k) => {
    const before = usedMetricToks.filter((j) => j < k);
    return [k, before.length ? before[before.length - 1] : usedMetricToks.find((j) => j > k)] as const;
  }));
  const subjects = new Set([...subjectOf.values()].filter((j) => j !== undefined));

  const prev = env.prev;
  // a question that names only another metric of the same data (survival curves by contract type → what's the
  // median?) asks it of what is shown: the previous filters and grouping stay
  const sameData = !!prev && !anyCommand && usedMetricToks.length > 0 && ((prev.interpretation.groupBy ?? []).length + (prev.interpretation.filters ?? []).length > 0)
    && tokens.every((_, k) => !isContent(k) || kinds[k] === 'metric')
    && usedMetricToks.every((k) => { const m = metricOf(qMetric(k)); return !!m && !prev.interpretation.metrics.includes(m.id) && prev.interpretation.metrics.some((p) => metricOf(p)?.cube === m.cube); });
  const followup = !!prev && (usedMetricToks.length === 0 || anyCommand || sameData);
  let metrics: string[];
  if (followup) {
    let base = [...prev!.interpretation.metrics];
    // a metric that only carries a threshold (只看离网率超过5%的) joins the metrics, it does not replace them
    const adds = (k: number) => modes[k] === 'add' || ((modes[k] === null || modes[k] === 'only') && subjects.has(k));
    const rep = usedMetricToks.filter((k) => !adds(k) && modes[k] !== 'remove').map(qMetric);
    if (rep.length) base = uniq(rep);
    for (const k of usedMetricToks) if (adds(k)) base = uniq([...base, qMetric(k)]);
    for (const k of usedMetricToks) if (modes[k] === 'remove') base = base.filter((m) => m !== qMetric(k));
    metrics = base;
  } else {
    metrics = uniq(usedMetricToks.filter((k) => modes[k] !== 'remove').map(qMetric));
  }
  if (extraMetric?.kind === 'metric') metrics = uniq([...metrics, extraMetric.id]);
  // a point of tenure (在网12个月的存活率, survival at 12 months) is a point on the survival curve; the
  // churn within the first months (前3个月的流失比例) is one minus the survival there: the curve, said so
  const tenureTok = tokens.findIndex((t) => t.tenure);
  let tenureNote: string | null = null;
  const tenurePoint = tenureTok >= 0 && !followup ? { ...tokens[tenureTok].tenure! } : null;
  if (tenureTok >= 0 && !followup) {
    const { months: n, within } = tokens[tenureTok].tenure!;
    const lost: string[] = metrics.filter((m) => m === 'churn_rate' || m === 'churned_subscribers');
    // 12-month retention: with a point of tenure, retention is the share still in the base (survival), not a campaign's success rate
    metrics = uniq(metrics.map((m) => (m === 'retention_success_rate' ? 'survival_rate' : m)));
    if (within && lost.length) metrics = uniq([...metrics.filter((m) => !lost.includes(m) && m !== 'subscribers'), 'survival_rate']);
    if (!metrics.includes('survival_rate')) {
      return {
        kind: 'clarify', marks: [tenureTok],
        message: zh ? `“${tokens[tenureTok].text}”是在网时长上的一点，只能用在存活率上（例如“在网12个月的存活率”“前3个月的流失比例”）。`
          : `"${tokens[tenureTok].text}" is a point of tenure: it goes with the survival rate (e.g. "survival rate at 12 months", "churn within the first 3 months").`,
      };
    }
    tenureNote = within
      ? (zh ? `（前${n}个月的流失比例 = 1 − 第${n}个月的存活率：看曲线上第${n}个月的点。）` : `(Churn within the first ${n} months is 1 − the survival rate at month ${n}: read the curve at month ${n}.)`)
      : (zh ? `（图中标出第${n}个月。）` : `(Month ${n} is marked on the curve.)`);
  }
  // 2024年入网用户的存活率: the activations name the cohort whose survival is asked, not a second metric
  if (metrics.includes('new_subscribers') && metrics.some((m) => metricOf(m)?.cube === 'survival')) metrics = metrics.filter((m) => m !== 'new_subscribers');
  // 新用户的ARPU, 新入网用户的DOU: the new subscribers' usage, not their count beside everyone's (subscriber_status new);
  // their churn rate has no base at the month's start, so 新用户的离网率 stays the two figures
  const ofNew = !followup && !env.prev ? usedMetricToks.find((k) => qMetric(k) === 'new_subscribers' && tokens[k + 1]?.text === '的'
    && usedMetricToks.includes(k + 2) && NEW_SUBSCRIBERS_OF.has(qMetric(k + 2))) : undefined;
  if (ofNew !== undefined) metrics = metrics.filter((m) => m !== 'new_subscribers');
  // the mix of a dimension with no metric named (男女比例, 渠道构成) counts, as a bare count does:
  // subscribers, or contacts when a dimension named is a contact's
  const shareAsked = tokens.some((_, k) => kinds[k] === 'chart' && ofKind(senses(k), 'chart').some((c) => c.id === 'pie'));
  // as a follow-up (广东各地市离网率 → 男女比例) the mix is its own question within the same
  // filters and time: the count, grouped by the dimensions named only
  const mixFollowup = followup && !anyCommand && usedMetricToks.length === 0 && !extraMetric && namedDims.length > 0
    && tokens.some((t, k) => kinds[k] === 'chart' && MIX_WORDS.has(t.text.toLowerCase()));
  const distributionAsked = !followup && tokens.some((t) => DISTRIBUTION_WORDS.has(t.text));
  // a heatmap of dimensions with no metric named (RFM heatmap of recency vs monetary) draws the count, as a distribution does
  const heatAsked = tokens.some((_, k) => kinds[k] === 'chart' && ofKind(senses(k), 'chart').some((c) => c.id === 'heatmap'));
  if (((!metrics.length && !followup) || mixFollowup) && (shareAsked || distributionAsked || heatAsked) && namedDims.length) {
    // a count whose cube has the dimensions themselves first (渠道构成: contacts by channel, not subscribers by acquisition channel)
    const fits = (id: string, exact: boolean) => namedDims.every((ds) => ds.some((d) => (exact ? compatDim(d, [id]) === d : compatDim(d, [id]) !== null)));
    const count = ['subscribers', 'contacts'].find((id) => fits(id, true)) ?? ['subscribers', 'contacts'].find((id) => fits(id, false));
    metrics = count ? [count] : [];
  }
  if (!metrics.length && !followup && namedDims.length) {
    // what is named belongs to one metric alone (which dimension is Telstra strongest in: the capability score)
    const only = model.metrics.filter((m) => namedDims.every((ds) => ds.some((d) => compatDim(d, [m.id]) === d)));
    // a contact's purpose or direction named is a count of those contacts (complaints by channel), as 投诉量 is
    const counted = tokens.some((_, k) => kinds[k] === 'member' && ofKind(senses(k), 'member').some((m) => COUNTED_CONTACTS.has(m.dimension)));
    if (only.length === 1) metrics = [only[0].id];
    else if (counted && only.some((m) => m.id === 'contacts')) metrics = ['contacts'];
    // satisfaction or loyalty with no metric (各地市的满意度): their bands are what is recorded, so their
    // distribution (subscribers by band); ranked (满意度最低的地市) there is no average to rank by, said so
    const banded = namedDims.some((ds) => ds.some((d) => SCORE_BANDS.has(d)));
    if (!metrics.length && banded) {
      if (tokens.some((_, k) => kinds[k] === 'order')) {
        return {
          kind: 'clarify', needMetric: true, marks: [],
          message: zh ? '满意度和忠诚度按档记录（95–100、80–95、60–80、40–60、<40），没有平均分，排不了名：可以问“各地市的满意度分布”，或某一档的用户数，例如“各地市满意度<40的用户数”。'
            : 'Satisfaction and loyalty are recorded in bands (95–100, 80–95, 60–80, 40–60, <40), with no average to rank by: ask for their distribution, e.g. "satisfaction by city", or one band\'s subscribers, e.g. "subscribers with satisfaction below 40 by city".',
        };
      }
      metrics = ['subscribers'];
    }
  }
  if (!metrics.length) {
    const anything = tokens.some((_, k) => isContent(k));
    return {
      kind: 'clarify', needMetric: anything, marks: [],
      message: followup
        ? (zh ? '去掉之后就没有指标了，请说明要看哪个指标。' : 'That leaves no metric; say which metric to show.')
        : (zh ? '没有找到要查询的指标，请说明要看哪个指标（例如离网率、ARPU、用户数）。' : 'Which metric? Name one, for example churn rate, ARPU or subscribers.'),
    };
  }

  // an average of a total (average revenue, 平均接触次数): the model's average of it, said so, or a question;
  // of a ratio (全省平均ARPU) the metric is one already; of the lifetime, the median (below)
  const averageTok = tokens.findIndex((t) => AVERAGE_WORDS.includes(t.text));
  const averageNotes: string[] = [];
  if (averageTok >= 0 && !followup) {
    const totals = metrics.filter((m) => ['additive', 'stock', 'distinct'].includes(metricOf(m)?.kind ?? ''));
    const word = tokens[averageTok].text;
    const missing = totals.filter((m) => !AVERAGE_OF[m]);
    if (missing.length && !autoPick) {
      const names = missing.map((m) => metricLabel(m, env.lang)).join(zh ? '、' : ', ');
      return {
        kind: 'clarify', marks: [averageTok],
        message: zh ? `${names}是合计数，“${word}”要按什么平均（每户、每月、每个渠道）？可以问比率，例如ARPU（每户平均收入）、MOU、DOU、单次接触成本，或直接问${names}。`
          : `${names} ${missing.length > 1 ? 'are totals' : 'is a total'}: "${word}" per what (subscriber, month, channel)? Ask a ratio — ARPU (average revenue per user), MOU, DOU, cost per contact — or ${names} itself.`,
      };
    }
    for (const m of totals) {
      const avg = AVERAGE_OF[m];
      if (!avg) continue;
      metrics = uniq(metrics.map((x) => (x === m ? avg : x)));
      averageNotes.push(zh ? `（${word}${metricLabel(m, 'zh')}读作${metricLabel(avg, 'zh')}。）` : `(The ${word} ${metricLabel(m, 'en').toLowerCase()} is read as ${metricLabel(avg, 'en')}.)`);
    }
  }

  // ── members and dimensions, read against the metrics' cubes ──────────────────────
  const mentions: Mention[] = [];
  const incompatible: { tok: number; dims: string[] }[] = [];
  const dimToks = tokens.map((_, k) => k).filter((k) => kinds[k] === 'dimension');
  const memberToks = tokens.map((_, k) => k).filter((k) => kinds[k] === 'member');
  const dimsNamedElsewhere = new Set(dimToks.flatMap((k) => ofKind(senses(k), 'dimension').map((s) => compatDim(s.id, metrics) ?? s.id)));
  const prevDims = new Set(prev ? [...(prev.interpretation.groupBy ?? []), ...(prev.interpretation.filters ?? []).map((f) => f.dimension)] : []);
  const hasProvinceMention = memberToks.some((k) => ofKind(senses(k), 'member').some((s) => s.dimension === 'province'))
    || (!!prev && followup && (prev.interpretation.filters ?? []).some((f) => f.dimension === 'province'));

  // the provinces (two-digit prefixes) the rest of the question and the previous answer name, beside token k
  const regionContext = (k: number): Set<string> => {
    const out = new Set<string>();
    for (const j of memberToks) {
      if (j === k) continue;
      const ids = uniq(ofKind(senses(j), 'member').filter((x) => REGION_DIMS.has(x.dimension)).map((x) => x.id.slice(0, 2)));
      if (ids.length === 1) out.add(ids[0]);
    }
    for (const f of env.prev?.interpretation.filters ?? []) if (REGION_DIMS.has(f.dimension) && f.op === 'in') for (const v of f.values) out.add(v.slice(0, 2));
    return out;
  };
  for (const k of [...memberToks, ...dimToks].sort((a, b) => a - b)) {
    const isMember = kinds[k] === 'member';
    const raw = isMember ? ofKind(senses(k), 'member') : ofKind(senses(k), 'dimension');
    // map each sense to the dimension the cubes know
    const cands = new Map<string, string[]>();
    for (const s of raw) {
      const dim = s.kind === 'member' ? s.dimension : s.id;
      const d = compatDim(dim, metrics);
      if (!d) continue;
      if (s.kind === 'member') cands.set(d, uniq([...(cands.get(d) ?? []), s.id]));
      else cands.set(d, []);
    }
    if (!cands.size) { incompatible.push({ tok: k, dims: uniq(raw.map((s) => (s.kind === 'member' ? s.dimension : s.id))) }); continue; }
    let dims = [...cands.keys()];
    if (isMember && !forced.has(k)) {
      // one name for two places read by what else is named: only Xiamen and Fuzhou after Fujian (福州, not 抚州)
      for (const d of dims) {
        const ids = cands.get(d)!;
        if (ids.length < 2 || d !== 'city' || raw.every((x) => x.kind === 'member' && x.group)) continue;
        const near = regionContext(k);
        const fit = ids.filter((id) => near.has(id.slice(0, 2)));
        if (fit.length === 1) cands.set(d, fit);
      }
      // carriers compared (Fuzhou vs Shenzhen vs Guangzhou): a region with a published carrier is that carrier (福州电信)
      const ids = cands.get('capability_entity');
      const pub = uniq((ids ?? []).flatMap((id) => publishedOf(id) ?? []));
      const others = memberToks.filter((j) => j !== k && ofKind(senses(j), 'member').some((x) => x.dimension === 'capability_entity')).length;
      if (ids && dims.length === 1 && pub.length === 1 && others > 0) cands.set('capability_entity', pub);
    }
    // one name for two places (Taizhou: 台州 / 泰州) is a question, not a union
    if (isMember && !forced.has(k)) {
      for (const d of dims) {
        const ids = cands.get(d)!;
        const grouped = raw.every((s) => s.kind === 'member' && s.group);
        if (ids.length > 1 && !grouped && (REGION_DIMS.has(d) || d === 'capability_entity')) {
          if (autoPick) { cands.set(d, [ids[0]]); continue; }
          return {
            kind: 'ambiguous', tok: k, what: tokens[k].text,
            options: ids.map((id) => {
              const s: Sense = { kind: 'member', dimension: d, id };
              const r = regionByCode(id);
              const parent = r?.parent ? regionByCode(r.parent) : undefined;
              return { senses: [s], label: `${senseLabel(env, s)}${parent ? (zh ? `（${parent.nameZh}）` : ` (${parent.nameEn})`) : ''}` };
            }),
          };
        }
      }
    }
    // capability: a region name (深圳) may mean the region's own assessment or the published 深圳电信
    if (isMember && dims.length === 1 && dims[0] === 'capability_entity') {
      const ids = cands.get('capability_entity')!;
      const region = ids.length === 1 ? regionByCode(ids[0]) : undefined;
      const published = region && PUBLISHED_ENTITIES.find((e) => e.labelZh === `${region.shortZh}电信`);
      if (region && published && !forced.has(k) && !autoPick) {
        const opts: Sense[] = [{ kind: 'member', dimension: 'capability_entity', id: published.id }, { kind: 'member', dimension: 'capability_entity', id: region.code }];
        return {
          kind: 'ambiguous', tok: k, what: tokens[k].text,
          options: opts.map((s) => ({ senses: [s], label: s.kind === 'member' && s.id === region.code ? (zh ? `${region.nameZh}自己的评估` : `${region.nameEn}'s own assessments`) : senseLabel(env, s) })),
        };
      }
    }
    if (dims.length > 1) {
      // one region name for a province and a city inside it (北京, 上海): the province
      if (isMember && dims.every((d) => REGION_DIMS.has(d))) {
        const p = cands.get('province') ?? [];
        const c = cands.get('city') ?? [];
        if (p.length && c.every((x) => p.some((pp) => pp.slice(0, 2) === x.slice(0, 2)))) dims = ['province'];
        // a province's name that is also a prefecture's elsewhere (Hainan: the province, not 海南州 in Qinghai), unless cities are named
        else if (p.length === 1 && !dimsNamedElsewhere.has('city') && !(followup && prevDims.has('city'))) dims = ['province'];
      }
      // 各地区 / by region: one level below what is filtered
      if (!isMember && dims.every((d) => REGION_DIMS.has(d))) dims = [hasProvinceMention ? 'city' : 'province'];
    }
    if (dims.length > 1) {
      const nearDims = near(k).flatMap((j) => (kinds[j] === 'dimension' ? ofKind(senses(j), 'dimension').map((s) => compatDim(s.id, metrics)) : []));
      const byNeighbour = dims.filter((d) => nearDims.includes(d));
      const byQuestion = dims.filter((d) => dimsNamedElsewhere.has(d));
      const byPrev = dims.filter((d) => prevDims.has(d));
      // a brand's sub-segment beside that brand (动感地带高价值用户): the sub-segment
      const brands = new Set(memberToks.filter((j) => j !== k).flatMap((j) => ofKind(senses(j), 'member').filter((x) => x.dimension === 'brand').map((x) => x.id)));
      const ofBrand = isMember && dims.includes('sub_segment') && (cands.get('sub_segment') ?? []).every((id) => brands.has(membersOf('sub_segment')?.find((m) => m.id === id)?.parent ?? ''));
      if (ofBrand) dims = ['sub_segment'];
      else if (byNeighbour.length === 1) dims = byNeighbour;
      else if (isMember && byQuestion.length === 1) dims = byQuestion;
      else if (followup && byPrev.length === 1) dims = byPrev;
    }
    if (dims.length > 1) {
      if (!autoPick) {
        return {
          kind: 'ambiguous', tok: k, what: tokens[k].text,
          options: dims.map((d) => {
            const s: Sense = isMember ? { kind: 'member', dimension: d, id: cands.get(d)![0] } : { kind: 'dimension', id: d };
            const ss: Sense[] = isMember ? cands.get(d)!.map((id) => ({ kind: 'member', dimension: d, id })) : [s];
            // a meaning on several members (大客户: 个人大客户 and 单位大客户) names them all
            const more = ss.slice(1).map((x) => env.lex.label(x, env.lang)).join(zh ? '、' : ', ');
            return { senses: ss, label: `${senseLabel(env, s)}${more ? (zh ? `、${more}` : `, ${more}`) : ''}` };
          }),
        };
      }
      dims = [dims[0]];
    }
    mentions.push({ tok: k, dim: dims[0], ids: isMember ? cands.get(dims[0])! : null, mode: modes[k] });
  }
  if (ofNew !== undefined) mentions.push({ tok: ofNew, dim: 'subscriber_status', ids: ['new'], mode: null });
  if (incompatible.length) {
    const x = incompatible[0];
    const ml = metrics.map((m) => env.lex.label({ kind: 'metric', id: m }, env.lang)).join(zh ? '、' : ', ');
    const dl = x.dims.map((d) => env.lex.label({ kind: 'dimension', id: d }, env.lang)).join(zh ? '或' : ' or ');
    return {
      kind: 'unsupported',
      message: (zh ? `${ml}不能按“${tokens[x.tok].text}”（${dl}）拆分或筛选。` : `${ml} cannot be broken down or filtered by "${tokens[x.tok].text}" (${dl}).`)
        // the model's reason, when a metric is notBy the dimension (lift by list type)
        + metrics.flatMap((m) => x.dims.map((d) => metricOf(m)?.notBy?.[d]).filter((r) => !!r).map((r) => (zh ? `${r!.zh}。` : ` ${r!.en[0].toUpperCase()}${r!.en.slice(1)}.`))).join('')
        + byWhich(x.dims, env),
    };
  }
  // a dimension word next to one of its members qualifies it (品牌为动感地带), it does not group;
  // next to a word for several of them (华东各省) it groups them
  const mentionAt = new Map(mentions.map((m) => [m.tok, m]));
  const several = (j: number) => ofKind(senses(j), 'member').some((s) => s.group);
  for (const m of mentions) {
    if (m.ids) continue;
    if (near(m.tok).some((j) => { const o = mentionAt.get(j); return !!o && !!o.ids && o.dim === m.dim && !several(j); })) m.qualifier = true;
  }

  // 渠道接触量最大的是哪个生命周期阶段: a dimension written into the metric's word (渠道接触量) says whose figure it is when
  // another dimension is the one asked (哪个…): it does not group as well
  if (mentions.some((m) => !m.ids && tokens[m.tok].text.startsWith('哪'))) {
    for (const m of mentions) {
      const next = tokens[m.tok + 1];
      if (!m.ids && !tokens[m.tok].text.startsWith('哪') && next && next.start === tokens[m.tok].end && kinds[m.tok + 1] === 'metric') m.qualifier = true;
    }
  }

  // ── time ───────────────────────────────────────────────────────────────────────
  const timeToks = tokens.map((_, k) => k).filter((k) => tokens[k].time);
  const specs: { spec: TimeSpec; mode: CommandId | null; toks: number[] }[] = [];
  for (let i = 0; i < timeToks.length; i++) {
    const k = timeToks[i];
    let spec = tokens[k].time!;
    const toks = [k];
    const next = timeToks[i + 1];
    if (next !== undefined) {
      const between = tokens.slice(k + 1, next);
      const joinable = between.every((t) => (t.senses.some((s) => s.kind === 'connector' && s.id === 'range')) || ['to', 'from', 'and', '-'].includes(t.text));
      const isRange = joinable && between.some((t) => t.senses.some((s) => s.kind === 'connector' && s.id === 'range') || t.text === 'to');
      const b = tokens[next].time!;
      if (isRange) {
        const j = joinRange(spec, b, env.D);
        if (j) { spec = j; toks.push(next); i++; }
      } else if (between.length === 0 && b.yearless && !spec.yearless) {
        // 2024年 Q1: the second narrows the first
        const j = refine(spec, b, env.D);
        if (j) { spec = j; toks.push(next); i++; }
      }
    }
    // 2025年至今, 3月以来, since March: up to the latest complete month
    const after = tokens[toks[toks.length - 1] + 1];
    if ((after && UNTIL_NOW.includes(after.text)) || tokens[k - 1]?.text === 'since') spec = untilNow(spec, env.D);
    // same quarter last year: the range asked before, a year earlier
    const before = env.prev?.interpretation.timeRange;
    if (spec.yearBack && before) spec = { ...spec, ...yearEarlier(before), precision: before.from.length > 7 ? 'day' : 'month' };
    specs.push({ spec, mode: modes[k], toks });
  }
  // the year (month, quarter) before, beside another period: that period one step back (revenue last year vs the year before)
  for (const x of specs) {
    if (!x.spec.before) continue;
    const base = specs.find((o) => o !== x && !o.spec.before)?.spec ?? env.prev?.interpretation.timeRange;
    const n = x.spec.before === 'year' ? 12 : x.spec.before === 'quarter' ? 3 : 1;
    if (base && base.from.length === 7) x.spec = { from: shiftYm(base.from, -n), to: shiftYm(base.to, -n), precision: 'month' };
  }
  let distinct = uniq(specs.map((s) => `${s.spec.from}|${s.spec.to}`));
  // two periods compared (September and October, Q2 compared with Q1, 2025年12月跟2026年10月相比): the later one with
  // the comparison when they are as long and follow each other (环比) or lie a year apart (同比); else both in one
  // series by the periods' own grain; said so
  let period: { compare: 'yoy' | 'mom' | null; grain: string | null; note: string } | null = null;
  if (distinct.length === 2 && specs.every((x) => x.spec.precision === 'month' && !x.spec.future)) {
    const [a, b] = distinct.map((d) => specs.find((x) => `${x.spec.from}|${x.spec.to}` === d)!).sort((x, y) => (x.spec.from < y.spec.from ? -1 : 1));
    const idx = (ym: string) => +ym.slice(0, 4) * 12 + +ym.slice(5, 7);
    const len = (x: TimeSpec) => idx(x.to) - idx(x.from) + 1;
    const [A, B] = [describeRange(a.spec, env.lang), describeRange(b.spec, env.lang)];
    if (len(a.spec) === len(b.spec) && idx(b.spec.from) === idx(a.spec.from) + 12) {
      period = { compare: 'yoy', grain: null, note: zh ? `（${A}和${B}相比：列出${B}，同比即与${A}比。）` : `(${A} against ${B}: ${B} is shown, compared with the same period a year earlier, ${A}.)` };
      specs.splice(specs.indexOf(a), 1);
    } else if (len(a.spec) === len(b.spec) && idx(b.spec.from) === idx(a.spec.to) + 1) {
      period = { compare: 'mom', grain: null, note: zh ? `（${A}和${B}相比：列出${B}，环比即与${A}比。）` : `(${A} against ${B}: ${B} is shown, compared with the period before it, ${A}.)` };
      specs.splice(specs.indexOf(a), 1);
    } else {
      // each within one calendar year (quarter) from its start (2024年和2025年: the second up to the latest month): by year (quarter)
      const whole = (n: number) => [a.spec, b.spec].every((x) => (idx(x.from) - 1) % n === 0 && Math.floor((idx(x.to) - 1) / n) === Math.floor((idx(x.from) - 1) / n));
      const g = whole(12) ? 'year' : whole(3) ? 'quarter' : 'month';
      const span: TimeSpec = { from: a.spec.from, to: b.spec.to, precision: 'month' };
      const gl = dimLabel(g, env.lang);
      period = { compare: null, grain: g, note: zh ? `（${A}和${B}：按${gl}列出${describeRange(span, 'zh')}，两段都在其中。）` : `(${A} and ${B}: ${describeRange(span, 'en')} by ${gl}, both periods in it.)` };
      a.spec = span;
      specs.splice(specs.indexOf(b), 1);
    }
    distinct = [`${specs[0].spec.from}|${specs[0].spec.to}`];
  }
  if (distinct.length > 1) {
    return {
      kind: 'clarify', marks: specs.flatMap((s) => s.toks),
      message: zh ? '问题里有两个时间范围，请只保留一个（或用“到”连接成一个区间）。' : 'The question names two time ranges; keep one (or join them with "to").',
    };
  }
  let time = specs[0];
  if (time?.spec.future) {
    return { kind: 'unsupported', message: zh ? '数据只到当前日期为止，不能查询未来的时间，也不做预测。' : 'The data ends at the as-of date; future periods and forecasts are not available.' };
  }
  // days on a metric recorded by month: days counted back (近90天, last 30 days) are the whole months they fall in,
  // said so; days named (10月1日到15日) are not a month's figure, said so
  const monthly = metrics.filter((m) => { const x = metricOf(m); return !!x && model.cube(x.cube).time?.finest === 'month'; });
  const timeNotes: string[] = [];
  if (time && time.spec.precision === 'day' && monthly.length) {
    const whole = wholeMonths(time.spec, env.D);
    const covers = time.spec.from === `${whole.from}-01` && time.spec.to === lastDayOf(whole.to);
    const names = monthly.map((m) => metricLabel(m, env.lang)).join(zh ? '、' : ', ');
    const words = time.toks.map((k) => tokens[k].text).join(zh ? '到' : ' to ');
    if (!covers && !time.spec.relative) {
      return {
        kind: 'unsupported',
        message: zh ? `${names}按月记录，“${words}”（${describeRange(time.spec, 'zh')}）不是整月：请按月问，例如“${describeRange({ from: whole.from, to: whole.to }, 'zh')}”。`
          : `${names} ${monthly.length > 1 ? 'are' : 'is'} recorded by month; "${words}" (${describeRange(time.spec, 'en')}) is not whole months: ask by month, e.g. "${describeRange({ from: whole.from, to: whole.to }, 'en')}".`,
      };
    }
    if (!covers) {
      time = { ...time, spec: whole };
      timeNotes.push(zh ? `（${names}按月记录：“${words}”按整月算，${describeRange(whole, 'zh')}。）` : `(${names} ${monthly.length > 1 ? 'are' : 'is'} recorded by month: "${words}" is read as whole months, ${describeRange(whole, 'en')}.)`);
    }
  }

  // ── grain, order, compare, chart, trend, total ─────────────────────────────────
  const grainToks = tokens.map((_, k) => k).filter((k) => kinds[k] === 'grain');
  const grain = grainToks.length ? { id: ofKind(senses(grainToks[grainToks.length - 1]), 'grain')[0].id as string, mode: modes[grainToks[grainToks.length - 1]] }
    : period?.grain ? { id: period.grain, mode: null } : null;
  const trend = tokens.some((_, k) => kinds[k] === 'trend');
  const total = tokens.some((_, k) => kinds[k] === 'total');
  const national = tokens.some((_, k) => kinds[k] === 'national');
  const wholeProvince = tokens.some((_, k) => kinds[k] === 'wholeProvince');

  const orderToks = tokens.map((_, k) => k).filter((k) => kinds[k] === 'order');
  // 排名 / 排行 / ranking say "ranked", not which end: another order word's direction wins
  // (各省离网率排名 倒数5 is the lowest five)
  const rankOnly = (k: number) => !tokens[k].order && RANK_WORDS.has(tokens[k].text);
  let order: { spec: OrderSpec; mode: CommandId | null; tok: number; rankOnly: boolean } | null = null;
  for (const k of orderToks) {
    const spec: OrderSpec = tokens[k].order ?? { direction: ofKind(senses(k), 'order')[0].direction };
    if (!order) { order = { spec: { ...spec }, mode: modes[k], tok: k, rankOnly: rankOnly(k) }; continue; }
    if (order.spec.limit === undefined && spec.limit !== undefined) order.spec.limit = spec.limit;
    if (order.rankOnly && !rankOnly(k)) order = { ...order, spec: { ...order.spec, direction: spec.direction }, rankOnly: false };
  }

  // 满意度低的用户, 高忠诚度: 高 / 低 beside a banded score qualifies it, it does not rank the
  // metric; "low" is not a band the data defines, so every band is shown, in band order, and said so
  let bandWord: { dim: string; word: string } | null = null;
  // (a superlative ranks them: which satisfaction band has the highest churn)
  if (order && order.spec.limit === undefined && !order.rankOnly && /^(高|低|较高|较低|偏高|偏低|更高|更低|high|low|higher|lower)$/.test(tokens[order.tok].text)) {
    const near = (d: number) => { let j = order!.tok + d; while (j >= 0 && j < N && kinds[j] === 'stop') j += d; return j >= 0 && j < N && kinds[j] === 'dimension' ? j : -1; };
    const j = [near(-1), near(1)].find((x) => x >= 0 && ofKind(senses(x), 'dimension').some((s) => BANDED.has(s.id)));
    if (j !== undefined) {
      bandWord = { dim: ofKind(senses(j), 'dimension').find((s) => BANDED.has(s.id))!.id, word: tokens[order.tok].text };
      order = null;
    }
  }

  const compareToks = tokens.map((_, k) => k).filter((k) => kinds[k] === 'compare');
  const notes0: string[] = [];
  let compare: { id: 'yoy' | 'mom'; mode: CommandId | null } | null = null;
  const compareIds = (k: number) => uniq(ofKind(senses(k), 'compare').map((s) => s.id));
  // a word that says which (比去年, 环比) settles a growth word beside it (比去年增长了多少)
  const saysWhich = compareToks.some((k) => compareIds(k).length === 1);
  const why = tokens.some((t) => WHY_WORDS.includes(t.text));
  for (const k of compareToks) {
    const ids = compareIds(k);
    if (ids.length > 1 && (saysWhich || period?.compare)) continue;
    // why did it rise (为什么十月份离网率上升了): the change from the period before
    if (ids.length > 1 && why && !compare) { compare = { id: 'mom', mode: modes[k] }; continue; }
    if (ids.length > 1 && !autoPick) {
      return { kind: 'ambiguous', tok: k, what: tokens[k].text, options: ids.map((id) => ({ senses: [{ kind: 'compare', id }], label: senseLabel(env, { kind: 'compare', id }) })) };
    }
    if (!compare) compare = { id: ids[0], mode: modes[k] };
  }
  if (!compare && period?.compare) compare = { id: period.compare, mode: null };
  const chartToks = tokens.map((_, k) => k).filter((k) => kinds[k] === 'chart');
  const chart: ChartKind | null = chartToks.length ? ofKind(senses(chartToks[chartToks.length - 1]), 'chart')[0].id : null;

  // higher or lower than the period before (离网率比去年同期高的省份, ARPU比上月低的地市): the ones whose change is
  // on that side of 0, not a ranking (高 right after 比去年 compares with it)
  const vsPrevSide: 'gt' | 'lt' | null = (() => {
    if (!order || order.spec.limit !== undefined || !compare || compare.mode === 'remove' || !/^(高|低|多|少|大|小|更高|更低|更多|更少)$/.test(tokens[order.tok].text)) return null;
    let j = order.tok - 1;
    while (j >= 0 && kinds[j] === 'stop') j--;
    if (j < 0 || kinds[j] !== 'compare' || !/^比/.test(tokens[j].text)) return null;
    return order.spec.direction === 'desc' || order.spec.direction === 'best' ? 'gt' : 'lt';
  })();
  if (vsPrevSide) order = null;

  // ranked by the change (哪个地市的离网率环比涨得最多, 收入同比增长最快的省份, the biggest drop in ARPU month over
  // month): a word of change beside the comparison (not 同比 / yoy alone) and an order word rank by the metric's _change
  const byChange = !!order && !!compare && compare.mode !== 'remove' && compareToks.some((k) => CHANGE_WORD.test(tokens[k].text));
  // a merit word (效率最高, most efficient) ranks best first whatever the measure's polarity
  const merit = tokens.some((t) => MERIT_WORDS.includes(t.text));
  const meritDirection = (d: OrderSpec['direction']): OrderSpec['direction'] => (!merit ? d : d === 'desc' ? 'best' : d === 'asc' ? 'worst' : d);
  // ranked by the change: its _change (relative, as the table shows it); the most of a fall (下降最多, biggest drop) is the lowest change
  const falls = vsPrevSide ? vsPrevSide === 'lt' : (compareToks.some((k) => FALL.test(tokens[k].text)) || tokens.some((t) => FALL_WORDS.has(t.text)));
  // which ones rose / fell (哪些省份的收入同比下降了, which cities saw churn rise): those whose change is on that side of 0
  const whichChanged = vsPrevSide !== null || (!order && !!compare && compare.mode !== 'remove' && compareToks.some((k) => CHANGE_WORD.test(tokens[k].text))
    && tokens.some((t) => /^(哪|which)/.test(t.text)));
  const orderBy = order && order.mode !== 'remove'
    ? (() => {
      const metric = orderMetric(order.tok, metricToks, metrics, qMetric);
      if (!byChange) return { metric, direction: direction(meritDirection(order.spec.direction), metric) };
      const d = order.spec.direction === 'asc' || order.spec.direction === 'worst' ? 'asc' : 'desc';
      return { metric: `${metric}_change`, direction: falls ? (d === 'desc' ? 'asc' as const : 'desc' as const) : d };
    })()
    : null;

  // each threshold filters its metric (the first metric when it names none: 超过5%的地市)
  const thresholds: Filter[] = thresholdToks.flatMap((k) => {
    const tok = subjectOf.get(k);
    const metric = tok !== undefined && metrics.includes(qMetric(tok)) ? qMetric(tok) : metrics[0];
    const t = tokens[k].threshold!;
    // 50到100元: from the one to the other
    if (t.op === 'between') {
      return [{ dimension: metric, op: 'gte' as const, values: [String(thresholdValue(metric, t))] }, { dimension: metric, op: 'lte' as const, values: [String(thresholdValue(metric, { ...t, value: t.to! }))] }];
    }
    // against the average (低于全省平均): the query's own total, the whole's figure
    if (t.total) return [{ dimension: metric, op: t.op, values: [TOTAL] }];
    return [{ dimension: metric, op: t.op, values: [String(thresholdValue(metric, t))] }];
  });

  // ── build ──────────────────────────────────────────────────────────────────────
  const notes: string[] = [...(tenureNote ? [tenureNote] : []), ...timeNotes, ...(period ? [period.note] : []), ...notes0];
  notes.push(...averageNotes);
  if (metrics.includes('median_lifetime') && tokens.some((t) => MEAN_LIFETIME_WORDS.includes(t.text) || AVERAGE_WORDS.includes(t.text))) {
    notes.push(zh ? '（平均在网时长以中位生命周期（CSL）回答：仍在网的用户还没有离网时间，算不出平均数；中位数是存活率降到50%的月份。）'
      : '(An average lifetime is answered with the median (CSL): subscribers still active have no end date, so no mean can be computed; the median is the month survival falls to 50%.)');
  }
  if (tokens.some((t) => WHY_WORDS.includes(t.text))) {
    notes.push(zh ? '（问数只查数据，不推断原因：可以拆开看，例如“按品牌”“按合约类型”“按入网渠道”“按月”。）'
      : '(The chat reads the data; it does not infer causes. Split it to look: by brand, by contract type, by acquisition channel or by month.)');
  }
  for (const [k, x] of settled) {
    if (x.id === x.dflt || !metrics.includes(x.id)) continue;
    const [picked, dflt] = [x.id, x.dflt].map((m) => metricLabel(m, env.lang));
    const by = x.by.map((d) => dimLabel(d, env.lang)).join(zh ? '、' : ' and ');
    const lower = (t: string) => t.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
    notes.push(zh ? `（“${tokens[k].text}”读作${picked}：能按${by}看的是它，不是${dflt}。）`
      : `("${tokens[k].text}" is read as ${lower(picked)}, the one that goes by ${by}; ${lower(dflt)} does not.)`);
  }
  if (bandWord) {
    const name = env.lex.label({ kind: 'dimension', id: bandWord.dim }, env.lang);
    notes.push(zh ? `（${name}没有“${bandWord.word}”这一档：按各档列出。）` : `(No band is called "${bandWord.word}": every ${name.toLowerCase()} is shown.)`);
  }
  let q: MetricQuery;
  let marked: Focus | null = null;
  const newDims = new Set<string>();
  if (followup) {
    const nothingElse = usedMetricToks.length === 0 && mentions.length === 0 && !time && !grain && !order && !compare && !trend && !total && !national && !wholeProvince && !extraMetric && !thresholds.length;
    if (nothingElse) {
      // a pie of a rate (换成饼图, as a pie) is declined as in a first question; two groupings are bars side by side
      const ratios = prev!.interpretation.metrics.filter((m) => !['additive', 'stock', 'distinct'].includes(metricOf(m)?.kind ?? ''));
      const two = (prev!.interpretation.groupBy ?? []).filter((g) => !GRAIN_IDS.has(g)).length > 1;
      if (chart === 'pie' && (ratios.length || two)) {
        const names = ratios.map((m) => metricLabel(m, env.lang)).join(zh ? '、' : ', ');
        notes.push(ratios.length ? (zh ? `（${names}是比率，各部分不能相加，不画饼图。）` : `(${names} is a ratio; its parts do not add up, so no pie.)`)
          : (zh ? '（两个分组画不成一个饼图：画成分组柱状图。）' : '(Two groupings do not make one pie: grouped bars instead.)'));
        const kept = prev!.chart === 'pie' ? defaultChart(prev!.interpretation) : prev!.chart;
        return { kind: 'answer', interp: clone(prev!.interpretation), chart: kept, explicitChart: true, requery: false, notes };
      }
      if (chart) {
        const interp = clone(prev!.interpretation);
        return { kind: 'answer', interp, chart, explicitChart: true, requery: radarAxes(interp, chart, notes, zh), notes };
      }
      return {
        kind: 'clarify', marks: [],
        message: zh ? '没有看出要改什么：可以说“只看深圳”“按月”“换成柱状图”“再加上离网率”。' : 'Nothing to change was recognised: try "only Shenzhen", "by month", "as a bar chart" or "also churn rate".',
      };
    }
    q = clone(prev!.interpretation);
    q.metrics = metrics;
    q.groupBy = [...(q.groupBy ?? [])];
    q.filters = (q.filters ?? []).map((f) => ({ ...f, values: [...f.values] }));
    const effects = applyFollowup(q, mentions, {
      grain, trend, total, national, ranked: prev!.rows ?? null,
      time: time ? { range: { from: time.spec.from, to: time.spec.to }, remove: time.mode === 'remove' } : null,
      order: order ? { orderBy, limit: order.spec.limit ?? null, remove: order.mode === 'remove' } : null,
      compare: compare ? { id: compare.id, remove: compare.mode === 'remove' } : null,
    }, newDims);
    notes.push(...followupNotes(effects, env));
    marked = effects.marked;
    // 全省呢 after a city: the whole province (a city's viewer is refused by the service)
    if (wholeProvince && !mentions.some((m) => REGION_DIMS.has(m.dim) && m.ids)) {
      const city = q.filters.find((f) => f.dimension === 'city' && f.op === 'in');
      if (city && !q.filters.some((f) => f.dimension === 'province')) q.filters.push({ dimension: 'province', op: 'in', values: uniq(city.values.map((c) => `${c.slice(0, 2)}0000`)) });
      q.filters = q.filters.filter((f) => !(f.dimension === 'city' && f.op === 'in'));
      marked = null;
    }
    if (mixFollowup) {
      // grouped by the dimensions named as such (a member named, 深圳的占比, is pieFit's)
      q.groupBy = q.groupBy.filter((g) => mentions.some((m) => !m.ids && m.dim === g));
      q.orderBy = null;
      q.limit = null;
    }
    // a new threshold on a metric replaces the one it had on the same side (below, the
    // coherence step drops those on a metric no longer asked, and says so)
    const side = (op: string) => (op === 'gt' || op === 'gte' ? 'above' : 'below');
    q.filters = [...q.filters.filter((f) => !thresholds.some((t) => t.dimension === f.dimension && side(t.op) === side(f.op))), ...thresholds];
  } else {
    q = { metrics, groupBy: [], filters: [] };
    const groupAt: { dim: string; pos: number }[] = [];
    const count = new Map<string, number>();
    for (const m of mentions) if (m.ids && m.mode !== 'remove') count.set(m.dim, (count.get(m.dim) ?? 0) + 1);
    const inVals = new Map<string, string[]>();
    const outVals = new Map<string, string[]>();
    for (const m of mentions) {
      newDims.add(m.dim);
      if (!m.ids) { if (!m.qualifier) groupAt.push({ dim: m.dim, pos: m.tok }); continue; }
      const tgt = m.mode === 'remove' ? outVals : inVals;
      tgt.set(m.dim, uniq([...(tgt.get(m.dim) ?? []), ...m.ids]));
      if (m.mode !== 'remove' && (count.get(m.dim) ?? 0) >= 2) groupAt.push({ dim: m.dim, pos: m.tok });
    }
    // a word for several members ranked (哪家外国运营商得分最高, 华东离网率最高): they stand side by side
    if (orderBy && !groupAt.length) {
      const several = mentions.find((m) => m.ids && m.ids.length > 1 && m.mode !== 'remove');
      if (several) groupAt.push({ dim: several.dim, pos: several.tok });
    }
    groupAt.sort((a, b) => a.pos - b.pos);
    q.groupBy = uniq(groupAt.map((g) => g.dim));
    // RFM beside its scores (RFM heatmap of recency vs monetary) names them, not the 125 cells as well
    if (q.groupBy.includes('rfm_cell') && q.groupBy.some((g) => /^rfm_[rfm]$/.test(g))) q.groupBy = q.groupBy.filter((g) => g !== 'rfm_cell');
    const filters: Filter[] = [];
    for (const [d, v] of inVals) filters.push({ dimension: d, op: 'in', values: v });
    for (const [d, v] of outVals) filters.push({ dimension: d, op: 'not_in', values: v });
    q.filters = [...filters, ...thresholds];
    const g = grain?.id ?? (trend ? 'month' : null);
    if (g) q.groupBy.push(g);
    if (time) q.timeRange = { from: time.spec.from, to: time.spec.to };
    if (orderBy) {
      q.orderBy = orderBy;
      if (order!.spec.limit !== undefined) q.limit = order!.spec.limit;
    }
    // below the average (低于全省平均): every one below it, the furthest below first (the cut to the
    // first few below does not apply: which ones is what was asked)
    if (whichChanged && q.groupBy.some((g) => !GRAIN_IDS.has(g)) && !thresholds.length) {
      const m = metrics[0];
      q.filters.push({ dimension: `${m}_change`, op: falls ? 'lt' : 'gt', values: ['0'] });
      q.orderBy = { metric: `${m}_change`, direction: falls ? 'asc' : 'desc' };
    }
    const vsTotal = thresholds.find((f) => f.values[0] === TOTAL);
    if (vsTotal && !q.orderBy) q.orderBy = { metric: vsTotal.dimension, direction: vsTotal.op.startsWith('lt') ? 'asc' : 'desc' };
    // 全省平均 with no province named, asked by a viewer of the whole country: which province's?
    const provinceWhole = thresholdToks.find((k) => tokens[k].threshold!.whole === 'province');
    const oneProvince = q.filters.some((f) => (f.dimension === 'province' || f.dimension === 'city') && f.op === 'in' && new Set(f.values.map((v) => v.slice(0, 2))).size === 1);
    // the members compared picked one by one (深圳和广州…高于全省平均): the total would be theirs alone, not the average named
    const picked = vsTotal && q.filters.find((f) => f.op === 'in' && (q.groupBy ?? []).includes(f.dimension));
    if (picked && !followup) {
      const what = dimLabel(picked.dimension, env.lang);
      return {
        kind: 'clarify', marks: thresholdToks.filter((k) => tokens[k].threshold!.total),
        message: zh ? `和平均比时，合计只算所选的几个${what}，不是全省或全国的平均：请不点名${what}，例如“广东哪些${what}的ARPU高于全省平均”，再在结果里找它们。`
          : `Against the average, the total would be the chosen ${what}s' own, not the province's or the country's: ask without naming them, e.g. "Guangdong ${what}s with ARPU above the provincial average", and find them in the answer.`,
      };
    }
    if (provinceWhole !== undefined && !oneProvince && !env.scope && !followup) {
      return {
        kind: 'clarify', marks: [provinceWhole],
        message: zh ? '“全省平均”是哪个省的？请说出省份，例如“广东哪些地市的ARPU低于全省平均”；要和全国比，请说“全国平均”。'
          : 'The average of which province? Name it, e.g. "Guangdong cities with ARPU below the provincial average"; to compare with the whole country, say "national average".',
      };
    }
    if (compare) q.compare = compare.id;
    // an average of scores over several (average capability score of the foreign carriers): the source prints none
    // across entities and none is made up here; they stand side by side
    const several = q.filters.find((f) => f.op === 'in' && f.values.length > 1 && !metricOf(f.dimension));
    if (averageTok >= 0 && !q.groupBy.length && several && metrics.some((m) => metricOf(m)?.kind === 'score')) {
      q.groupBy = [several.dimension];
      notes.push(zh ? '（评分不跨评估对象取平均：原文没有各家的平均分，各家并列。）' : '(Scores are not averaged across entities: the source prints no such average; they are shown side by side.)');
    }
    // capability scores with no entity named (能力评分, 客户洞察得分, 各维度的能力评分): each assessed entity's,
    // side by side — the source prints no score of them all together, and an empty figure answers nothing
    const entityNamed = [...q.groupBy, ...q.filters.map((f) => f.dimension)].includes('capability_entity');
    if (metrics.some((m) => metricOf(m)?.cube === 'capability') && !entityNamed && !followup) {
      q.groupBy = [...q.groupBy, 'capability_entity'];
      notes.push(zh ? '（未指定评估对象：各评估对象并列。）' : '(No assessed entity named: each one side by side.)');
    }
    // a ranking of nothing grouped (渠道收入前三): by the dimension the metric's name starts with, else which
    if (q.orderBy && !q.groupBy.length) {
      const own = model.dimensions.find((d) => compatDim(d.id, metrics) === d.id && metrics.some((m) => {
        const x = metricOf(m)!;
        return x.labelZh.startsWith(d.labelZh) || x.labelEn.toLowerCase().startsWith(`${d.labelEn.toLowerCase()} `);
      }));
      if (own) q.groupBy = [own.id];
      else if ((q.limit ?? 0) > 1 && !autoPick) {
        const ml = metricLabel(metrics[0], env.lang);
        return {
          kind: 'clarify', marks: [order!.tok],
          message: zh ? `“${tokens[order!.tok].text}”是在什么里面排？请说出分组，例如“各省${ml}${tokens[order!.tok].text}”或“各渠道${ml}${tokens[order!.tok].text}”。`
            : `"${tokens[order!.tok].text}" of what? Name the grouping, e.g. "${ml} by province, ${tokens[order!.tok].text}".`,
        };
      }
    }
  }

  // a ranking with no number over more members than a chart can show: the first few, said so
  const rankedDims = (q.groupBy ?? []).filter((g) => !GRAIN_IDS.has(g));
  const asked = (q.filters ?? []).some((f) => f.values[0] === TOTAL || f.dimension.endsWith('_change'));
  if (q.orderBy && q.limit == null && !asked && rankedDims.length === 1 && rankedDims.length === (q.groupBy ?? []).length) {
    const n = memberCount(rankedDims[0], q.filters ?? [], env.scope ?? null);
    if (n !== null && n > MANY) {
      q.limit = FEW;
      const what = dimLabel(rankedDims[0], env.lang);
      const end = q.orderBy.direction === 'desc' ? (zh ? '最高' : 'highest') : (zh ? '最低' : 'lowest');
      const more = q.orderBy.direction === 'desc' ? (zh ? '前20' : 'top 20') : (zh ? '倒数20' : 'bottom 20');
      notes.push(zh ? `（共${n}个${what}，列出${end}的${FEW}个；可以说“${more}”看更多。）` : `(${n} ${what === 'city' ? 'cities' : `${what}s`}: the ${end} ${FEW} are shown; say "${more}" for more.)`);
    }
  }

  // ── coherence ──────────────────────────────────────────────────────────────────
  // a city filter stands alone; a city outside the named province is a contradiction
  const pf = q.filters!.find((f) => f.dimension === 'province' && f.op === 'in');
  const cf = q.filters!.find((f) => f.dimension === 'city' && f.op === 'in');
  if (pf && cf) {
    const outside = cf.values.filter((c) => !pf.values.some((p) => p.slice(0, 2) === c.slice(0, 2)));
    if (outside.length) {
      return {
        kind: 'clarify', marks: mentions.filter((m) => REGION_DIMS.has(m.dim)).map((m) => m.tok),
        message: zh ? `${outside.map((c) => regionByCode(c)?.nameZh ?? c).join('、')}不在${pf.values.map((p) => regionByCode(p)?.nameZh ?? p).join('、')}，请确认要看的区域。`
          : `${outside.map((c) => regionByCode(c)?.nameEn ?? c).join(', ')} is not in ${pf.values.map((p) => regionByCode(p)?.nameEn ?? p).join(', ')}; which region do you mean?`,
      };
    }
    q.filters = q.filters!.filter((f) => f !== pf);
  }
  // a share of a class split by that class or by what it is computed from (e-channel share by channel): every row is
  // 0 or 1, not a figure; said so, with what does go by it
  for (const m of q.metrics) {
    const share = metricOf(m)?.shareOf;
    const by = (q.groupBy ?? []).find((g) => shareFixedBy(m).includes(g));
    if (!share || !by) continue;
    const [ml, sl, dl] = [metricLabel(m, env.lang), metricLabel(share.metric, env.lang), dimLabel(by, env.lang)];
    const member = env.lex.label({ kind: 'member', dimension: share.dimension, id: share.member }, env.lang);
    return {
      kind: 'unsupported',
      message: zh ? `${ml}是${member}的${sl}占全部${sl}的比例：按${dl}拆分，每个${dl}不是100%就是0%。可以看各${dl}的${sl}占比（“各${dl}${sl}占比”），或按地市、品牌等看${ml}。`
        : `${ml} is ${member.toLowerCase()} ${sl.toLowerCase()} as a share of all ${sl.toLowerCase()}: by ${dl} every row is 100% or 0%. Try the share of ${sl.toLowerCase()} by ${dl} ("${sl.toLowerCase()} by ${dl} as a pie"), or ${ml} by city or brand.`
    };
  }
  // carried-over parts the new metric cannot take are dropped, and said so
  if (followup) {
    const dropped: string[] = [];
    q.groupBy = q.groupBy!.flatMap((g) => {
      if (GRAIN_IDS.has(g)) {
        if (timed(metrics)) return [g];
        dropped.push(env.lex.label({ kind: 'grain', id: g as 'month' }, env.lang));
        return [];
      }
      // carried over: kept only where the new metric has the very same dimension (no alias:
      // a contact channel does not silently become an acquisition channel)
      const d = newDims.has(g) ? compatDim(g, metrics) : compatDim(g, metrics) === g ? g : null;
      if (d) return [d];
      dropped.push(env.lex.label({ kind: 'dimension', id: g }, env.lang));
      return [];
    });
    q.groupBy = uniq(q.groupBy);
    // one metric put in another's place (换成ARPU): what was asked of the old one's change (它下降了,
    // 增长最快) or of its place against the whole (低于全省平均) is asked of the new one, where it can be;
    // a threshold in the old one's units (收入超过1亿) cannot, and goes
    const keepsCompare = !!q.compare && (sqlOnly(metrics) || !!compare);
    const successor = metrics.length === 1 ? metrics[0] : null;
    const carried = (from: string) => (successor && !metrics.includes(from) ? successor : null);
    q.filters = q.filters!.flatMap((f) => {
      // a threshold on a metric's change stays while that metric is compared, and goes with it
      const of = changeBase(f.dimension);
      if (of) {
        if (metrics.includes(of) && q.compare) return [f];
        const to = carried(of);
        if (to && keepsCompare && f.dimension === `${of}_change`) return [{ ...f, dimension: `${to}_change` }];
        dropped.push(`${changeLabel(of, q.compare ?? null, env.lang)} ${f.op === 'lt' || f.op === 'lte' ? '<' : '>'} ${Number(f.values[0]) * 100}%`);
        return [];
      }
      // a threshold stays with its metric, and goes with it
      if (metricOf(f.dimension)) {
        if (metrics.includes(f.dimension)) return [f];
        const to = carried(f.dimension);
        if (to && f.values[0] === TOTAL && metricOf(to)?.kind === 'ratio' && sqlOnly([to])) return [{ ...f, dimension: to }];
        dropped.push(thresholdText(f.dimension, f.op, f.values[0], env.lang));
        return [];
      }
      const d = newDims.has(f.dimension) ? compatDim(f.dimension, metrics) : compatDim(f.dimension, metrics) === f.dimension ? f.dimension : null;
      if (d) return [{ ...f, dimension: d }];
      dropped.push(f.values.map((v) => env.lex.label({ kind: 'member', dimension: f.dimension, id: v }, env.lang)).join(zh ? '、' : ', '));
      return [];
    });
    if (q.compare && !sqlOnly(metrics) && !compare) { q.compare = null; dropped.push(zh ? '同比/环比' : 'the comparison'); }
    if (q.timeRange && metrics.some((m) => metricOf(m)?.cube === 'capability') && !time) { q.timeRange = null; dropped.push(zh ? '时间范围' : 'the time range'); }
    const rankedByChange = !!q.orderBy && !!q.compare && metrics.includes(changeBase(q.orderBy.metric) ?? '');
    const orderOf = q.orderBy ? changeBase(q.orderBy.metric) : null;
    if (q.orderBy && orderOf && !rankedByChange && keepsCompare && carried(orderOf) && q.orderBy.metric === `${orderOf}_change`) {
      q.orderBy = { metric: `${carried(orderOf)}_change`, direction: q.orderBy.direction };
    } else if (q.orderBy && !rankedByChange && !metrics.includes(q.orderBy.metric) && !GRAIN_IDS.has(q.orderBy.metric) && !(q.groupBy ?? []).includes(q.orderBy.metric)) {
      const dir = q.orderBy.direction;
      q.orderBy = { metric: metrics[0], direction: dir };
    }
    if (dropped.length) notes.push(zh ? `（新指标不支持，已去掉：${dropped.join('、')}。）` : `(Dropped for the new metric: ${dropped.join(', ')}.)`);
  }
  if (!timed(metrics) && (q.groupBy ?? []).some((g) => GRAIN_IDS.has(g))) {
    return { kind: 'unsupported', message: zh ? `${metrics.map((m) => env.lex.label({ kind: 'metric', id: m }, 'zh')).join('、')}没有日历时间轴，不能按月/季度/年拆分（可按入网月份看）。` : `${metrics.join(', ')} has no calendar time axis and cannot be grouped by month, quarter or year (try by activation cohort).` };
  }
  // days and weeks of a metric recorded by month (每周的ARPU, ARPU by day): not in the data, said so
  const fine = (q.groupBy ?? []).find((g) => g === 'day' || g === 'week');
  if (fine && monthly.length) {
    const names = monthly.map((m) => metricLabel(m, env.lang)).join(zh ? '、' : ', ');
    return {
      kind: 'unsupported',
      message: zh ? `${names}按月统计，不能按${fine === 'week' ? '周' : '日'}拆分：可以按月看，按日、按周的只有渠道接触的指标（例如“每周的接触次数”）。`
        : `${names} ${monthly.length > 1 ? 'are' : 'is'} recorded by month and cannot be broken down by ${fine}: ask by month; only the contact measures go by day or week (e.g. "contacts by week").`,
    };
  }
  // weeks do not line up with the months and years a comparison shifts by
  if (fine === 'week' && q.compare) {
    return {
      kind: 'unsupported',
      message: zh ? '按周不能做同比或环比：周和月、年对不齐。可以按日或按月比较，或去掉同比/环比。'
        : 'A weekly breakdown cannot be compared year over year or month over month: weeks do not line up with months or years. Compare by day or by month, or drop the comparison.',
    };
  }
  if ((!followup || mixFollowup) && chart === 'pie') {
    const explicitPie = chartToks.some((k) => PIE_NAMES.test(tokens[k].text));
    const fit = pieFit(q, env, zh, explicitPie);
    if (fit) {
      if (fit.note) notes.push(fit.note);
      return { kind: 'answer', interp: tidy(fit.q), chart: fit.chart, explicitChart: !!fit.chart, requery: true, notes, ...(fit.focus ? { focus: fit.focus } : {}), ...(tenurePoint ? { tenure: tenurePoint } : {}) };
    }
  }
  // where one member stands (深圳离网率在广东排第几, 广东和全国的离网率对比): its siblings ranked,
  // the member marked; the service says its place, the chart draws the whole's figure
  const placed = standing(q);
  if (placed && !marked) {
    const name = env.lex.label({ kind: 'member', dimension: placed.focus.dimension, id: placed.focus.values[0] }, env.lang);
    notes.push(zh ? `（图中标出${name}。）` : `(${name} is marked.)`);
  }
  if (placed) return { kind: 'answer', interp: tidy(placed.q), chart: chart ?? 'bar', explicitChart: !!chart, requery: true, notes, focus: placed.focus, position: true, ...(tenurePoint ? { tenure: tenurePoint } : {}) };
  // a distribution over two dimensions (各生命周期阶段偏好的渠道) reads as a heatmap; RFM's 125
  // cells as R × F (the segments page's heatmap), M left to 按M
  // ranked by a change, or kept by one (asked now or carried over): value, previous value and change side by side
  const ofChange = (key: string | undefined) => !!key && key.endsWith('_change') && !!changeBase(key);
  let shown = chart ?? ((byChange || ofChange(q.orderBy?.metric) || (q.filters ?? []).some((f) => ofChange(f.dimension))) && (q.groupBy ?? []).length ? 'table' : null);
  if (!chart && distributionAsked && !followup) {
    if ((q.groupBy ?? []).length === 1 && q.groupBy![0] === 'rfm_cell' && !(q.filters ?? []).some((f) => f.dimension === 'rfm_cell')) {
      q.groupBy = ['rfm_r', 'rfm_f'];
      notes.push(zh ? '（RFM分布按R×F画热力图；M可以“按消费金额”拆分。）' : '(The RFM distribution as an R × F heatmap; split by M with "by monetary".)');
    }
    if ((q.groupBy ?? []).length === 2 && !(q.groupBy ?? []).some((g) => GRAIN_IDS.has(g))) shown = 'heatmap';
  }
  // a count over two groupings with more cells than bars read well (contacts by lifecycle stage and channel: 60) is a
  // heatmap; a few (brands × gender) stay bars side by side, as does a pie asked of two groupings (各品牌的男女比例)
  const two = (q.groupBy ?? []).length === 2 && !(q.groupBy ?? []).some((g) => GRAIN_IDS.has(g));
  if (two && !followup && (!chart || chart === 'pie') && !q.orderBy && q.metrics.every((m) => ['additive', 'stock', 'distinct'].includes(metricOf(m)?.kind ?? ''))) {
    const cells = q.groupBy!.map((g) => memberCount(g, q.filters ?? [], env.scope ?? null) ?? Infinity).reduce((a, b) => a * b, 1);
    if (cells > HEAT_CELLS) shown = 'heatmap';
    else if (shown === 'pie') {
      shown = 'bar';
      if (chartToks.some((k) => PIE_NAMES.test(tokens[k].text))) notes.push(zh ? '（两个分组画不成一个饼图：画成分组柱状图。）' : '(Two groupings do not make one pie: grouped bars instead.)');
    }
  }
  // weeks cut by the range's ends (a range of months seldom starts on a Monday): their bars hold fewer days, said so
  if ((q.groupBy ?? []).includes('week')) {
    // the range asked, else the planner's default for a grain: the 12 months to the latest complete one
    const r = parseRange(q.timeRange ?? { from: ymStr(addMonths(env.D.last, -11)), to: ymStr(env.D.last) });
    const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday, 1 Monday
    const cut = weekday(r.fromDay) !== 1 || weekday(r.toDay) !== 0;
    if (cut) notes.push(zh ? '（按ISO周统计（周一至周日）；首尾两周只含所选时间内的日子，数字偏小。）' : '(By ISO week, Monday to Sunday; the first and last weeks hold only the days in the range, so their figures are smaller.)');
  }
  // the churn rate over several months is the period's (churned in them ÷ subscribers at their start: 20% over
  // six months), not a month's 3.5%: said so, with the way to each month's
  if (q.timeRange && q.metrics.includes('churn_rate') && !(q.groupBy ?? []).some((g) => GRAIN_IDS.has(g))) {
    const r = parseRange(q.timeRange);
    const months = monthsBetween(ymOf(r.fromDay), ymOf(r.toDay)) + 1;
    if (months > 1) {
      notes.push(zh ? `（${months}个月的离网率是这段时间合计的：期间离网用户 ÷ 期初用户，不是月均；每月的离网率请加“按月”。）`
        : `(The churn rate over ${months} months is the period's: churned in them ÷ subscribers at their start, not a monthly average; add "by month" for each month's.)`);
    }
  }
  radarAxes(q, shown, notes, zh);
  const final = tidy(q);
  return { kind: 'answer', interp: final, chart: shown, explicitChart: !!chart, requery: true, notes, ...(marked ? { focus: marked } : {}), ...(tenurePoint ? { tenure: tenurePoint } : {}) };

  function standing(q: MetricQuery): { q: MetricQuery; focus: Focus } | null {
    const position = orderToks.some((k) => POSITION_WORDS.has(tokens[k].text)) && !tokens.some((t) => COME_FROM.includes(t.text));
    // beside the whole country: a province among the provinces (a city among 300 would not fit a chart)
    const versusNation = national && !followup && !dimToks.length;
    if (!position && !versusNation) return null;
    if ((q.groupBy ?? []).some((g) => GRAIN_IDS.has(g)) || (!position && mentions.some((m) => !m.ids))) return null;
    const named = mentions.filter((m) => m.ids?.length === 1 && m.mode !== 'remove' && (position || m.dim === 'province'));
    const m = named.find((x) => x.dim === 'city') ?? named.at(-1);
    if (!m || (versusNation && !position && named.length !== 1)) return null;
    const id = m.ids![0];
    const filters = (q.filters ?? []).filter((f) => !(f.dimension === m.dim && f.op === 'in'));
    // a city stands among its province's cities
    if (m.dim === 'city' && !filters.some((f) => f.dimension === 'province' && f.op === 'in')) filters.push({ dimension: 'province', op: 'in', values: [`${id.slice(0, 2)}0000`] });
    // ranked highest first, whatever the metric's polarity: 第1 is the largest value
    return { q: { ...q, groupBy: [m.dim], filters, orderBy: { metric: q.metrics[0], direction: 'desc' }, limit: null }, focus: { dimension: m.dim, values: [id] } };
  }

  // ── local helpers needing the closure ─────────────────────────────────────────
  function direction(d: OrderSpec['direction'], metric: string): 'asc' | 'desc' {
    if (d === 'asc' || d === 'desc') return d;
    const better = metricOf(metric)?.higherIsBetter ?? true;
    return (d === 'best') === better ? 'desc' : 'asc';
  }
}

/**
 * The dimensions by which a share of a class (e-channel share: electronic contacts ÷ all) is 0 or 1 on every row:
 * the class itself and what its cube computes it from (channel_class from channel).
 */
export function shareFixedBy(metric: string): string[] {
  const m = metricOf(metric);
  if (!m?.shareOf) return [];
  const dims = model.cube(m.cube).dimensions;
  const expr = dims[m.shareOf.dimension] ?? '';
  return [m.shareOf.dimension, ...Object.entries(dims).filter(([d, e]) => d !== m.shareOf!.dimension && /^[a-z_]+$/.test(e) && new RegExp(`\\b${e}\\b`).test(expr)).map(([d]) => d)];
}

const shiftYm = (ym: string, n: number) => { const t = +ym.slice(0, 4) * 12 + +ym.slice(5, 7) - 1 + n; return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`; };
/** the published carrier named after a region (福州 → 福州电信), if any */
const publishedOf = (code: string) => { const r = regionByCode(code); return r ? PUBLISHED_ENTITIES.find((e) => e.labelZh === `${r.shortZh}电信`)?.id : undefined; };
const lastDayOf = (ym: string) => `${ym}-${String(new Date(Date.UTC(+ym.slice(0, 4), +ym.slice(5, 7), 0)).getUTCDate()).padStart(2, '0')}`;

/** dimensions kept in bands of a number (scores, age): a number beside one names its bands */
const NUMBER_BANDS = ['satisfaction_band', 'loyalty_band', 'age_band'];
/** a band's numbers from its id: 80_95 → [80, 95), lt40 → [−∞, 40), 60plus → [60, ∞); the top band's end is its own */
function bandRanges(dim: string): { id: string; lo: number; hi: number }[] {
  const parsed = (membersOf(dim) ?? []).map((m) => {
    const r = /^(\d+)_(\d+)$/.exec(m.id); const lt = /^lt(\d+)$/.exec(m.id); const plus = /^(\d+)plus$/.exec(m.id);
    return { id: m.id, lo: r ? +r[1] : lt ? -Infinity : plus ? +plus[1] : NaN, top: r ? +r[2] : lt ? +lt[1] : Infinity };
  }).filter((b) => !Number.isNaN(b.lo)).sort((a, b) => a.lo - b.lo);
  return parsed.map((b, i) => ({ id: b.id, lo: b.lo, hi: parsed[i + 1]?.lo ?? b.top }));
}

/**
 * A number beside a banded dimension names its bands, not a threshold on the metric: 满意度在95分以上 is the
 * 95–100 band, loyalty 80-95 vs below 40 the 80–95 and <40 bands, 18岁以下 (a unit of age) the under-18s. A
 * number between two bands' edges is asked about (the data has the bands only).
 */
function bandsOf(tokens: Token[], env: Env): Token[] | Outcome {
  let out = tokens;
  // the banded dimensions a word names (80-95: a satisfaction and a loyalty band), the one the question names first
  const named = new Set(tokens.flatMap((t) => t.senses.flatMap((s) => (s.kind === 'dimension' && NUMBER_BANDS.includes(s.id) ? [s.id] : []))));
  const isBand = (t: Token | undefined) => {
    const dims = uniq((t?.senses ?? []).flatMap((s) => (s.kind === 'dimension' && NUMBER_BANDS.includes(s.id) ? [s.id] : s.kind === 'member' && NUMBER_BANDS.includes(s.dimension) ? [s.dimension] : [])));
    return dims.find((d) => named.has(d)) ?? dims[0];
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k].threshold;
    if (!t) continue;
    const skip = (j: number) => !!tokens[j] && !tokens[j].time && !tokens[j].threshold && tokens[j].senses.length > 0 && tokens[j].senses.every((x) => x.kind === 'stop' || x.kind === 'connector');
    let a = k - 1; while (skip(a)) a--;
    let b = k + 1; while (skip(b)) b++;
    const dim = t.unit === '岁' ? 'age_band' : isBand(tokens[a]) ?? isBand(tokens[b]);
    if (!dim) continue;
    const bands = bandRanges(dim);
    const lo = t.op === 'between' || t.op === 'gt' || t.op === 'gte' ? t.value : -Infinity;
    const hi = t.op === 'between' ? t.to! : t.op === 'lt' || t.op === 'lte' ? t.value : Infinity;
    const edges = new Set(bands.flatMap((x) => [x.lo, x.hi]));
    const ids = bands.filter((x) => x.lo >= lo && x.hi <= hi).map((x) => x.id);
    if (!ids.length || (Number.isFinite(lo) && !edges.has(lo)) || (Number.isFinite(hi) && !edges.has(hi))) {
      const zh = env.lang === 'zh';
      const names = bands.map((x) => env.lex.label({ kind: 'member', dimension: dim, id: x.id }, env.lang)).join(zh ? '、' : ', ');
      const dl = dimLabel(dim, env.lang);
      return {
        kind: 'clarify', marks: [k],
        message: zh ? `${dl}按档记录（${names}），“${tokens[k].text}”不在档的边界上：请按档问，例如“${dl}80–95的用户”。`
          : `The ${dl} is kept in bands (${names}); "${tokens[k].text}" does not fall on their edges: ask by band, e.g. "${dl} 80–95".`,
      };
    }
    if (out === tokens) out = [...tokens];
    out[k] = { ...tokens[k], threshold: undefined, senses: ids.map((id) => ({ kind: 'member', dimension: dim, id, ...(ids.length > 1 ? { group: true as const } : {}) })) };
  }
  return out;
}

/**
 * 今年前3个月, the first 3 months of 2025: the year's first months, not a point of tenure (the
 * tokens, with the year narrowed and the months read as a function word).
 */
function firstMonthsOf(tokens: Token[], D: AsOf): Token[] {
  let out = tokens;
  tokens.forEach((t, k) => {
    const stop = (i: number) => !!tokens[i] && !tokens[i].time && tokens[i].senses.length > 0 && tokens[i].senses.every((x) => x.kind === 'stop');
    let j = k - 1;
    while (stop(j)) j--;
    // before it (今年前3个月) or after it (the first 3 months of 2025)
    if (!tokens[j]?.time) { j = k + 1; while (stop(j)) j++; }
    const year = tokens[j]?.time;
    if (!t.tenure?.within || !year || !/^\d{4}-01$/.test(year.from) || year.from.slice(0, 4) !== year.to.slice(0, 4)) return;
    const y = +year.from.slice(0, 4);
    if (out === tokens) out = [...tokens];
    out[j] = { ...tokens[j], time: monthRange({ y, m: 1 }, { y, m: Math.min(12, t.tenure.months) }, D) };
    out[k] = { ...t, tenure: undefined, senses: [{ kind: 'stop' }] };
  });
  return out;
}

const CAPABILITY_NODES = new Set(['capability_dimension', 'capability_area', 'capability_item']);
/**
 * A radar of capability scores needs axes: asked of a whole entity (中国电信的能力雷达图, or 换成雷达图
 * after its score), it is drawn over the five dimensions, and said so. True when it added them.
 */
function radarAxes(q: MetricQuery, chart: ChartKind | null, notes: string[], zh: boolean): boolean {
  const by = q.groupBy ?? [];
  if (chart !== 'radar' || !q.metrics.includes('capability_score') || by.length > 1 || by.some((g) => CAPABILITY_NODES.has(g) || GRAIN_IDS.has(g))) return false;
  q.groupBy = [...by, 'capability_dimension'];
  notes.push(zh ? '（雷达图按五个能力维度画。）' : '(The radar is drawn over the five capability dimensions.)');
  return true;
}

/**
 * A pie asked for (占比, 构成, share, breakdown, 饼图) must show parts of a whole:
 *  - "what share of X is M" (全球通用户占比, what share of contacts are electronic, 预付费用户占比):
 *    a count, M named, nothing grouped. Filtering to M would draw a pie of one slice. A metric
 *    that is that share (`shareOf`: e_channel_share) answers it; otherwise the pie is grouped by
 *    M's dimension, M among its siblings (a city among its province's cities). Region filters
 *    only say where, unless no other member is named (深圳的用户占比).
 *  - a ratio or a score (ARPU, 离网率) does not add up to a whole: bars (or its figure); 比例
 *    or proportion on a rate (流失比例) just means the rate, a pie asked by name is declined aloud.
 *  - nothing to divide (收入构成 with no grouping): the figure, and how to ask for a split.
 */
function pieFit(q: MetricQuery, env: Env, zh: boolean, explicitPie: boolean): { q: MetricQuery; chart: ChartKind | null; note: string | null; focus?: Focus } | null {
  const grouped = (q.groupBy ?? []).length > 0;
  const ratios = q.metrics.filter((m) => !['additive', 'stock', 'distinct'].includes(metricOf(m)?.kind ?? ''));
  if (ratios.length) {
    // 流失比例, churn proportion: the rate itself; only a pie asked by name is refused aloud
    if (!explicitPie) return { q, chart: grouped ? 'bar' : null, note: null };
    const metricNames = ratios.map((m) => env.lex.label({ kind: 'metric', id: m }, env.lang)).join(zh ? '、' : ', ');
    return { q, chart: grouped ? 'bar' : null, note: zh ? `（${metricNames}是比率，各部分不能相加，不画饼图。）` : `(${metricNames} is a ratio; its parts do not add up, so no pie.)` };
  }
  if (grouped) return null;
  const members = (q.filters ?? []).filter((f) => f.op === 'in' && !metricOf(f.dimension));
  const named = members.filter((f) => !REGION_DIMS.has(f.dimension));
  const f = q.metrics.length === 1 ? (named.length === 1 ? named[0] : named.length === 0 && members.length === 1 && members[0].values.length === 1 ? members[0] : null) : null;
  if (!f) {
    // what share churned (离网用户占比, what share of contacts converted): the rate the model has of that count
    // (what percentage of contacts converted: the whole named beside the count is the rate's own denominator)
    const counted = q.metrics.find((m) => RATE_OF_COUNT[m]);
    const rate = counted && !explicitPie && q.metrics.every((m) => m === counted || m === RATE_OF_COUNT[counted].whole) ? RATE_OF_COUNT[counted].rate : undefined;
    if (rate) {
      const [count, r] = [counted!, rate].map((m) => env.lex.label({ kind: 'metric', id: m }, env.lang));
      return { q: { ...q, metrics: [rate], orderBy: null }, chart: null, note: zh ? `（${count}的占比即${r}。）` : `(The share that is ${count.toLowerCase()} is the ${r.toLowerCase()}.)` };
    }
    return { q, chart: null, note: zh ? '（饼图要有分组，例如“按品牌”“各地市”。）' : '(A pie needs a grouping, e.g. "by brand" or "by city".)' };
  }
  const rest = q.filters!.filter((x) => x !== f);
  const sh = f.values.length === 1 ? model.metrics.find((m) => m.shareOf?.metric === q.metrics[0] && m.shareOf.dimension === f.dimension && m.shareOf.member === f.values[0]) : undefined;
  if (sh) return { q: { ...q, metrics: [sh.id], filters: rest, orderBy: null }, chart: null, note: null };
  // a city among the cities of its province
  const within = f.dimension === 'city' && !rest.some((x) => x.dimension === 'province') ? [{ dimension: 'province', op: 'in' as const, values: [`${f.values[0].slice(0, 2)}0000`] }] : [];
  const names = f.values.map((v) => env.lex.label({ kind: 'member', dimension: f.dimension, id: v }, env.lang)).join(zh ? '、' : ', ');
  const dim = env.lex.label({ kind: 'dimension', id: f.dimension }, env.lang);
  return {
    q: { ...q, groupBy: [f.dimension], filters: [...rest, ...within] }, chart: 'pie', focus: { dimension: f.dimension, values: [...f.values] },
    note: zh ? `（${names}的占比：按${dim}看构成。）` : `(The share of ${names}: the mix by ${dim.toLowerCase()}.)`,
  };
}

/**
 * A threshold's value in the metric's own unit: rates are fractions (5% and a bare 5 on a rate
 * are 0.05; 0.05 stays), 万 is ten thousand.
 */
function thresholdValue(metric: string, t: ThresholdSpec): number {
  const percent = metricOf(metric)?.format === 'percent';
  const v = t.unit === '万' ? t.value * 10_000 : t.value;
  return percent && (t.unit === '%' || v > 1) ? Number((v / 100).toPrecision(12)) : v;
}

function orderMetric(orderTok: number, metricToks: number[], metrics: string[], qMetric: (k: number) => string): string {
  let best: string | null = null;
  let dist = Infinity;
  for (const k of metricToks) {
    const id = qMetric(k);
    if (!metrics.includes(id)) continue;
    const d = Math.abs(k - orderTok);
    if (d < dist) { dist = d; best = id; }
  }
  return best ?? metrics[0];
}

/**
 * The metrics that do go by a dimension a metric could not be split by (conversion rate by
 * campaign: the campaigns' hit rate, lift …), when they are few enough to name.
 */
function byWhich(dims: string[], env: Env): string {
  const zh = env.lang === 'zh';
  const own = model.metrics.filter((m) => dims.some((d) => compatDim(d, [m.id]) === d && !m.notBy?.[d]));
  if (!own.length || own.length > 6) return '';
  const names = own.map((m) => metricLabel(m.id, env.lang));
  const dl = uniq(dims.filter((d) => own.some((m) => compatDim(d, [m.id]) === d))).map((d) => dimLabel(d, env.lang)).join(zh ? '或' : ' or ');
  return zh ? `按${dl}可以看：${names.join('、')}。` : ` By ${dl} there are: ${names.join(', ')}.`;
}

/** What the region hierarchy and the ranking rules of a follow-up did, in words. */
function followupNotes(e: FollowupEffects, env: Env): string[] {
  const zh = env.lang === 'zh';
  const notes: string[] = [];
  if (e.drilled) {
    const r = regionByCode(e.drilled);
    notes.push(zh ? `（下钻到${r?.nameZh ?? e.drilled}各地市。）` : `(Drilled down to the cities of ${r?.nameEn ?? e.drilled}.)`);
  }
  if (e.rolledUp) notes.push(zh ? '（全国：按省份汇总。）' : '(Nationwide: by province.)');
  if (e.marked) {
    const c = regionByCode(e.marked.values[0]);
    const p = c?.parent ? regionByCode(c.parent) : undefined;
    notes.push(zh ? `（${c?.nameZh}在${p?.nameZh ?? ''}各地市中标出。）` : `(${c?.nameEn} is marked among the cities of ${p?.nameEn ?? 'its province'}.)`);
  }
  if (e.kept) {
    const { dimension, count, metric, direction } = e.kept;
    const m = metricLabel(metric, env.lang);
    notes.push(zh ? `（${dimLabel(dimension, 'zh')}为上一步${m}${direction === 'desc' ? '最高' : '最低'}的${count}个。）`
      : `(The ${count} ${dimLabel(dimension, 'en').replace(/([^aeiou])y$/, '$1ie')}s with the ${direction === 'desc' ? 'highest' : 'lowest'} ${m} in the previous answer.)`);
  }
  return notes;
}

/** How many members a grouping has within the filters and the viewer's region (null: open-ended). */
function memberCount(dim: string, filters: Filter[], scope: string | null): number | null {
  const inFilter = (d: string) => filters.find((f) => f.dimension === d && f.op === 'in')?.values ?? null;
  const out = filters.filter((f) => f.dimension === dim && f.op === 'not_in').flatMap((f) => f.values).length;
  const own = inFilter(dim);
  if (own) return own.length;
  if (dim === 'city') {
    const provinces = inFilter('province') ?? (scope ? [`${scope.slice(0, 2)}0000`] : null);
    if (scope && scope.slice(2) !== '0000') return 1;
    return (membersOf('city') ?? []).filter((c) => !provinces || provinces.some((p) => p.slice(0, 2) === c.id.slice(0, 2))).length - out;
  }
  if (dim === 'province' && scope) return 1;
  // assessed entities: the published carriers and the regions that assessed themselves, not every region
  if (dim === 'capability_entity') return null;
  const list = membersOf(dim);
  return list ? list.length - out : null;
}

/** Drop empty keys so the interpretation carries only what was asked. */
export function tidy(q: MetricQuery): MetricQuery {
  const out: MetricQuery = { metrics: [...q.metrics], groupBy: uniq(q.groupBy ?? []), filters: (q.filters ?? []).filter((f) => f.values.length) };
  if (q.timeRange) out.timeRange = { ...q.timeRange };
  // one row has no order (深圳离网率高吗: the figure, not a ranking of one)
  if (q.orderBy && out.groupBy!.length) out.orderBy = { ...q.orderBy };
  if (q.limit !== undefined && q.limit !== null && out.groupBy!.length) out.limit = q.limit;
  out.compare = q.compare ?? null;
  return out;
}
