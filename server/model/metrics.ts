/**
 * Every metric of DOMAIN.md, defined once. SQL here is aggregate expressions over the
 * cube's table; identifiers only, never values. Ratios divide with nullIf(…, 0) so an
 * empty denominator is NULL (shown as "no data"), never NaN, Inf or an error.
 * Base and contacts metrics also say the same thing over their cube's rollup measures
 * (`rollupSql`, see cubes.ts): counts become sums of counts, a ratio still divides its own parts.
 */
import { ELECTRONIC_CHANNELS } from './dimensions.ts';
import type { Metric } from './types.ts';

const div = (num: string, den: string) => `(${num}) / nullIf(${den}, 0)`;
const E_CHANNELS = `(${ELECTRONIC_CHANNELS.map((c) => `'${c}'`).join(', ')})`;

export const METRICS: Metric[] = [
  // ── base: subscriber_months (one row per subscriber per month in the base); rollup base_monthly ──
  { id: 'subscribers', labelZh: '用户数', labelEn: 'Subscribers', cube: 'base', kind: 'stock', format: 'integer', higherIsBetter: true,
    synonyms: ['客户数', '用户规模', '在网用户', '在网用户数', '多少用户', '有多少', 'subscriber count', 'number of subscribers', 'how many subscribers', 'customers', 'users', 'subscriber base', 'how many'],
    formula: 'subscribers in the base at the end of the period (activated, not churned)',
    sql: ({ periodEnd }) => `countIf(month = ${periodEnd} AND is_churned = 0)`,
    rollupSql: ({ periodEnd }) => `sumIf(base_end, month = ${periodEnd})` },
  { id: 'new_subscribers', labelZh: '新增用户', labelEn: 'New subscribers', cube: 'base', kind: 'additive', format: 'integer', higherIsBetter: true,
    synonyms: ['新增', '新入网', '新增客户', '新用户', 'new', 'new users', 'gross adds', 'activations'],
    formula: 'activated in the period', sql: () => 'countIf(is_new = 1)', rollupSql: () => 'sum(new_subs)' },
  { id: 'churned_subscribers', labelZh: '离网用户', labelEn: 'Churned subscribers', cube: 'base', kind: 'additive', format: 'integer', higherIsBetter: false,
    synonyms: ['离网用户数', '离网数', '流失用户', 'churned', 'churners', 'churned users', 'lost subscribers'],
    formula: 'churned in the period', sql: () => 'countIf(is_churned = 1)', rollupSql: () => 'sum(churned)' },
  // seed 003: 用户净增121.2万户 — activations less churn; it equals subscribers at the end less those at the start
  { id: 'net_adds', labelZh: '净增用户', labelEn: 'Net adds', cube: 'base', kind: 'additive', format: 'integer', higherIsBetter: true,
    synonyms: ['净增', '净增用户数', '净增客户', '用户净增', '净增长用户', 'net additions', 'net add', 'net subscriber growth'],
    formula: 'activated in the period − churned in the period (may be negative)',
    sql: () => 'toInt64(countIf(is_new = 1)) - toInt64(countIf(is_churned = 1))', rollupSql: () => 'toInt64(sum(new_subs)) - toInt64(sum(churned))' },
  { id: 'churn_rate', labelZh: '离网率', labelEn: 'Churn rate', cube: 'base', kind: 'ratio', format: 'percent', higherIsBetter: false,
    synonyms: ['流失率', '离网比例', 'churn', 'attrition', 'attrition rate'],
    formula: 'churned in the period ÷ subscribers at its start',
    sql: ({ periodStart }) => div('countIf(is_churned = 1)', `countIf(month = ${periodStart} AND is_new = 0)`),
    rollupSql: ({ periodStart }) => div('sum(churned)', `sumIf(base_start, month = ${periodStart})`) },
  { id: 'arpu', labelZh: 'ARPU', labelEn: 'ARPU', cube: 'base', kind: 'ratio', format: 'currency', higherIsBetter: true,
    synonyms: ['户均收入', '每用户平均收入', '人均收入', '平均收入', '平均每户收入', 'average revenue per user'],
    formula: 'revenue ÷ active subscriber-months', sql: () => div('sum(revenue)', 'countIf(is_active = 1)'), rollupSql: () => div('sum(revenue)', 'sum(active)') },
  { id: 'mou', labelZh: 'MOU', labelEn: 'MOU', cube: 'base', kind: 'ratio', format: 'minutes', higherIsBetter: true,
    synonyms: ['户均通话分钟', '月均通话时长', '人均通话时长', '平均通话时长', '平均通话分钟', 'minutes of use', 'minutes', 'average minutes'],
    formula: 'voice minutes ÷ active subscriber-months', sql: () => div('sum(minutes)', 'countIf(is_active = 1)'), rollupSql: () => div('sum(minutes)', 'sum(active)') },
  { id: 'dou', labelZh: 'DOU', labelEn: 'DOU', cube: 'base', kind: 'ratio', format: 'megabytes', higherIsBetter: true,
    synonyms: ['户均流量', '月均流量', '人均流量', '平均流量', '平均数据流量', 'data of use', 'data usage', 'average data usage'],
    formula: 'data MB ÷ active subscriber-months', sql: () => div('sum(data_mb)', 'countIf(is_active = 1)'), rollupSql: () => div('sum(data_mb)', 'sum(active)') },
  { id: 'revenue', labelZh: '收入', labelEn: 'Revenue', cube: 'base', kind: 'additive', format: 'currency', higherIsBetter: true,
    synonyms: ['营收', '总收入', '业务收入', 'income', 'sales'], formula: 'sum of monthly revenue', sql: () => 'sum(revenue)', rollupSql: () => 'sum(revenue)' },

  // ── contacts ────────────────────────────────────────────────────────────────────
  { id: 'contacts', labelZh: '接触次数', labelEn: 'Contacts', cube: 'contacts', kind: 'additive', format: 'integer', higherIsBetter: true,
    synonyms: ['接触量', '接触数', '接触', 'contact count', 'contact volume', 'touches', 'interactions'], sql: () => 'count()', rollupSql: () => 'sum(contacts)' },
  { id: 'reached_customers', labelZh: '触达客户数', labelEn: 'Reached customers', cube: 'contacts', kind: 'distinct', format: 'integer', higherIsBetter: true,
    synonyms: ['触达客户', '触达用户数', 'reach', 'customers reached'], formula: 'distinct subscribers contacted', sql: () => 'uniqExact(sub_id)',
    noRollup: 'distinct subscribers do not add up across the rollups\' rows (see cubes.ts)' },
  { id: 'conversions', labelZh: '成功数', labelEn: 'Conversions', cube: 'contacts', kind: 'additive', format: 'integer', higherIsBetter: true,
    synonyms: ['成功次数', '转化数', '办理成功数', 'conversion count', 'successes', 'converted'], sql: () => 'countIf(converted = 1)', rollupSql: () => 'sum(conversions)' },
  { id: 'conversion_rate', labelZh: '转化率', labelEn: 'Conversion rate', cube: 'contacts', kind: 'ratio', format: 'percent', higherIsBetter: true,
    synonyms: ['成功率', '营销成功率', 'success rate', 'conversion'], formula: 'conversions ÷ contacts', sql: () => div('countIf(converted = 1)', 'count()'),
    rollupSql: () => div('sum(conversions)', 'sum(contacts)') },
  { id: 'cost', labelZh: '成本', labelEn: 'Cost', cube: 'contacts', kind: 'additive', format: 'currency', higherIsBetter: false,
    synonyms: ['接触成本', '渠道成本', '总成本', 'costs', 'spend'], sql: () => 'sum(cost)', rollupSql: () => 'sum(cost)' },
  { id: 'cost_per_contact', labelZh: '单次接触成本', labelEn: 'Cost per contact', cube: 'contacts', kind: 'ratio', format: 'currency', higherIsBetter: false,
    synonyms: ['每次接触成本', '接触单价', 'cost per touch'], formula: 'cost ÷ contacts', sql: () => div('sum(cost)', 'count()'),
    rollupSql: () => div('sum(cost)', 'sum(contacts)') },
  { id: 'cost_per_conversion', labelZh: '每次转化成本', labelEn: 'Cost per conversion', cube: 'contacts', kind: 'ratio', format: 'currency', higherIsBetter: false,
    synonyms: ['单次转化成本', '转化成本', '获客成本', 'cost per acquisition', 'CPA'], formula: 'cost ÷ conversions',
    sql: () => div('sum(cost)', 'countIf(converted = 1)'), rollupSql: () => div('sum(cost)', 'sum(conversions)') },
  { id: 'channel_revenue', labelZh: '渠道收入', labelEn: 'Channel revenue', cube: 'contacts', kind: 'additive', format: 'currency', higherIsBetter: true,
    synonyms: ['渠道贡献收入', 'revenue from contacts'], formula: 'revenue of converted contacts', sql: () => 'sumIf(revenue, converted = 1)',
    rollupSql: () => 'sum(converted_revenue)' },
  { id: 'roi', labelZh: 'ROI', labelEn: 'ROI', cube: 'contacts', kind: 'ratio', format: 'ratio', higherIsBetter: true,
    synonyms: ['投资回报率', '投入产出比', 'return on investment'], formula: '(channel revenue − cost) ÷ cost',
    sql: () => div('sumIf(revenue, converted = 1) - sum(cost)', 'sum(cost)'),
    rollupSql: () => div('sum(converted_revenue) - sum(cost)', 'sum(cost)') },
  { id: 'avg_handle_time', labelZh: '平均处理时长', labelEn: 'Average handle time', cube: 'contacts', kind: 'ratio', format: 'seconds', higherIsBetter: false,
    synonyms: ['处理时长', '平均处理时间', 'AHT', 'handle time', 'handling time'], formula: 'handle seconds ÷ contacts',
    sql: () => div('sum(handle_sec)', 'count()'), rollupSql: () => div('sum(handle_sec)', 'sum(contacts)') },
  { id: 'first_contact_resolution', labelZh: '一次解决率', labelEn: 'First-contact resolution', cube: 'contacts', kind: 'ratio', format: 'percent', higherIsBetter: true,
    synonyms: ['首次解决率', '一次性解决率', 'FCR', 'first contact resolution', 'resolved at first contact', 'resolved on first contact', 'resolved on the first contact', 'first time resolution', 'resolved first time'], formula: 'resolved at first contact ÷ contacts',
    sql: () => div('countIf(resolved_first = 1)', 'count()'), rollupSql: () => div('sum(resolved_first)', 'sum(contacts)') },
  { id: 'e_channel_share', labelZh: '电子渠道占比', labelEn: 'E-channel share', cube: 'contacts', kind: 'ratio', format: 'percent', higherIsBetter: true,
    synonyms: ['电子渠道比例', '电子渠道分流率', 'electronic channel share', 'e-channel ratio', 'digital share'],
    formula: 'contacts on electronic channels ÷ all contacts', shareOf: { metric: 'contacts', dimension: 'channel_class', member: 'electronic' },
    sql: () => div(`countIf(channel IN ${E_CHANNELS})`, 'count()'),
    rollupSql: () => div(`sumIf(contacts, channel IN ${E_CHANNELS})`, 'sum(contacts)') },

  // ── campaigns: model-targeted vs random lists (seed 002) ───────────────────────────
  { id: 'campaign_targeted', labelZh: '目标客户数', labelEn: 'Targeted customers', cube: 'campaigns', kind: 'additive', format: 'integer', higherIsBetter: true,
    synonyms: ['名单客户数', 'targeted'], sql: () => 'sum(targeted)' },
  { id: 'hit_rate', labelZh: '命中率', labelEn: 'Hit rate', cube: 'campaigns', kind: 'ratio', format: 'percent', higherIsBetter: true,
    synonyms: ['名单命中率', '预测命中率', 'hit ratio'], formula: 'hits ÷ targeted', sql: () => div('sum(hits)', 'sum(targeted)') },
  { id: 'campaign_lift', labelZh: '提升度', labelEn: 'Lift', cube: 'campaigns', kind: 'ratio', format: 'ratio', higherIsBetter: true,
    synonyms: ['模型提升度', '提升倍数', 'lift', 'model lift'], formula: 'hit rate of model lists ÷ hit rate of random lists',
    notBy: { list_type: { en: 'lift compares model-targeted with random lists, so one list type alone has none', zh: '提升度是模型名单与随机名单之比，单看一类名单没有提升度' } },
    sql: () => div(div("sumIf(hits, list_type = 'model')", "sumIf(targeted, list_type = 'model')"),
      div("sumIf(hits, list_type = 'random')", "sumIf(targeted, list_type = 'random')")) },
  { id: 'retention_success_rate', labelZh: '挽留成功率', labelEn: 'Retention success rate', cube: 'campaigns', kind: 'ratio', format: 'percent', higherIsBetter: true,
    synonyms: ['挽留率', 'retention rate', 'save rate', 'retention campaign success rate', 'retention success', '挽留活动成功率'], formula: 'retained ÷ contacted (churn campaigns)',
    sql: () => div("sumIf(retained, kind = 'churn')", "sumIf(contacted, kind = 'churn')") },

  // ── survival: Kaplan–Meier from subscribers (dedicated executor) ────────────────────
  { id: 'survival_rate', labelZh: '存活率', labelEn: 'Survival rate', cube: 'survival', kind: 'curve', format: 'percent', higherIsBetter: true,
    synonyms: ['存活曲线', '生存曲线', '留存曲线', '在网率', 'survival', 'survival curve', 'survival curves', 'retention curve'],
    formula: 'Kaplan–Meier S(t) at month t since activation' },
  { id: 'median_lifetime', labelZh: '生命周期', labelEn: 'Median lifetime', cube: 'survival', kind: 'curve', format: 'months', higherIsBetter: true,
    synonyms: ['生命周期中位数', '中位生命周期', '中位生存期', '中位生存时间', '生存期中位数', '中位在网时长', '在网时长中位数', '客户生命周期', 'CSL', '中位数', 'median lifetime', 'customer lifetime', 'lifetime', 'median tenure'],
    formula: 'first month t with S(t) ≤ 0.5 (seed 002 CSL); null when not reached' },

  // ── capability: Accenture framework scores (dedicated executor) ─────────────────────
  { id: 'capability_score', labelZh: '能力评分', labelEn: 'Capability score', cube: 'capability', kind: 'score', format: 'score', higherIsBetter: true,
    synonyms: ['能力得分', '得分', '评分', 'CRM能力', 'capability', 'capability scores', 'score', 'scores'],
    formula: '0–4, at the level of the finest capability dimension asked (dimension by default); an unpublished dimension score is the mean of the known area scores (server/domains/capability/scores.ts dimensionScoresSql)' },
];

/** The extra columns a survival row carries beside survival_rate (public contract: keep the ids). */
export const SURVIVAL_COLUMNS = ['tenure', 'at_risk', 'events', 'censored', 'survival_rate', 'ci_low', 'ci_high'] as const;
