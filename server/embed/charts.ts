/**
 * Which query each chart kind draws (the embed bundle hands the result to the dashboard's
 * builder of that kind), and the charts a saved view offers: the same queries its page
 * runs for the same state (web/src/views/*View.vue), so an embed shows what the analyst saw.
 */
import { badInput } from '../errors.ts';
import { model } from '../model/index.ts';
import { isMember } from '../model/members.ts';
import { CHURN_FIXED, CHURN_MORE, OVERVIEW_METRICS, SURVIVAL_GROUPS } from '../model/page-choices.ts';
import { pageFiltersFor, pageFiltersOf } from '../model/page-filters.ts';
import type { Plan } from '../query/plan.ts';
import { addMonths, lastCompleteMonth, ymStr } from '../query/time.ts';
import type { Filter, MetricQuery } from '../query/types.ts';
import type { SavedView } from '../domains/views/service.ts';
import type { ChartKind } from './claims.ts';

const needs = (chart: ChartKind, what: string) => badInput(`a ${chart} chart needs ${what}`);

/** Does the planned query fit the chart kind's builder? Throws BAD_USER_INPUT saying what it needs. */
export function checkChartFit(chart: ChartKind, p: Plan): void {
  const sql = p.executor === 'sql';
  const ids = p.metrics.map((m) => m.id);
  switch (chart) {
    case 'trend':
      if (!sql || p.grain !== 'month' || p.dims.length) throw needs(chart, 'groupBy ["month"] and no other grouping (additive or ratio metrics); the first metric is drawn, with its _prev line when compare is set');
      return;
    case 'map':
      if (!sql || p.grain || !['province', 'city'].includes(p.dims.join())) throw needs(chart, 'groupBy ["province"] (the map of China) or ["city"] (a province\'s map of cities)');
      if (p.dims[0] === 'city' && !mapProvince(p)) {
        throw needs(chart, 'groupBy ["city"] within one province: a province filter with one value, cities of one province, or a token scope of a province or city');
      }
      return;
    case 'bars':
      if (!sql || p.grain || p.dims.length !== 1) throw needs(chart, 'exactly one groupBy dimension and no time grain');
      return;
    case 'bars_line':
      if (!sql || p.grain || p.dims.length !== 1 || ids.length > 2) throw needs(chart, 'one groupBy dimension, no time grain, and one or two metrics (bars, then a line)');
      return;
    case 'heatmap':
      if (!sql || p.grain || p.dims.length !== 2) throw needs(chart, 'exactly two groupBy dimensions (x, then y) and no time grain');
      return;
    case 'scatter':
      if (!sql || p.grain || p.dims.join() !== 'channel' || !['conversion_rate', 'cost_per_conversion', 'contacts'].every((m) => ids.includes(m))) {
        throw needs(chart, 'groupBy ["channel"] and the metrics conversion_rate, cost_per_conversion and contacts');
      }
      return;
    case 'survival':
      if (p.executor !== 'survival' || !ids.includes('survival_rate') || p.dims.length > 1) throw needs(chart, 'the metric survival_rate and at most one groupBy dimension');
      return;
    case 'median':
      if (p.executor !== 'survival' || ids.join() !== 'median_lifetime' || p.dims.length !== 1) throw needs(chart, 'the metric median_lifetime and one groupBy dimension');
      return;
  }
}

/**
 * The one province a map of cities draws: the scope's, else the province filter's single
 * value, else the province of every filtered city; null when the rows may span provinces.
 */
