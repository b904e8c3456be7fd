/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Catalog {\n    catalog {\n      metrics { id labelZh labelEn format kind domain higherIsBetter dimensions grains }\n      dimensions { id labelZh labelEn ordered members { id labelZh labelEn parent } }\n      grains { id labelZh labelEn }\n    }\n    dataset { asOf dataVersion firstMonth }\n  }\n": typeof types.CatalogDocument,
    "\n  query Metrics($query: MetricQuery!) {\n    metrics(query: $query) {\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n      timeDefaulted\n      scope\n    }\n  }\n": typeof types.MetricsDocument,
    "\n  query SegmentMigration($scheme: SegmentScheme!, $from: String!, $to: String!, $filters: [FilterInput!]) {\n    segmentMigration(scheme: $scheme, from: $from, to: $to, filters: $filters) {\n      scheme fromMonth toMonth flows { from to subscribers }\n    }\n  }\n": typeof types.SegmentMigrationDocument,
    "\n  query CohortRetention($filters: [FilterInput!], $timeRange: TimeRangeInput, $maxMonths: Int) {\n    cohortRetention(filters: $filters, timeRange: $timeRange, maxMonths: $maxMonths) {\n      cells { cohort monthsSince base retained rate }\n    }\n  }\n": typeof types.CohortRetentionDocument,
    "\n  query ContractChurn($filters: [FilterInput!]) {\n    contractChurn(filters: $filters) {\n      points { contractType relativeMonth atRisk churned churnRate }\n    }\n  }\n": typeof types.ContractChurnDocument,
    "\n  query CapabilityScores($entities: [ID!]!, $level: CapabilityLevel, $derive: Boolean) {\n    capabilityScores(entities: $entities, level: $level, derive: $derive) {\n      entity level node dimension score known noteZh noteEn comment derived basis areasAveraged areasInDimension\n    }\n  }\n": typeof types.CapabilityScoresDocument,
    "\n  query CapabilityAssessments($entity: ID!) {\n    capabilityAssessments(entity: $entity) { entity assessedOn recordedAt recordedBy items }\n  }\n": typeof types.CapabilityAssessmentsDocument,
    "\n  mutation RecordAssessment($input: AssessmentInput!) {\n    recordAssessment(input: $input) { entity assessedOn recordedAt recordedBy items }\n  }\n": typeof types.RecordAssessmentDocument,
    "\n  query SavedViews($scope: ID!, $search: String, $includeDeleted: Boolean) {\n    savedViews(scope: $scope, search: $search, includeDeleted: $includeDeleted) {\n      id version scope visibility owner name page state isDefault deleted savedAt savedBy\n    }\n  }\n": typeof types.SavedViewsDocument,
    "\n  query SavedViewHistory($id: ID!) {\n    savedViewHistory(id: $id) {\n      id version scope visibility owner name page state isDefault deleted savedAt savedBy\n    }\n  }\n": typeof types.SavedViewHistoryDocument,
    "\n  query EffectiveDefaultView($scope: ID!) {\n    effectiveDefaultView(scope: $scope) {\n      source\n      view { id version scope visibility owner name page state isDefault deleted savedAt savedBy }\n    }\n  }\n": typeof types.EffectiveDefaultViewDocument,
    "\n  mutation SaveView($input: SaveViewInput!) {\n    saveView(input: $input) { id version scope visibility name page state isDefault deleted savedAt savedBy }\n  }\n": typeof types.SaveViewDocument,
    "\n  mutation SetDefaultView($id: ID!, $isDefault: Boolean!) {\n    setDefaultView(id: $id, isDefault: $isDefault) { id version isDefault }\n  }\n": typeof types.SetDefaultViewDocument,
    "\n  mutation DeleteView($id: ID!) {\n    deleteView(id: $id) { id version deleted }\n  }\n": typeof types.DeleteViewDocument,
    "\n  mutation RestoreView($id: ID!, $version: Int!) {\n    restoreView(id: $id, version: $version) { id version scope name page state isDefault deleted }\n  }\n": typeof types.RestoreViewDocument,
    "\n  query SavedView($id: ID!, $version: Int) {\n    savedView(id: $id, version: $version) { id version scope visibility owner name page state isDefault deleted savedAt savedBy }\n  }\n": typeof types.SavedViewDocument,
    "\n  query Ask($question: String!, $conversationId: ID, $context: AskContext, $asOf: Date) {\n    ask(question: $question, conversationId: $conversationId, context: $context, asOf: $asOf) {\n      conversationId status interpretation restatement language graphql variables chart requeried\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n      unknownWords { text start end }\n      choices { label interpretation }\n      focus { dimension values }\n      tenure { months within }\n      message\n      suggestions\n    }\n  }\n": typeof types.AskDocument,
    "\n  query ChatMetrics($q: MetricQuery!, $asOf: Date) {\n    metrics(query: $q, asOf: $asOf) {\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n    }\n  }\n": typeof types.ChatMetricsDocument,
    "\n  mutation CreateEmbed($input: CreateEmbedInput!) {\n    createEmbed(input: $input) { token url expiresAt chart scope query }\n  }\n": typeof types.CreateEmbedDocument,
};
const documents: Documents = {
    "\n  query Catalog {\n    catalog {\n      metrics { id labelZh labelEn format kind domain higherIsBetter dimensions grains }\n      dimensions { id labelZh labelEn ordered members { id labelZh labelEn parent } }\n      grains { id labelZh labelEn }\n    }\n    dataset { asOf dataVersion firstMonth }\n  }\n": types.CatalogDocument,
    "\n  query Metrics($query: MetricQuery!) {\n    metrics(query: $query) {\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n      timeDefaulted\n      scope\n    }\n  }\n": types.MetricsDocument,
    "\n  query SegmentMigration($scheme: SegmentScheme!, $from: String!, $to: String!, $filters: [FilterInput!]) {\n    segmentMigration(scheme: $scheme, from: $from, to: $to, filters: $filters) {\n      scheme fromMonth toMonth flows { from to subscribers }\n    }\n  }\n": types.SegmentMigrationDocument,
    "\n  query CohortRetention($filters: [FilterInput!], $timeRange: TimeRangeInput, $maxMonths: Int) {\n    cohortRetention(filters: $filters, timeRange: $timeRange, maxMonths: $maxMonths) {\n      cells { cohort monthsSince base retained rate }\n    }\n  }\n": types.CohortRetentionDocument,
    "\n  query ContractChurn($filters: [FilterInput!]) {\n    contractChurn(filters: $filters) {\n      points { contractType relativeMonth atRisk churned churnRate }\n    }\n  }\n": types.ContractChurnDocument,
    "\n  query CapabilityScores($entities: [ID!]!, $level: CapabilityLevel, $derive: Boolean) {\n    capabilityScores(entities: $entities, level: $level, derive: $derive) {\n      entity level node dimension score known noteZh noteEn comment derived basis areasAveraged areasInDimension\n    }\n  }\n": types.CapabilityScoresDocument,
    "\n  query CapabilityAssessments($entity: ID!) {\n    capabilityAssessments(entity: $entity) { entity assessedOn recordedAt recordedBy items }\n  }\n": types.CapabilityAssessmentsDocument,
    "\n  mutation RecordAssessment($input: AssessmentInput!) {\n    recordAssessment(input: $input) { entity assessedOn recordedAt recordedBy items }\n  }\n": types.RecordAssessmentDocument,
    "\n  query SavedViews($scope: ID!, $search: String, $includeDeleted: Boolean) {\n    savedViews(scope: $scope, search: $search, includeDeleted: $includeDeleted) {\n      id version scope visibility owner name page state isDefault deleted savedAt savedBy\n    }\n  }\n": types.SavedViewsDocument,
    "\n  query SavedViewHistory($id: ID!) {\n    savedViewHistory(id: $id) {\n      id version scope visibility owner name page state isDefault deleted savedAt savedBy\n    }\n  }\n": types.SavedViewHistoryDocument,
    "\n  query EffectiveDefaultView($scope: ID!) {\n    effectiveDefaultView(scope: $scope) {\n      source\n      view { id version scope visibility owner name page state isDefault deleted savedAt savedBy }\n    }\n  }\n": types.EffectiveDefaultViewDocument,
    "\n  mutation SaveView($input: SaveViewInput!) {\n    saveView(input: $input) { id version scope visibility name page state isDefault deleted savedAt savedBy }\n  }\n": types.SaveViewDocument,
    "\n  mutation SetDefaultView($id: ID!, $isDefault: Boolean!) {\n    setDefaultView(id: $id, isDefault: $isDefault) { id version isDefault }\n  }\n": types.SetDefaultViewDocument,
    "\n  mutation DeleteView($id: ID!) {\n    deleteView(id: $id) { id version deleted }\n  }\n": types.DeleteViewDocument,
    "\n  mutation RestoreView($id: ID!, $version: Int!) {\n    restoreView(id: $id, version: $version) { id version scope name page state isDefault deleted }\n  }\n": types.RestoreViewDocument,
    "\n  query SavedView($id: ID!, $version: Int) {\n    savedView(id: $id, version: $version) { id version scope visibility owner name page state isDefault deleted savedAt savedBy }\n  }\n": types.SavedViewDocument,
    "\n  query Ask($question: String!, $conversationId: ID, $context: AskContext, $asOf: Date) {\n    ask(question: $question, conversationId: $conversationId, context: $context, asOf: $asOf) {\n      conversationId status interpretation restatement language graphql variables chart requeried\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n      unknownWords { text start end }\n      choices { label interpretation }\n      focus { dimension values }\n      tenure { months within }\n      message\n      suggestions\n    }\n  }\n": types.AskDocument,
    "\n  query ChatMetrics($q: MetricQuery!, $asOf: Date) {\n    metrics(query: $q, asOf: $asOf) {\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n    }\n  }\n": types.ChatMetricsDocument,
    "\n  mutation CreateEmbed($input: CreateEmbedInput!) {\n    createEmbed(input: $input) { token url expiresAt chart scope query }\n  }\n": types.CreateEmbedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog {\n    catalog {\n      metrics { id labelZh labelEn format kind domain higherIsBetter dimensions grains }\n      dimensions { id labelZh labelEn ordered members { id labelZh labelEn parent } }\n      grains { id labelZh labelEn }\n    }\n    dataset { asOf dataVersion firstMonth }\n  }\n"): typeof import('./graphql').CatalogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Metrics($query: MetricQuery!) {\n    metrics(query: $query) {\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n      timeDefaulted\n      scope\n    }\n  }\n"): typeof import('./graphql').MetricsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentMigration($scheme: SegmentScheme!, $from: String!, $to: String!, $filters: [FilterInput!]) {\n    segmentMigration(scheme: $scheme, from: $from, to: $to, filters: $filters) {\n      scheme fromMonth toMonth flows { from to subscribers }\n    }\n  }\n"): typeof import('./graphql').SegmentMigrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CohortRetention($filters: [FilterInput!], $timeRange: TimeRangeInput, $maxMonths: Int) {\n    cohortRetention(filters: $filters, timeRange: $timeRange, maxMonths: $maxMonths) {\n      cells { cohort monthsSince base retained rate }\n    }\n  }\n"): typeof import('./graphql').CohortRetentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContractChurn($filters: [FilterInput!]) {\n    contractChurn(filters: $filters) {\n      points { contractType relativeMonth atRisk churned churnRate }\n    }\n  }\n"): typeof import('./graphql').ContractChurnDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CapabilityScores($entities: [ID!]!, $level: CapabilityLevel, $derive: Boolean) {\n    capabilityScores(entities: $entities, level: $level, derive: $derive) {\n      entity level node dimension score known noteZh noteEn comment derived basis areasAveraged areasInDimension\n    }\n  }\n"): typeof import('./graphql').CapabilityScoresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CapabilityAssessments($entity: ID!) {\n    capabilityAssessments(entity: $entity) { entity assessedOn recordedAt recordedBy items }\n  }\n"): typeof import('./graphql').CapabilityAssessmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAssessment($input: AssessmentInput!) {\n    recordAssessment(input: $input) { entity assessedOn recordedAt recordedBy items }\n  }\n"): typeof import('./graphql').RecordAssessmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SavedViews($scope: ID!, $search: String, $includeDeleted: Boolean) {\n    savedViews(scope: $scope, search: $search, includeDeleted: $includeDeleted) {\n      id version scope visibility owner name page state isDefault deleted savedAt savedBy\n    }\n  }\n"): typeof import('./graphql').SavedViewsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SavedViewHistory($id: ID!) {\n    savedViewHistory(id: $id) {\n      id version scope visibility owner name page state isDefault deleted savedAt savedBy\n    }\n  }\n"): typeof import('./graphql').SavedViewHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EffectiveDefaultView($scope: ID!) {\n    effectiveDefaultView(scope: $scope) {\n      source\n      view { id version scope visibility owner name page state isDefault deleted savedAt savedBy }\n    }\n  }\n"): typeof import('./graphql').EffectiveDefaultViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveView($input: SaveViewInput!) {\n    saveView(input: $input) { id version scope visibility name page state isDefault deleted savedAt savedBy }\n  }\n"): typeof import('./graphql').SaveViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDefaultView($id: ID!, $isDefault: Boolean!) {\n    setDefaultView(id: $id, isDefault: $isDefault) { id version isDefault }\n  }\n"): typeof import('./graphql').SetDefaultViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteView($id: ID!) {\n    deleteView(id: $id) { id version deleted }\n  }\n"): typeof import('./graphql').DeleteViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreView($id: ID!, $version: Int!) {\n    restoreView(id: $id, version: $version) { id version scope name page state isDefault deleted }\n  }\n"): typeof import('./graphql').RestoreViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SavedView($id: ID!, $version: Int) {\n    savedView(id: $id, version: $version) { id version scope visibility owner name page state isDefault deleted savedAt savedBy }\n  }\n"): typeof import('./graphql').SavedViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ask($question: String!, $conversationId: ID, $context: AskContext, $asOf: Date) {\n    ask(question: $question, conversationId: $conversationId, context: $context, asOf: $asOf) {\n      conversationId status interpretation restatement language graphql variables chart requeried\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n      unknownWords { text start end }\n      choices { label interpretation }\n      focus { dimension values }\n      tenure { months within }\n      message\n      suggestions\n    }\n  }\n"): typeof import('./graphql').AskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatMetrics($q: MetricQuery!, $asOf: Date) {\n    metrics(query: $q, asOf: $asOf) {\n      columns { id labelZh labelEn type lang }\n      rows\n      totals\n      asOf\n      from\n      to\n    }\n  }\n"): typeof import('./graphql').ChatMetricsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEmbed($input: CreateEmbedInput!) {\n    createEmbed(input: $input) { token url expiresAt chart scope query }\n  }\n"): typeof import('./graphql').CreateEmbedDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
