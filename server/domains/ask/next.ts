/**
 * What an answer can be asked next: a few follow-ups, in the answer's language, that the
 * parser is known to take (index.ts keeps only those that parse, against this very answer, to
 * a different query). Candidates from the answer's shape: over time, year on year, drill into
 * the first region of a ranking, the top 5, split a single figure by the usual dimensions.
 */
import { timed } from './parse.ts';
import { regionByCode } from '../../../seeds/regions.ts';
import { GRAIN_IDS } from './constants.ts';
import type { Focus, Language, MetricQuery } from './types.ts';

export const MAX_NEXT = 4;

export function nextCandidates(q: MetricQuery, lang: Language, rows: readonly Record<string, unknown>[] | null, scope: 'national' | 'province' | 'city' = 'national', focus: Focus | null = null): string[] {
  const zh = lang === 'zh';
  const groupBy = q.groupBy ?? [];
  const dims = groupBy.filter((g) => !GRAIN_IDS.has(g));
  const out: string[] = [];
  // a ranking of provinces: the cities of the one it marks (广东排第几), else of the first
  const marked = focus?.dimension === 'province' ? focus.values[0] : rows?.[0]?.province;
  const first = dims.length === 1 && dims[0] === 'province' && rows?.length && scope === 'national' ? regionByCode(String(marked)) : undefined;
  if (first) out.push(zh ? `${first.shortZh}呢` : `only ${first.nameEn}`);
  if (timed(q.metrics) && !groupBy.some((g) => GRAIN_IDS.has(g))) out.push(zh ? '按月' : 'by month');
  if (timed(q.metrics) && !q.compare) out.push(zh ? '同比' : 'year over year');
  if (dims.length === 1 && !q.orderBy && (rows?.length ?? 0) > 5) out.push(zh ? '前5' : 'top 5');
  if (!dims.length) {
    const filtered = (d: string) => (q.filters ?? []).some((f) => f.dimension === d);
    if (q.metrics.includes('capability_score')) out.push(zh ? '按能力维度' : 'by capability dimension');
    else {
      // the next region level down that the viewer sees more than one of
      const byCity = filtered('province') || scope === 'province';
      if (!filtered('city') && scope !== 'city') out.push(byCity ? (zh ? '按地市' : 'by city') : (zh ? '按省份' : 'by province'));
      if (!filtered('brand')) out.push(zh ? '按品牌' : 'by brand');
    }
  }
  return out;
}
