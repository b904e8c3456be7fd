/** The chat's restatement chips: interpretation → chips → interpretation, and edits on chips. Pure, no DOM. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdit, dimensionChoices, fromChips, metricChoices, removable, sameQuery, thresholdInput, toChips } from '../../web/src/chat/chips';
import { chartAfterEdit, defaultChart, normalizeInterpretation, type Interpretation } from '../../web/src/chat/model';
import { decodeChat, encodeChat, graphiqlHref, graphqlLiteral, inlineVariables, viewOfAnswer } from '../../web/src/chat/share';

const q = (x: Partial<Interpretation> & { metrics: string[] }): Interpretation => normalizeInterpretation(x)!;
const GD_CITIES = q({ metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: ['440000'] }] });
const FULL = q({
  metrics: ['churn_rate', 'arpu'], groupBy: ['city', 'month'],
  filters: [{ dimension: 'city', op: 'in', values: ['440300', '440100'] }, { dimension: 'brand', op: 'not_in', values: ['easyown'] }],
  timeRange: { from: '2024-01', to: '2024-03' }, orderBy: { metric: 'churn_rate', direction: 'desc' }, limit: 5, compare: 'yoy',
});

describe('chips from an interpretation and back', () => {
  it('one chip per metric, filter, grouping; time, order / limit and compare', () => {
    const chips = toChips(FULL);
    expect(chips.map((c) => c.kind)).toEqual(['metric', 'metric', 'filter', 'filter', 'group', 'group', 'time', 'order', 'compare']);
    expect(chips.find((c) => c.kind === 'order')).toMatchObject({ metric: 'churn_rate', direction: 'desc', limit: 5 });
    expect(chips.find((c) => c.kind === 'group' && c.id === 'month')).toMatchObject({ grain: true });
    expect(new Set(chips.map((c) => c.key)).size).toBe(chips.length);
  });

  it('a ranking by a metric\'s change (revenue_change) stays while compared; without the comparison it ranks by the metric', () => {
    const byGrowth = q({ metrics: ['revenue'], groupBy: ['province'], orderBy: { metric: 'revenue_change', direction: 'desc' }, limit: 5, compare: 'yoy' });
    expect(fromChips(toChips(byGrowth))).toMatchObject({ orderBy: { metric: 'revenue_change', direction: 'desc' }, limit: 5, compare: 'yoy' });
    const chips = toChips(byGrowth).filter((c) => c.kind !== 'compare');
    expect(fromChips(chips).orderBy).toEqual({ metric: 'revenue', direction: 'desc' });
    // another metric's change, once that metric is gone, moves to the first metric as any order does
    const other = toChips(q({ metrics: ['revenue', 'arpu'], groupBy: ['province'], orderBy: { metric: 'arpu_change', direction: 'asc' }, compare: 'mom' })).filter((c) => !(c.kind === 'metric' && c.id === 'arpu'));
    expect(fromChips(other).orderBy).toEqual({ metric: 'revenue', direction: 'asc' });
    // those that fell (revenue_change < 0): kept while compared, dropped with the comparison
    const fell = q({ metrics: ['revenue'], groupBy: ['province'], filters: [{ dimension: 'revenue_change', op: 'lt', values: ['0'] }], compare: 'yoy' });
    expect(fromChips(toChips(fell)).filters).toEqual([{ dimension: 'revenue_change', op: 'lt', values: ['0'] }]);
    expect(fromChips(toChips(fell).filter((c) => c.kind !== 'compare')).filters).toEqual([]);
  });

  it('a question that names no time gets a default time chip that is not a condition', () => {
    const chips = toChips(GD_CITIES);
    const time = chips.find((c) => c.kind === 'time')!;
    expect(time).toMatchObject({ range: null });
    expect(removable(time, chips)).toBe(false);
    expect(fromChips(chips).timeRange).toBeUndefined();
  });

  it('round-trips every interpretation of the ask examples', () => {
    const file = path.resolve(import.meta.dirname, '../fixtures/ask-examples.jsonl');
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
    let n = 0;
    for (const line of lines) {
      for (const turn of JSON.parse(line).turns as { interpretation?: unknown }[]) {
        if (!turn.interpretation) continue;
        const i = normalizeInterpretation(turn.interpretation)!;
        expect(i).not.toBeNull();
        expect(fromChips(toChips(i))).toEqual(i);
        n++;
      }
    }
    expect(n).toBeGreaterThan(30);
  });

  it('normalizes what the server sends (compare null, no timeRange) and rejects what is not a query', () => {
    expect(normalizeInterpretation({ metrics: ['arpu'], groupBy: [], filters: [], compare: null })).toEqual({ metrics: ['arpu'], groupBy: [], filters: [], compare: null });
    expect(normalizeInterpretation({ metrics: [] })).toBeNull();
    expect(normalizeInterpretation('churn')).toBeNull();
    expect(normalizeInterpretation({ metrics: ['arpu'], filters: [{ dimension: 'city', op: 'like', values: ['x'] }] })).toBeNull();
    expect(normalizeInterpretation({ metrics: ['arpu'], timeRange: { from: 'last month', to: '2024-01' } })?.timeRange).toBeUndefined();
  });
});

describe('editing chips', () => {
  it('removing a filter, a grouping, the order or the comparison drops just that', () => {
    const noCity = applyEdit(FULL, { type: 'remove', key: 'filter:0' });
    expect(noCity.filters).toEqual([{ dimension: 'brand', op: 'not_in', values: ['easyown'] }]);
    expect(noCity.groupBy).toEqual(FULL.groupBy);
    const noOrder = applyEdit(FULL, { type: 'remove', key: 'order' });
    expect(noOrder.orderBy).toBeUndefined();
    expect(noOrder.limit).toBeUndefined();
    expect(applyEdit(FULL, { type: 'remove', key: 'compare' }).compare).toBeNull();
    expect(applyEdit(FULL, { type: 'remove', key: 'time' }).timeRange).toBeUndefined();
    expect(applyEdit(FULL, { type: 'remove', key: 'group:0' }).groupBy).toEqual(['month']);
  });

  it('the last metric cannot be removed; removing the ordered metric moves the order to the next one', () => {
    const one = applyEdit(GD_CITIES, { type: 'remove', key: 'metric:0' });
    expect(one).toEqual(GD_CITIES);
    const r = applyEdit(FULL, { type: 'remove', key: 'metric:0' });
    expect(r.metrics).toEqual(['arpu']);
    expect(r.orderBy).toEqual({ metric: 'arpu', direction: 'desc' });
    expect(r.limit).toBe(5);
  });

  it('swapping a metric carries the order over; picking other members replaces the values', () => {
    const r = applyEdit(FULL, { type: 'replace', key: 'metric:0', chip: { kind: 'metric', id: 'mou' } });
    expect(r.metrics).toEqual(['mou', 'arpu']);
    expect(r.orderBy?.metric).toBe('mou');
    const only = applyEdit(FULL, { type: 'replace', key: 'filter:0', chip: { kind: 'filter', dimension: 'city', op: 'in', values: ['440300'] } });
    expect(only.filters[0]).toEqual({ dimension: 'city', op: 'in', values: ['440300'] });
  });

  it('adding keeps the query valid: one time grain, no duplicates, empty filters dropped', () => {
    const quarter = applyEdit(FULL, { type: 'add', chip: { kind: 'group', id: 'quarter', grain: true } });
    expect(quarter.groupBy).toEqual(['city', 'quarter']);
    expect(applyEdit(FULL, { type: 'add', chip: { kind: 'metric', id: 'arpu' } }).metrics).toEqual(['churn_rate', 'arpu']);
    expect(applyEdit(GD_CITIES, { type: 'add', chip: { kind: 'filter', dimension: 'brand', op: 'in', values: [] } })).toEqual(GD_CITIES);
    const top = applyEdit(GD_CITIES, { type: 'add', chip: { kind: 'order', metric: 'churn_rate', direction: 'asc', limit: 3 } });
    expect(top).toMatchObject({ orderBy: { metric: 'churn_rate', direction: 'asc' }, limit: 3 });
    const time = applyEdit(GD_CITIES, { type: 'replace', key: 'time', chip: { kind: 'time', range: { from: '2024-01', to: '2024-06' } } });
    expect(time.timeRange).toEqual({ from: '2024-01', to: '2024-06' });
    expect(sameQuery(time, GD_CITIES)).toBe(false);
    expect(sameQuery(applyEdit(GD_CITIES, { type: 'remove', key: 'nope' }), GD_CITIES)).toBe(true);
  });

  it('removing a grouping also drops an order on it', () => {
    const byMonth = q({ metrics: ['arpu'], groupBy: ['month'], orderBy: { metric: 'month', direction: 'asc' } });
    expect(applyEdit(byMonth, { type: 'remove', key: 'group:0' }).orderBy).toBeUndefined();
  });

  it('a default chart follows the new shape after an edit; a chart asked for stays', () => {
    const kpi = applyEdit(GD_CITIES, { type: 'remove', key: 'group:0' });
    expect(chartAfterEdit(GD_CITIES, 'bar', kpi)).toBe('kpi');
    expect(chartAfterEdit(GD_CITIES, 'pie', applyEdit(GD_CITIES, { type: 'remove', key: 'filter:0' }))).toBe('pie');
    expect(defaultChart(q({ metrics: ['arpu'], groupBy: ['month'] }))).toBe('line');
    expect(defaultChart(q({ metrics: ['arpu'], groupBy: ['month'], filters: [{ dimension: 'arpu', op: 'lt', values: ['75'] }] }))).toBe('bar');
    expect(defaultChart(q({ metrics: ['arpu'], groupBy: ['month'], filters: [{ dimension: 'brand', op: 'in', values: ['gotone'] }] }))).toBe('line');
    expect(defaultChart(q({ metrics: ['survival_rate'], groupBy: ['brand'] }))).toBe('survival');
  });

  it('offers only metrics and groupings that fit the rest of the query', () => {
    const catalog = [
      { id: 'churn_rate', dimensions: ['province', 'city', 'brand'], grains: ['month'] },
      { id: 'conversion_rate', dimensions: ['province', 'city', 'channel'], grains: ['day', 'month'] },
      { id: 'survival_rate', dimensions: ['province', 'city', 'brand'], grains: [] },
    ];
    expect(metricChoices(catalog, q({ metrics: ['churn_rate'], groupBy: ['brand', 'month'] }))).toEqual(['churn_rate']);
    expect(metricChoices(catalog, q({ metrics: ['churn_rate'], groupBy: ['city'] }))).toEqual(['churn_rate', 'conversion_rate', 'survival_rate']);
    expect(dimensionChoices(catalog, q({ metrics: ['churn_rate', 'conversion_rate'] }))).toEqual({ dimensions: ['province', 'city'], grains: ['month'] });
    // a threshold (离网率 > 5%) is not a dimension the other metrics would need
    const above = q({ metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'churn_rate', op: 'gt', values: ['0.05'] }] });
    expect(metricChoices(catalog, above)).toEqual(['churn_rate', 'conversion_rate', 'survival_rate']);
  });

  it('a threshold goes with its metric: removing or swapping the metric drops it', () => {
    const both = q({ metrics: ['churn_rate', 'arpu'], groupBy: ['city'], filters: [
      { dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'churn_rate', op: 'gt', values: ['0.05'] }, { dimension: 'arpu', op: 'lt', values: ['70'] }] });
    expect(applyEdit(both, { type: 'remove', key: 'metric:0' }).filters).toEqual([
      { dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'arpu', op: 'lt', values: ['70'] }]);
    const swapped = applyEdit(both, { type: 'replace', key: 'metric:1', chip: { kind: 'metric', id: 'mou' } });
    expect(swapped.metrics).toEqual(['churn_rate', 'mou']);
    expect(swapped.filters).toEqual([{ dimension: 'province', op: 'in', values: ['440000'] }, { dimension: 'churn_rate', op: 'gt', values: ['0.05'] }]);
  });
});

describe('save as view and GraphiQL', () => {
  const domain = (m: string) => ({ churn_rate: 'base', arpu: 'base', conversion_rate: 'contacts', survival_rate: 'survival', subscribers: 'base' } as Record<string, string>)[m];
  it('maps an answer to the nearest page with its settings, and keeps the exact query under `chat`', () => {
    const ov = viewOfAnswer(GD_CITIES, 'bar', domain);
    expect(ov.page).toBe('overview');
    expect(ov.state.map).toBe('churn_rate');
    expect(decodeChat(ov.state.chat)).toEqual({ q: GD_CITIES, chart: 'bar', focus: null });
    const trend = viewOfAnswer(q({ metrics: ['arpu'], groupBy: ['month'], timeRange: { from: '2024-01', to: '2024-06' } }), 'line', domain);
    expect(trend.state).toMatchObject({ trend: 'arpu', from: '2024-01', to: '2024-06' });
    expect(viewOfAnswer(q({ metrics: ['conversion_rate'], groupBy: ['channel'] }), 'bar', domain).page).toBe('channels');
    expect(viewOfAnswer(q({ metrics: ['survival_rate'], groupBy: ['contract_type'] }), 'survival', domain)).toMatchObject({ page: 'lifecycle', state: { group: 'contract_type' } });
    expect(viewOfAnswer(q({ metrics: ['subscribers'], groupBy: ['value_tier'] }), 'bar', domain)).toMatchObject({ page: 'segments', state: { scheme: 'value_tier' } });
    // every value a string within the server's limit, keys plain names
    for (const [k, v] of Object.entries(ov.state)) { expect(k).toMatch(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/); expect(v.length).toBeLessThanOrEqual(1000); }
  });

  it('decodes only what is a query', () => {
    expect(decodeChat('{"q":{"metrics":[]}}')).toBeNull();
    expect(decodeChat('not json')).toBeNull();
    expect(decodeChat(encodeChat(FULL, null))).toEqual({ q: FULL, chart: null, focus: null });
    // the member an answer marks (广东排第几) travels with it, when the query groups by its dimension
    const marked = viewOfAnswer(q({ metrics: ['churn_rate'], groupBy: ['province'] }), 'bar', domain, { dimension: 'province', values: ['440000'] });
    expect(decodeChat(marked.state.chat)?.focus).toEqual({ dimension: 'province', values: ['440000'] });
    expect(decodeChat(JSON.stringify({ q: GD_CITIES, focus: { dimension: 'province', values: ['440000'] } }))?.focus).toBeNull();
    expect(decodeChat(JSON.stringify({ q: GD_CITIES, focus: { dimension: 'city', values: [1, '440300'] } }))?.focus).toEqual({ dimension: 'city', values: ['440300'] });
  });

  it('GraphiQL gets the document with its variables inlined (it reads only `query` from its URL)', () => {
    const doc = 'query Ask($q: MetricQuery!, $asOf: Date) {\n  metrics(query: $q, asOf: $asOf) { rows }\n}';
    const vars = { q: { metrics: ['churn_rate'], groupBy: ['city'], filters: [{ dimension: 'city', op: 'in', values: ['440300', '440100'] }], orderBy: { metric: 'churn_rate', direction: 'desc' }, limit: 5, compare: null }, asOf: '2025-06-15' };
    expect(inlineVariables(doc, vars)).toBe([
      'query Ask {',
      '  metrics(query: {',
      '    metrics: ["churn_rate"]',
      '    groupBy: ["city"]',
      '    filters: [{dimension: "city", op: in, values: ["440300", "440100"]}]',
      '    orderBy: {metric: "churn_rate", direction: desc}',
      '    limit: 5',
      '    compare: null',
      '  }, asOf: "2025-06-15") { rows }',
      '}',
    ].join('\n'));
    expect(inlineVariables(doc, { q: { metrics: ['arpu'] } })).toContain('asOf: null');
    expect(graphqlLiteral({ compare: 'yoy', name: 'yoy' })).toBe('{compare: yoy, name: "yoy"}');
    expect(graphqlLiteral('a "quoted" \\ string')).toBe(JSON.stringify('a "quoted" \\ string'));
    const u = new URL(graphiqlHref(doc, vars, '问数执行的查询'), 'http://x');
    expect(u.pathname).toBe('/graphiql');
    expect(u.searchParams.get('query')).toMatch(/^# 问数执行的查询\nquery Ask \{/);
  });
});

describe('a threshold typed in the chip editor', () => {
  it('a rate is typed in percent: 0.05 reads 5 (with %), and 5, 5% or 4.5 go back as 0.05, 0.05, 0.045', () => {
    const p = thresholdInput('percent');
    expect(p.suffix).toBe('%');
    expect(p.toText('0.05')).toBe('5');
    expect(p.toText('0.0125')).toBe('1.25');
    expect(p.fromText('5')).toBe('0.05');
    expect(p.fromText(' 5% ')).toBe('0.05');
    expect(p.fromText('4.5')).toBe('0.045');
    expect(p.fromText('0.07')).toBe('0.0007'); // typed in percent, as the box says
    expect(p.fromText('abc')).toBeNull();
    expect(p.fromText('')).toBeNull();
    // the query's total (低于全省平均) is kept as the word it is
    expect(p.toText('total')).toBe('total');
    expect(p.fromText(' total ')).toBe('total');
  });
  it('a round trip gives the value back for any rate with up to 4 decimals', () => {
    const p = thresholdInput('percent');
    for (let i = 0; i <= 10_000; i += 7) {
      const v = String(i / 10_000);
      expect(p.fromText(p.toText(v))).toBe(v);
    }
  });
  it('other units are typed as they are: ARPU 80 is 80, 1,000 is 1000', () => {
    const c = thresholdInput('currency');
    expect(c.suffix).toBe('');
    expect(c.toText('80')).toBe('80');
    expect(c.fromText('1,000')).toBe('1000');
    expect(c.fromText('x')).toBeNull();
  });
});
