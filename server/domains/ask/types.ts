/** Shared types of the chat parser (server/domains/ask). */
import type { Grain } from '../../model/index.ts';
import type { Filter, MetricQuery } from '../../query/types.ts';

export type { Filter, MetricQuery, Grain };

export type ChartKind = 'line' | 'bar' | 'pie' | 'table' | 'radar' | 'funnel' | 'sankey' | 'heatmap' | 'survival' | 'kpi' | 'map';
export const CHART_KINDS: readonly ChartKind[] = ['line', 'bar', 'pie', 'table', 'radar', 'funnel', 'sankey', 'heatmap', 'survival', 'kpi', 'map'];

export type Language = 'zh' | 'en';

/** Follow-up verbs: how a mention changes the previous turn's interpretation. */
export type CommandId = 'replace' | 'only' | 'add' | 'remove' | 'followup';

/** One meaning of a word. A word may carry several; context picks one or asks. */
export type Sense =
  /** weak: a generic noun, the metric only when none is named; asks: a question word (how long) that names it over a generic noun;
   *  ctx: a second meaning, taken only where what the question names fits it alone (收入 by 渠道: the channel revenue) */
  | { kind: 'metric'; id: string; weak?: boolean; asks?: boolean; ctx?: boolean }
  | { kind: 'dimension'; id: string }
  /** weak: a generic word that names the member only beside its dimension (活跃细分群, data segment):
   *  'stop' — otherwise a function word; 'lead' — a verb when it opens the question (查询广州…);
   *  'confirm' — otherwise the parser asks; group: one of several members the word names on purpose (华南: three provinces) */
  | { kind: 'member'; dimension: string; id: string; weak?: 'stop' | 'lead' | 'confirm'; group?: true }
  | { kind: 'grain'; id: Grain }
  | { kind: 'chart'; id: ChartKind }
  | { kind: 'compare'; id: 'yoy' | 'mom' }
  /** post: governs the words before it (深圳除外) */
  | { kind: 'command'; id: CommandId; post?: boolean }
  /** order words without a number: 最高, lowest, 排名; best/worst follow the metric's polarity */
  | { kind: 'order'; direction: 'asc' | 'desc' | 'best' | 'worst' }
  /** 和 / and / vs join mentions; 到 / to join two times into a range */
  | { kind: 'connector'; id: 'and' | 'range' }
  /** 趋势 / trend: a line over months */
  | { kind: 'trend' }
  /** 总体 / overall / 不分组: no grouping */
  | { kind: 'total' }
  /** 全国 / nationwide: no region filter (in a follow-up: back up to the provinces) */
  | { kind: 'national' }
  /** 全省 / 咱们省 / our province: a whole province (the viewer's own when none is named) */
  | { kind: 'wholeProvince' }
  /** outside the data: weather, tickets, destructive verbs → UNSUPPORTED */
  | { kind: 'oos'; reason: string }
  | { kind: 'stop' };

export type SenseKind = Sense['kind'];

/** What an administrator may teach: a word → a metric, a dimension or a member. */
export type SynonymTarget =
  | { kind: 'metric'; id: string }
  | { kind: 'dimension'; id: string }
  | { kind: 'member'; id: string; dimension: string };

export interface AskContext {
  /** YYYY-MM-DD; relative time resolves against it */
  asOf: string;
  previous?: Previous | null;
  /** the viewer's region (a province or city code), when not the whole country: how many members a ranking has */
  scope?: string | null;
}

/** The previous turn: its query and chart, and its rows when the caller holds them (前5 → 按月 keeps those 5). */
export interface Previous { interpretation: MetricQuery; chart: ChartKind; rows?: readonly Record<string, unknown>[] | null }

export interface MarkedWord {
  text: string;
  /** UTF-16 offsets into the question as given */
  start: number;
  end: number;
  /** why it is marked (extension of the brief's shape) */
  reason?: 'unknown' | 'ambiguous' | 'conflict';
}

export interface ParseResult {
  status: 'ANSWERED' | 'CLARIFY' | 'UNSUPPORTED';
  /** null unless ANSWERED */
  interpretation: MetricQuery | null;
  chart: ChartKind | null;
  /** false when only the chart changed (nothing to re-run) */
  requery: boolean;
  language: Language;
  restatement: string;
  unknownWords: MarkedWord[];
  choices: { label: string; interpretation: MetricQuery }[];
  message: string;
  /** the members asked about, drawn among their siblings (全球通用户占比: 全球通 in the pie of every brand) */
  focus: Focus | null;
  /** the question asks for the whole country (全国, nationwide) and names no region: a scoped viewer is refused, not narrowed silently */
  national: boolean;
  /** the question asks for a whole province (全省, 咱们省, our province): a city's viewer is refused, a national viewer asked which */
  province: boolean;
  /** the question asks where the focus member stands among its siblings (排第几, 和全国比): the service says its place */
  position: boolean;
  /** a point of tenure asked of the survival curve (在网12个月的存活率; 前3个月的流失比例: within): the service reads it off the rows */
  tenure: TenurePoint | null;
}

export interface TenurePoint { months: number; within: boolean }

export interface Focus { dimension: string; values: string[] }
