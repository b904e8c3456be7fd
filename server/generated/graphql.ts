import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { RequestContext } from '../http/context.ts';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** Arbitrary JSON value (a row keyed by column id, totals, saved view state). */
  JSON: { input: unknown; output: unknown; }
};

export type Answer = {
  __typename?: 'Answer';
  asOf?: Maybe<Scalars['Date']['output']>;
  chart?: Maybe<ChartKind>;
  choices: Array<AskChoice>;
  columns?: Maybe<Array<Column>>;
  conversationId: Scalars['ID']['output'];
  /** The members the question asked about, drawn among their siblings (全球通用户占比: 全球通 in the pie of every brand); the chart marks them. */
  focus?: Maybe<AskFocus>;
  /** The rows' time range, first and last day (MetricResult.from / to): with a weekly breakdown, the chart marks a week it cuts. */
  from?: Maybe<Scalars['Date']['output']>;
  /** The GraphQL document executed and its variables: runnable as is on /graphql. */
  graphql?: Maybe<Scalars['String']['output']>;
  /** The typed query (MetricQuery shape): what ran (ANSWERED) or what was refused (FORBIDDEN); null otherwise. */
  interpretation?: Maybe<Scalars['JSON']['output']>;
  /** zh or en */
  language: Scalars['String']['output'];
  message?: Maybe<Scalars['String']['output']>;
  /** False when only the chart changed (nothing re-queried). */
  requeried: Scalars['Boolean']['output'];
  /** What was understood, in the question's language. */
  restatement: Scalars['String']['output'];
  rows?: Maybe<Array<Scalars['JSON']['output']>>;
  status: AskStatus;
  /** Follow-up questions this answer can take, in its language, each checked against it (按月, 同比, 广东呢, 前5 …); empty unless ANSWERED. */
  suggestions: Array<Scalars['String']['output']>;
  /** A point of tenure the question asked of the survival curve (在网12个月的存活率; 前3个月的流失比例: within): the restatement reads it off the curve, the chart marks it. */
  tenure?: Maybe<AskTenure>;
  to?: Maybe<Scalars['Date']['output']>;
  totals?: Maybe<Scalars['JSON']['output']>;
  /** Words not understood (CLARIFY), with their positions in the question. */
  unknownWords: Array<MarkedWord>;
  variables?: Maybe<Scalars['JSON']['output']>;
};

export type AskChoice = {
  __typename?: 'AskChoice';
  interpretation: Scalars['JSON']['output'];
  label: Scalars['String']['output'];
};

/** The query a follow-up question continues from: an interpretation (MetricQuery shape) and its chart. */
export type AskContext = {
  chart?: InputMaybe<ChartKind>;
  interpretation: Scalars['JSON']['input'];
};

export type AskFocus = {
  __typename?: 'AskFocus';
  dimension: Scalars['ID']['output'];
  values: Array<Scalars['ID']['output']>;
};

export type AskMiss = {
  __typename?: 'AskMiss';
  count: Scalars['Int']['output'];
  lastAskedAt: Scalars['String']['output'];
  lastQuestion: Scalars['String']['output'];
  word: Scalars['String']['output'];
};

export type AskStatus =
  | 'ANSWERED'
  | 'CLARIFY'
  | 'FORBIDDEN'
  | 'UNSUPPORTED';

export type AskTenure = {
  __typename?: 'AskTenure';
  months: Scalars['Int']['output'];
  within: Scalars['Boolean']['output'];
};

export type AssessmentInput = {
  assessedOn: Scalars['Date']['input'];
  entity: Scalars['ID']['input'];
  scores: Array<AssessmentScoreInput>;
};

export type AssessmentScoreInput = {
  comment?: InputMaybe<Scalars['String']['input']>;
  node: Scalars['ID']['input'];
  score: Scalars['Float']['input'];
};

export type CampaignEffect = {
  __typename?: 'CampaignEffect';
  kind: Scalars['ID']['output'];
  /** model hit rate ÷ random hit rate */
  lift?: Maybe<Scalars['Float']['output']>;
  modelHitRate?: Maybe<Scalars['Float']['output']>;
  modelTargeted: Scalars['Int']['output'];
  randomHitRate?: Maybe<Scalars['Float']['output']>;
  randomTargeted: Scalars['Int']['output'];
  /** retained ÷ contacted, churn campaigns */
  retentionSuccessRate?: Maybe<Scalars['Float']['output']>;
};

export type CapabilityAssessment = {
  __typename?: 'CapabilityAssessment';
  assessedOn: Scalars['Date']['output'];
  entity: Scalars['ID']['output'];
  items: Scalars['Int']['output'];
  recordedAt: Scalars['String']['output'];
  recordedBy: Scalars['String']['output'];
};

/** How a score was obtained. */
export type CapabilityBasis =
  /** derived, not published: the mean of the entity's known area scores in the dimension (unknown areas left out) */
  | 'mean_of_areas'
  /** as printed in the source or as entered in an assessment */
  | 'recorded';

export type CapabilityComparisonRow = {
  __typename?: 'CapabilityComparisonRow';
  dimension: Scalars['ID']['output'];
  foreignBest?: Maybe<Scalars['Float']['output']>;
  foreignMean?: Maybe<Scalars['Float']['output']>;
  labelEn: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
  scores: Array<EntityScore>;
};

export type CapabilityLevel =
  | 'area'
  | 'dimension'
  | 'item';

export type CapabilityNode = {
  __typename?: 'CapabilityNode';
  children: Array<CapabilityNode>;
  id: Scalars['ID']['output'];
  labelEn: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
  level: CapabilityLevel;
};

export type CapabilityScore = {
  __typename?: 'CapabilityScore';
  /** a derived score: how many known area scores it averages, of the areasInDimension the dimension has */
  areasAveraged?: Maybe<Scalars['Int']['output']>;
  areasInDimension?: Maybe<Scalars['Int']['output']>;
  assessedOn: Scalars['Date']['output'];
  /** null when the score is unknown */
  basis?: Maybe<CapabilityBasis>;
  comment?: Maybe<Scalars['String']['output']>;
  /** true: not published or recorded but derived (see basis) */
  derived: Scalars['Boolean']['output'];
  dimension: Scalars['ID']['output'];
  entity: Scalars['ID']['output'];
  /** a score is given (recorded or derived) */
  known: Scalars['Boolean']['output'];
  level: CapabilityLevel;
  node: Scalars['ID']['output'];
  /** why a score is unknown, how it was read from the source, or how it was derived (English; the record's own text) */
  note?: Maybe<Scalars['String']['output']>;
  noteEn?: Maybe<Scalars['String']['output']>;
  /** the note in Chinese / in English, for a UI in that language */
  noteZh?: Maybe<Scalars['String']['output']>;
  /** null: unknown (never 0) */
  score?: Maybe<Scalars['Float']['output']>;
  source?: Maybe<Scalars['String']['output']>;
};

