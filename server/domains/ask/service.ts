/**
 * The chat service: a question → the parser (deterministic, offline) → the exact GraphQL
 * document it prints, executed against the same schema and context as /graphql (so scope,
 * limits and errors are identical). Conversations are kept per id (bounded, expiring);
 * taught synonyms and words not understood live in the engine.
 */
import { randomUUID } from 'node:crypto';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { badInput, forbidden } from '../../errors.ts';
import type { Engine } from '../../engine/engine.ts';
import type { RequestContext } from '../../http/context.ts';
import { can, scopeCode } from '../../auth/identity.ts';
import { nationalRefusal, plan, provinceRefusal, rankRefusal, scopeRefusalZh } from '../../query/plan.ts';
import { parseDay } from '../../query/time.ts';
import { regionByCode } from '../../../seeds/regions.ts';
import { model } from '../../model/index.ts';
import { createParser, defaultChart, type ChartKind, type Focus, type MetricQuery, type ParseResult, type SynonymTarget, type TenurePoint } from './index.ts';

export const ASK_DOCUMENT = `query Ask($q: MetricQuery!, $asOf: Date) {
  metrics(query: $q, asOf: $asOf) {
    columns { id labelZh labelEn type lang }
    rows
    totals
    asOf
    from
    to
  }
}`;

interface Turn { interpretation: MetricQuery; chart: ChartKind; viewer: string; result: AnswerData | null; focus: Focus | null; tenure?: TenurePoint | null; at: number }
interface AnswerData { columns: unknown[]; rows: unknown[]; totals: unknown; asOf: string; from?: string | null; to?: string | null }

