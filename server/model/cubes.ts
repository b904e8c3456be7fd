/** Fact tables and the dimension expressions each one answers. */
import { ELECTRONIC_CHANNELS } from './dimensions.ts';
import type { Cube } from './types.ts';

const SUBSCRIBER_DIMS = {
  province: 'province', city: 'city', brand: 'brand', sub_segment: 'sub_segment', customer_type: 'customer_type',
  contract_type: 'contract_type', acquisition_channel: 'acquisition_channel', credit_list: 'credit_list',
  age_band: 'age_band', gender: 'gender', satisfaction_band: 'satisfaction_band', loyalty_band: 'loyalty_band',
};

/**
 * The base cube by month × these dimensions (table: seeds/migrations/006_rollups.ts): the
 * region (every scoped viewer filters on it) and the segment schemes the dashboards show,
 * chosen for how few combinations they add. At 10M subscribers a month of 4.26M
 * subscriber-months becomes 146k rows (29×); sub_segment nests in brand, customer_type and
 * contract_type follow brand, value_tier and quadrant both follow ARPU. Left on the raw
 * table: credit_list and acquisition_channel (each would double the rows for a rarely asked
 * breakdown), age, gender, satisfaction and loyalty bands, RFM and tenure (×5 to ×125 each).
 */
const ROLLUP_DIMS = ['province', 'city', 'brand', 'sub_segment', 'customer_type', 'contract_type', 'value_tier', 'quadrant'] as const;

/**
 * The contacts cube has three rollups, the coarsest first (the planner takes the first that
 * covers a query):
 * - contacts_monthly (migration 010): month × region × channel, the efficiency table and
 *   e-channel trends over whole months;
 * - contacts_monthly_subscriber (migration 012): the same by the contacted subscriber's
 *   lifecycle stage and the page filters' dimensions (model/page-filters.ts: brand, customer
 *   type), so the channel pages stay on a rollup under a page filter, and the stage × channel
 *   matrix over whole months. At 1M subscribers × 12 months, 1.9M contacts become 621k rows
 *   (48k for contacts_monthly); the key combinations are bounded (337 cities × 12 channels ×
 *   5 stages × the brand and customer-type pairs), so the ratio grows with the subscribers;
 * - contacts_daily (migration 008): day × region × channel × direction × purpose × stage,
 *   any range. At 10M subscribers a month of 1.87M contacts becomes 760k daily rows (days ×
 *   337 cities × 12 channels leave little to fold).
 * Left on the raw table: sub-segment and value tier of the contacted subscriber, and a page
 * filter over days or part-months (contacts_daily has no brand or customer type). Reached customers (distinct subscribers do not add up across rows) read the
 * cube's sets instead, `contact_reach` (migrations 011, 012): one row per subscriber and
 * channel, and one per subscriber, with a bit per month contacted and the subscriber's region,
 * brand and customer type, so reach over whole months counts rows instead of hashing
 * subscribers. Reach by channel class alone reads contacts (a level per class would add a
 * third of the rows). (A bitmap of subscribers per monthly rollup row, tried first, made the
 * 12-month reach query 2.4× slower than the raw pass at 100M: 809 MB of bitmaps to merge.)
 */
const CHANNEL_ROLLUP_DIMS = {
  province: 'province', city: 'city', channel: 'channel', direction: 'direction', purpose: 'purpose', lifecycle_stage: 'lifecycle_stage',
};
const CHANNEL_MEASURES = {
  contacts: 'count()',
  conversions: 'countIf(converted = 1)',
  cost: 'sum(cost)',
  converted_revenue: 'sumIf(revenue, converted = 1)',
  handle_sec: 'sum(handle_sec)',
  resolved_first: 'countIf(resolved_first = 1)',
};
/** computed from `channel`, so the same expression answers over contacts and over its rollups */
const CHANNEL_CLASS = `if(channel IN (${ELECTRONIC_CHANNELS.map((c) => `'${c}'`).join(', ')}), 'electronic', 'physical')`;

export const CUBES: Cube[] = [
  { id: 'base', table: 'subscriber_months', executor: 'sql', time: { column: 'month', finest: 'month' }, dimensions: {
    ...SUBSCRIBER_DIMS, value_tier: 'value_tier', quadrant: 'quadrant', tenure_months: 'tenure_months',
    subscriber_status: "if(is_new = 1, 'new', 'existing')",
    rfm_r: 'rfm_r', rfm_f: 'rfm_f', rfm_m: 'rfm_m', rfm_cell: "concat('R', toString(rfm_r), 'F', toString(rfm_f), 'M', toString(rfm_m))",
  }, rollups: [{
    table: 'base_monthly',
    dimensions: Object.fromEntries(ROLLUP_DIMS.map((d) => [d, d])),
    measures: {
      sub_months: 'count()',
      base_end: 'countIf(is_churned = 0)',
      base_start: 'countIf(is_new = 0)',
      new_subs: 'countIf(is_new = 1)',
      churned: 'countIf(is_churned = 1)',
      active: 'countIf(is_active = 1)',
      revenue: 'sum(revenue)',
      minutes: 'sum(minutes)',
      data_mb: 'sum(data_mb)',
    },
  }] },
  { id: 'contacts', table: 'contacts', executor: 'sql', time: { column: 'day', finest: 'day' }, dimensions: {
    ...CHANNEL_ROLLUP_DIMS, channel_class: CHANNEL_CLASS,
    brand: 'brand', sub_segment: 'sub_segment', customer_type: 'customer_type', value_tier: 'value_tier',
  }, rollups: [{
    table: 'contacts_monthly',
    grain: 'month',
    dimensions: { province: 'province', city: 'city', channel: 'channel' },
    derived: { channel_class: CHANNEL_CLASS },
    measures: CHANNEL_MEASURES,
  }, {
    table: 'contacts_monthly_subscriber',
    grain: 'month',
    dimensions: { province: 'province', city: 'city', channel: 'channel', lifecycle_stage: 'lifecycle_stage', brand: 'brand', customer_type: 'customer_type' },
    derived: { channel_class: CHANNEL_CLASS },
    measures: CHANNEL_MEASURES,
  }, {
    table: 'contacts_daily',
    dimensions: CHANNEL_ROLLUP_DIMS,
    derived: { channel_class: CHANNEL_CLASS },
    measures: CHANNEL_MEASURES,
  }], sets: {
    table: 'contact_reach',
    metrics: ['reached_customers'],
    dimensions: ['province', 'city', 'brand', 'customer_type'],
    levels: [{ id: 'channel', dims: ['channel'], derived: { channel_class: CHANNEL_CLASS } }, { id: 'all', dims: [] }],
  } },
  { id: 'campaigns', table: 'campaigns', executor: 'sql', time: { column: 'month', finest: 'month' }, dimensions: {
    province: 'province', city: 'city', campaign_kind: 'kind', list_type: 'list_type',
  } },
  { id: 'survival', table: 'subscribers', executor: 'survival', time: null, dimensions: {
    ...SUBSCRIBER_DIMS, cohort: "formatDateTime(activated_on, '%Y-%m')",
  } },
  { id: 'capability', table: 'capability_scores', executor: 'capability', time: null, dimensions: {
    capability_entity: 'entity', capability_dimension: 'dimension', capability_area: 'area', capability_item: 'item',
  } },
];