export type Catalog = {
  __typename?: 'Catalog';
  dimensions: Array<DimensionInfo>;
  /** Time grains usable in groupBy. */
  grains: Array<GrainInfo>;
  metrics: Array<MetricInfo>;
};

export type ChannelPreference = {
  __typename?: 'ChannelPreference';
  cells: Array<PreferenceCell>;
  from?: Maybe<Scalars['Date']['output']>;
  sql: Scalars['String']['output'];
  to?: Maybe<Scalars['Date']['output']>;
};

/** Chart kinds an embed draws: each is one of the dashboard's option builders over one metric query. */
export type ChartKind =
  | 'bar'
  /** ranked horizontal bars: one groupBy dimension, the first metric */
  | 'bars'
  /** bars of the first metric with the second as a line: one groupBy dimension */
  | 'bars_line'
  | 'funnel'
  /** two groupBy dimensions (x, y) coloured by the first metric */
  | 'heatmap'
  | 'kpi'
  | 'line'
  /** a map coloured by the first metric: groupBy [province] (China), or [city] within one province (its cities) */
  | 'map'
  /** median lifetime per group: median_lifetime, one groupBy dimension */
  | 'median'
  | 'pie'
  | 'radar'
  | 'sankey'
  /** conversion rate vs cost per conversion per channel: groupBy [channel], conversion_rate, cost_per_conversion, contacts */
  | 'scatter'
  /** Kaplan–Meier curves with 95% bands: survival_rate, at most one groupBy dimension */
  | 'survival'
  | 'table'
  /** monthly line of the first metric (groupBy [month]), the previous year dashed with compare: yoy */
  | 'trend';

export type CohortRetention = {
  __typename?: 'CohortRetention';
  cells: Array<RetentionCell>;
  sql: Scalars['String']['output'];
};

export type Column = {
  __typename?: 'Column';
  id: Scalars['ID']['output'];
  labelEn: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
  /** zh | en: a text column whose cells are in that language, beside its twin in the other (capability notes: note, note_zh); a UI shows the one it speaks. Null otherwise. */
  lang?: Maybe<Scalars['String']['output']>;
  /** dimension | time | text | date | change | a metric format */
  type: Scalars['String']['output'];
};

export type Compare =
  | 'mom'
  | 'yoy';

/** Greenwood confidence band transform, as R's survfit conf.type. */
export type ConfType =
  | 'log'
  | 'log_log'
  | 'plain';

export type ContractChurn = {
  __typename?: 'ContractChurn';
  points: Array<ContractChurnPoint>;
  sql: Scalars['String']['output'];
};

export type ContractChurnPoint = {
  __typename?: 'ContractChurnPoint';
  atRisk: Scalars['Int']['output'];
  churnRate?: Maybe<Scalars['Float']['output']>;
  churned: Scalars['Int']['output'];
  contractType: Scalars['ID']['output'];
  relativeMonth: Scalars['Int']['output'];
};

export type CreateEmbedInput = {
  /** what the host page may change: timeRange (from / to), or dimension ids (f.<dimension>=a,b); none when absent */
  allowControls?: InputMaybe<Array<Scalars['String']['input']>>;
  /** overview views: trend, map, bars; segments: bars_line, heatmap; channels: scatter, trend; lifecycle: survival, median; churn: trend, bars (not a city's view), bars_line */
  chart: ChartKind;
  /** zh (default) or en */
  lang?: InputMaybe<Scalars['String']['input']>;
  /** filters always applied; a control can never replace them */
  lockedFilters?: InputMaybe<Array<FilterInput>>;
  /** the query to embed (give viewId or query, not both) */
  query?: InputMaybe<MetricQuery>;
  /** lifetime in seconds, 30 to 86400; absent: EMBED_TTL_SECONDS (600) */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
  /**
   * which of the view's charts of that kind, where its page has several: a churn view's bars_line
   * is by value_tier (absent), brand, contract_type or the view's chosen dimension (sub_segment unless it chose another)
   */
  viewDimension?: InputMaybe<Scalars['String']['input']>;
  /** a saved view to embed (give viewId or query, not both) */
  viewId?: InputMaybe<Scalars['ID']['input']>;
  /** the view's version; absent: its latest */
  viewVersion?: InputMaybe<Scalars['Int']['input']>;
};

export type Dataset = {
  __typename?: 'Dataset';
  asOf: Scalars['Date']['output'];
  dataVersion: Scalars['Int']['output'];
  engine: Scalars['String']['output'];
  engineVersion: Scalars['String']['output'];
  /** The earliest month with subscriber months (YYYY-MM), null before any usage is loaded: the start of the time pickers. */
  firstMonth?: Maybe<Scalars['String']['output']>;
  subscribers: Scalars['Int']['output'];
};

/** Where the default that applied when opening the dashboard came from (first found wins). */
export type DefaultSource =
  | 'city'
  | 'national'
  | 'own'
  | 'province';

export type DimensionInfo = {
  __typename?: 'DimensionInfo';
  id: Scalars['ID']['output'];
  labelEn: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
  /** Fixed or catalogue members; empty for open-ended dimensions (cohort months, tenure). */
  members: Array<Member>;
  /** Accepts gt/gte/lt/lte filters. */
  ordered: Scalars['Boolean']['output'];
  synonyms: Array<Scalars['String']['output']>;
};

export type Direction =
  | 'asc'
  | 'desc';

export type EffectiveDefaultView = {
  __typename?: 'EffectiveDefaultView';
  source: DefaultSource;
  view: SavedView;
};

export type Embed = {
  __typename?: 'Embed';
  chart: ChartKind;
  /** ISO 8601 */
  expiresAt: Scalars['String']['output'];
  /** the metric query the chart runs (resolved from the view's state for a view) */
  query: Scalars['JSON']['output'];
  /** national, or the province / city code the embed is limited to (the minter's scope) */
  scope: Scalars['String']['output'];
  /** an HS256 JWT: the ?token= of /api/embed/data and the token attribute of <crm-chart> */
  token: Scalars['String']['output'];
  /** the page that renders the chart, relative to this server: /embed/<token> */
  url: Scalars['String']['output'];
};

export type EntityScore = {
  __typename?: 'EntityScore';
  areasAveraged?: Maybe<Scalars['Int']['output']>;
  areasInDimension?: Maybe<Scalars['Int']['output']>;
  basis?: Maybe<CapabilityBasis>;
  derived: Scalars['Boolean']['output'];
  entity: Scalars['ID']['output'];
  noteEn?: Maybe<Scalars['String']['output']>;
  noteZh?: Maybe<Scalars['String']['output']>;
  score?: Maybe<Scalars['Float']['output']>;
};

export type FilterInput = {
  /** a dimension id, a queried metric (a threshold: gt, gte, lt, lte and one value), or with compare a queried metric's _change or _prev */
  dimension: Scalars['ID']['input'];
  op: FilterOp;
  /** members for in / not_in; one number for a threshold, or "total" to compare a ratio metric's rows with the query's total (the whole's own figure) */
  values: Array<Scalars['String']['input']>;
};

