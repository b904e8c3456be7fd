/**
 * The dashboard's page filters: each narrows every chart to one member of its dimension
 * (品牌 动感地带, 客户类型 单位大客户). One list for the dashboard (web/src/composables/useFilters.ts
 * and useUrlState.ts import this file: no imports, so it bundles anywhere) and for embeds made
 * from a saved view (server/embed/charts.ts): what the page narrowed, the embed narrows.
 *
 * Each filter is the URL key of its dimension id (`?brand=mzone&customer_type=key_org`), global
 * (it carries across pages) and part of a saved view's state. A query takes a page filter only
 * where every one of its metrics has that dimension (campaign metrics have neither brand nor
 * customer type: their cards say they are not narrowed).
 */
export const PAGE_FILTER_DIMENSIONS = ['brand', 'customer_type'] as const;

export type PageFilterDimension = (typeof PAGE_FILTER_DIMENSIONS)[number];

export interface PageFilter {
  dimension: PageFilterDimension;
  op: 'in';
  values: string[];
}

/**
 * A page state's filters (a URL query or a saved view's state), in the list's order: each key
 * holding one member id `isMember` knows; an unknown id (a stale or hand-edited link) reads as
 * unset, "all".
 */
export function pageFiltersOf(state: Readonly<Record<string, unknown>>, isMember: (dimension: string, id: string) => boolean): PageFilter[] {
  return PAGE_FILTER_DIMENSIONS.flatMap((dimension) => {
    const v = state[dimension];
    return typeof v === 'string' && v && isMember(dimension, v) ? [{ dimension, op: 'in' as const, values: [v] }] : [];
  });
}

/** Of `filters`, those a query of `metrics` takes: the ones whose dimension every metric has. */
export function pageFiltersFor<F extends { dimension: string | number }>(
  filters: readonly F[], metrics: readonly string[], hasDimension: (metric: string, dimension: string) => boolean,
): F[] {
  return filters.filter((f) => metrics.every((m) => hasDimension(m, String(f.dimension))));
}
