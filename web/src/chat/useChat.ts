/**
 * The conversation: turns asked through `ask` (the conversation id carried between them),
 * and turns re-run through `metrics` (an edited chip, a CLARIFY choice, a saved view).
 * A question after a re-run continues from what the re-run showed (sent as `context`), not
 * from the server's memory of the last question. Module state: closing the drawer keeps the thread.
 */
import { reactive, ref } from 'vue';
import { GraphQLRequestError, request } from '../api/client';
import { AskDocument, ChatMetricsDocument } from '../api/documents';
import type { AskQuery } from '../generated/graphql';
import { normalizeInterpretation, type ChartKind, type ChatAnswer, type ChatResult, type Focus, type Interpretation } from './model';

export type TurnOrigin = 'ask' | 'edit' | 'choice' | 'view';
export interface Turn {
  id: number;
  origin: TurnOrigin;
  /** the question asked, or what was edited / chosen */
  question: string;
  state: 'pending' | 'done' | 'error';
  error: string | null;
  /** the failure's code (i18n failureText words the operational ones) */
  errorCode: string | null;
  answer: ChatAnswer | null;
}

const turns = reactive<Turn[]>([]);
const conversationId = ref<string | null>(null);
const busy = ref(false);
/** set while the latest answer came from a re-run: the next question continues from it */
const shown = ref<{ interpretation: Interpretation; chart: ChartKind } | null>(null);
let nextId = 1;
const retries = new Map<number, () => Promise<void>>();

type RawAnswer = AskQuery['ask'];

/** The `ask` answer as the panel keeps it. Pure. */
export function toAnswer(a: RawAnswer): ChatAnswer {
  const result: ChatResult | null = a.rows && a.columns
    ? { columns: a.columns, rows: a.rows as Record<string, unknown>[], totals: (a.totals ?? null) as Record<string, unknown> | null, asOf: a.asOf ?? '', from: a.from ?? null, to: a.to ?? null }
    : null;
  return {
    status: a.status,
    interpretation: normalizeInterpretation(a.interpretation),
    restatement: a.restatement,
    language: a.language,
    graphql: a.graphql ?? null,
    variables: a.variables ?? null,
    chart: a.chart ?? null,
    requeried: a.requeried,
    result,
    asOf: a.asOf ?? null,
    unknownWords: a.unknownWords,
    choices: a.choices.map((c) => ({ label: c.label, interpretation: normalizeInterpretation(c.interpretation) })).filter((c): c is { label: string; interpretation: Interpretation } => !!c.interpretation),
    message: a.message ?? null,
    focus: a.focus ? { dimension: a.focus.dimension, values: [...a.focus.values] } : null,
    suggestions: [...(a.suggestions ?? [])],
    tenure: a.tenure ? { months: a.tenure.months, within: a.tenure.within } : null,
  };
}

const CHAT_METRICS = ChatMetricsDocument.toString().trim();

function push(origin: TurnOrigin, question: string): Turn {
  turns.push({ id: nextId++, origin, question, state: 'pending', error: null, errorCode: null, answer: null });
  return turns[turns.length - 1];
}

async function settle(turn: Turn, run: () => Promise<ChatAnswer>): Promise<void> {
  const t = turns.find((x) => x.id === turn.id) ?? turn;
  t.state = 'pending';
  t.error = null;
  t.errorCode = null;
  busy.value = true;
  try {
    t.answer = await run();
    t.state = 'done';
    retries.delete(t.id);
  } catch (e) {
    t.state = 'error';
    t.error = (e as Error).message;
    t.errorCode = (e as { code?: string }).code ?? null;
    retries.set(t.id, () => settle(t, run));
  } finally {
    busy.value = false;
  }
}

export function useChat() {
  return {
    turns,
    conversationId,
    busy,

    /**
     * A question: the conversation continues from the previous `ask` turn, or from `from`'s
     * answer when given (a suggestion under an earlier answer follows up that answer).
     */
    ask(question: string, from?: Turn): Promise<void> {
      const q = question.trim();
      if (!q) return Promise.resolve();
      const fromAnswer = from?.answer;
      if (fromAnswer?.interpretation) shown.value = { interpretation: fromAnswer.interpretation, chart: fromAnswer.chart ?? 'table' };
      const turn = push('ask', q);
      return settle(turn, async () => {
        const r = await request(AskDocument, { question: q, conversationId: conversationId.value, context: shown.value });
        conversationId.value = r.ask.conversationId;
        shown.value = null; // the server's conversation now holds the latest answer
        return toAnswer(r.ask);
      });
    },

    /**
     * An interpretation run as is through `metrics` (an edited chip, a choice, a saved view):
     * a new turn whose document is the one executed here. Outside the viewer's scope the
     * server says FORBIDDEN, shown like the chat's own.
     */
    rerun(q: Interpretation, chart: ChartKind, origin: Exclude<TurnOrigin, 'ask'>, description: string, asOf?: string | null, focus: Focus | null = null): Promise<void> {
      const turn = push(origin, description);
      return settle(turn, async () => {
        const variables = { q, asOf: asOf ?? null };
        const base: ChatAnswer = {
          status: 'ANSWERED', interpretation: q, restatement: '', language: '', graphql: CHAT_METRICS, variables, chart,
          requeried: true, result: null, asOf: asOf ?? null, unknownWords: [], choices: [], message: null, focus, suggestions: [],
        };
        try {
          const r = await request(ChatMetricsDocument, { q: q as never, asOf: asOf ?? null });
          const m = r.metrics;
          shown.value = { interpretation: q, chart };
          return { ...base, asOf: m.asOf, result: { columns: m.columns, rows: m.rows as Record<string, unknown>[], totals: (m.totals ?? null) as Record<string, unknown> | null, asOf: m.asOf, from: m.from ?? null, to: m.to ?? null } };
        } catch (e) {
          if (e instanceof GraphQLRequestError && e.code === 'FORBIDDEN') return { ...base, status: 'FORBIDDEN', message: e.message };
          throw e;
        }
      });
    },

    retry(turn: Turn): Promise<void> {
      return retries.get(turn.id)?.() ?? Promise.resolve();
    },

    /** A fresh conversation: the server forgets nothing, the next question simply starts without context. */
    reset(): void {
      turns.splice(0, turns.length);
      conversationId.value = null;
      shown.value = null;
      retries.clear();
    },
  };
}