export type FilterOp =
  | 'gt'
  | 'gte'
  | 'in'
  | 'lt'
  | 'lte'
  | 'not_in';

export type GrainInfo = {
  __typename?: 'GrainInfo';
  id: Scalars['ID']['output'];
  labelEn: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
};

export type HeatCell = {
  __typename?: 'HeatCell';
  share: Scalars['Float']['output'];
  subscribers: Scalars['Int']['output'];
  x: Scalars['Int']['output'];
  y: Scalars['Int']['output'];
};

export type LogRankTest = {
  __typename?: 'LogRankTest';
  chisq: Scalars['Float']['output'];
  df: Scalars['Int']['output'];
  p: Scalars['Float']['output'];
};

export type MarkedWord = {
  __typename?: 'MarkedWord';
  end: Scalars['Int']['output'];
  start: Scalars['Int']['output'];
  text: Scalars['String']['output'];
};

export type Member = {
  __typename?: 'Member';
  id: Scalars['ID']['output'];
  labelEn: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
  parent?: Maybe<Scalars['ID']['output']>;
};

export type MetricInfo = {
  __typename?: 'MetricInfo';
  /** Dimensions this metric can be grouped and filtered by. */
  dimensions: Array<Scalars['ID']['output']>;
  /** base | contacts | campaigns | survival | capability */
  domain: Scalars['String']['output'];
  /** integer | percent | currency | decimal | minutes | megabytes | seconds | score | months | ratio */
  format: Scalars['String']['output'];
  formula?: Maybe<Scalars['String']['output']>;
  /** Time grains this metric can be grouped by (empty: no time axis). */
  grains: Array<Scalars['ID']['output']>;
  higherIsBetter: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** additive | stock | ratio | distinct | curve | score */
  kind: Scalars['String']['output'];
  labelEn: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
  synonyms: Array<Scalars['String']['output']>;
};

export type MetricQuery = {
  compare?: InputMaybe<Compare>;
  filters?: InputMaybe<Array<FilterInput>>;
  /** dimension ids and at most one time grain: day, week (ISO, Monday to Sunday: 2026-W43), month, quarter, year */
  groupBy?: InputMaybe<Array<Scalars['ID']['input']>>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  metrics: Array<Scalars['ID']['input']>;
  orderBy?: InputMaybe<OrderByInput>;
  timeRange?: InputMaybe<TimeRangeInput>;
};

export type MetricResult = {
  __typename?: 'MetricResult';
  asOf: Scalars['Date']['output'];
  columns: Array<Column>;
  /** Resolved time range (first and last day; a range running past the as-of date ends on it, so a month to date says so), null for metrics without a time axis. */
  from?: Maybe<Scalars['Date']['output']>;
  /** One object per row keyed by column id; dimension cells hold member ids. */
  rows: Array<Scalars['JSON']['output']>;
  /** national, or the province / city code the viewer is limited to. */
  scope: Scalars['String']['output'];
  /** The SQL statements executed, separated by ';\n'. */
  sql: Scalars['String']['output'];
  /** True when no timeRange was given and the default (latest complete month, or 12 months when grouped by time) applied. */
  timeDefaulted: Scalars['Boolean']['output'];
  to?: Maybe<Scalars['Date']['output']>;
  /** The metrics over all rows (not a sum of rows: ratios are recomputed); log-rank for survival. */
  totals?: Maybe<Scalars['JSON']['output']>;
};

export type MigrationFlow = {
  __typename?: 'MigrationFlow';
  from: Scalars['ID']['output'];
  subscribers: Scalars['Int']['output'];
  to: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Teach the chat a word (effective at once): a metric, a dimension, or a member of a dimension. */
  addSynonym: Synonym;
  /**
   * Mints a signed, short-lived embed of one chart (analysts and administrators only;
   * FORBIDDEN otherwise): from a saved view (viewId; the chart picks which of its page's
   * charts) or from a query. The token carries the query, the locked filters, the allowed
   * controls and the minter's scope; a region outside that scope is FORBIDDEN here.
   */
  createEmbed: Embed;
  /** Deletes a view recoverably: a new version with deleted = true. */
  deleteView: SavedView;
  /** Liveness of the mutation root; domain modules extend it. */
  ping: Scalars['Boolean']['output'];
  /** Records a self-assessment of a province or city (scores 0–4, a comment per item). */
  recordAssessment: CapabilityAssessment;
  removeSynonym: Scalars['Boolean']['output'];
  /** Makes an older version current again (a new version copying it, undeleted). */
  restoreView: SavedView;
  /** Saves the page state as a new view, or (with id) as the next version of an existing view. */
  saveView: SavedView;
  /** Marks a view as its scope's default (shared) or the viewer's own default (personal); unmarks the previous one. */
  setDefaultView: SavedView;
};


export type MutationAddSynonymArgs = {
  dimension?: InputMaybe<Scalars['ID']['input']>;
  kind: SynonymKind;
  target: Scalars['ID']['input'];
  word: Scalars['String']['input'];
};


export type MutationCreateEmbedArgs = {
  input: CreateEmbedInput;
};


export type MutationDeleteViewArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecordAssessmentArgs = {
  input: AssessmentInput;
};


export type MutationRemoveSynonymArgs = {
  word: Scalars['String']['input'];
};


