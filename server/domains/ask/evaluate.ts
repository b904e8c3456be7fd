/**
 * Scoring of the parser against dialogues in the ask-examples.jsonl format:
 * {"id", "asOf", "turns": [{"question", "status", "interpretation"?, "chart"?}]}.
 * Turns run in order as one conversation (each ANSWERED turn becomes the next one's
 * context). Metrics, groupBy and filters compare as sets; a missing key equals null / [].
 */
import type { ChartKind, MetricQuery, ParseResult } from './types.ts';

export interface ExampleTurn {
  question: string;
  status: ParseResult['status'];
  interpretation?: Partial<MetricQuery> | null;
  chart?: ChartKind;
}
export interface ExampleDialogue { id: string; asOf: string; turns: ExampleTurn[] }

export const COMPONENTS = ['status', 'metrics', 'groupBy', 'filters', 'time', 'order', 'compare', 'chart'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface TurnScore {
  dialogue: string;
  turn: number;
  question: string;
  /** component → pass; absent when the example does not say */
  checks: Partial<Record<Component, boolean>>;
  expected: ExampleTurn;
  got: ParseResult;
}

const setKey = (xs: string[] | null | undefined) => JSON.stringify([...new Set(xs ?? [])].sort());
const filterKey = (fs: MetricQuery['filters']) =>
  JSON.stringify((fs ?? []).map((f) => `${f.dimension}|${f.op}|${[...new Set(f.values)].sort().join(',')}`).sort());
const timeKey = (q: Partial<MetricQuery> | null | undefined) => (q?.timeRange ? `${q.timeRange.from}..${q.timeRange.to}` : '');
const orderKey = (q: Partial<MetricQuery> | null | undefined) =>
  `${q?.orderBy ? `${q.orderBy.metric}:${q.orderBy.direction}` : ''}|${q?.limit ?? ''}`;

export function scoreTurn(expected: ExampleTurn, got: ParseResult): Partial<Record<Component, boolean>> {
  const checks: Partial<Record<Component, boolean>> = { status: expected.status === got.status };
  const e = expected.interpretation;
  if (e) {
    const g = got.interpretation;
    checks.metrics = !!g && setKey(e.metrics) === setKey(g.metrics);
    checks.groupBy = !!g && setKey(e.groupBy) === setKey(g.groupBy);
    checks.filters = !!g && filterKey(e.filters) === filterKey(g.filters);
    checks.time = !!g && timeKey(e) === timeKey(g);
    checks.order = !!g && orderKey(e) === orderKey(g);
    checks.compare = !!g && (e.compare ?? null) === (g.compare ?? null);
  }
  if (expected.chart) checks.chart = expected.chart === got.chart;
  return checks;
}

export function runDialogues(
  dialogues: ExampleDialogue[],
  parse: (q: string, ctx: { asOf: string; previous: { interpretation: MetricQuery; chart: ChartKind } | null }) => ParseResult,
): TurnScore[] {
  const out: TurnScore[] = [];
  for (const d of dialogues) {
    let previous: { interpretation: MetricQuery; chart: ChartKind } | null = null;
    d.turns.forEach((t, i) => {
      const got = parse(t.question, { asOf: d.asOf, previous });
      out.push({ dialogue: d.id, turn: i + 1, question: t.question, checks: scoreTurn(t, got), expected: t, got });
      if (got.status === 'ANSWERED' && got.interpretation && got.chart) previous = { interpretation: got.interpretation, chart: got.chart };
    });
  }
  return out;
}

export function parseJsonl(text: string): ExampleDialogue[] {
  return text.split(/\r?\n/).filter((l) => l.trim()).map((l, i) => {
    try { return JSON.parse(l) as ExampleDialogue; } catch { throw new Error(`line ${i + 1} is not JSON`); }
  });
}

export function summarize(scores: TurnScore[]): Record<Component, { pass: number; total: number }> {
  const acc = Object.fromEntries(COMPONENTS.map((c) => [c, { pass: 0, total: 0 }])) as Record<Component, { pass: number; total: number }>;
  for (const s of scores) for (const c of COMPONENTS) {
    if (s.checks[c] === undefined) continue;
    acc[c].total++;
    if (s.checks[c]) acc[c].pass++;
  }
  return acc;
}
