/** The semantic model's vocabulary: cubes (fact tables), dimensions, metrics. Pure data. */

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';
/** finest first: a week (Monday to Sunday, ISO 8601) is finer than a month and does not fit in one */
export const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

export type CubeId = 'base' | 'contacts' | 'campaigns' | 'survival' | 'capability';

export interface Cube {
  id: CubeId;
  table: string;
  /** column holding the row's time; 'none' for cubes without a time axis */
  time: { column: string; finest: Grain } | null;
  /** dimension id → SQL expression over the table's columns (identifiers only, never values) */
  dimensions: Record<string, string>;
  /** 'sql': generic aggregate builder; 'survival' / 'capability': dedicated executors */
  executor: 'sql' | 'survival' | 'capability';
  /**
   * Pre-aggregated copies the SQL builder reads instead of `table` whenever one covers a
   * query part: the first that covers it, so the coarsest comes first.
   */
  rollups?: Rollup[];
  /** distinct counts over whole months, from a table of distinct subscribers (MemberSets) */
  sets?: MemberSets;
}

/**
 * Distinct subscribers per level key, each row with a bitmask of the months they appear in
 * (seeds/reach.ts builds it from the cube's table). A distinct count over whole months is
 * then the number of rows whose bits meet the range: a scan, not a hash set of subscribers.
 * Rows of a level hold one subscriber per combination of `dimensions` and the level's `dims`;
 * a query never merges one subscriber's rows.
 */
export interface MemberSets {
  table: string;
  /** metrics it answers, each as the count of rows in range */
  metrics: string[];
  /** dimensions every row keeps (a subscriber has one value of each) */
  dimensions: string[];
  /**
   * Finest first. A level's rows are cut by its `dims` ([] = one row per subscriber), so a
   * query reads a level only when it groups by all of them; `derived`: dimensions computed
   * from them, which such a query may also group or filter by.
   */
  levels: { id: string; dims: string[]; derived?: Record<string, string> }[];
}

/**
 * One row per time bucket (the cube's time column, at `grain`) × combination of
 * `dimensions`, holding mergeable `measures` (sums, or aggregate states such as bitmaps of
 * subscribers). Rebuilt per month partition from the cube's table by seeds/rollup.ts; read
 * through each metric's `rollupSql`.
 */
export interface Rollup {
  table: string;
  /**
   * The time grain of its rows (default: the cube's finest). A coarser rollup keeps the
   * bucket's first day in the cube's time column, and answers only whole buckets.
   */
  grain?: Grain;
  /** metrics of the cube with `rollupSql` that this rollup cannot answer (a measure it lacks) */
  without?: string[];
  /** dimension id → rollup column; a subset of the cube's dimensions */
  dimensions: Record<string, string>;
  /** dimension id → expression over rollup columns, for cube dimensions computed from kept ones */
  derived?: Record<string, string>;
  /** rollup column → aggregate over the cube's table that fills it (additive sums, or a mergeable -State) */
  measures: Record<string, string>;
}

export type ValueFormat = 'integer' | 'percent' | 'currency' | 'decimal' | 'minutes' | 'megabytes' | 'seconds' | 'score' | 'months' | 'ratio';

/**
 * How a metric aggregates, for compare and totals: additive sums over periods; a stock is
 * read at the end of its period; a ratio is recomputed from its parts, never averaged.
 */
export type MetricKind = 'additive' | 'stock' | 'ratio' | 'distinct' | 'curve' | 'score';

export interface Labels {
  labelZh: string;
  labelEn: string;
  /** words the chat parser also accepts (zh and en mixed) */
  synonyms?: string[];
  descriptionZh?: string;
  descriptionEn?: string;
}

export interface MetricSqlContext {
  /** SQL expression: first month of the row's period (after time bucketing) */
  periodStart: string;
  /** SQL expression: last month of the row's period */
  periodEnd: string;
}

export interface Metric extends Labels {
  id: string;
  cube: CubeId;
  kind: MetricKind;
  format: ValueFormat;
  /** aggregate SQL for 'sql' cubes; receives period bounds for stock metrics */
  sql?: (ctx: MetricSqlContext) => string;
  /**
   * The same metric over the cube's rollup measures (cubes with a rollup). Means exactly
   * what `sql` means; tests/integration/rollups.test.ts holds the two equal.
   */
  rollupSql?: (ctx: MetricSqlContext) => string;
  /** why the metric cannot be read from its cube's rollup (instead of `rollupSql`) */
  noRollup?: string;
  /** true when a higher value is good (arrows, colours) */
  higherIsBetter: boolean;
  /** ratio metrics: the parts they are computed from (for docs and tests) */
  formula?: string;
  /**
   * A ratio that is one member's share of a count (e_channel_share: contacts of channel class
   * electronic ÷ contacts). The chat reads "what share of contacts are electronic" as this
   * metric; tests/integration/ask-api.test.ts holds each equal to the two counts' ratio.
   */
  shareOf?: { metric: string; dimension: string; member: string };
  /**
   * Dimensions of its cube the metric cannot be split or filtered by, and why (campaign_lift
   * by list_type: it compares the two list types, so each side alone has no lift).
   */
  notBy?: Record<string, { en: string; zh: string }>;
}

export interface Member {
  id: string;
  labelZh: string;
  labelEn: string;
  parent?: string;
  synonyms?: string[];
}

export interface Dimension extends Labels {
  id: string;
  /** static members; dynamic dimensions (regions, months, cohorts, entities) get them from a provider */
  members?: Member[];
  /** where dynamic members come from */
  source?: 'regions:province' | 'regions:city' | 'time' | 'cohort' | 'capability' | 'rfm' | 'numeric';
  /** accepts gt/gte/lt/lte filters */
  ordered?: boolean;
}