export function mapProvince(p: Pick<Plan, 'scope' | 'filters'>): string | null {
  if (p.scope.level !== 'national') return p.scope.province;
  // filters hold together: one of them bounding the rows to one province is enough
  for (const f of p.filters) {
    if (f.op !== 'in' || !f.values.length) continue;
    if (f.dimension === 'province' && f.values.length === 1) return f.values[0];
    const of = new Set(f.values.map((c) => `${c.slice(0, 2)}0000`));
    if (f.dimension === 'city' && of.size === 1) return [...of][0];
  }
  return null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const RFM_AXES: Record<string, [string, string]> = { rf: ['rfm_r', 'rfm_f'], rm: ['rfm_r', 'rfm_m'], fm: ['rfm_f', 'rfm_m'] };
/** the churn page (ChurnView.vue): its trend's metrics and its breakdowns' (the pages' other choices: model/page-choices.ts) */
const CHURN_TREND = ['churn_rate', 'churned_subscribers'];
const CHURN_METRICS = ['churned_subscribers', 'churn_rate'];

/** The charts each page of a saved view can be embedded as. */
export const VIEW_CHARTS: Record<string, ChartKind[]> = {
  overview: ['trend', 'map', 'bars'],
  segments: ['bars_line', 'heatmap'],
  channels: ['scatter', 'trend'],
  lifecycle: ['survival', 'median'],
  churn: ['trend', 'bars', 'bars_line'],
  capability: [],
};

function regionFilters(scope: string): Filter[] {
  if (scope === 'national') return [];
  return scope.endsWith('0000') ? [{ dimension: 'province', op: 'in', values: [scope] }] : [{ dimension: 'city', op: 'in', values: [scope] }];
}

/** The page's time range for a state (useFilters.ts): from / to months, clamped to complete months. */
function timeRangeOf(state: Record<string, string>, asOf: string): { from: string; to: string } {
  const last = ymStr(lastCompleteMonth(asOf));
  const to = MONTH.test(state.to ?? '') && state.to <= last ? state.to : last;
  const [y, m] = to.split('-').map(Number);
  const from = MONTH.test(state.from ?? '') && state.from <= to ? state.from : ymStr(addMonths({ y, m }, -11));
  return { from, to };
}

const pick = (v: string | undefined, allowed: string[], fallback: string) => (v && allowed.includes(v) ? v : fallback);

/**
 * The dimensions a churn view's bars_line can be drawn by (its page's cards of that kind: value
 * tier, brand, contract type, then the view's chosen dimension); the first is the default.
 */
export function churnBreakdowns(state: Record<string, string>): string[] {
  return [...CHURN_FIXED, pick(state.by, CHURN_MORE, CHURN_MORE[0])];
}

/**
 * A saved view's chart → the query its page runs for the view's state and scope, narrowed to
 * the view's page filters (brand, customer type: model/page-filters.ts, as the page narrowed
 * it) where the chart's metrics have their dimension.
 */
export function viewChartQuery(view: SavedView, chart: ChartKind, asOf: string, viewDimension: string | null = null): MetricQuery {
  const q = pageQuery(view, chart, asOf, viewDimension);
  const has = (metric: string, dimension: string) => model.dimensionsOf(model.metric(metric)!).includes(dimension);
  const narrowed = pageFiltersFor(pageFiltersOf(view.state, isMember), q.metrics, has);
  if (narrowed.length) q.filters = [...(q.filters ?? []), ...narrowed];
  return q;
}

/** `dimension` picks among a page's cards of one chart kind (a churn view's bars_line); null: the first. */
function pageQuery(view: SavedView, chart: ChartKind, asOf: string, dimension: string | null): MetricQuery {
  const offered = VIEW_CHARTS[view.page] ?? [];
  if (!offered.includes(chart)) {
    throw badInput(offered.length
      ? `a ${view.page} view can be embedded as ${offered.join(', ')}, not ${chart}`
      : `a ${view.page} view has no embeddable chart yet; embed a query instead`);
  }
  const s = view.state;
  const region = regionFilters(view.scope);
  const timeRange = timeRangeOf(s, asOf);
  // the churn page's snapshots are the range's last month (ChurnView.vue: lastOfRange)
  const lastMonth = { from: timeRange.to, to: timeRange.to };
  if (dimension !== null && `${view.page}:${chart}` !== 'churn:bars_line') {
    throw badInput(`viewDimension picks one of a churn view's bars_line charts; a ${view.page} view's ${chart} is one chart: leave it out`);
  }
  switch (`${view.page}:${chart}`) {
    case 'overview:trend':
      return { metrics: [pick(s.trend, OVERVIEW_METRICS, 'subscribers')], groupBy: ['month'], filters: region, timeRange, compare: 'yoy' };
    case 'overview:map':
    case 'overview:bars': {
      // as the page: drilled (or scoped below national), the map and the bars are the province's cities
      const drill = /^\d{2}0000$/.test(s.drill ?? '') ? s.drill : view.scope === 'national' ? null : `${view.scope.slice(0, 2)}0000`;
      const metric = pick(s.map, OVERVIEW_METRICS, 'subscribers');
      return drill
        ? { metrics: [metric], groupBy: ['city'], filters: [{ dimension: 'province', op: 'in', values: [drill] }], timeRange }
        : { metrics: [metric], groupBy: ['province'], timeRange };
    }
    case 'segments:bars_line':
      return { metrics: ['subscribers', 'arpu'], groupBy: ['value_tier'], filters: region, timeRange };
    case 'segments:heatmap':
      return { metrics: ['subscribers'], groupBy: [...(RFM_AXES[s.rfm ?? ''] ?? RFM_AXES.rf)], filters: region, timeRange: { from: timeRange.to, to: timeRange.to } };
    case 'channels:scatter':
      return { metrics: ['contacts', 'conversions', 'conversion_rate', 'cost', 'cost_per_conversion'], groupBy: ['channel'], filters: region, timeRange };
    case 'channels:trend':
      return { metrics: ['e_channel_share'], groupBy: ['month'], filters: region, timeRange, compare: 'yoy' };
    case 'churn:trend':
      return { metrics: [pick(s.trend, CHURN_TREND, CHURN_TREND[0])], groupBy: ['month'], filters: region, timeRange, compare: 'yoy' };
    case 'churn:bars':
      // the regions one level down: a city has none, and its page shows no such card
      if (!/^(national|\d{2}0000)$/.test(view.scope)) throw badInput('a churn view of a city has no regions chart (a city has no level below); embed its trend or bars_line');
      return { metrics: ['churn_rate', 'churned_subscribers'], groupBy: [view.scope === 'national' ? 'province' : 'city'], filters: region, timeRange: lastMonth };
    case 'churn:bars_line': {
      const dims = churnBreakdowns(s);
      const dim = dimension ?? dims[0];
      if (!dims.includes(dim)) throw badInput(`a churn view's bars_line is by ${dims.join(', ')} (viewDimension), not ${dim}`);
      return { metrics: CHURN_METRICS, groupBy: [dim], filters: region, timeRange: lastMonth };
    }
    case 'lifecycle:survival':
      return { metrics: ['survival_rate'], groupBy: [pick(s.group, SURVIVAL_GROUPS, 'brand')], filters: region };
    default: // lifecycle:median
      return { metrics: ['median_lifetime'], groupBy: [pick(s.group, SURVIVAL_GROUPS, 'brand')], filters: region };
  }
}
