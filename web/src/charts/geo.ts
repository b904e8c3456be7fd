/**
 * Map boundaries for ECharts, shared by the dashboard (charts/chinaMap.ts: lazy chunks) and
 * the embed script (embed/map.ts: fetched files): registering a map, and loading each once.
 */
import type { GeoRegion } from './builders/overview';
import { echarts } from './registry';

/** A registered map: its ECharts name and its regions. */
export interface LoadedMap { map: string; regions: GeoRegion[] }

type Geo = { features: { id: string; properties: { name: string } }[] };

/** Registers a map under `name`; its regions (feature id = GB/T 2260 code, the map's own name). */
export function registerGeo(name: string, geo: Geo): LoadedMap {
  echarts.registerMap(name, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
  return { map: name, regions: geo.features.map((f) => ({ code: String(f.id), name: f.properties.name })) };
}

/** `load` once per key; a failed load is forgotten, so a later use may try again. */
export function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
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
