/**
 * The filters every chart shares: the region, the time range (from / to months) and the page
 * filters, one member each of PAGE_FILTER_DIMENSIONS (品牌 全球通 / 动感地带 / 神州行, 客户类型
 * 个人公众 … 单位大客户). All are global URL keys: they carry across pages and into saved views.
 */
import { computed } from 'vue';
import { PAGE_FILTER_DIMENSIONS, pageFiltersFor as takenBy, pageFiltersOf, type PageFilter, type PageFilterDimension } from '../../../server/model/page-filters';
import type { FilterInput, TimeRangeInput } from '../generated/graphql';
import { addMonths, latestCompleteMonth, MONTH } from './time';
import { useCatalog } from './useCatalog';
import { useScope } from './useScope';
import { useUrlState } from './useUrlState';

export function useFilters() {
  const scope = useScope();
  const { asOf, firstMonth, member, metric } = useCatalog();
  const { route, param, patch } = useUrlState();
  const lastMonth = computed(() => (asOf.value ? latestCompleteMonth(asOf.value) : ''));
  const defaultFrom = () => (lastMonth.value ? addMonths(lastMonth.value, -11) : '');
  const fromRaw = param('from', defaultFrom);
  const toRaw = param('to', () => lastMonth.value);
  const to = computed(() => (MONTH.test(toRaw.value) && toRaw.value <= lastMonth.value ? toRaw.value : lastMonth.value));
  const from = computed(() => (MONTH.test(fromRaw.value) && fromRaw.value <= to.value ? fromRaw.value : addMonths(to.value, -11)));
  const timeRange = computed<TimeRangeInput>(() => ({ from: from.value, to: to.value }));
  /** the page filters set in the URL, in PAGE_FILTER_DIMENSIONS' order; an id the catalog does not know is ignored */
  const pageFilters = computed<PageFilter[]>(() => pageFiltersOf(route.query, (d, id) => !!member(d, id)));
  /** the member a page filter is set to ('' for all) */
  const pageFilter = (dimension: PageFilterDimension): string => pageFilters.value.find((f) => f.dimension === dimension)?.values[0] ?? '';
  /** the page filters every one of `metrics` can take (campaign metrics have no brand or customer type: their cards say they are not narrowed) */
  const pageFiltersFor = (metrics: readonly string[]): PageFilter[] =>
    takenBy(pageFilters.value, metrics, (m, d) => !!metric(m)?.dimensions.includes(d));
  /** a query's filters: the region, the page filters `metrics` can take, and `extra` */
  const filtersFor = (metrics: readonly string[], ...extra: FilterInput[]): FilterInput[] => [...scope.filters.value, ...pageFiltersFor(metrics), ...extra];
  return {
    ...scope,
    from,
    to,
    lastMonth,
    firstMonth,
    timeRange,
    pageFilters,
    pageFilter,
    pageFiltersFor,
    filtersFor,
    PAGE_FILTER_DIMENSIONS,
    setPageFilter: (dimension: PageFilterDimension, id: string) => patch({ [dimension]: id || undefined }),
    setRange: (f: string, t: string) => patch({ from: f === defaultFrom() ? undefined : f, to: t === lastMonth.value ? undefined : t }),
    /** a one-month range on the last month of the picked range (KPI snapshots) */
    lastOfRange: computed<TimeRangeInput>(() => ({ from: to.value, to: to.value })),
  };
}
