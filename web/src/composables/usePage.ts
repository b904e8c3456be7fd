/**
 * What every page needs: filters (region + time), the labels the option builders take, and
 * what each chart card's "i" panel shows (as-of date, scope, time range).
 */
import { computed } from 'vue';
import type { Labels } from '../charts/builders/common';
import type { PageFilter } from '../../../server/model/page-filters';
import { useLocale } from '../i18n';
import { useCatalog } from './useCatalog';
import { useFilters } from './useFilters';
import { provinceOf, within } from './useScope';

export function usePage() {
  const f = useFilters();
  const cat = useCatalog();
  const { t, locale } = useLocale();
  const labels = computed<Labels>(() => {
    void locale.value; // re-label on language switch
    return { locale: locale.value, member: cat.labeller(), metric: cat.metricLabel, dim: cat.dimLabel, format: cat.metricFormat, order: (dim: string) => (cat.dimension(dim)?.members ?? []).map((m) => m.id) };
  });
  /** the region alone (广东省 · 深圳市): what a capability entity or assessment is about, whatever the page filters */
  const regionName = computed(() => (f.level.value === 'national' ? t('region.national') : [f.province.value, f.city.value].filter(Boolean).map((c) => f.regionLabel(c!)).join(' · ')));
  /** the region and the page filters set (广东省 · 动感地带 · 单位大客户) */
  const scopeLabel = computed(() => [regionName.value, ...f.pageFilters.value.map((p) => cat.memberLabel(p.dimension, p.values[0]))].join(' · '));
  /** names joined as the page's language joins them (动感地带和单位大客户, M-Zone and Key organisation) */
  const list = (names: string[]) => new Intl.ListFormat(locale.value, { type: 'conjunction' }).format(names);
  /**
   * What a card says of page filters its queries could not take (campaigns have no brand or
   * customer type): 未按动感地带和单位大客户筛选, and why (the badge's tooltip); null when none is missing.
   */
  const notNarrowed = (missing: readonly PageFilter[]) => (missing.length
    ? {
      text: t('chart.notNarrowedBy', { names: list(missing.map((m) => cat.memberLabel(m.dimension, m.values[0]))) }),
      hint: t('chart.notNarrowedHint', { dims: list(missing.map((m) => cat.dimLabel(m.dimension))) }),
    }
    : null);
  const card = computed(() => ({ asOf: cat.asOf.value, scopeLabel: scopeLabel.value, rangeLabel: `${f.from.value} – ${f.to.value}` }));
  /** one level up within the viewer's scope (a city to its province, a province to the country); null at the top */
  const up = computed<{ code: string; label: string } | null>(() => {
    const code = f.level.value === 'city' ? provinceOf(f.region.value) : f.level.value === 'province' ? 'national' : null;
    if (!code || !within(f.viewer.scope, code)) return null;
    return { code, label: code === 'national' ? t('region.national') : cat.memberLabel('province', code) };
  });
  return { ...f, ...cat, t, locale, labels, card, scopeLabel, regionName, notNarrowed, up };
}
