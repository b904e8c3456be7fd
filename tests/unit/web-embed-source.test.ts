/** The embed dialog's test of whether a saved view's chart is the card's (web/src/components/embed-source.ts). */
import { describe, expect, it } from 'vitest';
import { equivalentQueries } from '../../web/src/components/embed-source.ts';

const card = {
  metrics: ['churned_subscribers', 'churn_rate'], groupBy: ['brand'], timeRange: { from: '2025-05', to: '2025-05' },
  filters: [{ dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'customer_type', op: 'in', values: ['key_org', 'public'] }],
};

describe('equivalentQueries', () => {
  it('reads keys, filters and filter values in any order, and absent, null and empty lists alike', () => {
    const server = {
      filters: [{ values: ['public', 'key_org'], op: 'in', dimension: 'customer_type' }, { dimension: 'province', op: 'in', values: ['440000'] }],
      timeRange: { to: '2025-05', from: '2025-05' }, groupBy: ['brand'], metrics: ['churned_subscribers', 'churn_rate'], compare: null,
    };
    expect(equivalentQueries(server, card)).toBe(true);
    expect(equivalentQueries({ metrics: ['x'], filters: [] }, { metrics: ['x'] })).toBe(true);
  });

  it('tells apart another metric, metric order, grouping, month or filter value', () => {
    expect(equivalentQueries({ ...card, metrics: ['churn_rate'] }, card)).toBe(false);
    expect(equivalentQueries({ ...card, metrics: ['churn_rate', 'churned_subscribers'] }, card)).toBe(false);
    expect(equivalentQueries({ ...card, groupBy: ['value_tier'] }, card)).toBe(false);
    expect(equivalentQueries({ ...card, timeRange: { from: '2025-04', to: '2025-05' } }, card)).toBe(false);
    expect(equivalentQueries({ ...card, filters: [card.filters[0]] }, card)).toBe(false);
    expect(equivalentQueries({ ...card, filters: [card.filters[0], { ...card.filters[1], values: ['public'] }] }, card)).toBe(false);
    expect(equivalentQueries({ ...card, compare: 'yoy' }, card)).toBe(false);
  });
});
