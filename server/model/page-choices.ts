/**
 * What the dashboard's pages let a viewer choose, in their order: read by the pages
 * (web/src/views), by the chat when it saves an answer as a page's view (web/src/chat/share.ts)
 * and by embeds of a saved view (server/embed/charts.ts), so that a view embeds what its page
 * shows. Pure data: the web bundle imports it too.
 */

/** 总览: the map's and the trend's metric */
export const OVERVIEW_METRICS = ['subscribers', 'arpu', 'churn_rate', 'revenue', 'new_subscribers', 'net_adds', 'e_channel_share'];

/** 生命周期: what the survival curves and the medians are grouped by */
export const SURVIVAL_GROUPS = ['brand', 'contract_type', 'value_tier', 'sub_segment', 'customer_type', 'acquisition_channel'];

/** 离网分析: the fixed breakdowns (seed 004's value tiers, seed 002's brands and contract types) */
export const CHURN_FIXED = ['value_tier', 'brand', 'contract_type'] as const;

/** 离网分析: the chosen breakdown — seed 002's sub-segments (双低类: a large share of leavers) first, then seeds 003–004's classes */
export const CHURN_MORE = ['sub_segment', 'customer_type', 'quadrant', 'satisfaction_band', 'loyalty_band', 'credit_list', 'acquisition_channel', 'age_band'];