export type MutationRestoreViewArgs = {
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationSaveViewArgs = {
  input: SaveViewInput;
};


export type MutationSetDefaultViewArgs = {
  id: Scalars['ID']['input'];
  isDefault?: Scalars['Boolean']['input'];
};

export type OrderByInput = {
  direction: Direction;
  /** a queried metric, a groupBy entry, or with compare a queried metric's _change (relative change) or _prev */
  metric: Scalars['ID']['input'];
};

export type PreferenceCell = {
  __typename?: 'PreferenceCell';
  channel: Scalars['ID']['output'];
  contacts: Scalars['Int']['output'];
  share: Scalars['Float']['output'];
  stage: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * A question in Chinese or English → a typed query, run on the same road as `metrics`.
   * A follow-up continues from the conversation's last answer, or from `context` when given
   * (what the client shows after the viewer edited a chip, picked a choice or opened a view).
   */
  ask: Answer;
  /** Words the chat did not understand, most frequent first (for teaching synonyms). */
  askMisses: Array<AskMiss>;
  /** Model-targeted versus random campaign lists: hit rates, lift, retention success. */
  campaignEffect: Array<CampaignEffect>;
  /** Every assessment recorded for an entity (history). */
  capabilityAssessments: Array<CapabilityAssessment>;
  /** Entities side by side per dimension, with the best and the mean of the foreign carriers; `derive` as in capabilityScores. */
  capabilityComparison: Array<CapabilityComparisonRow>;
  /** The three-level framework (dimension → area → item). */
  capabilityFramework: Array<CapabilityNode>;
  /**
   * Scores per entity and node; the latest assessment on or before `on` (default: latest). Unknown scores are null with a note.
   * With `derive` (default true) an entity's dimension score that is not published (or not recorded) is derived as the mean
   * of its known area scores in that dimension, marked `derived: true`, `basis: mean_of_areas`; `derive: false` answers
   * exactly as recorded. Published scores are never replaced.
   */
  capabilityScores: Array<CapabilityScore>;
  /** Every metric and dimension with zh/en labels; dimensions with their members. */
  catalog: Catalog;
  /** Every contacts metric by `groupBy` (default: by channel; an empty list: one overall row). */
  channelEfficiency: MetricResult;
  /** Share of each channel within each lifecycle stage (seed 002's channel preference view). */
  channelPreference: ChannelPreference;
  /** Activation month × months since activation k: share not churned before tenure k (a churn at tenure k still counts at k). So rate(k) = survival S(k − 1): S(t) is the share past tenure t. */
  cohortRetention: CohortRetention;
  /** Churn rate by month relative to contract end (−6 … +6) per contract type. */
  contractChurn: ContractChurn;
  /** What data is loaded: as-of date, version, size. */
  dataset: Dataset;
  /** The default that applies when opening the dashboard in a scope: the viewer's own default, then the city's, the province's, the national one. */
  effectiveDefaultView?: Maybe<EffectiveDefaultView>;
  /** Members of one dimension, optionally those under a parent (cities of a province: parent = province code). */
  members: Array<Member>;
  /** The generic typed query: the same shape as the chat interpretation. */
  metrics: MetricResult;
  /** RFM as a 5 × 5 heatmap of two of the scores (default R × F) for one month. */
  rfmHeatmap: RfmHeatmap;
  /** One view: its latest version, or the given version. */
  savedView?: Maybe<SavedView>;
  /** Every version of a view, newest first (saves, default changes, deletes and restores). */
  savedViewHistory: Array<SavedView>;
  /** Saved views of a scope (national, a province or a city code): the latest version of each, the viewer's own personal views included; search matches names (case-insensitive). */
  savedViews: Array<SavedView>;
  /** Subscribers moving between segments from one month to another, with 'new' and 'churned'. */
  segmentMigration: SegmentMigration;
  /** Per segment: subscribers, share, ARPU, MOU, DOU, revenue, churn rate (optionally per month: grain = month). */
  segments: SegmentBreakdown;
  /** Kaplan–Meier curves per group with Greenwood 95% bands, medians and the log-rank test. */
  survival: Survival;
  /** Synonyms taught by administrators. */
  synonyms: Array<Synonym>;
  /** Who is asking, from the verified sign-in token. */
  viewer: Viewer;
};


export type QueryAskArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  context?: InputMaybe<AskContext>;
  conversationId?: InputMaybe<Scalars['ID']['input']>;
  question: Scalars['String']['input'];
};


export type QueryAskMissesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCampaignEffectArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  filters?: InputMaybe<Array<FilterInput>>;
  timeRange?: InputMaybe<TimeRangeInput>;
};


export type QueryCapabilityAssessmentsArgs = {
  entity: Scalars['ID']['input'];
};


export type QueryCapabilityComparisonArgs = {
  derive?: InputMaybe<Scalars['Boolean']['input']>;
  entities: Array<Scalars['ID']['input']>;
  on?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryCapabilityScoresArgs = {
  derive?: InputMaybe<Scalars['Boolean']['input']>;
  entities: Array<Scalars['ID']['input']>;
  level?: InputMaybe<CapabilityLevel>;
  on?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryChannelEfficiencyArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  filters?: InputMaybe<Array<FilterInput>>;
  groupBy?: InputMaybe<Array<Scalars['ID']['input']>>;
  timeRange?: InputMaybe<TimeRangeInput>;
};


export type QueryChannelPreferenceArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  filters?: InputMaybe<Array<FilterInput>>;
  timeRange?: InputMaybe<TimeRangeInput>;
};


export type QueryCohortRetentionArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  filters?: InputMaybe<Array<FilterInput>>;
  maxMonths?: InputMaybe<Scalars['Int']['input']>;
  timeRange?: InputMaybe<TimeRangeInput>;
};


export type QueryContractChurnArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  filters?: InputMaybe<Array<FilterInput>>;
};


export type QueryEffectiveDefaultViewArgs = {
  scope: Scalars['ID']['input'];
};


export type QueryMembersArgs = {
  dimension: Scalars['ID']['input'];
  parent?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryMetricsArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  query: MetricQuery;
};


export type QueryRfmHeatmapArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  filters?: InputMaybe<Array<FilterInput>>;
  month?: InputMaybe<Scalars['String']['input']>;
  x?: InputMaybe<RfmAxis>;
  y?: InputMaybe<RfmAxis>;
};


export type QuerySavedViewArgs = {
  id: Scalars['ID']['input'];
  version?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySavedViewHistoryArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySavedViewsArgs = {
  includeDeleted?: InputMaybe<Scalars['Boolean']['input']>;
  page?: InputMaybe<Scalars['ID']['input']>;
  scope: Scalars['ID']['input'];
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySegmentMigrationArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  filters?: InputMaybe<Array<FilterInput>>;
  from: Scalars['String']['input'];
  scheme: SegmentScheme;
  to: Scalars['String']['input'];
};


export type QuerySegmentsArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  byMonth?: InputMaybe<Scalars['Boolean']['input']>;
  filters?: InputMaybe<Array<FilterInput>>;
  scheme: SegmentScheme;
  timeRange?: InputMaybe<TimeRangeInput>;
};


export type QuerySurvivalArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  confType?: InputMaybe<ConfType>;
  filters?: InputMaybe<Array<FilterInput>>;
  groupBy?: InputMaybe<Array<Scalars['ID']['input']>>;
  timeRange?: InputMaybe<TimeRangeInput>;
};

export type RetentionCell = {
  __typename?: 'RetentionCell';
  base: Scalars['Int']['output'];
  cohort: Scalars['String']['output'];
  monthsSince: Scalars['Int']['output'];
  rate?: Maybe<Scalars['Float']['output']>;
  retained: Scalars['Int']['output'];
};

export type RfmAxis =
  | 'F'
  | 'M'
  | 'R';

export type RfmHeatmap = {
  __typename?: 'RfmHeatmap';
  cells: Array<HeatCell>;
  month: Scalars['String']['output'];
  sql: Scalars['String']['output'];
  x: RfmAxis;
  y: RfmAxis;
};

export type SaveViewInput = {
  /** absent: a new view */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** absent: false for a new view, unchanged for a new version */
  isDefault?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  page: Scalars['ID']['input'];
  scope: Scalars['ID']['input'];
  state: Scalars['JSON']['input'];
  visibility?: InputMaybe<ViewVisibility>;
};

