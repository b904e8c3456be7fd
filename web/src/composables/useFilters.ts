/** The page filters every chart shares: the region and the time range (from / to months). */
import { computed } from 'vue';
import type { FilterInput, TimeRangeInput } from '../generated/graphql';
import { addMonths, latestCompleteMonth, MONTH } from './time';
import { useCatalog } from './useCatalog';
import { useScope } from './useScope';
import { useUrlState } from './useUrlState';

export function useFilters() {
  const scope = useScope();
  const { asOf, firstMonth } = useCatalog();
  const { param, patch } = useUrlState();
  const lastMonth = computed(() => (asOf.value ? latestCompleteMonth(asOf.value) : ''));
  const defaultFrom = () => (lastMonth.value ? addMonths(lastMonth.value, -11) : '');
  const fromRaw = param('from', defaultFrom);
  const toRaw = param('to', () => lastMonth.value);
  const to = computed(() => (MONTH.test(toRaw.value) && toRaw.value <= lastMonth.value ? toRaw.value : lastMonth.value));
  const from = computed(() => (MONTH.test(fromRaw.value) && fromRaw.value <= to.value ? fromRaw.value : addMonths(to.value, -11)));
  const timeRange = computed<TimeRangeInput>(() => ({ from: from.value, to: to.value }));
  /** filters for a query: the region plus any extra ones */
  const withRegion = (...extra: FilterInput[]): FilterInput[] => [...scope.filters.value, ...extra];
  return {
    ...scope,
    from,
    to,
    lastMonth,
    firstMonth,
    timeRange,
    withRegion,
    setRange: (f: string, t: string) => patch({ from: f === defaultFrom() ? undefined : f, to: t === lastMonth.value ? undefined : t }),
    /** a one-month range on the last month of the picked range (KPI snapshots) */
    lastOfRange: computed<TimeRangeInput>(() => ({ from: to.value, to: to.value })),
  };
}
