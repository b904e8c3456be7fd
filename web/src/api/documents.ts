/** Every GraphQL document the dashboard sends; codegen types them (web/src/generated). */
import { graphql } from '../generated/gql';

export const CatalogDocument = graphql(`
  query Catalog {
    catalog {
      metrics { id labelZh labelEn format kind domain higherIsBetter dimensions grains }
      dimensions { id labelZh labelEn ordered members { id labelZh labelEn parent } }
      grains { id labelZh labelEn }
    }
    dataset { asOf dataVersion firstMonth }
  }
`);

export const MetricsDocument = graphql(`
  query Metrics($query: MetricQuery!) {
    metrics(query: $query) {
      columns { id labelZh labelEn type lang }
      rows
      totals
      asOf
      from
      to
      timeDefaulted
      scope
    }
  }
`);

export const SegmentMigrationDocument = graphql(`
  query SegmentMigration($scheme: SegmentScheme!, $from: String!, $to: String!, $filters: [FilterInput!]) {
    segmentMigration(scheme: $scheme, from: $from, to: $to, filters: $filters) {
      scheme fromMonth toMonth flows { from to subscribers }
    }
  }
`);

export const CohortRetentionDocument = graphql(`
  query CohortRetention($filters: [FilterInput!], $timeRange: TimeRangeInput, $maxMonths: Int) {
    cohortRetention(filters: $filters, timeRange: $timeRange, maxMonths: $maxMonths) {
      cells { cohort monthsSince base retained rate }
    }
  }
`);

export const ContractChurnDocument = graphql(`
  query ContractChurn($filters: [FilterInput!]) {
    contractChurn(filters: $filters) {
      points { contractType relativeMonth atRisk churned churnRate }
    }
  }
`);

export const CapabilityScoresDocument = graphql(`
  query CapabilityScores($entities: [ID!]!, $level: CapabilityLevel, $derive: Boolean) {
    capabilityScores(entities: $entities, level: $level, derive: $derive) {
      entity level node dimension score known noteZh noteEn comment derived basis areasAveraged areasInDimension
    }
  }
`);

export const CapabilityAssessmentsDocument = graphql(`
  query CapabilityAssessments($entity: ID!) {
    capabilityAssessments(entity: $entity) { entity assessedOn recordedAt recordedBy items }
  }
`);

export const RecordAssessmentDocument = graphql(`
  mutation RecordAssessment($input: AssessmentInput!) {
    recordAssessment(input: $input) { entity assessedOn recordedAt recordedBy items }
  }
`);

export const SavedViewsDocument = graphql(`
  query SavedViews($scope: ID!, $search: String, $includeDeleted: Boolean) {
    savedViews(scope: $scope, search: $search, includeDeleted: $includeDeleted) {
      id version scope visibility owner name page state isDefault deleted savedAt savedBy
    }
  }
`);

export const SavedViewHistoryDocument = graphql(`
  query SavedViewHistory($id: ID!) {
    savedViewHistory(id: $id) {
      id version scope visibility owner name page state isDefault deleted savedAt savedBy
    }
  }
`);

export const EffectiveDefaultViewDocument = graphql(`
  query EffectiveDefaultView($scope: ID!) {
    effectiveDefaultView(scope: $scope) {
      source
      view { id version scope visibility owner name page state isDefault deleted savedAt savedBy }
    }
  }
`);

export const SaveViewDocument = graphql(`
  mutation SaveView($input: SaveViewInput!) {
    saveView(input: $input) { id version scope visibility name page state isDefault deleted savedAt savedBy }
  }
`);

export const SetDefaultViewDocument = graphql(`
  mutation SetDefaultView($id: ID!, $isDefault: Boolean!) {
    setDefaultView(id: $id, isDefault: $isDefault) { id version isDefault }
  }
`);

export const DeleteViewDocument = graphql(`
  mutation DeleteView($id: ID!) {
    deleteView(id: $id) { id version deleted }
  }
`);

export const RestoreViewDocument = graphql(`
  mutation RestoreView($id: ID!, $version: Int!) {
    restoreView(id: $id, version: $version) { id version scope name page state isDefault deleted }
  }
`);

export const SavedViewDocument = graphql(`
  query SavedView($id: ID!, $version: Int) {
    savedView(id: $id, version: $version) { id version scope visibility owner name page state isDefault deleted savedAt savedBy }
  }
`);

/** The chat: a question (zh / en) → status, the typed query it understood, the chart kind and the result. */
export const AskDocument = graphql(`
  query Ask($question: String!, $conversationId: ID, $context: AskContext, $asOf: Date) {
    ask(question: $question, conversationId: $conversationId, context: $context, asOf: $asOf) {
      conversationId status interpretation restatement language graphql variables chart requeried
      columns { id labelZh labelEn type lang }
      rows
      totals
      asOf
      from
      to
      unknownWords { text start end }
      choices { label interpretation }
      focus { dimension values }
      tenure { months within }
      message
      suggestions
    }
  }
`);

/** The chat's re-run of an edited interpretation (or a CLARIFY choice): the same selection as the document `ask` executes. */
export const ChatMetricsDocument = graphql(`
  query ChatMetrics($q: MetricQuery!, $asOf: Date) {
    metrics(query: $q, asOf: $asOf) {
      columns { id labelZh labelEn type lang }
      rows
      totals
      asOf
      from
      to
    }
  }
`);

/** An embed of one chart, minted by an analyst or administrator from a card (its query, its chart kind). */
export const CreateEmbedDocument = graphql(`
  mutation CreateEmbed($input: CreateEmbedInput!) {
    createEmbed(input: $input) { token url expiresAt chart scope query }
  }
`);