export type SavedView = {
  __typename?: 'SavedView';
  deleted: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  isDefault: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** viewer id for personal views, empty for shared ones */
  owner: Scalars['String']['output'];
  /** overview | segments | channels | lifecycle | churn | capability */
  page: Scalars['ID']['output'];
  savedAt: Scalars['String']['output'];
  savedBy: Scalars['String']['output'];
  /** national, a province or a city code */
  scope: Scalars['ID']['output'];
  /** The page's URL query (filters, time range, chart choices) as string pairs; never the scope. */
  state: Scalars['JSON']['output'];
  version: Scalars['Int']['output'];
  visibility: ViewVisibility;
};

export type SegmentBreakdown = {
  __typename?: 'SegmentBreakdown';
  from?: Maybe<Scalars['Date']['output']>;
  rows: Array<SegmentRow>;
  scheme: SegmentScheme;
  sql: Scalars['String']['output'];
  to?: Maybe<Scalars['Date']['output']>;
};

export type SegmentMigration = {
  __typename?: 'SegmentMigration';
  flows: Array<MigrationFlow>;
  fromMonth: Scalars['String']['output'];
  scheme: SegmentScheme;
  sql: Scalars['String']['output'];
  toMonth: Scalars['String']['output'];
};

export type SegmentRow = {
  __typename?: 'SegmentRow';
  arpu?: Maybe<Scalars['Float']['output']>;
  churnRate?: Maybe<Scalars['Float']['output']>;
  dou?: Maybe<Scalars['Float']['output']>;
  labelEn: Scalars['String']['output'];
  labelZh: Scalars['String']['output'];
  /** YYYY-MM when byMonth */
  month?: Maybe<Scalars['String']['output']>;
  mou?: Maybe<Scalars['Float']['output']>;
  revenue?: Maybe<Scalars['Float']['output']>;
  segment: Scalars['ID']['output'];
  share?: Maybe<Scalars['Float']['output']>;
  subscribers?: Maybe<Scalars['Float']['output']>;
};

/** A segmentation scheme of DOMAIN.md (dimension ids). */
export type SegmentScheme =
  | 'brand'
  | 'credit_list'
  | 'customer_type'
  | 'loyalty_band'
  | 'quadrant'
  | 'rfm_cell'
  | 'satisfaction_band'
  | 'sub_segment'
  | 'value_tier';

export type Survival = {
  __typename?: 'Survival';
  asOf: Scalars['Date']['output'];
  confType: ConfType;
  groups: Array<SurvivalGroup>;
  logRank?: Maybe<LogRankTest>;
  sql: Scalars['String']['output'];
};

export type SurvivalGroup = {
  __typename?: 'SurvivalGroup';
  key: Scalars['JSON']['output'];
  medianLifetime?: Maybe<Scalars['Int']['output']>;
  n: Scalars['Int']['output'];
  points: Array<SurvivalPoint>;
};

export type SurvivalPoint = {
  __typename?: 'SurvivalPoint';
  atRisk: Scalars['Int']['output'];
  censored: Scalars['Int']['output'];
  ciHigh?: Maybe<Scalars['Float']['output']>;
  ciLow?: Maybe<Scalars['Float']['output']>;
  events: Scalars['Int']['output'];
  survivalRate: Scalars['Float']['output'];
  tenure: Scalars['Int']['output'];
};

export type Synonym = {
  __typename?: 'Synonym';
  createdAt: Scalars['String']['output'];
  createdBy: Scalars['String']['output'];
  dimension?: Maybe<Scalars['ID']['output']>;
  kind: SynonymKind;
  target: Scalars['ID']['output'];
  word: Scalars['String']['output'];
};

export type SynonymKind =
  | 'dimension'
  | 'member'
  | 'metric';

export type TimeRangeInput = {
  /** YYYY-MM or YYYY-MM-DD, inclusive */
  from: Scalars['String']['input'];
  /** YYYY-MM or YYYY-MM-DD, inclusive */
  to: Scalars['String']['input'];
};

/** Who a saved view belongs to: shared by everyone in its scope, or one viewer's own. */
export type ViewVisibility =
  | 'personal'
  | 'shared';

