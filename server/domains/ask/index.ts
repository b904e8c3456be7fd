/**
 * The chat parser: a question (zh or en) and the conversation so far → a typed query
 * (ASK.md), a chart kind and a restatement — or CLARIFY (words marked, choices offered) or
 * UNSUPPORTED. Deterministic and offline: lexicon + grammar, no hosted model, no segmenter.
 * Never throws; never answers with anything the semantic model does not define (every
 * ANSWERED interpretation passes the query planner's validation).
 */
import { plan } from '../../query/plan.ts';
import { NATIONAL } from '../../query/types.ts';
import { guard } from './guard.ts';
import { Lexicon } from './lexicon.ts';
import { EN_NUM, hasCjk, normalize, type Normalized } from './normalize.ts';
import { membersOf, PUBLISHED_ENTITIES } from '../../model/members.ts';
import { model } from '../../model/index.ts';
import { type Env, type Forced, interpret, type Outcome, primaryKind, REGION_DIMS } from './parse.ts';
import { placeText, restate, tenureText } from './restate.ts';
import { MAX_NEXT, nextCandidates } from './next.ts';
import { suggest } from './suggest.ts';
import { asOfParts } from './time.ts';
import { type Token, tokenize } from './tokenize.ts';
import { regionByCode } from '../../../seeds/regions.ts';
import type { AskContext, ChartKind, Focus, Language, MarkedWord, MetricQuery, ParseResult, Sense, SynonymTarget } from './types.ts';

export type { AskContext, ChartKind, Focus, MarkedWord, MetricQuery, ParseResult, Sense, SynonymTarget, TenurePoint } from './types.ts';
export { CHART_KINDS } from './types.ts';
export { Lexicon } from './lexicon.ts';
export { normalize } from './normalize.ts';

/** Longest question accepted (characters); longer ones get CLARIFY without being read. */
export const MAX_QUESTION = 500;

import { defaultChart } from './default-chart.ts';

export { defaultChart };

const FALLBACK_METRICS = ['subscribers', 'churn_rate', 'arpu', 'revenue', 'contacts', 'conversion_rate', 'cost_per_conversion', 'survival_rate', 'capability_score'];

/**
 * A number before a dimension that has that many members says "all of them" (三大品牌, 三个品牌,
 * the three brands, all five capability dimensions), or the members the question names (汕头、潮州、揭阳三个市),
 * or before a word for several members as many as it names (七家外国运营商): the number read as a function
 * word. Any other number stays not understood (三个城市: which three?).
 */
function allOf(tokens: Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const m = /^(\d{1,3})\s*(?:大|个|家|项|种|类)?$/.exec(t.text);
    const n = m ? +m[1] : EN_NUM[t.text];
    if (!t.unknown || !n) continue;
    let j = k + 1;
    while (j < tokens.length && !tokens[j].unknown && tokens[j].senses.length && tokens[j].senses.every((s) => s.kind === 'stop')) j++;
    const dims = tokens[j]?.senses.filter((s) => s.kind === 'dimension') ?? [];
    // or as many as the question names (汕头、潮州、揭阳三个市), or as a word for several names (七家外国运营商)
    const named = (d: string) => new Set(tokens.flatMap((x) => x.senses.flatMap((s) => (s.kind === 'member' && s.dimension === d ? [s.id] : [])))).size;
    const group = tokens[j]?.senses.filter((s) => s.kind === 'member' && s.group) ?? [];
    if ((dims.length && dims.every((d) => membersOf(d.id)?.length === n || named(d.id) === n)) || (group.length === n && group.length === tokens[j].senses.length)) {
      tokens[k] = { ...t, unknown: undefined, senses: [{ kind: 'stop' }] };
    }
  }
}

export interface ParserOptions {
  /** words taught by administrators, loaded at start */
  extraEntries?: { word: string; target: SynonymTarget }[];
  /** called when parsing hit an internal error (the caller still gets CLARIFY, never a throw) */
  onError?: (error: unknown, question: string) => void;
}

