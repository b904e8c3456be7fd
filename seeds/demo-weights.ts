/**
 * Weights the demo generator draws from. Province populations: 7th national census (2020),
 * millions. Channel economics follow seed 002 (electronic channels cost a fraction of a
 * store visit and convert less); all figures are demo assumptions, not operator data.
 */
import { CITIES, PROVINCES } from './regions.ts';

export const PROVINCE_POPULATION_M: Record<string, number> = {
  '110000': 21.9, '120000': 13.9, '130000': 74.6, '140000': 34.9, '150000': 24.0, '210000': 42.6, '220000': 24.1,
  '230000': 31.9, '310000': 24.9, '320000': 84.7, '330000': 64.6, '340000': 61.0, '350000': 41.5, '360000': 45.2,
  '370000': 101.5, '410000': 99.4, '420000': 57.8, '430000': 66.4, '440000': 126.0, '450000': 50.1, '460000': 10.1,
  '500000': 32.1, '510000': 83.7, '520000': 38.6, '530000': 47.2, '540000': 3.6, '610000': 39.5, '620000': 25.0,
  '630000': 5.9, '640000': 7.2, '650000': 25.9,
};
/** Capitals and sub-provincial cities hold a larger share of their province. */
const CITY_BOOST: Record<string, number> = { '440300': 3.5, '440100': 3.5, '441900': 2, '440600': 2, '350200': 2, '370200': 2, '330200': 2, '210200': 2, '320500': 2.5 };

/** 10,000 slots of city codes in proportion to population: slot = floor(u · 10000). */
export function citySlots(): string[] {
  const weights: { code: string; w: number }[] = [];
  for (const p of PROVINCES) {
    const cities = CITIES.filter((c) => c.parent === p.code);
    const raw = cities.map((c) => (CITY_BOOST[c.code] ?? (c.code.endsWith('0100') ? 3 : 1)));
    const sum = raw.reduce((a, b) => a + b, 0);
    cities.forEach((c, i) => weights.push({ code: c.code, w: (PROVINCE_POPULATION_M[p.code] ?? 1) * raw[i] / sum }));
  }
  return toSlots(weights.map((x) => [x.code, x.w]), 10_000);
}

/** Turns [value, weight] pairs into `n` slots; every value with weight > 0 gets at least one. */
export function toSlots(pairs: [string, number][], n: number): string[] {
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  const out: string[] = [];
  let acc = 0;
  for (const [v, w] of pairs) {
    acc += w;
    const until = Math.max(out.length + (w > 0 ? 1 : 0), Math.round((acc / total) * n));
    while (out.length < until && out.length < n) out.push(v);
  }
  while (out.length < n) out.push(pairs[pairs.length - 1][0]);
  return out;
}

export const CHANNEL_ECONOMICS: Record<string, { cost: number; conv: number; handleSec: number; fcr: number }> = {
  store: { cost: 25, conv: 0.2, handleSec: 600, fcr: 0.86 },
  account_manager: { cost: 60, conv: 0.26, handleSec: 1200, fcr: 0.9 },
  agent: { cost: 15, conv: 0.15, handleSec: 480, fcr: 0.7 },
  hotline_in: { cost: 8, conv: 0.1, handleSec: 300, fcr: 0.76 },
  hotline_out: { cost: 6, conv: 0.08, handleSec: 180, fcr: 0.6 },
  ivr: { cost: 0.5, conv: 0.03, handleSec: 90, fcr: 0.5 },
  web: { cost: 0.3, conv: 0.06, handleSec: 240, fcr: 0.65 },
  app: { cost: 0.2, conv: 0.07, handleSec: 180, fcr: 0.68 },
  wap: { cost: 0.2, conv: 0.04, handleSec: 200, fcr: 0.6 },
  sms: { cost: 0.05, conv: 0.015, handleSec: 20, fcr: 0.55 },
  mms: { cost: 0.15, conv: 0.02, handleSec: 20, fcr: 0.5 },
  self_service: { cost: 1, conv: 0.05, handleSec: 150, fcr: 0.7 },
};

const CH = Object.keys(CHANNEL_ECONOMICS);
/** Channel preference by brand × lifecycle stage (seed 002's 渠道偏好全景视图), in CH order. */
const PREFERENCE: Record<string, Record<string, number[]>> = {
  //                 store am  agent hin hout ivr web app wap sms mms self
  gotone: {
    awareness:   [10, 20, 5, 8, 20, 2, 5, 8, 2, 14, 4, 2],
    acquisition: [35, 30, 15, 5, 5, 0, 3, 5, 0, 1, 0, 1],
    usage:       [8, 18, 2, 25, 3, 12, 8, 14, 2, 5, 1, 2],
    inquiry:     [6, 12, 1, 28, 1, 20, 10, 14, 2, 4, 0, 2],
    change:      [20, 25, 3, 20, 2, 5, 8, 12, 1, 2, 0, 2],
  },
  mzone: {
    awareness:   [6, 0, 8, 2, 10, 2, 10, 22, 10, 20, 8, 2],
    acquisition: [30, 0, 30, 2, 3, 0, 8, 20, 3, 2, 0, 2],
    usage:       [5, 0, 3, 10, 2, 12, 12, 30, 10, 12, 2, 2],
    inquiry:     [3, 0, 1, 12, 0, 22, 14, 30, 8, 8, 0, 2],
    change:      [12, 0, 6, 10, 1, 8, 14, 34, 6, 6, 0, 3],
  },
  easyown: {
    awareness:   [12, 0, 15, 3, 12, 3, 3, 6, 4, 34, 6, 2],
    acquisition: [40, 0, 40, 3, 3, 0, 2, 6, 1, 3, 0, 2],
    usage:       [15, 0, 8, 18, 3, 20, 4, 8, 4, 14, 1, 5],
    inquiry:     [10, 0, 4, 20, 1, 32, 4, 9, 3, 12, 0, 5],
    change:      [30, 0, 15, 15, 1, 8, 4, 10, 2, 8, 0, 7],
  },
};
export const BRANDS = ['gotone', 'mzone', 'easyown'] as const;
export const STAGES = ['awareness', 'acquisition', 'usage', 'inquiry', 'change'] as const;

/** 15 blocks of 1,000 slots: block (brandIndex · 5 + stageIndex). */
export function channelSlots(): string[] {
  const out: string[] = [];
  for (const b of BRANDS) for (const s of STAGES) out.push(...toSlots(PREFERENCE[b][s].map((w, i) => [CH[i], w]), 1000));
  return out;
}
export const CHANNEL_IDS = CH;
