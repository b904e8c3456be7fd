/** UI text in English. Metric, dimension and member names come from the catalog. */
import type zh from './zh-CN';
import { FAILURES } from './failures';

const en: typeof zh = {
  app: { title: 'CRM Analytics', subtitle: 'Telecom customer relationship management', language: '中文', signOut: 'Sign out', asOf: 'Data as of {date}', loading: 'Loading…', bootFailed: 'Cannot reach the analytics service: {msg}', retry: 'Retry',
    regionIgnored: 'The link\'s region "{code}" does not exist; showing {region}.', regionOutside: 'The link\'s region, {name} ({code}), is outside your access; showing {region}.' },
  nav: { overview: 'Overview', segments: 'Segments', channels: 'Channels', lifecycle: 'Lifecycle', capability: 'Capability' },
  region: { label: 'Region', national: 'National', allProvinces: 'All provinces', allCities: 'Whole province', back: 'Up', up: 'Back to {name}' },
  time: { label: 'Time', from: 'From', to: 'To', reset: 'Last 12 months' },
  brandFilter: { label: 'Brand', all: 'All brands' },
  errors: FAILURES.en,
  chart: {
    loading: 'Loading…', empty: 'No data in the selected scope', unavailable: 'Not available yet', unavailableHint: 'The server does not provide this yet ({msg})',
    error: 'Query failed: {msg}', png: 'Export PNG', csv: 'CSV', xlsx: 'XLSX', info: 'Query info', close: 'Close',
    infoQuery: 'GraphQL query', infoVariables: 'Variables', infoAsOf: 'Data as of', infoScope: 'Scope', infoRange: 'Time range',
    exportName: '{title}', copy: 'Copy', notNarrowed: 'not filtered to {brand}', notNarrowedHint: "This chart's metrics have no brand: it shows all brands",
  },
  embed: {
    button: 'Embed', title: 'Embed this chart in an intranet page', ttl: 'Token lifetime', ttl10m: '10 minutes', ttl1h: '1 hour', ttl24h: '24 hours', lang: 'Chart language',
    allowTime: 'Let the page change the time range', create: 'Create', preview: 'Preview', component: 'Web component (put it in the intranet page)', iframe: 'Or an iframe',
    api: 'In production tokens expire soon: the page\'s backend gets one from POST /api/embed/token with its API key (this body)', expires: 'This token expires at {at}',
    copy: 'Copy', copied: 'Copied', scope: 'The embed\'s data is limited to your scope: {scope}',
  },
  kpi: { vsMom: 'MoM', vsYoy: 'YoY', noCompare: 'no comparison', month: '{month}', notReached: 'not reached' },
  overview: {
    kpis: 'Key figures', trends: 'Monthly trend', map: '{metric} map, China', ranking: '{metric} by province, ranked', mapHint: 'Click a province for its cities', noData: 'No data', cities: '{metric} by city, {province}', cityMap: '{metric} map, {province}', byBrand: '{metric} by brand, {region}',
    cityHint: 'Click a city to scope the whole dashboard to it', mapMetric: 'Colour by', trendMetric: 'Trend metric', prevYear: 'Same month last year', scopedTo: 'Scope: {name}',
  },
  segments: {
    tiers: 'Value tiers', subSegments: 'Brand sub-segments', rfm: 'RFM heatmap (R × F)', migration: 'Segment migration ({from} → {to})', oneMonth: 'A migration compares two months: pick a range of two months or more',
    scheme: 'Scheme', fromMonth: 'From month', toMonth: 'To month', newSubs: 'New', churned: 'Churned', share: 'Share',
  },
  channels: {
    table: 'Channel efficiency', scatter: 'Conversion rate vs cost per conversion', eTrend: 'E-channel share trend', preference: 'Lifecycle stage × channel preference',
    lift: 'Campaign effect (model list vs random list)', model: 'Model list', random: 'Random list', lift2: 'Lift', bubble: 'Bubble size = contacts', logScale: '{name} (log scale)',
  },
  lifecycle: {
    survival: 'Survival curves (Kaplan–Meier, 95% band)', median: 'Median lifetime per group', logRank: 'Log-rank test',
    cohort: 'Cohort retention heatmap', contract: 'Churn around contract end', groupBy: 'Group by', chisq: 'χ² = {chisq}, df {df}, p {p}',
    significant: 'The curves differ significantly (p < 0.05)', notSignificant: 'No significant difference between the curves', relMonth: 'Months from contract end', monthsSince: 'Months since activation', cohortBase: 'Cohort size', retained: 'Retained', atRisk: 'At risk',
    band: '{name} 95% band', notReached: 'not below 50%',
  },
  capability: {
    radar: 'Capability radar: entities vs carrier benchmark', tree: 'Three-level scores (dimension → area → item)', form: 'Self-assessment: {region}', entities: 'Entities',
    foreignBest: 'Best foreign carrier', foreignMean: 'Mean of foreign carriers', unknown: 'not published', sourceNote: 'Source note', unknownNotes: 'Scores not published in the source (never guessed):', listSep: '; ',
    noneAtLevel: '{entities}: the source publishes no {level} scores (none are computed).', showAreas: 'See them by capability area',
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
  chat: {
    open: 'Ask', title: 'Ask the data', newConversation: 'New conversation', close: 'Close', send: 'Send', you: 'You',
    placeholder: 'Ask in English or Chinese, e.g. churn rate by city in Guangdong (Enter sends, Shift+Enter for a new line)',
    intro: 'Ask in one sentence: metric, region, time, grouping. Follow up to refine: "only Shenzhen", "by month", "as a bar chart".',
    ex1: 'churn rate by city in Guangdong', ex2: 'ARPU of GoTone by month, last 12 months', ex3: 'conversion rate by channel last month', ex4: 'survival curve by brand',
    thinking: 'Reading the question and querying…', error: 'Something went wrong: {msg}', retry: 'Retry',
    clarify: 'Some words were not understood (marked); nothing was run.', choices: 'Did you mean:', next: 'Ask next:', unsupported: 'Outside the data', forbidden: 'Outside your data scope',
    understood: 'Understood as', editHint: 'Click a condition to change it, × to remove it; the answer re-runs',
    defaultTime: 'default time ({range})', noTime: 'no time range', range: '{from} to {to}', cohorts: 'activated {range}', groupBy: 'by {dim}', notIn: 'not {values}',
    top: 'top {n} by {metric}', bottom: 'bottom {n} by {metric}', sortDesc: 'highest {metric} first', sortAsc: 'lowest {metric} first', limit: 'first {n} rows',
    yoy: 'year on year', mom: 'month on month', add: 'Add', addMetric: 'Metric', addGroup: 'Grouping', addFilter: 'Filter', addTime: 'Time', addCompare: 'Comparison', addOrder: 'Ranking',
    apply: 'Apply', cancel: 'Cancel', remove: 'Remove', search: 'Search…', from: 'From', to: 'To', direction: 'Order', desc: 'highest first', asc: 'lowest first', limitN: 'How many', noLimit: 'all',
    dimension: 'Dimension', metric: 'Metric', value: 'Value', pickOne: 'Pick at least one',
    editRemove: 'Removed: {chip}', editReplace: 'Changed: {from} → {to}', editAdd: 'Added: {chip}', choice: 'Chose: {label}', fromView: 'Opened a saved view',
    editedNote: 'This answer comes from edited conditions. A typed follow-up refines the last question asked.',
    rowsShow: 'Data ({n} rows)', rowsHide: 'Hide data', graphql: 'GraphQL', graphqlHide: 'Hide GraphQL', openGraphiQL: 'Open in GraphiQL', graphiqlHint: 'In GraphiQL the variables are written into the query: run it as is',
    graphiqlComment: 'the document the chat executed, variables inlined (GraphiQL reads only the query from its link)',
    copy: 'Copy', copied: 'Copied', copyFailed: 'Cannot write to the clipboard: select the text and copy it',
    save: 'Save as view', saveName: 'View name', saveShared: 'Shared ({scope})', savePersonal: 'Only me', saveButton: 'Save',
    saveHint: 'Saved on the {page} page (the nearest page, {scope}); opening the view shows this answer again in the chat.',
    saved: 'Saved “{name}” (version {v}): open it from the saved views of the {page} page.',
    fallback: 'A {kind} cannot draw this result: the nearest chart is shown.', truncated: 'The chart shows the {n} largest; the data table has all {total} rows.',
    chartOnly: 'Only the chart changed; nothing was re-queried.', noRows: 'No data', noValues: 'The result has no values to draw (the data table says why)', kinds: {
      line: 'line chart', bar: 'bar chart', pie: 'pie chart', table: 'table', radar: 'radar chart', funnel: 'funnel', sankey: 'Sankey diagram', heatmap: 'heatmap', survival: 'survival curve', kpi: 'KPI card', map: 'map',
    },
  },
  common: { total: 'Total', other: 'Other', yes: 'Yes', no: 'No', cancel: 'Cancel' },
};
export default en;
