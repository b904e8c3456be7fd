/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The query a follow-up question continues from: an interpretation (MetricQuery shape) and its chart. */
export type AskContext = {
  chart?: ChartKind | null | undefined;
  interpretation: unknown;
};

export type AskStatus =
  | 'ANSWERED'
  | 'CLARIFY'
  | 'FORBIDDEN'
  | 'UNSUPPORTED';

export type AssessmentInput = {
  assessedOn: string;
  entity: string | number;
  scores: Array<AssessmentScoreInput>;
};

export type AssessmentScoreInput = {
  comment?: string | null | undefined;
  node: string | number;
  score: number;
};

/** How a score was obtained. */
export type CapabilityBasis =
  /** derived, not published: the mean of the entity's known area scores in the dimension (unknown areas left out) */
  | 'mean_of_areas'
  /** as printed in the source or as entered in an assessment */
  | 'recorded';

export type CapabilityLevel =
  | 'area'
  | 'dimension'
  | 'item';

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

export type Compare =
  | 'mom'
  | 'yoy';

export type CreateEmbedInput = {
  /** what the host page may change: timeRange (from / to), or dimension ids (f.<dimension>=a,b); none when absent */
  allowControls?: Array<string> | null | undefined;
  /** overview views: trend, map, bars; segments: bars_line, heatmap; channels: scatter, trend; lifecycle: survival, median; churn: trend, bars (not a city's view), bars_line */
  chart: ChartKind;
  /** zh (default) or en */
  lang?: string | null | undefined;
  /** filters always applied; a control can never replace them */
  lockedFilters?: Array<FilterInput> | null | undefined;
  /** the query to embed (give viewId or query, not both) */
  query?: MetricQuery | null | undefined;
  /** lifetime in seconds, 30 to 86400; absent: EMBED_TTL_SECONDS (600) */
  ttlSeconds?: number | null | undefined;
  /**
   * which of the view's charts of that kind, where its page has several: a churn view's bars_line
   * is by value_tier (absent), brand, contract_type or the view's chosen dimension (sub_segment unless it chose another)
   */
  viewDimension?: string | null | undefined;
  /** a saved view to embed (give viewId or query, not both) */
  viewId?: string | number | null | undefined;
  /** the view's version; absent: its latest */
  viewVersion?: number | null | undefined;
};

/** Where the default that applied when opening the dashboard came from (first found wins). */
export type DefaultSource =
  | 'city'
  | 'national'
  | 'own'
  | 'province';

export type Direction =
  | 'asc'
  | 'desc';

export type FilterInput = {
  /** a dimension id, a queried metric (a threshold: gt, gte, lt, lte and one value), or with compare a queried metric's _change or _prev */
  dimension: string | number;
  op: FilterOp;
  /** members for in / not_in; one number for a threshold, or "total" to compare a ratio metric's rows with the query's total (the whole's own figure) */
  values: Array<string>;
};

export type FilterOp =
  | 'gt'
  | 'gte'
  | 'in'
  | 'lt'
  | 'lte'
  | 'not_in';

export type MetricQuery = {
  compare?: Compare | null | undefined;
  filters?: Array<FilterInput> | null | undefined;
  /** dimension ids and at most one time grain: day, week (ISO, Monday to Sunday: 2026-W43), month, quarter, year */
  groupBy?: Array<string | number> | null | undefined;
  limit?: number | null | undefined;
  metrics: Array<string | number>;
  orderBy?: OrderByInput | null | undefined;
  timeRange?: TimeRangeInput | null | undefined;
};

export type OrderByInput = {
  direction: Direction;
  /** a queried metric, a groupBy entry, or with compare a queried metric's _change (relative change) or _prev */
  metric: string | number;
};

