/**
 * Deterministic demo data, generated inside the engine: every random draw is
 * cityHash64(seed, key, tag) — no row passes through Node. Same seed + as-of + size →
 * the same rows. Shapes follow DOMAIN.md and seed 002 (see the comments per step).
 */
import type { Engine } from '../server/engine/engine.ts';
import { bandSql, tenureSql } from '../server/model/segmentation.ts';
import { deriveSubscriberMonths } from './derive.ts';
import { rebuildSets } from './reach.ts';
import { rebuildRollup } from './rollup.ts';
import { CHANNEL_ECONOMICS, CHANNEL_IDS, channelSlots, citySlots } from './demo-weights.ts';

export interface GenerateOptions {
  subscribers: number;
  seed: number;
  asOf: string; // YYYY-MM-DD
  months: number;
  /** subscribers per chunk of the heavy steps (bounds memory; drives progress) */
  chunk?: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

const u = (tag: string, key = 'sub_id') => `(cityHash64(seed, ${key}, '${tag}') % 1000000) / 1000000.0`;
/** standard normal draw (Box–Muller) */
const z = (tag: string, key = 'sub_id') => `(sqrt(-2 * log(greatest(${u(tag + '1', key)}, 1e-9))) * cos(2 * pi() * ${u(tag + '2', key)}))`;
const pick = (uExpr: string, pairs: [string, number][]) => {
  let acc = 0;
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  const arms = pairs.slice(0, -1).map(([v, w]) => { acc += w / total; return `${uExpr} < ${acc.toFixed(6)}, '${v}'`; });
  return `multiIf(${arms.join(', ')}, '${pairs[pairs.length - 1][0]}')`;
};

const TABLES = ['subscribers', 'usage_monthly', 'subscriber_months', 'base_monthly', 'contacts', 'campaigns'];

export async function generateDemo(engine: Engine, o: GenerateOptions): Promise<void> {
  const db = engine.db;
  const chunk = o.chunk ?? 250_000;
  const progress = o.onProgress ?? (() => {});
  const common = { seed: o.seed, asOf: o.asOf, months: o.months };
  const WITH = `WITH {seed:UInt64} AS seed, toDate({asOf:String}) AS as_of,
    addMonths(toStartOfMonth(as_of), -({months:UInt16} - 1)) AS window_start`;
  // on a cluster the rows live in the replicated <table>_local tables behind the Distributed ones
  for (const t of TABLES) {
    await engine.command(engine.cluster ? `TRUNCATE TABLE IF EXISTS ${db}.${t}_local ON CLUSTER ${engine.cluster}` : `TRUNCATE TABLE IF EXISTS ${db}.${t}`);
  }

  // 1. Subscribers. Brand mix and sub-segments per seed 002; activation over six years,
  //    weighted to recent years (see activated_on); lifetime from a monthly hazard by brand, lowered while a
  //    contract runs, rising in its last three months and peaking at expiry (seed 002).
  const slots = citySlots();
  const hazard = `multiIf(brand = 'gotone', 0.012, brand = 'mzone', 0.067, 0.045)
      * multiIf(sub_segment IN ('double_low', 'young'), 1.35, sub_segment IN ('high_value', 'club', 'business', 'group_net'), 0.7, 1.0)`;
  const contractFactor = `multiIf(contract_type = 'none', 1.0,
      t < clen - 3, if(contract_type = 'hard', 0.2, 0.5),
      t < clen, 1.6, t = clen, 4.5, t = clen + 1, 2.2, 1.1)`;
  const subscribersSql = `INSERT INTO ${db}.subscribers
    ${WITH}
    SELECT sub_id, province, city, brand, sub_segment, customer_type, contract_type,
      if(contract_type = 'none', NULL, addMonths(activated_on, clen)) AS contract_end,
      acquisition_channel, activated_on,
      -- a churn after as-of has not happened yet: still active, right-censored (NULL)
      if(life_t = 0 OR churn_day > as_of, NULL, churn_day) AS churned_on,
      age_band, gender, credit_list, satisfaction, loyalty, ${bandSql('satisfaction')}, ${bandSql('loyalty')}
    FROM (
      SELECT number + {lo:UInt64} AS sub_id,
        {cities:Array(String)}[1 + (cityHash64(seed, sub_id, 'city') % 10000)] AS city,
        concat(substring(city, 1, 2), '0000') AS province,
        ${pick(u('brand'), [['gotone', 0.2], ['mzone', 0.27], ['easyown', 0.53]])} AS brand,
        multiIf(brand = 'gotone', ${pick(u('seg'), [['club', 0.2], ['group_net', 0.3], ['regular', 0.5]])},
                brand = 'mzone', ${pick(u('seg'), [['voice', 0.25], ['high_value', 0.15], ['data', 0.35], ['double_low', 0.25]])},
                ${pick(u('seg'), [['business', 0.15], ['traditional', 0.4], ['active', 0.25], ['young', 0.2]])}) AS sub_segment,
        if(brand = 'gotone', ${pick(u('ctype'), [['public_individual', 0.6], ['public_org', 0.17], ['key_individual', 0.15], ['key_org', 0.08]])},
                             ${pick(u('ctype'), [['public_individual', 0.92], ['public_org', 0.06], ['key_individual', 0.015], ['key_org', 0.005]])}) AS customer_type,
        multiIf(brand = 'gotone', ${pick(u('contract'), [['hard', 0.35], ['soft', 0.4], ['none', 0.25]])},
                brand = 'mzone', ${pick(u('contract'), [['hard', 0.1], ['soft', 0.3], ['none', 0.6]])},
                ${pick(u('contract'), [['hard', 0.05], ['soft', 0.15], ['none', 0.8]])}) AS contract_type,
        if(contract_type = 'hard' AND ${u('clen')} < 0.7, 24, 12) AS clen,
        multiIf(brand = 'gotone', ${pick(u('acq'), [['store', 0.3], ['account_manager', 0.25], ['agent', 0.2], ['hotline_out', 0.1], ['web', 0.05], ['app', 0.1]])},
                ${pick(u('acq'), [['store', 0.35], ['agent', 0.35], ['hotline_out', 0.05], ['web', 0.08], ['app', 0.12], ['self_service', 0.05]])}) AS acquisition_channel,
        -- days before as-of with a density falling linearly by a third over six years (the inverse
        -- of its CDF): recent years weigh a little more, inflow grows about 6% a year, and no day
        -- more than 1.2× the average (a power of u piled the latest weeks up: a month to date
        -- out-grew the whole month before it)
        as_of - toIntervalDay(floor(2 * (1.5 - sqrt(2.25 - 1.25 * ${u('act')})) * 2190)) AS activated_on,
        ${tenureSql('activated_on', 'as_of')} AS age_now,
        least(addMonths(activated_on, life_t - 1) + toIntervalDay(floor(${u('churnday')} * 27)), addMonths(activated_on, life_t) - 1) AS churn_day,
        -- first tenure month t (1-based index) in which a draw falls under that month's hazard; 0 = survives to as-of
        arrayFirstIndex(t -> ((cityHash64(seed, sub_id, 'life', t) % 1000000) / 1000000.0) < ${hazard} * ${contractFactor}, range(0, toUInt32(age_now) + 1)) AS life_t,
        multiIf(brand = 'mzone', ${pick(u('age'), [['lt18', 0.1], ['18_24', 0.55], ['25_34', 0.3], ['35_44', 0.05]])},
                brand = 'gotone', ${pick(u('age'), [['25_34', 0.25], ['35_44', 0.35], ['45_59', 0.3], ['60plus', 0.1]])},
                ${pick(u('age'), [['18_24', 0.1], ['25_34', 0.2], ['35_44', 0.25], ['45_59', 0.3], ['60plus', 0.15]])}) AS age_band,
        if(${u('gender')} < 0.52, 'male', 'female') AS gender,
        ${pick(u('credit'), [['red', 0.06], ['gray', 0.08], ['black', 0.02], ['none', 0.84]])} AS credit_list0,
        if(brand = 'gotone' AND credit_list0 = 'none' AND ${u('red')} < 0.12, 'red', credit_list0) AS credit_list,
        toUInt8(greatest(0, least(100, round(76 + 11 * ${z('sat')} + if(brand = 'gotone', 6, 0))))) AS satisfaction,
        toUInt8(greatest(0, least(100, round(70 + 13 * ${z('loy')} + if(brand = 'gotone', 8, if(brand = 'mzone', -6, 0)))))) AS loyalty
      FROM numbers({n:UInt64})
    )`;
  const subsTotal = o.subscribers;
  for (let lo = 1; lo <= subsTotal; lo += chunk) {
    const n = Math.min(chunk, subsTotal - lo + 1);
    await engine.command(subscribersSql, { ...common, lo, n, cities: slots });
    progress('subscribers', Math.min(lo + n - 1, subsTotal), subsTotal);
  }

  // 2. Monthly usage for every month a subscriber was in the base, inside the window.
  //    Prepaid lines disengage before they churn (fewer active months) — the churn model's signal.
  const usageSql = `INSERT INTO ${db}.usage_monthly
    ${WITH}
    SELECT month, sub_id,
      round(if(active, base_arpu * (0.8 + 0.4 * ${u('rev', 'sub_id, month')}) * season, if(brand = 'gotone', base_arpu * 0.3, 0)), 2) AS revenue,
      round(if(active, base_mou * (0.6 + 0.8 * ${u('mou', 'sub_id, month')}), 0), 1) AS minutes,
      round(if(active, base_dou * (0.5 + ${u('dou', 'sub_id, month')}) * pow(1.02, dateDiff('month', window_start, month)), 0), 1) AS data_mb,
      toUInt32(if(active, floor(10 + 60 * ${u('sms', 'sub_id, month')}), 0)) AS sms,
      multiIf(brand = 'gotone', revenue,
              active AND ${u('rech', 'sub_id, month')} < 0.82, ceil(revenue / 10) * 10, 0) AS recharge
    FROM (
      SELECT sub_id, brand, activated_on, churned_on,
        addMonths(greatest(toStartOfMonth(activated_on), window_start), i) AS month,
        multiIf(brand = 'gotone', 110, brand = 'mzone', 36, 28)
          * multiIf(sub_segment IN ('high_value', 'business', 'club'), 1.7, sub_segment IN ('double_low', 'young'), 0.45, sub_segment = 'group_net', 1.1, 1.0)
          * exp(0.45 * ${z('arpu')}) AS base_arpu,
        multiIf(brand = 'gotone', 520, brand = 'mzone', 170, 260) * exp(0.4 * ${z('mou')}) AS base_mou,
        multiIf(brand = 'mzone', 3200, brand = 'gotone', 2600, 900) * if(sub_segment = 'data', 1.8, 1) * exp(0.5 * ${z('dou')}) AS base_dou,
        multiIf(toMonth(month) = 2, 0.92, toMonth(month) IN (1, 12), 1.06, 1.0) AS season,
        churned_on IS NOT NULL AND dateDiff('month', month, toStartOfMonth(churned_on)) <= 2 AS near_churn,
        ${u('act', 'sub_id, month')} < if(near_churn AND brand != 'gotone', 0.55, 0.96) AS active
      FROM ${db}.subscribers
      ARRAY JOIN range(toUInt32(greatest(0, dateDiff('month', greatest(toStartOfMonth(activated_on), window_start),
        least(toStartOfMonth(ifNull(churned_on, as_of)), toStartOfMonth(as_of))) + 1))) AS i
      WHERE sub_id BETWEEN {lo:UInt64} AND {hi:UInt64}
        AND ifNull(churned_on, as_of) >= window_start AND activated_on <= as_of
    )`;
  for (let lo = 1; lo <= subsTotal; lo += chunk) {
    const hi = Math.min(lo + chunk - 1, subsTotal);
    await engine.command(usageSql, { ...common, lo, hi });
    await deriveSubscriberMonths(engine, lo, hi);
    progress('usage and segments', hi, subsTotal);
  }
  // the base rollup, a month at a time, once every subscriber's months are in
  const months = await engine.query<{ m: string }>(`SELECT DISTINCT toString(toYYYYMM(month)) AS m FROM ${db}.subscriber_months ORDER BY m`);
  await rebuildRollup(engine, 'base', months.map((r) => r.m));
  progress('base rollup', 1, 1);

  // 3. Contacts: about 0.44 per subscriber-month; stage from tenure, purpose from stage,
  //    channel from the brand × stage preference table, economics per channel.
  const econ = (field: 'cost' | 'conv' | 'handleSec' | 'fcr') =>
    `[${CHANNEL_IDS.map((c) => CHANNEL_ECONOMICS[c][field]).join(', ')}][indexOf(${JSON.stringify(CHANNEL_IDS).replace(/"/g, "'")}, channel)]`;
  const contactsSql = `INSERT INTO ${db}.contacts
    ${WITH}
    SELECT ts, toDate(ts) AS day, sub_id, province, city, brand, sub_segment, customer_type, value_tier, channel,
      if(channel IN ('hotline_out', 'sms', 'mms') OR (channel = 'account_manager' AND purpose IN ('marketing', 'retention', 'care')), 'outbound', 'inbound') AS direction,
      purpose, stage AS lifecycle_stage,
      if(purpose IN ('marketing', 'retention'), concat('C', formatDateTime(month, '%Y%m'), '-', purpose), '') AS campaign_id,
      converted, round(if(converted, if(purpose = 'retention', revenue_m * 3, 20 + 80 * ${u('crev', 'ckey')} * if(brand = 'gotone', 2, 1)), 0), 2) AS revenue,
      round(${econ('cost')} * (0.8 + 0.4 * ${u('cost', 'ckey')}), 2) AS cost,
      toUInt32(${econ('handleSec')} * (0.5 + ${u('aht', 'ckey')})) AS handle_sec,
      ${u('fcr', 'ckey')} < ${econ('fcr')} * if(purpose = 'complaint', 0.75, 1) AS resolved_first
    FROM (
      SELECT sub_id, month, province, city, brand, sub_segment, customer_type, value_tier, revenue AS revenue_m,
        cityHash64(seed, sub_id, month, k) AS ckey,
        multiIf(tenure_months = 0, if(${u('st', 'ckey')} < 0.75, 'acquisition', 'awareness'),
                ${pick(u('st', 'ckey'), [['usage', 0.45], ['inquiry', 0.25], ['change', 0.15], ['awareness', 0.15]])}) AS stage,
        multiIf(stage = 'acquisition', ${pick(u('pu', 'ckey'), [['transaction', 0.6], ['marketing', 0.4]])},
                stage = 'awareness', ${pick(u('pu', 'ckey'), [['marketing', 0.7], ['care', 0.3]])},
                stage = 'inquiry', ${pick(u('pu', 'ckey'), [['inquiry', 0.7], ['complaint', 0.3]])},
                stage = 'change', ${pick(u('pu', 'ckey'), [['transaction', 0.7], ['retention', 0.3]])},
                ${pick(u('pu', 'ckey'), [['inquiry', 0.3], ['transaction', 0.25], ['complaint', 0.1], ['marketing', 0.2], ['care', 0.1], ['retention', 0.05]])}) AS purpose,
        {chan:Array(String)}[1 + (indexOf(['gotone', 'mzone', 'easyown'], brand) - 1) * 5000
             + (indexOf(['awareness', 'acquisition', 'usage', 'inquiry', 'change'], stage) - 1) * 1000
             + toUInt32(floor(${u('ch', 'ckey')} * 1000))] AS channel,
        ${u('cv', 'ckey')} < least(0.95, ${econ('conv')}
            * multiIf(purpose = 'transaction', 1.5, purpose = 'retention', 1.2, purpose = 'marketing', 1.0, purpose = 'care', 0.4, purpose = 'inquiry', 0.3, 0.1)) AS converted,
        toDateTime(month + toIntervalDay(floor(${u('day', 'ckey')} * toDayOfMonth(toLastDayOfMonth(month))))) + toIntervalSecond(28800 + floor(${u('sec', 'ckey')} * 46800)) AS ts
      FROM ${db}.subscriber_months
      ARRAY JOIN range(toUInt8(multiIf(${u('nc', 'sub_id, month')} < 0.68, 0, ${u('nc', 'sub_id, month')} < 0.9, 1, ${u('nc', 'sub_id, month')} < 0.98, 2, 3))) AS k
      WHERE sub_id BETWEEN {lo:UInt64} AND {hi:UInt64}
    )
    WHERE ts < as_of + 1`;
  const chan = channelSlots();
  for (let lo = 1; lo <= subsTotal; lo += chunk) {
    const hi = Math.min(lo + chunk - 1, subsTotal);
    await engine.command(contactsSql, { ...common, lo, hi, chan });
    progress('contacts', hi, subsTotal);
  }
  const contactMonths = await engine.query<{ m: string }>(`SELECT DISTINCT _partition_id AS m FROM ${db}.contacts ORDER BY m`);
  await rebuildRollup(engine, 'contacts', contactMonths.map((r) => r.m));
  progress('channel rollup', 1, 1);
  await rebuildSets(engine, 'contacts');
  progress('reach sets', 1, 1);

  // 4. Campaign lists (last 12 complete months, per city): random lists hit at the city's
  //    observed rate; model lists several times better — about 7.5× for churn and 3.8× for
  //    data services, as seed 002 reports.
  await engine.command(`INSERT INTO ${db}.campaigns
    ${WITH}
    SELECT concat('C', formatDateTime(month, '%Y%m'), '-', kind) AS campaign_id, month, province, city, kind, list_type,
      toUInt32(targeted) AS targeted,
      -- stochastic rounding keeps small lists unbiased
      toUInt32(least(targeted, floor(targeted * least(0.9, base_rate * if(list_type = 'model', lift, 1)) + ${u('hr', 'city, month, kind, list_type')}))) AS hits,
      toUInt32(round(targeted * (0.75 + 0.15 * ${u('ct', 'city, month, kind, list_type')}))) AS contacted,
      toUInt32(if(kind = 'churn', floor(hits * contacted / greatest(targeted, 1) * if(list_type = 'model', 0.36, 0.3) + ${u('rt', 'city, month, kind, list_type')}), 0)) AS retained
    FROM (
      SELECT month, province, city, kind, list_type,
        greatest(1, round(base * if(list_type = 'model', 0.02, 0.005))) AS targeted,
        if(kind = 'churn', churn, 0.03 * (0.7 + 0.6 * ${u('take', 'city, month')})) AS base_rate,
        if(kind = 'churn', 7.5, 3.8) * (0.85 + 0.3 * ${u('lift', 'city, month, kind')}) AS lift
      FROM (
        SELECT month, province, city, countIf(is_churned = 0) AS base, countIf(is_churned = 1) / greatest(countIf(is_new = 0), 1) AS churn
        FROM ${db}.subscriber_months
        WHERE month >= addMonths(toStartOfMonth(as_of), -12) AND month < toStartOfMonth(as_of)
        GROUP BY month, province, city
      )
      ARRAY JOIN ['churn', 'data_service'] AS kind
      ARRAY JOIN ['model', 'random'] AS list_type
    )`, common);
  progress('campaigns', 1, 1);
}
