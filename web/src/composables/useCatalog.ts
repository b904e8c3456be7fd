/**
 * The catalog (metrics, dimensions, members, with zh/en labels) and the dataset's as-of
 * date: loaded once at boot; every label on screen comes from here.
 */
import { shallowRef } from 'vue';
import { request } from '../api/client';
import { CatalogDocument } from '../api/documents';
import type { CatalogQuery } from '../generated/graphql';
import { useLocale } from '../i18n';

export type Catalog = CatalogQuery['catalog'];
export type MetricInfo = Catalog['metrics'][number];
export type DimensionInfo = Catalog['dimensions'][number];
export type MemberInfo = DimensionInfo['members'][number];
export interface Labelled { labelZh: string; labelEn: string }

const catalog = shallowRef<Catalog | null>(null);
const asOf = shallowRef<string>('');
/** the earliest month with data (YYYY-MM), '' when none */
const firstMonth = shallowRef<string>('');
let metricIdx = new Map<string, MetricInfo>();
let dimIdx = new Map<string, DimensionInfo>();
let memberIdx = new Map<string, MemberInfo>();

export async function loadCatalog(): Promise<void> {
  const r = await request(CatalogDocument, {});
  metricIdx = new Map(r.catalog.metrics.map((m) => [m.id, m]));
  dimIdx = new Map(r.catalog.dimensions.map((d) => [d.id, d]));
  memberIdx = new Map(r.catalog.dimensions.flatMap((d) => d.members.map((m) => [`${d.id}:${m.id}`, m] as const)));
  asOf.value = r.dataset.asOf;
  firstMonth.value = r.dataset.firstMonth ?? '';
  catalog.value = r.catalog;
}

/** Label lookups in the current language; unknown ids fall back to the id itself. */
export function useCatalog() {
  const { label, locale } = useLocale();
  const metric = (id: string) => metricIdx.get(id);
  const dimension = (id: string) => dimIdx.get(id);
  const member = (dim: string, id: string) => memberIdx.get(`${dim}:${id}`);
  return {
    catalog,
    asOf,
    firstMonth,
    locale,
    metric,
    dimension,
    member,
    members: (dim: string, parent?: string) => (dimIdx.get(dim)?.members ?? []).filter((m) => !parent || m.parent === parent),
    metricLabel: (id: string) => label(metricIdx.get(id), id),
    metricFormat: (id: string) => metricIdx.get(id)?.format ?? 'decimal',
    dimLabel: (id: string) => label(dimIdx.get(id), id),
    memberLabel: (dim: string, id: unknown) => label(memberIdx.get(`${dim}:${String(id)}`), String(id)),
    /** a labeller the pure builders take: (dimension, member id) → text */
    labeller: () => (dim: string, id: unknown) => label(memberIdx.get(`${dim}:${String(id)}`), String(id)),
  };
}
