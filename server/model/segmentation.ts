/**
 * Monthly segment rules (DOMAIN.md; seeds 003 RFM & quadrants, 004 value tiers), defined
 * once. `seeds/derive.ts` turns them into SQL over a subscriber's monthly usage; the unit
 * tests check them against an independent row-by-row computation.
 *
 * Trailing windows are over the subscriber's months in the base, current month included.
 */
export const RFM = {
  /** R: months since the last month with a recharge (prepaid) or payment (postpaid). */
  recency: [
    { score: 5, maxMonths: 0 },
    { score: 4, maxMonths: 1 },
    { score: 3, maxMonths: 2 },
    { score: 2, maxMonths: 5 },
  ] as const, // otherwise (≥ 6 months or never): 1
  /** F: active months among the trailing 6. */
  frequency: [
    { score: 5, minMonths: 6 },
    { score: 4, minMonths: 5 },
    { score: 3, minMonths: 4 },
    { score: 2, minMonths: 2 },
  ] as const, // otherwise: 1
  frequencyWindow: 6,
  /** M: average monthly revenue over the trailing 3 months (yuan). */
  monetary: [
    { score: 5, minRevenue: 150 },
    { score: 4, minRevenue: 80 },
    { score: 3, minRevenue: 40 },
    { score: 2, minRevenue: 20 },
  ] as const, // otherwise: 1
  monetaryWindow: 3,
};

/** Value tier from the trailing-3-month ARPU; key customer types are always `key`. */
export const VALUE_TIER = {
  keyCustomerTypes: ['key_individual', 'key_org'],
  thresholds: [
    { tier: 'vip', minArpu: 150 },
    { tier: 'maintain', minArpu: 50 },
    { tier: 'improve', minArpu: 15 },
  ] as const, // otherwise: drop (costs more to serve than it brings)
};

/** Ability × desire: ability from trailing-3 ARPU, desire from trailing-3 usage intensity. */
export const QUADRANT = {
  strongAbilityMinArpu: 80,
  strongDesireMinDataMb: 2048,
  strongDesireMinMinutes: 400,
};

/** Satisfaction / loyalty score (0–100) → band id. */
export const BAND_EDGES = [
  { band: '95_100', min: 95 },
  { band: '80_95', min: 80 },
  { band: '60_80', min: 60 },
  { band: '40_60', min: 40 },
] as const; // otherwise: lt40

/** Whole months elapsed from a to b, as an age counts (DOMAIN.md): 2024-01-15 → 2024-03-14 is 1. */
export const tenureSql = (a: string, b: string) =>
  `((toYear(${b}) - toYear(${a})) * 12 + toMonth(${b}) - toMonth(${a}) - if(toDayOfMonth(${b}) < toDayOfMonth(${a}), 1, 0))`;

export const bandSql = (score: string) =>
  `multiIf(${BAND_EDGES.map((e) => `${score} >= ${e.min}, '${e.band}'`).join(', ')}, 'lt40')`;
