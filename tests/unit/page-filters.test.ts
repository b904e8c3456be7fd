/** The page filters (server/model/page-filters.ts): one list the dashboard and the embeds read. */
import { describe, expect, it } from 'vitest';
import { model } from '../../server/model/index.ts';
import { isMember } from '../../server/model/members.ts';
import { PAGE_FILTER_DIMENSIONS, pageFiltersFor, pageFiltersOf } from '../../server/model/page-filters.ts';
import { GLOBAL_KEYS } from '../../web/src/composables/useUrlState';
import zh from '../../web/src/i18n/zh-CN';
import en from '../../web/src/i18n/en';

const has = (metric: string, dimension: string) => model.dimensionsOf(model.metric(metric)!).includes(dimension);

describe('page filters', () => {
  it('are model dimensions with members, global URL keys, and labelled in both languages', () => {
    expect(PAGE_FILTER_DIMENSIONS).toEqual(['brand', 'customer_type']);
    for (const d of PAGE_FILTER_DIMENSIONS) {
      expect(model.dimension(d)?.members?.length, d).toBeGreaterThan(1);
      expect(GLOBAL_KEYS).toContain(d);
      for (const msgs of [zh, en]) expect(msgs.pageFilter[d].label && msgs.pageFilter[d].all, d).toBeTruthy();
    }
    expect(zh.pageFilter.customer_type).toEqual({ label: '客户类型', all: '全部客户类型' });
    expect(en.pageFilter.customer_type).toEqual({ label: 'Customer type', all: 'All customer types' });
  });

  it("read a state's members in the list's order; an unknown id, an empty or a repeated key is unset", () => {
    expect(pageFiltersOf({ customer_type: 'key_org', brand: 'mzone', trend: 'arpu' }, isMember)).toEqual([
      { dimension: 'brand', op: 'in', values: ['mzone'] },
      { dimension: 'customer_type', op: 'in', values: ['key_org'] },
    ]);
    expect(pageFiltersOf({ customer_type: 'vip', brand: '' }, isMember)).toEqual([]); // vip is a value tier
    expect(pageFiltersOf({ customer_type: ['key_org', 'public_org'] }, isMember)).toEqual([]);
  });

  it('a query takes a filter only where every one of its metrics has the dimension', () => {
    const both = pageFiltersOf({ brand: 'gotone', customer_type: 'key_org' }, isMember);
    expect(pageFiltersFor(both, ['subscribers', 'arpu', 'e_channel_share', 'survival_rate'], has)).toEqual(both);
    expect(pageFiltersFor(both, ['campaign_lift', 'hit_rate'], has)).toEqual([]);
    expect(pageFiltersFor(both, ['subscribers', 'hit_rate'], has)).toEqual([]);
  });
});
