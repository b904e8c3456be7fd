/** Members of every dimension: fixed ones from the model, regions from the catalogue,
 *  capability nodes from seeds/capability, RFM cells enumerated. */
import fs from 'node:fs';
import path from 'node:path';
import { CITIES, PROVINCES, regionByCode } from '../../seeds/regions.ts';
import { DIMENSIONS } from './dimensions.ts';
import type { Member } from './types.ts';

const CAP_DIR = path.resolve(import.meta.dirname, '../../seeds/capability');
interface FrameworkNode { id: string; labelZh: string; labelEn: string }
interface Framework { dimensions: (FrameworkNode & { areas: (FrameworkNode & { items: FrameworkNode[] })[] })[] }
interface Published { entities: (FrameworkNode & { kind: string })[] }

const readJson = <T>(file: string): T | null => {
  const p = path.join(CAP_DIR, file);
  return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as T) : null;
};
export const FRAMEWORK: Framework = readJson<Framework>('framework.json') ?? { dimensions: [] };
export const PUBLISHED_ENTITIES = readJson<Published>('published-2003.json')?.entities ?? [];

const regionMember = (code: string): Member => {
  const r = regionByCode(code)!;
  return { id: r.code, labelZh: r.nameZh, labelEn: r.nameEn, parent: r.parent || undefined, synonyms: [r.shortZh, ...(r.pinyinEn ? [r.pinyinEn] : [])] };
};

function capabilityMembers(dim: string): Member[] {
  const f = FRAMEWORK.dimensions;
  const pick = (n: FrameworkNode, parent?: string): Member => ({ id: n.id, labelZh: n.labelZh, labelEn: n.labelEn, ...(parent ? { parent } : {}) });
  switch (dim) {
    case 'capability_dimension': return f.map((d) => pick(d));
    case 'capability_area': return f.flatMap((d) => d.areas.map((a) => pick(a, d.id)));
    case 'capability_item': return f.flatMap((d) => d.areas.flatMap((a) => a.items.map((i) => pick(i, a.id))));
    case 'capability_entity': return [
      ...PUBLISHED_ENTITIES.map((e) => ({ id: e.id, labelZh: e.labelZh, labelEn: e.labelEn })),
      // provinces and cities assess themselves under their region code
      ...PROVINCES.map((p) => regionMember(p.code)), ...CITIES.map((c) => regionMember(c.code)),
    ];
    default: return [];
  }
}

const RFM_SCORES = [1, 2, 3, 4, 5];

/** Members of a dimension, optionally those under `parent`. Null when members are open-ended (cohorts). */
export function membersOf(dimension: string, parent?: string | null): Member[] | null {
  const d = DIMENSIONS.find((x) => x.id === dimension);
  if (!d) return [];
  let list: Member[] | null;
  switch (d.source) {
    case 'regions:province': list = PROVINCES.map((p) => regionMember(p.code)); break;
    case 'regions:city': list = CITIES.map((c) => regionMember(c.code)); break;
    case 'capability': list = capabilityMembers(d.id); break;
    case 'rfm':
      list = d.id === 'rfm_cell'
        ? RFM_SCORES.flatMap((r) => RFM_SCORES.flatMap((f) => RFM_SCORES.map((m) => ({ id: `R${r}F${f}M${m}`, labelZh: `R${r}F${f}M${m}`, labelEn: `R${r}F${f}M${m}` }))))
        : RFM_SCORES.map((s) => ({ id: String(s), labelZh: String(s), labelEn: String(s) }));
      break;
    case 'cohort': case 'numeric': case 'time': list = null; break;
    default: list = d.members ?? [];
  }
  if (list && parent) list = list.filter((m) => m.parent === parent);
  return list;
}

/** Is `value` a valid member id of the dimension? Open-ended dimensions check the form. */
export function isMember(dimension: string, value: string): boolean {
  if (dimension === 'cohort') return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
  if (dimension === 'tenure_months') return /^\d{1,4}$/.test(value);
  const list = membersOf(dimension);
  return !!list?.some((m) => m.id === value);
}