export type SaveViewInput = {
  /** absent: a new view */
  id?: string | number | null | undefined;
  /** absent: false for a new view, unchanged for a new version */
  isDefault?: boolean | null | undefined;
  name: string;
  page: string | number;
  scope: string | number;
  state: unknown;
  visibility?: ViewVisibility | null | undefined;
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

export type TimeRangeInput = {
  /** YYYY-MM or YYYY-MM-DD, inclusive */
  from: string;
  /** YYYY-MM or YYYY-MM-DD, inclusive */
  to: string;
};

/** Who a saved view belongs to: shared by everyone in its scope, or one viewer's own. */
export type ViewVisibility =
  | 'personal'
  | 'shared';

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { catalog: { metrics: Array<{ id: string, labelZh: string, labelEn: string, format: string, kind: string, domain: string, higherIsBetter: boolean, dimensions: Array<string>, grains: Array<string> }>, dimensions: Array<{ id: string, labelZh: string, labelEn: string, ordered: boolean, members: Array<{ id: string, labelZh: string, labelEn: string, parent: string | null }> }>, grains: Array<{ id: string, labelZh: string, labelEn: string }> }, dataset: { asOf: string, dataVersion: number, firstMonth: string | null } };

export type MetricsQueryVariables = Exact<{
  query: MetricQuery;
}>;


export type MetricsQuery = { metrics: { rows: Array<unknown>, totals: unknown, asOf: string, from: string | null, to: string | null, timeDefaulted: boolean, scope: string, columns: Array<{ id: string, labelZh: string, labelEn: string, type: string, lang: string | null }> } };

export type SegmentMigrationQueryVariables = Exact<{
  scheme: SegmentScheme;
  from: string;
  to: string;
  filters?: Array<FilterInput> | FilterInput | null | undefined;
}>;


export type SegmentMigrationQuery = { segmentMigration: { scheme: SegmentScheme, fromMonth: string, toMonth: string, flows: Array<{ from: string, to: string, subscribers: number }> } };

export type CohortRetentionQueryVariables = Exact<{
  filters?: Array<FilterInput> | FilterInput | null | undefined;
  timeRange?: TimeRangeInput | null | undefined;
  maxMonths?: number | null | undefined;
}>;


export type CohortRetentionQuery = { cohortRetention: { cells: Array<{ cohort: string, monthsSince: number, base: number, retained: number, rate: number | null }> } };

export type ContractChurnQueryVariables = Exact<{
  filters?: Array<FilterInput> | FilterInput | null | undefined;
}>;


export type ContractChurnQuery = { contractChurn: { points: Array<{ contractType: string, relativeMonth: number, atRisk: number, churned: number, churnRate: number | null }> } };

export type CapabilityScoresQueryVariables = Exact<{
  entities: Array<string | number> | string | number;
  level?: CapabilityLevel | null | undefined;
  derive?: boolean | null | undefined;
}>;


export type CapabilityScoresQuery = { capabilityScores: Array<{ entity: string, level: CapabilityLevel, node: string, dimension: string, score: number | null, known: boolean, noteZh: string | null, noteEn: string | null, comment: string | null, derived: boolean, basis: CapabilityBasis | null, areasAveraged: number | null, areasInDimension: number | null }> };

export type CapabilityAssessmentsQueryVariables = Exact<{
  entity: string | number;
}>;


export type CapabilityAssessmentsQuery = { capabilityAssessments: Array<{ entity: string, assessedOn: string, recordedAt: string, recordedBy: string, items: number }> };

export type RecordAssessmentMutationVariables = Exact<{
  input: AssessmentInput;
}>;


export type RecordAssessmentMutation = { recordAssessment: { entity: string, assessedOn: string, recordedAt: string, recordedBy: string, items: number } };

export type SavedViewsQueryVariables = Exact<{
  scope: string | number;
  search?: string | null | undefined;
  includeDeleted?: boolean | null | undefined;
}>;


export type SavedViewsQuery = { savedViews: Array<{ id: string, version: number, scope: string, visibility: ViewVisibility, owner: string, name: string, page: string, state: unknown, isDefault: boolean, deleted: boolean, savedAt: string, savedBy: string }> };

export type SavedViewHistoryQueryVariables = Exact<{
  id: string | number;
}>;


export type SavedViewHistoryQuery = { savedViewHistory: Array<{ id: string, version: number, scope: string, visibility: ViewVisibility, owner: string, name: string, page: string, state: unknown, isDefault: boolean, deleted: boolean, savedAt: string, savedBy: string }> };

export type EffectiveDefaultViewQueryVariables = Exact<{
  scope: string | number;
}>;


export type EffectiveDefaultViewQuery = { effectiveDefaultView: { source: DefaultSource, view: { id: string, version: number, scope: string, visibility: ViewVisibility, owner: string, name: string, page: string, state: unknown, isDefault: boolean, deleted: boolean, savedAt: string, savedBy: string } } | null };

export type SaveViewMutationVariables = Exact<{
  input: SaveViewInput;
}>;


export type SaveViewMutation = { saveView: { id: string, version: number, scope: string, visibility: ViewVisibility, name: string, page: string, state: unknown, isDefault: boolean, deleted: boolean, savedAt: string, savedBy: string } };

export type SetDefaultViewMutationVariables = Exact<{
  id: string | number;
  isDefault: boolean;
}>;


export type SetDefaultViewMutation = { setDefaultView: { id: string, version: number, isDefault: boolean } };

export type DeleteViewMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteViewMutation = { deleteView: { id: string, version: number, deleted: boolean } };

export type RestoreViewMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type RestoreViewMutation = { restoreView: { id: string, version: number, scope: string, name: string, page: string, state: unknown, isDefault: boolean, deleted: boolean } };

export type SavedViewQueryVariables = Exact<{
  id: string | number;
  version?: number | null | undefined;
}>;


export type SavedViewQuery = { savedView: { id: string, version: number, scope: string, visibility: ViewVisibility, owner: string, name: string, page: string, state: unknown, isDefault: boolean, deleted: boolean, savedAt: string, savedBy: string } | null };

export type AskQueryVariables = Exact<{
  question: string;
  conversationId?: string | number | null | undefined;
  context?: AskContext | null | undefined;
  asOf?: string | null | undefined;
}>;


export type AskQuery = { ask: { conversationId: string, status: AskStatus, interpretation: unknown, restatement: string, language: string, graphql: string | null, variables: unknown, chart: ChartKind | null, requeried: boolean, rows: Array<unknown> | null, totals: unknown, asOf: string | null, from: string | null, to: string | null, message: string | null, suggestions: Array<string>, columns: Array<{ id: string, labelZh: string, labelEn: string, type: string, lang: string | null }> | null, unknownWords: Array<{ text: string, start: number, end: number }>, choices: Array<{ label: string, interpretation: unknown }>, focus: { dimension: string, values: Array<string> } | null, tenure: { months: number, within: boolean } | null } };

export type ChatMetricsQueryVariables = Exact<{
  q: MetricQuery;
  asOf?: string | null | undefined;
}>;


export type ChatMetricsQuery = { metrics: { rows: Array<unknown>, totals: unknown, asOf: string, from: string | null, to: string | null, columns: Array<{ id: string, labelZh: string, labelEn: string, type: string, lang: string | null }> } };

export type CreateEmbedMutationVariables = Exact<{
  input: CreateEmbedInput;
}>;


export type CreateEmbedMutation = { createEmbed: { token: string, url: string, expiresAt: string, chart: ChartKind, scope: string, query: unknown } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const CatalogDocument = new TypedDocumentString(`
    query Catalog {
  catalog {
    metrics {
      id
      labelZh
      labelEn
      format
      kind
      domain
      higherIsBetter
      dimensions
      grains
    }
    dimensions {
      id
      labelZh
      labelEn
      ordered
      members {
        id
        labelZh
        labelEn
        parent
      }
    }
    grains {
      id
      labelZh
      labelEn
    }
  }
  dataset {
    asOf
    dataVersion
    firstMonth
  }
}
    `) as unknown as TypedDocumentString<CatalogQuery, CatalogQueryVariables>;
export const MetricsDocument = new TypedDocumentString(`
    query Metrics($query: MetricQuery!) {
  metrics(query: $query) {
    columns {
      id
      labelZh
      labelEn
      type
      lang
    }
    rows
    totals
    asOf
    from
    to
    timeDefaulted
    scope
  }
}
    `) as unknown as TypedDocumentString<MetricsQuery, MetricsQueryVariables>;
export const SegmentMigrationDocument = new TypedDocumentString(`
    query SegmentMigration($scheme: SegmentScheme!, $from: String!, $to: String!, $filters: [FilterInput!]) {
  segmentMigration(scheme: $scheme, from: $from, to: $to, filters: $filters) {
    scheme
    fromMonth
    toMonth
    flows {
      from
      to
      subscribers
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentMigrationQuery, SegmentMigrationQueryVariables>;
export const CohortRetentionDocument = new TypedDocumentString(`
    query CohortRetention($filters: [FilterInput!], $timeRange: TimeRangeInput, $maxMonths: Int) {
  cohortRetention(filters: $filters, timeRange: $timeRange, maxMonths: $maxMonths) {
    cells {
      cohort
      monthsSince
      base
      retained
      rate
    }
  }
}
    `) as unknown as TypedDocumentString<CohortRetentionQuery, CohortRetentionQueryVariables>;
export const ContractChurnDocument = new TypedDocumentString(`
    query ContractChurn($filters: [FilterInput!]) {
  contractChurn(filters: $filters) {
    points {
      contractType
      relativeMonth
      atRisk
      churned
      churnRate
    }
  }
}
    `) as unknown as TypedDocumentString<ContractChurnQuery, ContractChurnQueryVariables>;
export const CapabilityScoresDocument = new TypedDocumentString(`
    query CapabilityScores($entities: [ID!]!, $level: CapabilityLevel, $derive: Boolean) {
  capabilityScores(entities: $entities, level: $level, derive: $derive) {
    entity
    level
    node
    dimension
    score
    known
    noteZh
    noteEn
    comment
    derived
    basis
    areasAveraged
    areasInDimension
  }
}
    `) as unknown as TypedDocumentString<CapabilityScoresQuery, CapabilityScoresQueryVariables>;
export const CapabilityAssessmentsDocument = new TypedDocumentString(`
    query CapabilityAssessments($entity: ID!) {
  capabilityAssessments(entity: $entity) {
    entity
    assessedOn
    recordedAt
    recordedBy
    items
  }
}
    `) as unknown as TypedDocumentString<CapabilityAssessmentsQuery, CapabilityAssessmentsQueryVariables>;
export const RecordAssessmentDocument = new TypedDocumentString(`
    mutation RecordAssessment($input: AssessmentInput!) {
  recordAssessment(input: $input) {
    entity
    assessedOn
    recordedAt
    recordedBy
    items
  }
}
    `) as unknown as TypedDocumentString<RecordAssessmentMutation, RecordAssessmentMutationVariables>;
export const SavedViewsDocument = new TypedDocumentString(`
    query SavedViews($scope: ID!, $search: String, $includeDeleted: Boolean) {
  savedViews(scope: $scope, search: $search, includeDeleted: $includeDeleted) {
    id
    version
    scope
    visibility
    owner
    name
    page
    state
    isDefault
    deleted
    savedAt
    savedBy
  }
}
    `) as unknown as TypedDocumentString<SavedViewsQuery, SavedViewsQueryVariables>;
export const SavedViewHistoryDocument = new TypedDocumentString(`
    query SavedViewHistory($id: ID!) {
  savedViewHistory(id: $id) {
    id
    version
    scope
    visibility
    owner
    name
    page
    state
    isDefault
    deleted
    savedAt
    savedBy
  }
}
    `) as unknown as TypedDocumentString<SavedViewHistoryQuery, SavedViewHistoryQueryVariables>;
export const EffectiveDefaultViewDocument = new TypedDocumentString(`
    query EffectiveDefaultView($scope: ID!) {
  effectiveDefaultView(scope: $scope) {
    source
    view {
      id
      version
      scope
      visibility
      owner
      name
      page
      state
      isDefault
      deleted
      savedAt
      savedBy
    }
  }
}
    `) as unknown as TypedDocumentString<EffectiveDefaultViewQuery, EffectiveDefaultViewQueryVariables>;
export const SaveViewDocument = new TypedDocumentString(`
    mutation SaveView($input: SaveViewInput!) {
  saveView(input: $input) {
    id
    version
    scope
    visibility
    name
    page
    state
    isDefault
    deleted
    savedAt
    savedBy
  }
}
    `) as unknown as TypedDocumentString<SaveViewMutation, SaveViewMutationVariables>;
export const SetDefaultViewDocument = new TypedDocumentString(`
    mutation SetDefaultView($id: ID!, $isDefault: Boolean!) {
  setDefaultView(id: $id, isDefault: $isDefault) {
    id
    version
    isDefault
  }
}
    `) as unknown as TypedDocumentString<SetDefaultViewMutation, SetDefaultViewMutationVariables>;
export const DeleteViewDocument = new TypedDocumentString(`
    mutation DeleteView($id: ID!) {
  deleteView(id: $id) {
    id
    version
    deleted
  }
}
    `) as unknown as TypedDocumentString<DeleteViewMutation, DeleteViewMutationVariables>;
export const RestoreViewDocument = new TypedDocumentString(`
    mutation RestoreView($id: ID!, $version: Int!) {
  restoreView(id: $id, version: $version) {
    id
    version
    scope
    name
    page
    state
    isDefault
    deleted
  }
}
    `) as unknown as TypedDocumentString<RestoreViewMutation, RestoreViewMutationVariables>;
export const SavedViewDocument = new TypedDocumentString(`
    query SavedView($id: ID!, $version: Int) {
  savedView(id: $id, version: $version) {
    id
    version
    scope
    visibility
    owner
    name
    page
    state
    isDefault
    deleted
    savedAt
    savedBy
  }
}
    `) as unknown as TypedDocumentString<SavedViewQuery, SavedViewQueryVariables>;
export const AskDocument = new TypedDocumentString(`
    query Ask($question: String!, $conversationId: ID, $context: AskContext, $asOf: Date) {
  ask(
    question: $question
    conversationId: $conversationId
    context: $context
    asOf: $asOf
  ) {
    conversationId
    status
    interpretation
    restatement
    language
    graphql
    variables
    chart
    requeried
    columns {
      id
      labelZh
      labelEn
      type
      lang
    }
    rows
    totals
    asOf
    from
    to
    unknownWords {
      text
      start
      end
    }
    choices {
      label
      interpretation
    }
    focus {
      dimension
      values
    }
    tenure {
      months
      within
    }
    message
    suggestions
  }
}
    `) as unknown as TypedDocumentString<AskQuery, AskQueryVariables>;
export const ChatMetricsDocument = new TypedDocumentString(`
    query ChatMetrics($q: MetricQuery!, $asOf: Date) {
  metrics(query: $q, asOf: $asOf) {
    columns {
      id
      labelZh
      labelEn
      type
      lang
    }
    rows
    totals
    asOf
    from
    to
  }
}
    `) as unknown as TypedDocumentString<ChatMetricsQuery, ChatMetricsQueryVariables>;
export const CreateEmbedDocument = new TypedDocumentString(`
    mutation CreateEmbed($input: CreateEmbedInput!) {
  createEmbed(input: $input) {
    token
    url
    expiresAt
    chart
    scope
    query
  }
}
    `) as unknown as TypedDocumentString<CreateEmbedMutation, CreateEmbedMutationVariables>;