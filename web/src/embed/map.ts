/**
 * The boundaries for embedded map charts. embed.js is one classic script (no lazy chunks),
 * so they are not bundled into it: they are fetched from the product's origin on the first
 * map that needs them (written by the web build from the same data as the dashboard's maps:
 * web/build/china-map-plugin.ts) and registered with the embed's ECharts:
 *   - GET /embed/china-map.json: China's provinces (a map grouped by province);
 *   - GET /embed/province-maps/<code>.json: a province's cities (a map grouped by city, its
 *     rows all in that province).
 * If a map cannot be had, the chart falls back: the tile grid for provinces, ranked bars for cities.
 */
import { provinceOfRows, type MapDim } from '../charts/builders/overview';
import { once, registerGeo, type LoadedMap } from '../charts/geo';
import type { EmbedData } from './types';

export interface EmbedGeo extends LoadedMap { dim: MapDim }

const loaded = new Map<string, Promise<LoadedMap>>();

const load = (origin: string, map: string, file: string) => once(loaded, map, async () => {
  const res = await fetch(new URL(file, origin), { mode: 'cors', credentials: 'omit' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return registerGeo(map, await res.json());
});

/** The map a map chart's data is drawn on, registered; null when it cannot be had (the fallback is drawn). */
export async function embedGeo(origin: string, d: EmbedData): Promise<EmbedGeo | null> {
  if (d.chart !== 'map') return null;
  if (!(d.query.groupBy ?? []).includes('city')) {
    return load(origin, 'china', '/embed/china-map.json').then((m) => ({ ...m, dim: 'province' as const }), () => null);
  }
  const province = provinceOfRows(d.rows);
  if (!province) return null;
  return load(origin, `province-${province}`, `/embed/province-maps/${province}.json`).then((m) => ({ ...m, dim: 'city' as const }), () => null);
}
