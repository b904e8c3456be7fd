/** Labels for the chat: the catalog's (as the pages use), plus time grains, and chip texts. */
import { computed } from 'vue';
import type { Labels } from '../charts/builders/common';
import { useCatalog } from '../composables/useCatalog';
import { useLocale } from '../i18n';
import { changeOf, type Chip, type ChipValue } from './chips';
import { addMonths, latestCompleteMonth } from '../composables/time';
import { isGrain } from './model';
import { formatValue } from '../i18n/format';

/** dimensions with more members than this draw in result order, not catalog order */
const ORDER_MAX = 40;

export function useChatLabels() {
  const cat = useCatalog();
  const { locale, t, label } = useLocale();
  const grainLabel = (id: string) => label(cat.catalog.value?.grains.find((g) => g.id === id), id);
  const dimLabel = (id: string) => (isGrain(id) ? grainLabel(id) : cat.dimLabel(id));
  const order = (dim: string): string[] => {
    const ms = cat.dimension(dim)?.members ?? [];
    return ms.length <= ORDER_MAX ? ms.map((m) => m.id) : [];
  };
  const labels = computed<Labels>(() => {
    void locale.value; // re-label on language switch
    return { locale: locale.value, member: cat.labeller(), metric: cat.metricLabel, dim: dimLabel, format: cat.metricFormat, order };
  });
  const join = (xs: string[]) => xs.join(locale.value === 'en' ? ', ' : '、');
  const OPS: Record<string, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

  /** The range that applies when a question names no time (the server's rule: the latest complete month, 12 months when grouped by time). */
  function defaultRange(grouped: boolean): string {
    if (!cat.asOf.value) return '';
    const last = latestCompleteMonth(cat.asOf.value);
    return grouped ? t('chat.range', { from: addMonths(last, -11), to: last }) : last;
  }

  /** What a chip says, in the current language; `grouped`: the query has a time grain. */
  function chipText(c: Chip | ChipValue, grouped = false): string {
    const L = labels.value;
    switch (c.kind) {
      case 'metric': return L.metric(c.id);
      case 'filter': {
        // a threshold on a queried metric (离网率 > 5%): the metric's label, the value in its unit
        const changed = changeOf(c.dimension);
        if (changed && cat.metric(changed)) return `${t('chat.changeOf', { metric: L.metric(changed) })} ${OPS[c.op]} ${formatValue(c.values[0], 'change', locale.value, 'exact')}`;
        if (cat.metric(c.dimension)) {
          const v = c.values[0] === 'total' ? t('chat.overall') : formatValue(c.values[0], L.format(c.dimension), locale.value, 'exact');
          return `${L.metric(c.dimension)} ${OPS[c.op]} ${v}`;
        }
        const vals = join(c.values.map((v) => L.member(c.dimension, v)));
        const dim = dimLabel(c.dimension);
        if (c.op === 'in') return `${dim}${locale.value === 'en' ? ': ' : '：'}${vals}`;
        if (c.op === 'not_in') return `${dim}${locale.value === 'en' ? ': ' : '：'}${t('chat.notIn', { values: vals })}`;
        return `${dim} ${OPS[c.op]} ${vals}`;
      }
      case 'group': return t('chat.groupBy', { dim: dimLabel(c.id) });
      case 'time': return c.range ? (c.range.from === c.range.to ? c.range.from : t('chat.range', { from: c.range.from, to: c.range.to })) : t('chat.defaultTime', { range: defaultRange(grouped) });
      case 'order': {
        const changed = changeOf(c.metric);
        const m = changed && cat.metric(changed) ? t('chat.changeOf', { metric: L.metric(changed) })
          : isGrain(c.metric) || !cat.metric(c.metric) ? dimLabel(c.metric) : L.metric(c.metric);
        if (c.limit) return t(c.direction === 'desc' ? 'chat.top' : 'chat.bottom', { metric: m, n: c.limit });
        return t(c.direction === 'desc' ? 'chat.sortDesc' : 'chat.sortAsc', { metric: m });
      }
      case 'limit': return t('chat.limit', { n: c.limit });
      case 'compare': return t(`chat.${c.value}`);
    }
  }

  return { cat, labels, locale, t, dimLabel, order, chipText };
}
