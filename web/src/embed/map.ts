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
import { provinceOfRows, type GeoRegion, type MapDim } from '../charts/builders/overview';
import { echarts } from '../charts/registry';
import type { EmbedData } from './types';

export interface EmbedGeo { map: string; regions: GeoRegion[]; dim: MapDim }

const loaded = new Map<string, Promise<GeoRegion[]>>();

function load(origin: string, map: string, file: string): Promise<GeoRegion[]> {
  let p = loaded.get(map);
  if (!p) {
    p = fetch(new URL(file, origin), { mode: 'cors', credentials: 'omit' })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const geo = (await res.json()) as { features: { id: string; properties: { name: string } }[] };
        echarts.registerMap(map, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
        return geo.features.map((f) => ({ code: String(f.id), name: f.properties.name }));
      })
      .catch((e: unknown) => {
        loaded.delete(map); // the next map tries again
        throw e;
      });
    loaded.set(map, p);
  }
  return p;
}

/** The map a map chart's data is drawn on, registered; null when it cannot be had (the fallback is drawn). */
export async function embedGeo(origin: string, d: EmbedData): Promise<EmbedGeo | null> {
  if (d.chart !== 'map') return null;
  if (!(d.query.groupBy ?? []).includes('city')) {
    return load(origin, 'china', '/embed/china-map.json').then((regions) => ({ map: 'china', regions, dim: 'province' as const }), () => null);
  }
  const province = provinceOfRows(d.rows);
  if (!province) return null;
  const map = `province-${province}`;
  return load(origin, map, `/embed/province-maps/${province}.json`).then((regions) => ({ map, regions, dim: 'city' as const }), () => null);
}