export function createParser(opts: ParserOptions = {}) {
  const lexicon = new Lexicon(opts.extraEntries ?? []);

  function result(lang: Language, partial: Partial<ParseResult> & Pick<ParseResult, 'status'>): ParseResult {
    return {
      interpretation: null, chart: null, requery: partial.status === 'ANSWERED', language: lang, restatement: '',
      unknownWords: [], choices: [], message: '', focus: null, national: false, province: false, position: false, tenure: null, ...partial,
    };
  }

  function mark(norm: Normalized, question: string, t: Token, reason: MarkedWord['reason']): MarkedWord {
    const start = norm.spans[t.start]?.[0] ?? 0;
    const end = norm.spans[t.end - 1]?.[1] ?? start;
    return { text: question.slice(start, end), start, end, reason };
  }

  /** Validate against the planner; the answer or why not. */
  function check(q: MetricQuery, asOf: string): string | null {
    try {
      plan(q, { asOf, scope: NATIONAL });
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  function parse(question: string, ctx: AskContext): ParseResult {
    let lang: Language = 'zh';
    try {
      const q = typeof question === 'string' ? question : String(question ?? '');
      lang = hasCjk(q.slice(0, MAX_QUESTION)) ? 'zh' : 'en';
      const zh = lang === 'zh';
      if (q.length > MAX_QUESTION) {
        return result(lang, { status: 'CLARIFY', message: zh ? `问题太长（超过${MAX_QUESTION}个字符），请简短地问一个问题。` : `The question is too long (over ${MAX_QUESTION} characters); ask one short question.` });
      }
      const D = asOfParts(ctx?.asOf);
      const norm = normalize(q);
      lang = hasCjk(norm.text) ? 'zh' : 'en';
      const zh2 = lang === 'zh';
      if (!norm.text.trim()) return result(lang, { status: 'CLARIFY', message: zh2 ? '请输入一个问题，例如“广州上个月各渠道的转化率”。' : 'Ask a question, for example "conversion rate by channel in Guangzhou last month".' });
      const g = guard(norm.text);
      if (g) {
        return result(lang, {
          status: 'UNSUPPORTED',
          message: zh2 ? '这里只能用自然语言查询分析数据（只读），不能执行代码、SQL、修改数据或更改规则。' : 'This chat only answers questions about the analytics data (read-only); it does not run code or SQL, change data, or take new instructions.',
        });
      }
      const tokens = tokenize(norm.text, lexicon, D);
      const oos = tokens.filter((t) => primaryKind(t.senses) === 'oos');
      if (oos.length) {
        const reasons = oos.map((t) => (t.senses.find((s) => s.kind === 'oos') as { reason: string }).reason);
        // a dashboard view named says more than the future beside it (contracts expiring next month: the contract-end view)
        const reason = ['write', 'weather', 'booking', 'offtopic', 'page:contract', 'page:cohort', 'page:migration', 'future', 'people', 'absent:clv'].find((r) => reasons.includes(r)) ?? reasons[0];
        const words = oos.map((t) => mark(norm, q, t, 'unknown').text).join(zh2 ? '、' : ', ');
        const msg: Record<string, [string, string]> = {
          weather: ['这里只有电信客户分析数据，没有天气信息。', 'There is no weather information here, only telecom customer analytics.'],
          booking: ['这里不能订票或预订，只能查询客户分析数据。', 'Booking is not something this chat does; it answers questions about customer analytics.'],
          write: ['聊天查询只读：不能删除、修改或写入数据。', 'The chat is read-only: it cannot delete, change or write data.'],
          future: ['数据只到当前日期为止：不能查询未来，也不做预测。', 'The data ends at the as-of date: no future periods and no forecasts.'],
          offtopic: ['这个问题超出了客户分析数据的范围。', 'That is outside what the customer analytics data holds.'],
          people: ['数据没有到员工个人（客户经理、营业员、坐席）：最细到渠道，可以问“各渠道的转化率”或“客户经理渠道的成功数”。',
            'There is no data per employee (account manager, sales rep, call agent): the finest level is the channel — try "conversion rate by channel" or "conversions of the account manager channel".'],
          'page:contract': ['合约到期前后的离网率不是问数能查的指标：请看“生命周期”页面的“合约到期前后离网率”图。', 'Churn around contract end is not a metric the chat can query: see "Churn around contract end" on the Lifecycle page.'],
          'page:cohort': ['入网批次留存不是问数能查的指标：请看“生命周期”页面的“入网批次留存热力图”。', 'Cohort retention is not a metric the chat can query: see "Cohort retention heatmap" on the Lifecycle page.'],
          'page:migration': ['分群迁移不是问数能查的指标：请看“客户分群”页面的“分群迁移”图。', 'Segment migration is not a metric the chat can query: see "Segment migration" on the Segments page.'],
          'absent:sms': ['数据里没有短信用量（条数）：最接近的是MOU（通话分钟）和DOU（流量），短信营业厅是一个接触渠道（例如“短信营业厅的接触次数”）。',
            'There is no SMS usage (messages sent) in the data: the nearest are MOU (minutes) and DOU (data); SMS is also a contact channel (e.g. "contacts via SMS").'],
          'absent:nps': ['数据里没有NPS（净推荐值）：最接近的是满意度档，例如“各满意度档的离网率”。', 'There is no NPS (net promoter score) in the data: the nearest is the satisfaction band, e.g. "churn rate by satisfaction band".'],
          'absent:5g': ['数据里没有5G、套餐或渗透率：最接近的是DOU（户均流量）和品牌细分，例如“各品牌细分的DOU”。', 'There is no 5G, plan or penetration data: the nearest are DOU (data per user) and the brand sub-segments, e.g. "DOU by sub-segment".'],
          'absent:profit': ['数据里没有利润或利润率：最接近的是收入、渠道成本和ROI，例如“各渠道的ROI”。', 'There is no profit or margin in the data: the nearest are revenue, channel cost and ROI, e.g. "ROI by channel".'],
          'absent:recharge': ['数据里没有充值金额：最接近的是RFM的M（消费金额）得分和ARPU，例如“按消费金额的用户数”。', 'There is no recharge amount in the data: the nearest are the RFM monetary score and ARPU, e.g. "subscribers by monetary score".'],
          'absent:response': ['数据里没有营销响应率：营销活动记录的是名单命中（命中率 = 命中客户 ÷ 名单客户）、模型名单相对随机名单的提升度和挽留成功率；接触的成功比例是转化率。例如“各活动类型的命中率”“各渠道的转化率”。',
            'There is no campaign response rate in the data: campaigns record list hits (hit rate = hits ÷ targeted customers), the lift of model lists over random ones and the retention success rate; of contacts, the share that succeeded is the conversion rate. E.g. "hit rate by campaign kind", "conversion rate by channel".'],
          'absent:response_time': ['数据里没有响应时间（客户等多久得到响应）：接触记录的是每次接触的处理时长和是否一次解决，最接近的是平均处理时长和一次解决率，例如“各渠道的平均处理时长”“各渠道的一次解决率”。',
            'There is no response time (how long a customer waits for an answer) in the data: contacts record how long each was handled and whether it was resolved at first contact; the nearest are the average handle time and first-contact resolution, e.g. "average handle time by channel", "first-contact resolution by channel".'],
          'absent:risk': ['数据里没有流失预警或风险评分：最接近的是离网挽留活动的名单（模型名单相对随机名单的命中率和提升度），例如“挽留活动的名单客户数”“挽留活动的命中率”；已经离网的是离网用户。',
            'There is no churn-risk score or warning list in the data: the nearest are the churn-retention campaigns\' lists (model lists against random ones: hit rate and lift), e.g. "targeted customers of retention campaigns", "hit rate of retention campaigns"; those who already left are the churned subscribers.'],
          'absent:fixed': ['数据只有移动用户：没有宽带、固话或IPTV。可以问移动用户的指标，例如“深圳的用户数”“各品牌的DOU”。',
            'The data is mobile subscribers only: no broadband, fixed line or IPTV. Ask about the mobile base, e.g. "subscribers in Shenzhen", "DOU by brand".'],
          'absent:streak': ['不会替你找连续几个月上升或下降的：可以看每月的走势，例如“广东各地市离网率按月”，或上个月比前一个月，例如“哪些地市的离网率环比上升了”。',
            'Streaks (rising several months in a row) are not searched for: look at each month, e.g. "churn rate by city in Guangdong by month", or last month against the one before, e.g. "which cities saw churn rise month over month".'],
          'absent:complaint_rate': ['数据里没有投诉率（每用户投诉数）：投诉记在接触里（接触目的：投诉），最接近的是投诉类接触次数，例如“各地市的投诉量”，可与“各地市的用户数”对照。',
            'There is no complaint rate (complaints per subscriber) in the data: complaints are contacts whose purpose is a complaint; the nearest is their count, e.g. "complaints by city", beside "subscribers by city".'],
          'absent:clv': ['数据里没有客户终身价值（CLV）：最接近的是ARPU（每月）和中位生命周期（在网月数），可以分别问，例如“各价值分层的ARPU”“各品牌的中位生命周期”。',
            'There is no customer lifetime value (CLV) in the data: the nearest are ARPU (per month) and the median lifetime (months), asked apart, e.g. "ARPU by value tier", "median lifetime by brand".'],
        };
        if (reason.startsWith('district:')) {
          // every city the district names could lie in (朝阳区: 北京市, 长春市)
          // within the viewer's region when any is (南山区 for a Guangdong viewer: 深圳, not 鹤岗)
          const all = [...new Set(oos.flatMap((t) => t.senses.flatMap((s) => (s.kind === 'oos' && s.reason.startsWith('district:') ? [s.reason.slice(9)] : []))))];
          const scope = ctx?.scope ?? null;
          const own = scope ? all.filter((c) => (scope.endsWith('0000') ? c.slice(0, 2) === scope.slice(0, 2) : c === scope)) : all;
          const cities = (own.length ? own : all).flatMap((c) => regionByCode(c) ?? []);
          const zhCities = cities.map((c) => c.nameZh).join('或');
          const enCities = cities.map((c) => c.nameEn).join(' or ');
          msg[reason] = cities.length
            ? [`数据只到地市一级，没有区县：可以改问${zhCities}。`, `The data goes down to cities, not districts or counties: ask about ${enCities} instead.`]
            : ['数据只到地市一级，没有区县：可以按地市查看。', 'The data goes down to cities, not districts or counties: ask by city instead.'];
        }
        const [mz, me] = msg[reason] ?? msg.offtopic;
        // a measure the data does not hold is a word not understood (CLARIFY, marked), said so with the nearest there is
        if (reason.startsWith('absent:')) {
          return result(lang, { status: 'CLARIFY', unknownWords: oos.map((t) => mark(norm, q, t, 'unknown')), message: zh2 ? `${mz}（“${words}”）` : `${me} ("${words}")` });
        }
        return result(lang, { status: 'UNSUPPORTED', message: zh2 ? `${mz}（“${words}”）` : `${me} ("${words}")` });
      }
      const env: Env = { D, lang, lex: lexicon, prev: ctx?.previous ?? null, scope: ctx?.scope ?? null };
      allOf(tokens);

      const unknown = tokens.filter((t) => t.unknown);
      if (unknown.length) {
        const marks = unknown.map((t) => mark(norm, q, t, 'unknown'));
        const words = marks.map((m) => `“${m.text}”`).join(zh2 ? '、' : ', ');
        const choices = suggestionChoices(tokens, unknown[0], env);
        if (!choices.length) choices.push(...withoutUnknown(tokens, marks, env));
        // a name the capability framework does not assess (Verizon): say which entities it has
        const entities = tokens.some((t) => t.senses.some(isCapability)) ? PUBLISHED_ENTITIES : [];
        const assessed = entities.length
          ? zh2 ? `CRM能力评分的评估对象只有：${entities.map((m) => m.labelZh).join('、')}，以及各省市自己录入的自评。`
            : `The CRM capability scores assess only: ${entities.map((m) => m.labelEn).join(', ')}, and the assessments provinces and cities enter themselves. `
          : '';
        return result(lang, {
          status: 'CLARIFY', unknownWords: marks, choices,
          message: zh2 ? `没有理解${words}。${assessed}${choices.length ? '是不是指下面的意思？' : '请换一种说法（可以问指标、区域、时间、分组）。'}`
            : `Not understood: ${words.replace(/[“”]/g, '"')}. ${assessed}${choices.length ? 'Did you mean one of these?' : 'Rephrase it in terms of a metric, region, time or grouping.'}`,
        });
      }

      const out = interpret(tokens, env);
      return finish(out, tokens, env, norm, q, ctx);
    } catch (e) {
      try { opts.onError?.(e, String(question).slice(0, MAX_QUESTION)); } catch { /* the hook must not break parsing */ }
      return result(lang, {
        status: 'CLARIFY',
        message: lang === 'zh' ? '没能理解这个问题，请换一种说法。' : 'The question could not be understood; rephrase it.',
      });
    }
  }

  function answerOf(out: Outcome, env: Env, asOf: string): { q: MetricQuery; chart: ChartKind } | null {
    if (out.kind !== 'answer') return null;
    if (check(out.interp, asOf)) return null;
    return { q: out.interp, chart: out.chart ?? defaultChart(out.interp) };
  }

  function finish(out: Outcome, tokens: Token[], env: Env, norm: Normalized, q: string, ctx: AskContext): ParseResult {
    const zh = env.lang === 'zh';
    const lang = env.lang;
    if (out.kind === 'unsupported') return result(lang, { status: 'UNSUPPORTED', message: out.message });
    if (out.kind === 'clarify') {
      let choices: ParseResult['choices'] = [];
      if (out.needMetric && tokens.length <= 40) {
        // metrics whose data has what is named itself come first (best channel: contacts, conversion rate,
        // cost per conversion; subscribers by acquisition channel after)
        const named = new Set(tokens.flatMap((t) => t.senses.flatMap((x) => (x.kind === 'dimension' ? [x.id] : x.kind === 'member' ? [x.dimension] : []))));
        const exact = (q: MetricQuery) => [...(q.groupBy ?? []), ...(q.filters ?? []).map((f) => f.dimension)].every((d) => named.has(d) || !model.dimension(d));
        const valid = FALLBACK_METRICS.flatMap((id) => {
          const a = answerOf(interpret(tokens, env, new Map([[-1, [{ kind: 'metric', id }]]]) as Forced, true), env, env.D.iso);
          return a ? [{ label: lexicon.label({ kind: 'metric', id }, lang), interpretation: a.q }] : [];
        });
        choices = [...valid.filter((c) => exact(c.interpretation)), ...valid.filter((c) => !exact(c.interpretation))].slice(0, 4);
      }
      return result(lang, { status: 'CLARIFY', message: out.message, unknownWords: out.marks.map((k) => mark(norm, q, tokens[k], 'conflict')), choices });
    }
    if (out.kind === 'ambiguous') {
      const choices: ParseResult['choices'] = [];
      for (const o of out.options) {
        const alt = interpret(tokens, env, new Map([[out.tok, o.senses]]), true);
        const a = answerOf(alt, env, env.D.iso);
        if (a) choices.push({ label: o.label, interpretation: a.q });
      }
      const m = mark(norm, q, tokens[out.tok], 'ambiguous');
      if (choices.length === 1 && !out.confirm) {
        // only one meaning gives a valid query: that is not an ambiguity
        const only = out.options.find((o) => o.label === choices[0].label)!;
        return finish(interpret(tokens, env, new Map([[out.tok, only.senses]]), true), tokens, env, norm, q, ctx);
      }
      if (out.confirm) {
        return result(lang, {
          status: 'CLARIFY', unknownWords: [m], choices,
          message: zh ? `“${m.text}”是指${out.options.map((o) => o.label).join('或')}吗？请确认，或换一种说法。`
            : `Does "${m.text}" mean ${out.options.map((o) => o.label).join(' or ')}? Confirm or rephrase.`,
        });
      }
      // the meanings that fit what else is named (效果 of campaign kinds: the campaign measures), else all
      const meant = (choices.length ? out.options.filter((o) => choices.some((c) => c.label === o.label)) : out.options).map((o) => o.label);
      return result(lang, {
        status: 'CLARIFY', unknownWords: [m], choices,
        message: zh ? `“${m.text}”有不止一种意思：${meant.join('；')}。请选择一个。`
          : `"${m.text}" can mean more than one thing: ${meant.join('; ')}. Pick one.`,
      });
    }
    const problem = check(out.interp, env.D.iso);
    // the planner speaks English: a Chinese answer says what was understood instead
    if (problem) {
      return result(lang, {
        status: 'UNSUPPORTED',
        message: zh ? `无法按这个理解查询（${restate(out.interp, null, lexicon, env.D, lang).replace(/。$/, '')}）：这几个条件不能一起查询，请换一种问法，例如去掉一个条件或换一个时间范围。` : `That cannot be queried: ${problem}`,
      });
    }
    // a chart chosen before (换成饼图) stays through a follow-up that keeps the answer's shape (只看全球通)
    const prev = ctx.previous;
    const chosen = prev && prev.chart !== defaultChart(prev.interpretation) ? prev.chart : null;
    const shape = (x: MetricQuery) => JSON.stringify([x.metrics, x.groupBy ?? [], !!x.compare]);
    const kept = chosen && out.requery && shape(prev!.interpretation) === shape(out.interp) ? chosen : null;
    const chart = out.chart ?? kept ?? (out.requery ? defaultChart(out.interp) : prev?.chart ?? defaultChart(out.interp));
    return result(lang, {
      status: 'ANSWERED', interpretation: out.interp, chart, requery: out.requery, focus: out.focus ?? null, position: !!out.position, tenure: out.tenure ?? null,
      national: tokens.some((t) => primaryKind(t.senses) === 'national') && !(out.interp.filters ?? []).some((f) => REGION_DIMS.has(f.dimension) && f.op === 'in'),
      province: tokens.some((t) => primaryKind(t.senses) === 'wholeProvince'),
      restatement: restate(out.interp, chart, lexicon, env.D, lang, out.notes),
    });
  }

  /**
   * Did-you-mean choices: each unknown word alone, or glued to its neighbour (离网律 = 离网 + 律 →
   * 离网率; churn rat → churn rate), replaced by a lexicon word a small edit away. One unknown word:
   * up to four readings; several: the one reading that corrects every one of them (churn rat by
   * provnice). A choice is labelled with what the word was read as and the restatement, never the
   * synonym matched (fcrs, arpu值).
   */
  function suggestionChoices(tokens: Token[], bad: Token, env: Env): ParseResult['choices'] {
    const unknown = tokens.filter((t) => t.unknown);
    const sep = (a: Token, b: Token) => (a.end === b.start ? '' : b.start === a.end + 1 && /[a-z0-9]$/.test(a.text) && /^[a-z0-9]/.test(b.text) ? ' ' : null);
    // readings of the unknown word at i: [from, to, sense, word] for each span it can be glued into
    // a neighbour that only joins (和, and) or carries nothing (的) is not part of a slip: 新用户和老用户 is not 和田
    const glues = (t: Token) => !t.unknown && !t.senses.every((x) => x.kind === 'connector' || x.kind === 'stop');
    const readings = (toks: Token[], i: number) => {
      const spans: [number, number][] = [[i, i]];
      if (i > 0 && glues(toks[i - 1]) && sep(toks[i - 1], toks[i]) !== null) spans.push([i - 1, i]);
      if (i + 1 < toks.length && glues(toks[i + 1]) && sep(toks[i], toks[i + 1]) !== null) spans.push([i, i + 1]);
      return spans.flatMap(([a, b]) => {
        const word = toks.slice(a, b + 1).map((t, k) => (k ? sep(toks[a + k - 1], t)! : '') + t.text).join('');
        return suggest(lexicon, word).map((s) => ({ a, b, sense: s.sense, word }));
      });
    };
    const replace = (toks: Token[], r: { a: number; b: number; sense: Sense; word: string }): Token[] =>
      [...toks.slice(0, r.a), { start: toks[r.a].start, end: toks[r.b].end, text: r.word, senses: [r.sense] }, ...toks.slice(r.b + 1)];
    const label = (ss: Sense[], q: MetricQuery, chart: ChartKind) =>
      `${ss.map((x) => lexicon.label(x, env.lang)).join(env.lang === 'zh' ? '、' : ', ')}${env.lang === 'zh' ? '：' : ': '}${restate(q, chart, lexicon, env.D, env.lang)}`;
    if (unknown.length > 1) {
      if (unknown.length > 3) return [];
      let toks = tokens;
      const used: Sense[] = [];
      for (let n = 0; n < unknown.length; n++) {
        const i = toks.findIndex((t) => t.unknown);
        const best = readings(toks, i)[0];
        if (!best) return [];
        toks = replace(toks, best);
        used.push(best.sense);
      }
      const ans = answerOf(interpret(toks, env, new Map(), true), env, env.D.iso);
      return ans ? [{ label: label(used, ans.q, ans.chart), interpretation: ans.q }] : [];
    }
    const choices: ParseResult['choices'] = [];
    const seen = new Set<string>();
    for (const r of readings(tokens, tokens.indexOf(bad))) {
      const ans = answerOf(interpret(replace(tokens, r), env, new Map(), true), env, env.D.iso);
      if (!ans) continue;
      const key = JSON.stringify(ans.q);
      if (seen.has(key)) continue;
      seen.add(key);
      choices.push({ label: label([r.sense], ans.q, ans.chart), interpretation: ans.q });
    }
    return choices.slice(0, 4);
  }

  /** A word of the capability framework: its score, a level of it, one of its nodes, or a published entity (not a region: 广东 names one too). */
  const PUBLISHED = new Set(PUBLISHED_ENTITIES.map((e) => e.id));
  const isCapability = (s: Sense): boolean =>
    (s.kind === 'metric' && s.id === 'capability_score') || (s.kind === 'dimension' && s.id.startsWith('capability_'))
    || (s.kind === 'member' && s.dimension.startsWith('capability_') && (s.dimension !== 'capability_entity' || PUBLISHED.has(s.id)));

  /**
   * The question read without its unknown words (中国电信和Verizon的客户洞察 → 中国电信的客户洞察),
   * offered as a choice, never answered by itself: only when the rest makes a whole question
   * and no word close to the unknown one does.
   */
  function withoutUnknown(tokens: Token[], marks: MarkedWord[], env: Env): ParseResult['choices'] {
    const rest = tokens.filter((t) => !t.unknown);
    if (!rest.length) return [];
    const ans = answerOf(interpret(rest, env, new Map(), true), env, env.D.iso);
    if (!ans) return [];
    const words = marks.map((m) => m.text).join(env.lang === 'zh' ? '、' : ', ');
    const head = env.lang === 'zh' ? `不含“${words}”：` : `Without "${words}": `;
    return [{ label: `${head}${restate(ans.q, ans.chart, lexicon, env.D, env.lang)}`, interpretation: ans.q }];
  }

  /** The restatement of a query the service changed after the parse (notes: what changed and why). */
  function restateAnswer(q: MetricQuery, chart: ChartKind, asOf: string, lang: Language, notes: string[] = []): string {
    return restate(q, chart, lexicon, asOfParts(asOf), lang, notes);
  }

  /** Where the answer's focus member stands among its rows (ranked highest first), in words; null when it is not among them. */
  function place(q: MetricQuery, focus: { dimension: string; values: string[] }, rows: readonly Record<string, unknown>[], lang: Language): string | null {
    const metric = q.metrics[0];
    const id = focus.values[0];
    const value = (r: Record<string, unknown>) => (typeof r[metric] === 'number' && Number.isFinite(r[metric]) ? r[metric] as number : null);
    const own = rows.find((r) => String(r[focus.dimension]) === id);
    const v = own ? value(own) : null;
    if (v === null) return null;
    const at = 1 + rows.filter((r) => (value(r) ?? -Infinity) > v).length;
    const tied = rows.filter((r) => value(r) === v && String(r[focus.dimension]) !== id).length;
    return placeText(lexicon, q, { dimension: focus.dimension, id }, { at, tied, of: rows.length }, lang);
  }

  /**
   * Follow-ups this answer can take (at most MAX_NEXT), each parsed against the answer itself:
   * kept only when understood and asking for a different query.
   */
  function next(q: MetricQuery, chart: ChartKind, asOf: string, lang: Language, rows: readonly Record<string, unknown>[] | null,
    scope: 'national' | 'province' | 'city' = 'national', focus: Focus | null = null): string[] {
    const previous = { interpretation: q, chart, rows };
    const same = JSON.stringify(q);
    return nextCandidates(q, lang, rows, scope, focus).filter((c) => {
      const r = parse(c, { asOf, previous });
      return r.status === 'ANSWERED' && r.requery && JSON.stringify(r.interpretation) !== same;
    }).slice(0, MAX_NEXT);
  }

  /** The curve read at the point of tenure the question asked (在网12个月的存活率), in words. */
  const point = (q: MetricQuery, tenure: { months: number; within: boolean }, rows: readonly Record<string, unknown>[], lang: Language) => tenureText(lexicon, q, tenure, rows, lang);

  return { parse, lexicon, restate: restateAnswer, place, point, next };
}

export type Parser = ReturnType<typeof createParser>;

