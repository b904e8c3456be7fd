/**
 * What every page needs: filters (region + time), the labels the option builders take, and
 * what each chart card's "i" panel shows (as-of date, scope, time range).
 */
import { computed } from 'vue';
import type { Labels } from '../charts/builders/common';
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
  const region = computed(() => (f.level.value === 'national' ? t('region.national') : [f.province.value, f.city.value].filter(Boolean).map((c) => f.regionLabel(c!)).join(' · ')));
  const scopeLabel = computed(() => (f.brand.value ? `${region.value} · ${cat.memberLabel('brand', f.brand.value)}` : region.value));
  const card = computed(() => ({ asOf: cat.asOf.value, scopeLabel: scopeLabel.value, rangeLabel: `${f.from.value} – ${f.to.value}` }));
  /** one level up within the viewer's scope (a city to its province, a province to the country); null at the top */
  const up = computed<{ code: string; label: string } | null>(() => {
    const code = f.level.value === 'city' ? provinceOf(f.region.value) : f.level.value === 'province' ? 'national' : null;
    if (!code || !within(f.viewer.scope, code)) return null;
    return { code, label: code === 'national' ? t('region.national') : cat.memberLabel('province', code) };
  });
  return { ...f, ...cat, t, locale, labels, card, scopeLabel, up };
}
