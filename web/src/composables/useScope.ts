/**
 * Who is looking and at which region. The viewer comes from one place (here): the server's
 * `viewer` query, answered from the verified sign-in token (loadViewer, before mount); its
 * scope bounds what the region picker offers.
 * The chosen region (`scope` in the URL) narrows the viewer's scope: national, a province
 * code or a city code (GB/T 2260).
 */
import { computed, reactive, readonly } from 'vue';
import type { FilterInput } from '../generated/graphql';
import { useCatalog } from './useCatalog';
import { useUrlState } from './useUrlState';

export type RegionLevel = 'national' | 'province' | 'city';
export interface Viewer { id: string; name: string; nameEn: string | null; role: string; scope: string; canUseGraphiQL: boolean; canMakeEmbeds: boolean }

const state = reactive<Viewer>({ id: '', name: '', nameEn: null, role: '', scope: 'national', canUseGraphiQL: false, canMakeEmbeds: false });
const VIEWER = readonly(state) as Viewer;

/** Asks the server who is signed in; a missing or expired session goes to the login page. */
export async function loadViewer(): Promise<void> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: 'query Viewer { viewer { id name nameEn role scope canUseGraphiQL canMakeEmbeds } }' }),
  });
  if (res.status === 401) {
    window.location.href = `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
    return new Promise(() => {}); // navigating away
  }
  const body = (await res.json()) as { data?: { viewer: Viewer } };
  if (body.data?.viewer) Object.assign(state, body.data.viewer);
}

export function useViewer(): Viewer {
  return VIEWER;
}

export const NATIONAL = 'national';
export const levelOf = (code: string): RegionLevel => (code === NATIONAL || !code ? 'national' : code.endsWith('0000') ? 'province' : 'city');
export const provinceOf = (code: string): string | null => (levelOf(code) === 'national' ? null : `${code.slice(0, 2)}0000`);

/** The query filters a region implies. Pure. */
export function regionFilters(code: string): FilterInput[] {
  const level = levelOf(code);
  if (level === 'province') return [{ dimension: 'province', op: 'in', values: [code] }];
  if (level === 'city') return [{ dimension: 'city', op: 'in', values: [code] }];
  return [];
}

/** Is `code` inside `scope`? */
export function within(scope: string, code: string): boolean {
  if (levelOf(scope) === 'national') return true;
  if (levelOf(scope) === 'province') return provinceOf(code) === scope;
  return code === scope;
}

export function useScope() {
  const viewer = useViewer();
  const { param } = useUrlState();
  const { catalog, member, memberLabel } = useCatalog();
  const raw = param('scope', () => viewer.scope);
  // a region the catalog does not know, or outside the viewer's scope, falls back to the viewer's own
  const known = (code: string) => code === NATIONAL || !catalog.value || !!member(levelOf(code), code);
  const region = computed<string>({
    get: () => (/^(national|\d{6})$/.test(raw.value) && known(raw.value) && within(viewer.scope, raw.value) ? raw.value : viewer.scope),
    set: (v) => { raw.value = v; },
  });
  /** the URL's region when it was not used (unknown, or outside the scope): said on screen */
  const ignored = computed(() => (raw.value !== region.value ? raw.value : null));
  const level = computed(() => levelOf(region.value));
  const province = computed(() => provinceOf(region.value));
  const city = computed(() => (level.value === 'city' ? region.value : null));
  const regionLabel = (code: string) => (levelOf(code) === 'national' ? '' : memberLabel(levelOf(code), code));
  return {
    viewer,
    region,
    level,
    province,
    city,
    ignored,
    filters: computed(() => regionFilters(region.value)),
    regionLabel,
  };
}
