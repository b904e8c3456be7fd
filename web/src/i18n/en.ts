/** UI text in English. Metric, dimension and member names come from the catalog. */
import type zh from './zh-CN';

const en: typeof zh = {
  app: { title: 'CRM Analytics', subtitle: 'Telecom customer relationship management', language: '中文', signOut: 'Sign out', asOf: 'Data as of {date}', loading: 'Loading…', bootFailed: 'Cannot reach the analytics service: {msg}', retry: 'Retry' },
  nav: { overview: 'Overview', segments: 'Segments', channels: 'Channels', lifecycle: 'Lifecycle', capability: 'Capability' },
  region: { label: 'Region', national: 'National', allProvinces: 'All provinces', allCities: 'Whole province', back: 'Up', up: 'Back to {name}' },
  time: { label: 'Time', from: 'From', to: 'To', reset: 'Last 12 months' },
  chart: {
    loading: 'Loading…', empty: 'No data in the selected scope', unavailable: 'Not available yet', unavailableHint: 'The server does not provide this yet ({msg})',
    error: 'Query failed: {msg}', png: 'Export PNG', csv: 'CSV', xlsx: 'XLSX', info: 'Query info', close: 'Close',
    infoQuery: 'GraphQL query', infoVariables: 'Variables', infoAsOf: 'Data as of', infoScope: 'Scope', infoRange: 'Time range',
    exportName: '{title}', copy: 'Copy',
  },
  kpi: { vsMom: 'MoM', vsYoy: 'YoY', noCompare: 'no comparison', month: '{month}', notReached: 'not reached' },
  overview: {
    kpis: 'Key figures', trends: 'Monthly trend', map: '{metric} by province', mapHint: 'Click a province for its cities', cities: '{metric} by city, {province}',
    cityHint: 'Click a city to scope the whole dashboard to it', mapMetric: 'Colour by', trendMetric: 'Trend metric', prevYear: 'Same month last year', scopedTo: 'Scope: {name}',
  },
  segments: {
    tiers: 'Value tiers', subSegments: 'Brand sub-segments', rfm: 'RFM heatmap (R × F)', migration: 'Segment migration ({from} → {to})',
    scheme: 'Scheme', fromMonth: 'From month', toMonth: 'To month', newSubs: 'New', churned: 'Churned', share: 'Share',
  },
  channels: {
    table: 'Channel efficiency', scatter: 'Conversion rate vs cost per conversion', eTrend: 'E-channel share trend', preference: 'Lifecycle stage × channel preference',
    lift: 'Campaign effect (model list vs random list)', model: 'Model list', random: 'Random list', lift2: 'Lift', bubble: 'Bubble size = contacts',
  },
  lifecycle: {
    survival: 'Survival curves (Kaplan–Meier, 95% band)', median: 'Median lifetime per group', logRank: 'Log-rank test',
    cohort: 'Cohort retention heatmap', contract: 'Churn around contract end', groupBy: 'Group by', chisq: 'χ² = {chisq}, df {df}, p {p}',
    significant: 'The curves differ significantly (p < 0.05)', notSignificant: 'No significant difference between the curves', relMonth: 'Months from contract end', monthsSince: 'Months since activation',
    band: '{name} 95% band', notReached: 'not below 50%',
  },
  capability: {
    radar: 'Capability radar: entities vs carrier benchmark', tree: 'Three-level scores (dimension → area → item)', form: 'Self-assessment: {region}', entities: 'Entities',
    foreignBest: 'Best foreign carrier', foreignMean: 'Mean of foreign carriers', unknown: 'unknown', unknownNotes: 'Dimension scores not published in the source (never guessed):',
    node: 'Capability', score: 'Score', comment: 'Comment', note: 'Note', assessedOn: 'Assessed on', submit: 'Record assessment', submitted: 'Recorded {n} scores',
    history: 'Assessment history', nationalHint: 'Pick a province or a city in the region picker to assess it.', entity: 'Entity', items: 'Items', recordedBy: 'Recorded by',
  },
  views: {
    title: 'Saved views', save: 'Save view', name: 'View name', saveAs: 'Save as', shared: 'Shared in {scope}', personal: 'Only me',
    asDefault: 'Make it the default of {scope}', search: 'Search views…', none: 'No saved views in this scope', open: 'Open', setDefault: 'Make default',
    unsetDefault: 'Unset default', delete: 'Delete', history: 'History', restore: 'Restore this version', version: 'Version {v}', default: 'Default',
    deleted: 'Deleted', showDeleted: 'Show deleted', applied: 'Applied {source}: “{name}”', reset: 'Reset', saved: 'Saved “{name}” (version {v})',
    sourceOwn: 'my default view', sourceCity: 'the city default', sourceProvince: 'the province default', sourceNational: 'the national default', sourceUrl: 'the linked view',
    update: 'Save as new version', close: 'Close', page: 'Page',
  },
  common: { total: 'Total', other: 'Other', yes: 'Yes', no: 'No', cancel: 'Cancel' },
};
export default en;
