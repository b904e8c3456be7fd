/**
 * Saved views: list / search a scope's views, save the current page state (new view or
 * new version), default, delete, history, restore; and on opening the dashboard, the
 * default that applies: URL > the viewer's own > city > province > national.
 */
import { ref, shallowRef } from 'vue';
import type { RouteLocationNormalizedLoaded, Router } from 'vue-router';
import { request } from '../api/client';
import {
  DeleteViewDocument, EffectiveDefaultViewDocument, RestoreViewDocument, SaveViewDocument, SavedViewDocument,
  SavedViewHistoryDocument, SavedViewsDocument, SetDefaultViewDocument,
} from '../api/documents';
import type { DefaultSource, SavedViewsQuery } from '../generated/graphql';
import { globalQuery, pageState } from './useUrlState';
import { within } from './useScope';

export type SavedView = SavedViewsQuery['savedViews'][number];
export type AppliedSource = DefaultSource | 'url';
export interface Applied { source: AppliedSource; view: Pick<SavedView, 'id' | 'name' | 'scope' | 'page' | 'version'> }

/** What applied when the dashboard opened (or the view opened from the list); shared by the banner. */
const applied = shallowRef<Applied | null>(null);

/** Should opening this URL look for a default view? Only a bare overview URL (scope / lang at most). Pure. */
export function wantsDefault(routeName: unknown, query: Record<string, unknown>): boolean {
  return routeName === 'overview' && !query.view && Object.keys(pageState(query as never)).length === 0;
}

/** The query that opens a saved view in `scope`: its state, the global keys of the current URL, and its id. Pure. */
export function viewQuery(view: { id: string; state: unknown }, current: Record<string, unknown>, scope: string): Record<string, string> {
  const g = globalQuery(current as never);
  const state = (view.state && typeof view.state === 'object' ? view.state : {}) as Record<string, string>;
  const q: Record<string, string> = { ...(g.from ? { from: g.from } : {}), ...(g.to ? { to: g.to } : {}), ...state, view: view.id };
  if (scope !== 'national') q.scope = scope;
  if (g.lang) q.lang = g.lang;
  return q;
}

export function useSavedViews() {
  const busy = ref(false);
  const error = ref<string | null>(null);
  const guard = async <T>(f: () => Promise<T>): Promise<T | null> => {
    busy.value = true;
    error.value = null;
    try {
      return await f();
    } catch (e) {
      error.value = (e as Error).message;
      return null;
    } finally {
      busy.value = false;
    }
  };

  return {
    applied,
    busy,
    error,
    list: (scope: string, search: string, includeDeleted: boolean) =>
      guard(async () => (await request(SavedViewsDocument, { scope, search: search || null, includeDeleted })).savedViews),
    history: (id: string) => guard(async () => (await request(SavedViewHistoryDocument, { id })).savedViewHistory),
    save: (input: { id?: string | null; scope: string; name: string; page: string; state: Record<string, string>; visibility: 'shared' | 'personal'; isDefault: boolean }) =>
      guard(async () => (await request(SaveViewDocument, { input })).saveView),
    setDefault: (id: string, isDefault: boolean) => guard(async () => (await request(SetDefaultViewDocument, { id, isDefault })).setDefaultView),
    remove: (id: string) => guard(async () => (await request(DeleteViewDocument, { id })).deleteView),
    restore: (id: string, version: number) => guard(async () => (await request(RestoreViewDocument, { id, version })).restoreView),

    /** Opens a view: navigates to its page with its state, in the given scope. */
    open(router: Router, route: RouteLocationNormalizedLoaded, view: SavedView | Applied['view'] & { state: unknown }, scope: string, source: AppliedSource = 'url') {
      applied.value = { source, view };
      return router.push({ name: view.page, query: viewQuery(view, route.query, scope) });
    },

    /** On first navigation: apply the first default found unless the URL already says what to show. */
    async applyOnOpen(router: Router, route: RouteLocationNormalizedLoaded, viewerScope: string) {
      const q = route.query as Record<string, unknown>;
      const scope = typeof q.scope === 'string' && /^(national|\d{6})$/.test(q.scope) && within(viewerScope, q.scope) ? q.scope : viewerScope;
      if (typeof q.view === 'string' && q.view !== 'none') {
        const r = await request(SavedViewDocument, { id: q.view }).catch(() => null);
        if (r?.savedView) applied.value = { source: 'url', view: r.savedView };
        return;
      }
      if (!wantsDefault(route.name, q)) return;
      const r = await request(EffectiveDefaultViewDocument, { scope }).catch(() => null);
      const d = r?.effectiveDefaultView;
      if (!d) return;
      applied.value = { source: d.source, view: d.view };
      // a link's region that was not used (outside the viewer's, or unknown) stays in the URL, so
      // the page says it showed the viewer's own region instead (useScope's `ignored`)
      const ignored = typeof q.scope === 'string' && q.scope !== scope ? { scope: q.scope } : {};
      await router.replace({ name: d.view.page, query: { ...viewQuery(d.view, q, scope), ...ignored } });
    },

    /** Back to the plain page in the same scope; `view=none` keeps defaults from re-applying. */
    reset(router: Router, route: RouteLocationNormalizedLoaded) {
      applied.value = null;
      const g = globalQuery(route.query);
      return router.push({ name: 'overview', query: { ...(g.scope ? { scope: g.scope } : {}), ...(g.lang ? { lang: g.lang } : {}), view: 'none' } });
    },
  };
}
