/**
 * The filters every chart shares: the region, the time range (from / to months) and the brand
 * (全球通 / 动感地带 / 神州行). All three are global URL keys: they carry across pages and into
 * saved views.
 */
import { computed } from 'vue';
import type { FilterInput, TimeRangeInput } from '../generated/graphql';
import { addMonths, latestCompleteMonth, MONTH } from './time';
import { useCatalog } from './useCatalog';
import { useScope } from './useScope';
import { useUrlState } from './useUrlState';

export function useFilters() {
  const scope = useScope();
  const { asOf, firstMonth, member, metric } = useCatalog();
  const { param, patch } = useUrlState();
  const lastMonth = computed(() => (asOf.value ? latestCompleteMonth(asOf.value) : ''));
  const defaultFrom = () => (lastMonth.value ? addMonths(lastMonth.value, -11) : '');
  const fromRaw = param('from', defaultFrom);
  const toRaw = param('to', () => lastMonth.value);
  const to = computed(() => (MONTH.test(toRaw.value) && toRaw.value <= lastMonth.value ? toRaw.value : lastMonth.value));
  const from = computed(() => (MONTH.test(fromRaw.value) && fromRaw.value <= to.value ? fromRaw.value : addMonths(to.value, -11)));
  const timeRange = computed<TimeRangeInput>(() => ({ from: from.value, to: to.value }));
  const brandRaw = param('brand', () => '');
  /** the brand every chart is narrowed to ('' for all); an id the catalog does not know is ignored */
  const brand = computed(() => (brandRaw.value && member('brand', brandRaw.value) ? brandRaw.value : ''));
  const pageFilters = computed<FilterInput[]>(() => (brand.value ? [{ dimension: 'brand', op: 'in', values: [brand.value] }] : []));
  /** the page filters every one of `metrics` can take (campaign metrics have no brand: their cards say they are not narrowed) */
  const pageFiltersFor = (metrics: readonly string[]): FilterInput[] =>
    pageFilters.value.filter((f) => metrics.every((m) => metric(m)?.dimensions.includes(String(f.dimension))));
  /** a query's filters: the region, the page filters `metrics` can take, and `extra` */
  const filtersFor = (metrics: readonly string[], ...extra: FilterInput[]): FilterInput[] => [...scope.filters.value, ...pageFiltersFor(metrics), ...extra];
  return {
    ...scope,
    from,
    to,
    lastMonth,
    firstMonth,
    timeRange,
    brand,
    pageFilters,
    pageFiltersFor,
    filtersFor,
    setBrand: (b: string) => patch({ brand: b || undefined }),
    setRange: (f: string, t: string) => patch({ from: f === defaultFrom() ? undefined : f, to: t === lastMonth.value ? undefined : t }),
    /** a one-month range on the last month of the picked range (KPI snapshots) */
    lastOfRange: computed<TimeRangeInput>(() => ({ from: to.value, to: to.value })),
  };
}