export type Viewer = {
  __typename?: 'Viewer';
  canMakeEmbeds: Scalars['Boolean']['output'];
  canManageSynonyms: Scalars['Boolean']['output'];
  canUseGraphiQL: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** the name for the English UI, from the token's optional name_en claim; null: show name */
  nameEn?: Maybe<Scalars['String']['output']>;
  /** national_exec | province_exec | city_manager | analyst | admin */
  role: Scalars['String']['output'];
  /** national, or the GB/T 2260 province or city code the viewer is limited to */
  scope: Scalars['String']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Answer: ResolverTypeWrapper<Answer>;
  AskChoice: ResolverTypeWrapper<AskChoice>;
  AskContext: AskContext;
  AskFocus: ResolverTypeWrapper<AskFocus>;
  AskMiss: ResolverTypeWrapper<AskMiss>;
  AskStatus: AskStatus;
  AskTenure: ResolverTypeWrapper<AskTenure>;
  AssessmentInput: AssessmentInput;
  AssessmentScoreInput: AssessmentScoreInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CampaignEffect: ResolverTypeWrapper<CampaignEffect>;
  CapabilityAssessment: ResolverTypeWrapper<CapabilityAssessment>;
  CapabilityBasis: CapabilityBasis;
  CapabilityComparisonRow: ResolverTypeWrapper<CapabilityComparisonRow>;
  CapabilityLevel: CapabilityLevel;
  CapabilityNode: ResolverTypeWrapper<CapabilityNode>;
  CapabilityScore: ResolverTypeWrapper<CapabilityScore>;
  Catalog: ResolverTypeWrapper<Catalog>;
  ChannelPreference: ResolverTypeWrapper<ChannelPreference>;
  ChartKind: ChartKind;
  CohortRetention: ResolverTypeWrapper<CohortRetention>;
  Column: ResolverTypeWrapper<Column>;
  Compare: Compare;
  ConfType: ConfType;
  ContractChurn: ResolverTypeWrapper<ContractChurn>;
  ContractChurnPoint: ResolverTypeWrapper<ContractChurnPoint>;
  CreateEmbedInput: CreateEmbedInput;
  Dataset: ResolverTypeWrapper<Dataset>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DefaultSource: DefaultSource;
  DimensionInfo: ResolverTypeWrapper<DimensionInfo>;
  Direction: Direction;
  EffectiveDefaultView: ResolverTypeWrapper<EffectiveDefaultView>;
  Embed: ResolverTypeWrapper<Embed>;
  EntityScore: ResolverTypeWrapper<EntityScore>;
  FilterInput: FilterInput;
  FilterOp: FilterOp;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GrainInfo: ResolverTypeWrapper<GrainInfo>;
  HeatCell: ResolverTypeWrapper<HeatCell>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LogRankTest: ResolverTypeWrapper<LogRankTest>;
  MarkedWord: ResolverTypeWrapper<MarkedWord>;
  Member: ResolverTypeWrapper<Member>;
  MetricInfo: ResolverTypeWrapper<MetricInfo>;
  MetricQuery: MetricQuery;
  MetricResult: ResolverTypeWrapper<MetricResult>;
  MigrationFlow: ResolverTypeWrapper<MigrationFlow>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OrderByInput: OrderByInput;
  PreferenceCell: ResolverTypeWrapper<PreferenceCell>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RetentionCell: ResolverTypeWrapper<RetentionCell>;
  RfmAxis: RfmAxis;
  RfmHeatmap: ResolverTypeWrapper<RfmHeatmap>;
  SaveViewInput: SaveViewInput;
  SavedView: ResolverTypeWrapper<SavedView>;
  SegmentBreakdown: ResolverTypeWrapper<SegmentBreakdown>;
  SegmentMigration: ResolverTypeWrapper<SegmentMigration>;
  SegmentRow: ResolverTypeWrapper<SegmentRow>;
  SegmentScheme: SegmentScheme;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Survival: ResolverTypeWrapper<Survival>;
  SurvivalGroup: ResolverTypeWrapper<SurvivalGroup>;
  SurvivalPoint: ResolverTypeWrapper<SurvivalPoint>;
  Synonym: ResolverTypeWrapper<Synonym>;
  SynonymKind: SynonymKind;
  TimeRangeInput: TimeRangeInput;
  ViewVisibility: ViewVisibility;
  Viewer: ResolverTypeWrapper<Viewer>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Answer: Answer;
  AskChoice: AskChoice;
  AskContext: AskContext;
  AskFocus: AskFocus;
  AskMiss: AskMiss;
  AskTenure: AskTenure;
  AssessmentInput: AssessmentInput;
  AssessmentScoreInput: AssessmentScoreInput;
  Boolean: Scalars['Boolean']['output'];
  CampaignEffect: CampaignEffect;
  CapabilityAssessment: CapabilityAssessment;
  CapabilityComparisonRow: CapabilityComparisonRow;
  CapabilityNode: CapabilityNode;
  CapabilityScore: CapabilityScore;
  Catalog: Catalog;
  ChannelPreference: ChannelPreference;
  CohortRetention: CohortRetention;
  Column: Column;
  ContractChurn: ContractChurn;
  ContractChurnPoint: ContractChurnPoint;
  CreateEmbedInput: CreateEmbedInput;
  Dataset: Dataset;
  Date: Scalars['Date']['output'];
  DimensionInfo: DimensionInfo;
  EffectiveDefaultView: EffectiveDefaultView;
  Embed: Embed;
  EntityScore: EntityScore;
  FilterInput: FilterInput;
  Float: Scalars['Float']['output'];
  GrainInfo: GrainInfo;
  HeatCell: HeatCell;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  LogRankTest: LogRankTest;
  MarkedWord: MarkedWord;
  Member: Member;
  MetricInfo: MetricInfo;
  MetricQuery: MetricQuery;
  MetricResult: MetricResult;
  MigrationFlow: MigrationFlow;
  Mutation: Record<PropertyKey, never>;
  OrderByInput: OrderByInput;
  PreferenceCell: PreferenceCell;
  Query: Record<PropertyKey, never>;
  RetentionCell: RetentionCell;
  RfmHeatmap: RfmHeatmap;
  SaveViewInput: SaveViewInput;
  SavedView: SavedView;
  SegmentBreakdown: SegmentBreakdown;
  SegmentMigration: SegmentMigration;
  SegmentRow: SegmentRow;
  String: Scalars['String']['output'];
  Survival: Survival;
  SurvivalGroup: SurvivalGroup;
  SurvivalPoint: SurvivalPoint;
  Synonym: Synonym;
  TimeRangeInput: TimeRangeInput;
  Viewer: Viewer;
}>;

export type AnswerResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Answer'] = ResolversParentTypes['Answer']> = ResolversObject<{
  asOf?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  chart?: Resolver<Maybe<ResolversTypes['ChartKind']>, ParentType, ContextType>;
  choices?: Resolver<Array<ResolversTypes['AskChoice']>, ParentType, ContextType>;
  columns?: Resolver<Maybe<Array<ResolversTypes['Column']>>, ParentType, ContextType>;
  conversationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  focus?: Resolver<Maybe<ResolversTypes['AskFocus']>, ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  graphql?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  interpretation?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  language?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requeried?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  restatement?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rows?: Resolver<Maybe<Array<ResolversTypes['JSON']>>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AskStatus'], ParentType, ContextType>;
  suggestions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tenure?: Resolver<Maybe<ResolversTypes['AskTenure']>, ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  totals?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  unknownWords?: Resolver<Array<ResolversTypes['MarkedWord']>, ParentType, ContextType>;
  variables?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
}>;

export type AskChoiceResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AskChoice'] = ResolversParentTypes['AskChoice']> = ResolversObject<{
  interpretation?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AskFocusResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AskFocus'] = ResolversParentTypes['AskFocus']> = ResolversObject<{
  dimension?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type AskMissResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AskMiss'] = ResolversParentTypes['AskMiss']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastAskedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastQuestion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  word?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AskTenureResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['AskTenure'] = ResolversParentTypes['AskTenure']> = ResolversObject<{
  months?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  within?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type CampaignEffectResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CampaignEffect'] = ResolversParentTypes['CampaignEffect']> = ResolversObject<{
  kind?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lift?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  modelHitRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  modelTargeted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  randomHitRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  randomTargeted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  retentionSuccessRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type CapabilityAssessmentResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CapabilityAssessment'] = ResolversParentTypes['CapabilityAssessment']> = ResolversObject<{
  assessedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  entity?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CapabilityComparisonRowResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CapabilityComparisonRow'] = ResolversParentTypes['CapabilityComparisonRow']> = ResolversObject<{
  dimension?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  foreignBest?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  foreignMean?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scores?: Resolver<Array<ResolversTypes['EntityScore']>, ParentType, ContextType>;
}>;

export type CapabilityNodeResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CapabilityNode'] = ResolversParentTypes['CapabilityNode']> = ResolversObject<{
  children?: Resolver<Array<ResolversTypes['CapabilityNode']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['CapabilityLevel'], ParentType, ContextType>;
}>;

export type CapabilityScoreResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CapabilityScore'] = ResolversParentTypes['CapabilityScore']> = ResolversObject<{
  areasAveraged?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  areasInDimension?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  assessedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  basis?: Resolver<Maybe<ResolversTypes['CapabilityBasis']>, ParentType, ContextType>;
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  derived?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  dimension?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  entity?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  known?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['CapabilityLevel'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  noteEn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  noteZh?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CatalogResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Catalog'] = ResolversParentTypes['Catalog']> = ResolversObject<{
  dimensions?: Resolver<Array<ResolversTypes['DimensionInfo']>, ParentType, ContextType>;
  grains?: Resolver<Array<ResolversTypes['GrainInfo']>, ParentType, ContextType>;
  metrics?: Resolver<Array<ResolversTypes['MetricInfo']>, ParentType, ContextType>;
}>;