/** Bounded, expiring conversation memory (insertion order = least recently used first). */
class Conversations {
  private readonly map = new Map<string, Turn>();
  constructor(private readonly max = 10_000, private readonly ttlMs = 30 * 60_000) {}
  get(id: string, viewer: string): Turn | null {
    const t = this.map.get(id);
    if (!t || t.viewer !== viewer || Date.now() - t.at > this.ttlMs) { if (t) this.map.delete(id); return null; }
    this.map.delete(id);
    this.map.set(id, t);
    return t;
  }
  set(id: string, t: Turn): void {
    this.map.delete(id);
    this.map.set(id, t);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

type Parser = ReturnType<typeof createParser>;

/** The capability score alone, of whole entities (no capability grouping or filter below them). */
const wholeCapability = (q: MetricQuery) => q.metrics.length === 1 && q.metrics[0] === 'capability_score' && !(q.groupBy ?? []).length
  && !(q.filters ?? []).some((f) => f.dimension.startsWith('capability_') && f.dimension !== 'capability_entity');
/** The scope refusal in the question's language (its details: the scope and the regions outside it), the regions named in it too. */
function refusal(err: { message?: string; details?: { scope?: string; outside?: string[] } }, language: string): string {
  const { scope, outside } = err.details ?? {};
  if (!scope || !outside?.length) return err.message ?? 'Outside your scope.';
  if (language === 'zh') return scopeRefusalZh(scope, outside);
  const en = (code: string) => regionByCode(code)?.nameEn ?? code;
  return `Your access is limited to ${en(scope)} (${scope}); ${outside.map(en).join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside it.`;
}

/**
 * What a scoped viewer's answer covers, when the question did not say: their region (深圳 asking
 * how many churned: Shenzhen's), and that a grouping by their own level has one member only.
 */
function scopeNote(q: MetricQuery, scope: RequestContext['viewer']['scope'], language: string): string | null {
  if (scope.level === 'national' || q.metrics.some((m) => model.metric(m)?.cube === 'capability')) return null;
  const code = scopeCode(scope);
  const r = regionByCode(code);
  const zh = language === 'zh';
  const name = r ? (zh ? r.nameZh : r.nameEn) : code;
  const own = new Set(scope.level === 'city' ? ['province', 'city'] : ['province']);
  const level = (q.groupBy ?? []).find((g) => own.has(g));
  if (level) {
    const what = zh ? (level === 'city' ? '地市' : '省份') : level === 'city' ? 'city' : 'province';
    return zh ? `（你只能查看${name}的数据：按${what}只有这一个。）` : `(Your data covers ${name} only: one ${what}.)`;
  }
  // a province named by a city's viewer is still their city's data
  if ((q.filters ?? []).some((f) => (f.dimension === 'city' || (f.dimension === 'province' && scope.level === 'province')) && f.op === 'in')) return null;
  return zh ? `（范围：${name}，你的数据权限。）` : `(For ${name}, your data scope.)`;
}
/**
 * The provinces a question asks about as a whole (广东省的离网率; 全省, 咱们省: the viewer's own, [] when none is
 * named), or null: a city named, or the province's cities side by side, is not the whole.
 */
function wholeProvince(q: MetricQuery, said: boolean): string[] | null {
  const filters = q.filters ?? [];
  if (filters.some((f) => f.dimension === 'city' && f.op === 'in') || q.metrics.some((m) => model.metric(m)?.cube === 'capability')) return null;
  const named = filters.find((f) => f.dimension === 'province' && f.op === 'in')?.values ?? [];
  if (!said && (!named.length || (q.groupBy ?? []).includes('city'))) return null;
  return named;
}
const hasScore = (r: AnswerData) => (r.rows as { capability_score?: number | null }[]).some((row) => row.capability_score != null);
const derivedScores = (r: AnswerData) => (r.rows as { derived_dimensions?: number }[]).some((row) => (row.derived_dimensions ?? 0) > 0);

/** A client-sent interpretation, validated by the planner (unknown ids → BAD_USER_INPUT, outside the scope → FORBIDDEN). */
function checkedContext(interpretation: unknown, asOf: string, ctx: RequestContext): MetricQuery {
  if (!interpretation || typeof interpretation !== 'object' || Array.isArray(interpretation)) {
    throw badInput('context.interpretation must be a query object: { metrics, groupBy, filters, timeRange, … } as an answer\'s interpretation has it.');
  }
  const q = interpretation as MetricQuery;
  const problem = (e: unknown) => (e as { code?: string }).code === 'FORBIDDEN' ? e : badInput(`context.interpretation: ${(e as Error).message}`);
  try {
    plan(q, { asOf, scope: ctx.viewer.scope });
  } catch (e) {
    throw problem(e);
  }
  return q;
}

export class AskService {
  private parser: Parser | null = null;
  /** ASK_DOCUMENT parsed and validated once per schema (validating it took about 0.35 ms per question) */
  private document: { schema: GraphQLSchema; document: DocumentNode } | null = null;
  private readonly conversations = new Conversations();
  constructor(private readonly engine: Engine, private readonly schema: () => Promise<GraphQLSchema>) {}

  private async ensureParser(): Promise<Parser> {
    if (this.parser) return this.parser;
    const rows = await this.engine.query<{ word: string; kind: string; target: string; dimension: string }>(
      `SELECT word, argMax(kind, created_at) AS kind, argMax(target, created_at) AS target, argMax(dimension, created_at) AS dimension
       FROM ${this.engine.t('ask_synonyms')} GROUP BY word HAVING argMax(removed, created_at) = 0`);
    this.parser = createParser({ extraEntries: rows.map((r) => ({ word: r.word, target: toTarget(r.kind, r.target, r.dimension) })) });
    return this.parser;
  }

  /**
   * `context`: what the client shows when it is not the conversation's last answer (a chip
   * edited, a choice picked, a view opened); the question continues from it. It is checked
   * like any query (ids, the viewer's scope) before the parser sees it.
   */
  async ask(ctx: RequestContext, question: string, conversationId: string | null | undefined, asOf: string | null | undefined,
    context?: { interpretation: unknown; chart?: ChartKind | null } | null) {
    const parser = await this.ensureParser();
    const asOfDay = asOf ? parseDay(asOf, 'asOf') : ctx.dataset.asOf;
    const id = conversationId && /^[A-Za-z0-9-]{1,64}$/.test(conversationId) ? conversationId : randomUUID();
    const previous: Turn | null = context
      ? { interpretation: checkedContext(context.interpretation, asOfDay, ctx), chart: context.chart ?? 'table', viewer: ctx.viewer.id, result: null, focus: null, at: Date.now() }
      : this.conversations.get(id, ctx.viewer.id);
    // a top N's members, for a follow-up that keeps them over time (前5 → 按月); a client's
    // context carries no rows, so they are read again (the same query, the same scope)
    const ranked = previous?.interpretation.limit != null ? previous.result?.rows ?? await this.rowsOf(previous.interpretation, asOfDay, ctx) : null;
    const parsed = parser.parse(question, {
      asOf: asOfDay, previous: previous ? { interpretation: previous.interpretation, chart: previous.chart, rows: ranked as Record<string, unknown>[] | null } : null,
      scope: ctx.viewer.scope.level === 'national' ? null : scopeCode(ctx.viewer.scope),
    });
    const base = {
      conversationId: id, status: parsed.status, interpretation: parsed.interpretation, restatement: parsed.restatement || parsed.message,
      language: parsed.language, chart: parsed.chart, requeried: false, unknownWords: parsed.unknownWords, choices: parsed.choices,
      message: parsed.message || null, graphql: null as string | null, variables: null as unknown, columns: null as unknown, rows: null as unknown,
      totals: null as unknown, asOf: asOfDay, focus: parsed.focus, suggestions: [] as string[], tenure: null as TenurePoint | null,
    };
    if (parsed.status !== 'ANSWERED' || !parsed.interpretation) {
      this.logMisses(ctx, question, parsed);
      return base;
    }
    // 全国 asked by a viewer who sees one province or city: refused, as a region outside the scope is
    if (parsed.national && ctx.viewer.scope.level !== 'national') {
      return { ...base, status: 'FORBIDDEN', message: nationalRefusal(scopeCode(ctx.viewer.scope), parsed.language) };
    }
    // a place among siblings the viewer cannot see (the 深圳 manager's 深圳排第几) would be 1 of 1
    const level = parsed.position ? parsed.focus?.dimension : null;
    const scope = ctx.viewer.scope.level;
    if ((level === 'province' && scope !== 'national') || (level === 'city' && scope === 'city')) {
      return { ...base, status: 'FORBIDDEN', message: rankRefusal(scopeCode(ctx.viewer.scope), level, parsed.language) };
    }
    // a whole province (广东省的离网率, 全省平均ARPU): a city's viewer would get the city's figures under the province's name
    const whole = wholeProvince(parsed.interpretation, parsed.province);
    if (whole && scope === 'city' && whole.every((p) => p === `${scopeCode(ctx.viewer.scope).slice(0, 2)}0000`)) {
      return { ...base, status: 'FORBIDDEN', message: provinceRefusal(scopeCode(ctx.viewer.scope), parsed.language) };
    }
    // 咱们省 from a viewer who sees the whole country: which province?
    if (whole && !whole.length && scope === 'national') {
      const message = parsed.language === 'zh' ? '“全省”是指哪个省？你的数据权限是全国：请说出省份，例如“广东全省的ARPU”。'
        : '"The province": which one? Your data covers the whole country: name it, e.g. "ARPU in Guangdong province".';
      return { ...base, status: 'CLARIFY', interpretation: null, chart: null, restatement: message, message };
    }
    const variables = { q: parsed.interpretation, asOf: asOfDay };
    // only the chart changed: answer from the previous result, nothing re-queried
    if (!parsed.requery && previous?.result) {
      this.conversations.set(id, { ...previous, chart: parsed.chart ?? previous.chart, at: Date.now() });
      const suggestions = parser.next(previous.interpretation, parsed.chart ?? previous.chart, asOfDay, parsed.language, previous.result.rows as Record<string, unknown>[], ctx.viewer.scope.level, previous.focus);
      return { ...base, graphql: ASK_DOCUMENT, variables, ...previous.result, focus: previous.focus, tenure: previous.tenure ?? null, suggestions };
    }
    const run = (q: MetricQuery) => this.run(q, asOfDay, ctx, parsed.language);
    let answer = { ...base, variables };
    let result = await run(parsed.interpretation);
    if ('forbidden' in result) return { ...base, status: 'FORBIDDEN', message: result.forbidden, interpretation: parsed.interpretation };
    // a capability score asked whole that is unknown (广州电信: two of its dimensions have no known
    // score, so no mean of them): the scores it has, at the first level that has some
    if (wholeCapability(parsed.interpretation) && !hasScore(result)) {
      for (const level of ['capability_dimension', 'capability_area'] as const) {
        const q = { ...parsed.interpretation, groupBy: [level] };
        const r = await run(q);
        if ('forbidden' in r || !hasScore(r)) continue;
        const chart = defaultChart(q);
        const name = parser.lexicon.label({ kind: 'dimension', id: level }, parsed.language);
        const note = parsed.language === 'zh' ? `（部分得分未知，没有总分：列出各${name}的得分。）`
          : `(Some scores are unknown, so there is no overall score: the ${name.toLowerCase()} scores one by one.)`;
        answer = { ...answer, interpretation: q, chart, focus: null, variables: { q, asOf: asOfDay }, restatement: parser.restate(q, chart, asOfDay, parsed.language, [note]) };
        result = r;
        break;
      }
    }
    // a dimension score the source does not publish is derived from its areas (scores.ts): the answer says so
    if (derivedScores(result)) answer = { ...answer, restatement: `${answer.restatement}${parsed.language === 'zh' ? '（原文未公布的维度得分由其领域得分平均推算，见说明列。）' : ' (Dimension scores the source does not print are derived as the mean of their area scores; the notes say which.)'}` };
    // where the member asked about stands, from the rows themselves
    const placed = parsed.position && answer.focus ? parser.place(answer.interpretation!, answer.focus, result.rows as Record<string, unknown>[], parsed.language) : null;
    if (placed) answer = { ...answer, restatement: `${answer.restatement}${parsed.language === 'zh' ? '' : ' '}${placed}` };
    // the point of tenure asked (在网12个月的存活率), read off the curve it drew
    const read = parsed.tenure && answer.interpretation!.metrics.includes('survival_rate') ? parser.point(answer.interpretation!, parsed.tenure, result.rows as Record<string, unknown>[], parsed.language) : null;
    if (read) answer = { ...answer, restatement: `${answer.restatement}${parsed.language === 'zh' ? '' : ' '}${read}` };
    const covers = scopeNote(answer.interpretation!, ctx.viewer.scope, parsed.language);
    if (covers) answer = { ...answer, restatement: `${answer.restatement}${parsed.language === 'zh' ? '' : ' '}${covers}` };
    // the point of tenure goes with a survival answer (the chart marks it)
    const tenure = read ? parsed.tenure : null;
    answer = { ...answer, tenure };
    this.conversations.set(id, { interpretation: answer.interpretation!, chart: answer.chart ?? 'table', viewer: ctx.viewer.id, result, focus: answer.focus, tenure, at: Date.now() });
    const suggestions = parser.next(answer.interpretation!, answer.chart ?? 'table', asOfDay, parsed.language, result.rows as Record<string, unknown>[], ctx.viewer.scope.level, answer.focus);
    return { ...answer, graphql: ASK_DOCUMENT, requeried: true, ...result, suggestions };
  }

  /** The query through the same schema and context as /graphql; a scope refusal is an answer, worded in the question's language. */
  private async run(q: MetricQuery, asOf: string, ctx: RequestContext, language: string): Promise<AnswerData | { forbidden: string }> {
    const { schema, document } = await this.askDocument();
    const out = await execute({ schema, document, variableValues: { q, asOf }, contextValue: ctx });
    if (out.errors?.length) {
      const err = out.errors[0].originalError as { code?: string; message?: string } | undefined;
      if (err?.code === 'FORBIDDEN') return { forbidden: refusal(err, language) };
      throw out.errors[0].originalError ?? out.errors[0];
    }
    return (out.data as { metrics: AnswerData }).metrics;
  }

  private async rowsOf(q: MetricQuery, asOf: string, ctx: RequestContext): Promise<unknown[] | null> {
    const r = await this.run(q, asOf, ctx, 'en');
    return 'forbidden' in r ? null : r.rows;
  }

  private async askDocument(): Promise<{ schema: GraphQLSchema; document: DocumentNode }> {
    const schema = await this.schema();
    if (this.document?.schema !== schema) {
      const document = parse(ASK_DOCUMENT);
      const errors = validate(schema, document);
      if (errors.length) throw errors[0];
      this.document = { schema, document };
    }
    return this.document;
  }

  private logMisses(ctx: RequestContext, question: string, parsed: ParseResult): void {
    const words = parsed.unknownWords.map((w) => w.text).filter((w) => w.trim());
    const now = Date.now();
    const rows = (words.length ? words : parsed.status === 'UNSUPPORTED' ? [] : ['']).map((word) => ({
      word: word.slice(0, 100), question: question.slice(0, 500), status: parsed.status, viewer: ctx.viewer.id, asked_at: now,
    }));
    if (rows.length) void this.engine.insert('ask_misses', rows).catch(() => {});
  }

  async misses(ctx: RequestContext, limit: number) {
    if (!can.useGraphiQL(ctx.viewer)) throw forbidden('The list of words not understood is for analysts and administrators.');
    const rows = await this.engine.query<{ word: string; count: number; last_question: string; last_at: string }>(
      `SELECT word, count() AS count, argMax(question, asked_at) AS last_question, toString(max(asked_at)) AS last_at
       FROM ${this.engine.t('ask_misses')} WHERE word != '' GROUP BY word ORDER BY count DESC, word LIMIT {limit:UInt32}`,
      { limit: Math.min(Math.max(1, limit), 500) });
    return rows.map((r) => ({ word: r.word, count: Number(r.count), lastQuestion: r.last_question, lastAskedAt: r.last_at }));
  }

  async synonyms() {
    const rows = await this.engine.query<Record<string, string>>(
      `SELECT word, argMax(kind, created_at) AS kind, argMax(target, created_at) AS target, argMax(dimension, created_at) AS dimension,
         argMax(created_by, created_at) AS created_by, toString(max(created_at)) AS created_at
       FROM ${this.engine.t('ask_synonyms')} GROUP BY word HAVING argMax(removed, created_at) = 0 ORDER BY word`);
    return rows.map((r) => ({ word: r.word, kind: r.kind, target: r.target, dimension: r.dimension || null, createdBy: r.created_by, createdAt: r.created_at }));
  }

  async addSynonym(ctx: RequestContext, word: string, kind: string, target: string, dimension: string | null | undefined) {
    if (!can.manageSynonyms(ctx.viewer)) throw forbidden('Teaching the chat new words is for administrators.');
    const w = word.trim();
    if (!w || w.length > 40) throw badInput('A synonym is 1 to 40 characters.');
    const parser = await this.ensureParser();
    const ok = parser.lexicon.addSynonym(w, toTarget(kind, target, dimension ?? ''));
    if (!ok.ok) throw badInput(`Cannot teach "${w}": ${ok.reason}`);
    const now = Date.now();
    await this.engine.insert('ask_synonyms', [{ word: w, kind, target, dimension: dimension ?? '', removed: 0, created_at: now, created_by: ctx.viewer.id }]);
    return { word: w, kind, target, dimension: dimension ?? null, createdBy: ctx.viewer.id, createdAt: new Date(now).toISOString() };
  }

  async removeSynonym(ctx: RequestContext, word: string) {
    if (!can.manageSynonyms(ctx.viewer)) throw forbidden('Teaching the chat new words is for administrators.');
    await this.engine.insert('ask_synonyms', [{ word: word.trim(), kind: '', target: '', dimension: '', removed: 1, created_at: Date.now(), created_by: ctx.viewer.id }]);
    this.parser = null; // rebuilt from the table on the next question, without the word
    return true;
  }
}

function toTarget(kind: string, target: string, dimension: string): SynonymTarget {
  if (kind === 'member') return { kind: 'member', id: target, dimension };
  if (kind === 'dimension') return { kind: 'dimension', id: target };
  return { kind: 'metric', id: target };
}
