/**
 * All dashboard state lives in the URL query: a link reproduces the view, back/forward
 * walk through changes. Global keys (scope, from, to, the page filters: brand, customer_type, and
 * lang) survive page switches; every other key belongs to the page that set it, and a tab takes
 * its page back as it was left.
 */
import { computed, type WritableComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { PAGE_FILTER_DIMENSIONS } from '../../../server/model/page-filters';

export const GLOBAL_KEYS = ['scope', 'from', 'to', ...PAGE_FILTER_DIMENSIONS, 'lang'] as const;

export type Patch = Record<string, string | null | undefined>;

/** The query after applying `patch` (null / undefined / '' remove a key). Pure. */
export function patchQuery(query: LocationQuery, patch: Patch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') out[k] = v;
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

/** The global part of a query (what carries over to another page). */
export function globalQuery(query: LocationQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of GLOBAL_KEYS) if (typeof query[k] === 'string') out[k] = query[k] as string;
  return out;
}

/**
 * A tab's link: what that page last showed (its own keys and its view, remembered as the viewer
 * left it) under the current global keys. Pure.
 */
export function tabQuery(remembered: LocationQuery | undefined, current: LocationQuery): Record<string, string> {
  const out: Record<string, string> = {};
  // a saved view holds its region: under another region the page is no longer that view; a
  // drilled map (older links) belongs to the region it was drilled from
  const sameRegion = (remembered?.scope ?? '') === (current.scope ?? '');
  for (const [k, v] of Object.entries(remembered ?? {})) {
    if (typeof v !== 'string' || (GLOBAL_KEYS as readonly string[]).includes(k)) continue;
    if (!sameRegion && (k === 'view' || k === 'drill')) continue;
    out[k] = v;
  }
  return { ...out, ...globalQuery(current) };
}

/** The page part of a query (what a saved view stores): everything but scope / view / lang. */
export function pageState(query: LocationQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' && !['scope', 'view', 'lang'].includes(k)) out[k] = v;
  return out;
}

export function useUrlState() {
  const route = useRoute();
  const router = useRouter();
  /**
   * Any state change drops `view`: the page no longer is the saved view as saved. Waits for the
   * first navigation: before it, `route` is still `/`, and a click as the page opens (the
   * language switch on /capability) would have patched the overview's URL.
   */
  const patch = async (p: Patch, opts: { replace?: boolean; keepView?: boolean } = {}) => {
    await router.isReady();
    const next = patchQuery(route.query, { ...(opts.keepView ? {} : { view: undefined }), ...p });
    return opts.replace ? router.replace({ query: next }) : router.push({ query: next });
  };
  /**
   * A string parameter with a default; setting the default removes it from the URL. With
   * `allowed`, a value not among them (a hand-edited or stale link) reads as the default.
   */
  const param = (key: string, fallback: () => string, allowed?: () => readonly string[]): WritableComputedRef<string> =>
    computed({
      get: () => {
        const v = route.query[key];
        return typeof v === 'string' && v && (!allowed || allowed().includes(v)) ? v : fallback();
      },
      set: (v) => { void patch({ [key]: v === fallback() ? undefined : v }); },
    });
  return { route, router, patch, param };
}