export type ChannelPreferenceResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ChannelPreference'] = ResolversParentTypes['ChannelPreference']> = ResolversObject<{
  cells?: Resolver<Array<ResolversTypes['PreferenceCell']>, ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  sql?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
}>;

export type CohortRetentionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['CohortRetention'] = ResolversParentTypes['CohortRetention']> = ResolversObject<{
  cells?: Resolver<Array<ResolversTypes['RetentionCell']>, ParentType, ContextType>;
  sql?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ColumnResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Column'] = ResolversParentTypes['Column']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lang?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ContractChurnResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ContractChurn'] = ResolversParentTypes['ContractChurn']> = ResolversObject<{
  points?: Resolver<Array<ResolversTypes['ContractChurnPoint']>, ParentType, ContextType>;
  sql?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ContractChurnPointResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['ContractChurnPoint'] = ResolversParentTypes['ContractChurnPoint']> = ResolversObject<{
  atRisk?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  churnRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  churned?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  contractType?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  relativeMonth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DatasetResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  dataVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  engine?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  engineVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstMonth?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subscribers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export type DimensionInfoResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DimensionInfo'] = ResolversParentTypes['DimensionInfo']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType>;
  ordered?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  synonyms?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type EffectiveDefaultViewResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EffectiveDefaultView'] = ResolversParentTypes['EffectiveDefaultView']> = ResolversObject<{
  source?: Resolver<ResolversTypes['DefaultSource'], ParentType, ContextType>;
  view?: Resolver<ResolversTypes['SavedView'], ParentType, ContextType>;
}>;

export type EmbedResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Embed'] = ResolversParentTypes['Embed']> = ResolversObject<{
  chart?: Resolver<ResolversTypes['ChartKind'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type EntityScoreResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['EntityScore'] = ResolversParentTypes['EntityScore']> = ResolversObject<{
  areasAveraged?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  areasInDimension?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  basis?: Resolver<Maybe<ResolversTypes['CapabilityBasis']>, ParentType, ContextType>;
  derived?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  entity?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  noteEn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  noteZh?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type GrainInfoResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['GrainInfo'] = ResolversParentTypes['GrainInfo']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type HeatCellResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['HeatCell'] = ResolversParentTypes['HeatCell']> = ResolversObject<{
  share?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  subscribers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  x?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LogRankTestResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LogRankTest'] = ResolversParentTypes['LogRankTest']> = ResolversObject<{
  chisq?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  df?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  p?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type MarkedWordResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['MarkedWord'] = ResolversParentTypes['MarkedWord']> = ResolversObject<{
  end?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MemberResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type MetricInfoResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['MetricInfo'] = ResolversParentTypes['MetricInfo']> = ResolversObject<{
  dimensions?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  formula?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  grains?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  higherIsBetter?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  synonyms?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type MetricResultResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['MetricResult'] = ResolversParentTypes['MetricResult']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  columns?: Resolver<Array<ResolversTypes['Column']>, ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['JSON']>, ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sql?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeDefaulted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  totals?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
}>;

export type MigrationFlowResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['MigrationFlow'] = ResolversParentTypes['MigrationFlow']> = ResolversObject<{
  from?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  subscribers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addSynonym?: Resolver<ResolversTypes['Synonym'], ParentType, ContextType, RequireFields<MutationAddSynonymArgs, 'kind' | 'target' | 'word'>>;
  createEmbed?: Resolver<ResolversTypes['Embed'], ParentType, ContextType, RequireFields<MutationCreateEmbedArgs, 'input'>>;
  deleteView?: Resolver<ResolversTypes['SavedView'], ParentType, ContextType, RequireFields<MutationDeleteViewArgs, 'id'>>;
  ping?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  recordAssessment?: Resolver<ResolversTypes['CapabilityAssessment'], ParentType, ContextType, RequireFields<MutationRecordAssessmentArgs, 'input'>>;
  removeSynonym?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveSynonymArgs, 'word'>>;
  restoreView?: Resolver<ResolversTypes['SavedView'], ParentType, ContextType, RequireFields<MutationRestoreViewArgs, 'id' | 'version'>>;
  saveView?: Resolver<ResolversTypes['SavedView'], ParentType, ContextType, RequireFields<MutationSaveViewArgs, 'input'>>;
  setDefaultView?: Resolver<ResolversTypes['SavedView'], ParentType, ContextType, RequireFields<MutationSetDefaultViewArgs, 'id' | 'isDefault'>>;
}>;

export type PreferenceCellResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['PreferenceCell'] = ResolversParentTypes['PreferenceCell']> = ResolversObject<{
  channel?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  contacts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  share?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  ask?: Resolver<ResolversTypes['Answer'], ParentType, ContextType, RequireFields<QueryAskArgs, 'question'>>;
  askMisses?: Resolver<Array<ResolversTypes['AskMiss']>, ParentType, ContextType, RequireFields<QueryAskMissesArgs, 'limit'>>;
  campaignEffect?: Resolver<Array<ResolversTypes['CampaignEffect']>, ParentType, ContextType, Partial<QueryCampaignEffectArgs>>;
  capabilityAssessments?: Resolver<Array<ResolversTypes['CapabilityAssessment']>, ParentType, ContextType, RequireFields<QueryCapabilityAssessmentsArgs, 'entity'>>;
  capabilityComparison?: Resolver<Array<ResolversTypes['CapabilityComparisonRow']>, ParentType, ContextType, RequireFields<QueryCapabilityComparisonArgs, 'derive' | 'entities'>>;
  capabilityFramework?: Resolver<Array<ResolversTypes['CapabilityNode']>, ParentType, ContextType>;
  capabilityScores?: Resolver<Array<ResolversTypes['CapabilityScore']>, ParentType, ContextType, RequireFields<QueryCapabilityScoresArgs, 'derive' | 'entities'>>;
  catalog?: Resolver<ResolversTypes['Catalog'], ParentType, ContextType>;
  channelEfficiency?: Resolver<ResolversTypes['MetricResult'], ParentType, ContextType, Partial<QueryChannelEfficiencyArgs>>;
  channelPreference?: Resolver<ResolversTypes['ChannelPreference'], ParentType, ContextType, Partial<QueryChannelPreferenceArgs>>;
  cohortRetention?: Resolver<ResolversTypes['CohortRetention'], ParentType, ContextType, RequireFields<QueryCohortRetentionArgs, 'maxMonths'>>;
  contractChurn?: Resolver<ResolversTypes['ContractChurn'], ParentType, ContextType, Partial<QueryContractChurnArgs>>;
  dataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType>;
  effectiveDefaultView?: Resolver<Maybe<ResolversTypes['EffectiveDefaultView']>, ParentType, ContextType, RequireFields<QueryEffectiveDefaultViewArgs, 'scope'>>;
  members?: Resolver<Array<ResolversTypes['Member']>, ParentType, ContextType, RequireFields<QueryMembersArgs, 'dimension'>>;
  metrics?: Resolver<ResolversTypes['MetricResult'], ParentType, ContextType, RequireFields<QueryMetricsArgs, 'query'>>;
  rfmHeatmap?: Resolver<ResolversTypes['RfmHeatmap'], ParentType, ContextType, RequireFields<QueryRfmHeatmapArgs, 'x' | 'y'>>;
  savedView?: Resolver<Maybe<ResolversTypes['SavedView']>, ParentType, ContextType, RequireFields<QuerySavedViewArgs, 'id'>>;
  savedViewHistory?: Resolver<Array<ResolversTypes['SavedView']>, ParentType, ContextType, RequireFields<QuerySavedViewHistoryArgs, 'id'>>;
  savedViews?: Resolver<Array<ResolversTypes['SavedView']>, ParentType, ContextType, RequireFields<QuerySavedViewsArgs, 'includeDeleted' | 'scope'>>;
  segmentMigration?: Resolver<ResolversTypes['SegmentMigration'], ParentType, ContextType, RequireFields<QuerySegmentMigrationArgs, 'from' | 'scheme' | 'to'>>;
  segments?: Resolver<ResolversTypes['SegmentBreakdown'], ParentType, ContextType, RequireFields<QuerySegmentsArgs, 'byMonth' | 'scheme'>>;
  survival?: Resolver<ResolversTypes['Survival'], ParentType, ContextType, RequireFields<QuerySurvivalArgs, 'confType'>>;
  synonyms?: Resolver<Array<ResolversTypes['Synonym']>, ParentType, ContextType>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
}>;

export type RetentionCellResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RetentionCell'] = ResolversParentTypes['RetentionCell']> = ResolversObject<{
  base?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cohort?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  monthsSince?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  retained?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RfmHeatmapResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['RfmHeatmap'] = ResolversParentTypes['RfmHeatmap']> = ResolversObject<{
  cells?: Resolver<Array<ResolversTypes['HeatCell']>, ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sql?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  x?: Resolver<ResolversTypes['RfmAxis'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['RfmAxis'], ParentType, ContextType>;
}>;

export type SavedViewResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SavedView'] = ResolversParentTypes['SavedView']> = ResolversObject<{
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  page?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  savedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  savedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  visibility?: Resolver<ResolversTypes['ViewVisibility'], ParentType, ContextType>;
}>;

export type SegmentBreakdownResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SegmentBreakdown'] = ResolversParentTypes['SegmentBreakdown']> = ResolversObject<{
  from?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['SegmentRow']>, ParentType, ContextType>;
  scheme?: Resolver<ResolversTypes['SegmentScheme'], ParentType, ContextType>;
  sql?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
}>;

export type SegmentMigrationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SegmentMigration'] = ResolversParentTypes['SegmentMigration']> = ResolversObject<{
  flows?: Resolver<Array<ResolversTypes['MigrationFlow']>, ParentType, ContextType>;
  fromMonth?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scheme?: Resolver<ResolversTypes['SegmentScheme'], ParentType, ContextType>;
  sql?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  toMonth?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SegmentRowResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SegmentRow'] = ResolversParentTypes['SegmentRow']> = ResolversObject<{
  arpu?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  churnRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  dou?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  month?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mou?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  revenue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  segment?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  share?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  subscribers?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type SurvivalResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Survival'] = ResolversParentTypes['Survival']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  confType?: Resolver<ResolversTypes['ConfType'], ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['SurvivalGroup']>, ParentType, ContextType>;
  logRank?: Resolver<Maybe<ResolversTypes['LogRankTest']>, ParentType, ContextType>;
  sql?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SurvivalGroupResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SurvivalGroup'] = ResolversParentTypes['SurvivalGroup']> = ResolversObject<{
  key?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  medianLifetime?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['SurvivalPoint']>, ParentType, ContextType>;
}>;

export type SurvivalPointResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['SurvivalPoint'] = ResolversParentTypes['SurvivalPoint']> = ResolversObject<{
  atRisk?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  censored?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ciHigh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ciLow?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  survivalRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tenure?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type SynonymResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Synonym'] = ResolversParentTypes['Synonym']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dimension?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SynonymKind'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  word?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ViewerResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = ResolversObject<{
  canMakeEmbeds?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  canManageSynonyms?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  canUseGraphiQL?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameEn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = RequestContext> = ResolversObject<{
  Answer?: AnswerResolvers<ContextType>;
  AskChoice?: AskChoiceResolvers<ContextType>;
  AskFocus?: AskFocusResolvers<ContextType>;
  AskMiss?: AskMissResolvers<ContextType>;
  AskTenure?: AskTenureResolvers<ContextType>;
  CampaignEffect?: CampaignEffectResolvers<ContextType>;
  CapabilityAssessment?: CapabilityAssessmentResolvers<ContextType>;
  CapabilityComparisonRow?: CapabilityComparisonRowResolvers<ContextType>;
  CapabilityNode?: CapabilityNodeResolvers<ContextType>;
  CapabilityScore?: CapabilityScoreResolvers<ContextType>;
  Catalog?: CatalogResolvers<ContextType>;
  ChannelPreference?: ChannelPreferenceResolvers<ContextType>;
  CohortRetention?: CohortRetentionResolvers<ContextType>;
  Column?: ColumnResolvers<ContextType>;
  ContractChurn?: ContractChurnResolvers<ContextType>;
  ContractChurnPoint?: ContractChurnPointResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DimensionInfo?: DimensionInfoResolvers<ContextType>;
  EffectiveDefaultView?: EffectiveDefaultViewResolvers<ContextType>;
  Embed?: EmbedResolvers<ContextType>;
  EntityScore?: EntityScoreResolvers<ContextType>;
  GrainInfo?: GrainInfoResolvers<ContextType>;
  HeatCell?: HeatCellResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LogRankTest?: LogRankTestResolvers<ContextType>;
  MarkedWord?: MarkedWordResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MetricInfo?: MetricInfoResolvers<ContextType>;
  MetricResult?: MetricResultResolvers<ContextType>;
  MigrationFlow?: MigrationFlowResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PreferenceCell?: PreferenceCellResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RetentionCell?: RetentionCellResolvers<ContextType>;
  RfmHeatmap?: RfmHeatmapResolvers<ContextType>;
  SavedView?: SavedViewResolvers<ContextType>;
  SegmentBreakdown?: SegmentBreakdownResolvers<ContextType>;
  SegmentMigration?: SegmentMigrationResolvers<ContextType>;
  SegmentRow?: SegmentRowResolvers<ContextType>;
  Survival?: SurvivalResolvers<ContextType>;
  SurvivalGroup?: SurvivalGroupResolvers<ContextType>;
  SurvivalPoint?: SurvivalPointResolvers<ContextType>;
  Synonym?: SynonymResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
}>;

