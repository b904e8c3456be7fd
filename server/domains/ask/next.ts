/**
 * What an answer can be asked next: a few follow-ups, in the answer's language, that the
 * parser is known to take (index.ts keeps only those that parse, against this very answer, to
 * a different query). Candidates from the answer's shape: over time, year on year, drill into
 * a province (the one marked, the first of a ranking, else the largest), the top 5 of more
 * than 5 members, split a single figure by the usual dimensions.
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
  // provinces: the cities of the one the answer marks (广东排第几), else of the first of a
  // ranking, else of the one with the most of the first metric
  const marked = focus?.dimension === 'province' ? focus.values[0] : q.orderBy ? rows?.[0]?.province : topOf(rows ?? [], q.metrics[0])?.province;
  const first = dims.length === 1 && dims[0] === 'province' && rows?.length && scope === 'national' ? regionByCode(String(marked)) : undefined;
  if (first) out.push(zh ? `${first.shortZh}呢` : `only ${first.nameEn}`);
  if (timed(q.metrics) && !groupBy.some((g) => GRAIN_IDS.has(g))) out.push(zh ? '按月' : 'by month');
  if (timed(q.metrics) && !q.compare) out.push(zh ? '同比' : 'year over year');
  if (dims.length === 1 && !q.orderBy && new Set(rows?.map((r) => r[dims[0]])).size > 5) out.push(zh ? '前5' : 'top 5');
  // capability scores: by dimension, of the one entity or of the entities side by side
  if (q.metrics.includes('capability_score')) {
    if (dims.every((d) => d === 'capability_entity')) out.push(zh ? '按能力维度' : 'by capability dimension');
  } else if (!dims.length) {
    const filtered = (d: string) => (q.filters ?? []).some((f) => f.dimension === d);
    // the next region level down that the viewer sees more than one of
    const byCity = filtered('province') || scope === 'province';
    if (!filtered('city') && scope !== 'city') out.push(byCity ? (zh ? '按地市' : 'by city') : (zh ? '按省份' : 'by province'));
    if (!filtered('brand')) out.push(zh ? '按品牌' : 'by brand');
  }
  return out;
}

/** The row with the greatest value of `metric` (rows without one never win). */
function topOf(rows: readonly Record<string, unknown>[], metric: string): Record<string, unknown> | undefined {
  let best: Record<string, unknown> | undefined;
  for (const r of rows) {
    const v = r[metric];
    if (typeof v === 'number' && Number.isFinite(v) && (best === undefined || v > (best[metric] as number))) best = r;
  }
  return best ?? rows[0];
}
