/**
 * Plan: validate every id against the model, apply the viewer's scope, resolve time.
 * Everything a SQL builder or executor needs, nothing it has to look up again.
 */
import { AppError, badInput, forbidden } from '../errors.ts';
import { model, type Cube, type Grain, type Metric, GRAINS } from '../model/index.ts';
import { isMember } from '../model/members.ts';
import { regionByCode, provinceOf } from '../../seeds/regions.ts';
import { comparedMetric, TOTAL, type Filter, type MetricQuery, type Scope } from './types.ts';
import { type DayRange, addMonths, firstDay, lastCompleteMonth, lastDay, monthsBetween, parseDay, parseRange, ymOf } from './time.ts';

export interface CubePart {
  cube: Cube;
  metrics: Metric[];
}

export interface Plan {
  parts: CubePart[];
  executor: Cube['executor'];
  metrics: Metric[];
  dims: string[];
  grain: Grain | null;
  filters: Filter[];
  /** filters on metric values (HAVING) */
  havings: Filter[];
  range: DayRange | null;
  timeDefaulted: boolean;
  orderBy: { key: string; direction: 'asc' | 'desc' } | null;
  limit: number | null;
  compare: 'yoy' | 'mom' | null;
  asOf: string;
  scope: Scope;
}

const MAX_LIMIT = 10_000;
const REGION_DIMS = new Set(['province', 'city']);

export function plan(q: MetricQuery, ctx: { asOf: string; scope: Scope }): Plan {
  const problems: string[] = [];
  const asOf = parseDay(ctx.asOf, 'asOf');
  if (!Array.isArray(q.metrics) || q.metrics.length === 0) throw badInput('Name at least one metric in "metrics". The catalog query lists them.');
  const metrics: Metric[] = [];
  for (const id of new Set(q.metrics)) {
    const m = model.metric(id);
    if (!m) problems.push(`unknown metric "${id.slice(0, 64)}${id.length > 64 ? '…' : ''}"${suggest(id, model.metrics.map((x) => x.id))}`);
    else metrics.push(m);
  }
  if (problems.length) throw badInput(problems.join('; '), { problems });

  const cubeIds = [...new Set(metrics.map((m) => m.cube))];
  const parts = cubeIds.map((id) => ({ cube: model.cube(id), metrics: metrics.filter((m) => m.cube === id) }));
  const executors = new Set(parts.map((p) => p.cube.executor));
  if (executors.size > 1 || (parts[0].cube.executor !== 'sql' && parts.length > 1)) {
    throw badInput(`${metrics.map((m) => m.id).join(', ')} cannot be queried together: survival and capability metrics are asked on their own.`);
  }
  const executor = parts[0].cube.executor;

  // groupBy: dimensions and at most one time grain
  const dims: string[] = [];
  let grain: Grain | null = null;
  for (const g of new Set(q.groupBy ?? [])) {
    if ((GRAINS as string[]).includes(g)) {
      if (grain) problems.push(`groupBy names two time grains ("${grain}" and "${g}"); keep one`);
      grain = g as Grain;
      for (const p of parts) {
        if (!p.cube.time) problems.push(`${p.metrics.map((m) => m.id).join(', ')} has no time axis; remove "${g}" from groupBy`);
        else if (GRAINS.indexOf(g as Grain) < GRAINS.indexOf(p.cube.time.finest)) problems.push(`${p.metrics.map((m) => m.id).join(', ')} is recorded by ${p.cube.time.finest}; "${g}" is finer than that`);
      }
      continue;
    }
    if (!model.dimension(g)) { problems.push(`unknown dimension "${g}" in groupBy${suggest(g, model.dimensions.map((d) => d.id))}`); continue; }
    for (const p of parts) if (!(g in p.cube.dimensions)) problems.push(notApplicable(g, p));
    problems.push(...notBy(g, metrics));
    dims.push(g);
  }

  // filters: dimensions (WHERE) or queried metrics (HAVING)
  const filters: Filter[] = [];
  const havings: Filter[] = [];
  for (const f of q.filters ?? []) {
    const values = [...new Set((f.values ?? []).map(String))];
    if (!['in', 'not_in', 'gt', 'gte', 'lt', 'lte'].includes(f.op)) { problems.push(`filter on "${f.dimension}" has unknown op "${f.op}"`); continue; }
    if (values.length === 0) { problems.push(`filter on "${f.dimension}" has no values`); continue; }
    const ranged = f.op !== 'in' && f.op !== 'not_in';
    if (ranged && values.length !== 1) { problems.push(`filter "${f.dimension} ${f.op}" takes exactly one value`); continue; }
    // with compare, a metric's change or previous figure (revenue_change < 0: the ones that fell)
    const compared = comparedMetric(f.dimension);
    if (compared && metrics.some((m) => m.id === compared)) {
      if (!q.compare) { problems.push(`filter on "${f.dimension}" compares with a previous period: give compare (yoy or mom) with it`); continue; }
      if (!ranged) { problems.push(`a filter on "${f.dimension}" compares values: use gt, gte, lt or lte`); continue; }
      if (!Number.isFinite(Number(values[0]))) { problems.push(`filter on "${f.dimension}" needs a number, got "${values[0]}"`); continue; }
      havings.push({ dimension: f.dimension, op: f.op, values });
      continue;
    }
    if (metrics.some((m) => m.id === f.dimension)) {
      if (!ranged) { problems.push(`a filter on metric "${f.dimension}" compares values: use gt, gte, lt or lte`); continue; }
      if (values[0] === TOTAL) {
        // the whole's own figure is a yardstick for a ratio (ARPU, a rate); a count's total is the sum of its rows
        if (metrics.find((m) => m.id === f.dimension)!.kind !== 'ratio') { problems.push(`"${f.dimension}" compared with "${TOTAL}": only a ratio metric (ARPU, a rate) has a total to compare a row with; give a number`); continue; }
        if (executor !== 'sql') { problems.push(`"${f.dimension}" cannot be compared with "${TOTAL}"`); continue; }
        if (!dims.length && !grain) { problems.push(`"${f.dimension}" compared with "${TOTAL}" compares rows with the whole: group by a dimension`); continue; }
        havings.push({ dimension: f.dimension, op: f.op, values });
        continue;
      }
      if (!Number.isFinite(Number(values[0]))) { problems.push(`filter on metric "${f.dimension}" needs a number or "${TOTAL}", got "${values[0]}"`); continue; }
      havings.push({ dimension: f.dimension, op: f.op, values });
      continue;
    }
    const d = model.dimension(f.dimension);
    if (!d && model.metric(f.dimension)) { problems.push(`"${f.dimension}" is a metric: to filter on its value, add it to metrics too`); continue; }
    if (!d && (GRAINS as string[]).includes(f.dimension)) { problems.push(`"${f.dimension}" is a time grain: choose the period with timeRange ({ from, to }), not a filter`); continue; }
    if (!d) { problems.push(`unknown dimension "${f.dimension}" in filters${suggest(f.dimension, model.dimensions.map((x) => x.id))}`); continue; }
    for (const p of parts) if (!(f.dimension in p.cube.dimensions)) problems.push(notApplicable(f.dimension, p));
    problems.push(...notBy(f.dimension, metrics));
    if (ranged && !d.ordered) { problems.push(`dimension "${f.dimension}" has no order; use in or not_in`); continue; }
    if (ranged && f.dimension !== 'cohort' && !(/^-?\d{1,9}$/.test(values[0]))) {
      // a number the engine's integer columns cannot compare with failed inside the engine
      problems.push(`filter "${f.dimension} ${f.op}" needs a whole number of at most 9 digits, got "${values[0].slice(0, 32)}"`);
      continue;
    }
    const bad = ranged ? [] : values.filter((v) => !isMember(f.dimension, v));
    if (bad.length) { problems.push(memberProblem(f.dimension, bad)); continue; }
    filters.push({ dimension: f.dimension, op: f.op, values });
  }
  if (problems.length) throw badInput(problems.join('; '), { problems });

  applyScope(filters, ctx.scope);
  // a city manager's row "by province" would be the city's figures under the province's name
  if (ctx.scope.level === 'city' && dims.includes('province')) {
    const { city, province } = ctx.scope;
    throw forbidden(`Your access is limited to ${regionName(city)} (${city}); a row for ${regionName(province)} as a whole is outside it. Group by "city" instead.`, { scope: city, outside: [province] });
  }

  // time
  let range: DayRange | null = null;
  let timeDefaulted = false;
  const timed = parts.every((p) => p.cube.time);
  if (q.timeRange) {
    if (executor === 'capability') throw badInput('capability_score has no time range; assessments are picked by the asOf date (latest on or before it).');
    range = parseRange(q.timeRange);
    if (range.fromDay > asOf) throw badInput(`timeRange starts on ${range.fromDay}, after the data's as-of date ${asOf}: nothing is recorded there yet.`);
  } else if (timed) {
    const m = lastCompleteMonth(asOf);
    const from = grain ? addMonths(m, -11) : m;
    range = { fromDay: firstDay(from), toDay: lastDay(m), precision: 'month' };
    timeDefaulted = true;
  }
  if (range && timed && executor === 'sql' && q.timeRange) {
    // a metric recorded by month is not cut to days: a range of days that is not whole months
    // would mix a month's figure with a day's (contacts) under the same dates
    const monthly = parts.filter((p) => p.cube.time!.finest === 'month').flatMap((p) => p.metrics.map((m) => m.id));
    const whole = range.fromDay === firstDay(ymOf(range.fromDay)) && range.toDay === lastDay(ymOf(range.toDay));
    if (monthly.length && !whole) {
      throw badInput(`${monthly.join(', ')} ${monthly.length > 1 ? 'are' : 'is'} recorded by month; the time range ${range.fromDay} … ${range.toDay} does not cover whole months. `
        + `Name months ("from": "${range.fromDay.slice(0, 7)}", "to": "${range.toDay.slice(0, 7)}") or days from a month's first to its last.`, { monthly, from: range.fromDay, to: range.toDay });
    }
  }
  if (range && timed && executor === 'sql') {
    const span = monthsBetween(ymOf(range.fromDay), ymOf(range.toDay));
    if (grain === 'day' && span > 24) throw badInput('A daily breakdown covers at most 24 months; shorten the time range or group by month.');
  }

  const compare = q.compare ?? null;
  if (compare && executor !== 'sql') throw badInput(`compare (${compare}) applies to additive and ratio metrics, not to ${metrics[0].id}.`);
  if (compare && !range) throw badInput('compare needs a time range.');
  // weeks do not line up with the months a comparison shifts by (a year back is not 52 weeks back to the day)
  if (compare && grain === 'week') throw badInput(`compare (${compare}) does not apply to a weekly breakdown: weeks do not line up with months or years. Group by day or month, or drop compare.`);

  let orderBy: Plan['orderBy'] = null;
  if (q.orderBy) {
    const key = q.orderBy.metric;
    // with compare, a metric's previous figure and its change (the result's _prev and _change columns) rank too
    const compared = comparedMetric(key);
    const ofCompare = !!compared && metrics.some((m) => m.id === compared);
    if (ofCompare && !compare) throw badInput(`orderBy "${key}" ranks by a comparison: give compare (yoy or mom) with it`);
    const known = metrics.some((m) => m.id === key) || dims.includes(key) || key === grain || ofCompare;
    if (!known) throw badInput(`orderBy "${key}" is neither a queried metric (or, with compare, its _change or _prev) nor a groupBy entry`);
    if (q.orderBy.direction !== 'asc' && q.orderBy.direction !== 'desc') throw badInput('orderBy direction is asc or desc');
    orderBy = { key, direction: q.orderBy.direction };
  }
  const limit = q.limit ?? null;
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)) throw badInput(`limit must be a whole number from 1 to ${MAX_LIMIT}`);

  return { parts, executor, metrics, dims, grain, filters, havings, range, timeDefaulted, orderBy, limit, compare, asOf, scope: ctx.scope };
}

const regionName = (code: string) => regionByCode(code)?.nameZh ?? code;

/** The scope refusal in Chinese (the chat answers in the question's language; the error itself speaks English). */
export const scopeRefusalZh = (scope: string, outside: string[]) =>
  `超出你的数据权限：你只能查看${regionName(scope)}的数据，${outside.map(regionName).join('、')}不在其中。`;
/** The refusal of a ranking among regions the viewer does not see (深圳排第几 for the 深圳 manager: the other cities). */
export const rankRefusal = (scope: string, level: 'province' | 'city', lang: string) => lang === 'zh'
  ? `超出你的数据权限：排名要和其他${level === 'city' ? '地市' : '省份'}比较，你只能查看${regionName(scope)}的数据。`
  : `Your access is limited to ${regionByCode(scope)?.nameEn ?? scope} (${scope}); a ranking compares it with other ${level === 'city' ? 'cities' : 'provinces'}.`;
/** The refusal of the whole country (全国, nationwide) to a viewer scoped to a province or city. */
export const nationalRefusal = (scope: string, lang: string) => lang === 'zh'
  ? `超出你的数据权限：你只能查看${regionName(scope)}的数据，全国的数据不在其中。`
  : `Your access is limited to ${regionByCode(scope)?.nameEn ?? scope} (${scope}); nationwide figures are outside it.`;

/** The refusal of a whole province (广东省的离网率, 全省) to a viewer who sees one of its cities: not the city's figures under the province's name. */
export const provinceRefusal = (scope: string, lang: string) => {
  const province = `${scope.slice(0, 2)}0000`;
  return lang === 'zh'
    ? `超出你的数据权限：你只能查看${regionName(scope)}的数据，${regionName(province)}全省的数据不在其中。`
    : `Your access is limited to ${regionByCode(scope)?.nameEn ?? scope} (${scope}); figures for ${regionByCode(province)?.nameEn ?? province} as a whole are outside it.`;
};

/**
 * Keeps every region filter inside the viewer's scope and adds the scope itself as a
 * filter: a region outside it is FORBIDDEN (never an empty answer).
 */
export function applyScope(filters: Filter[], scope: Scope): void {
  if (scope.level === 'national') return;
  const inside = (code: string) =>
    scope.level === 'province' ? code.slice(0, 2) === scope.province.slice(0, 2) : code === scope.city;
  const scopeCode = scope.level === 'province' ? scope.province : scope.city;
  const scopeName = regionName(scopeCode);
  for (const f of filters) {
    if (f.dimension === 'capability_entity') {
      const foreign = f.values.filter((v) => /^\d{6}$/.test(v) && !inside(v) && !(scope.level === 'city' && v === provinceOf(scope.city)));
      if (foreign.length) throw forbidden(`Your access is limited to ${scopeName}; the assessment of ${foreign.map(regionName).join('、')} is outside it.`, { scope: scopeCode, outside: foreign });
      continue;
    }
    if (!REGION_DIMS.has(f.dimension)) continue;
    if (f.op === 'not_in') continue; // excluding regions never widens the scope
    const outside = f.values.filter((v) => !inside(v) && !(scope.level === 'city' && f.dimension === 'province' && v === provinceOf(scope.city)));
    if (outside.length) {
      throw forbidden(`Your access is limited to ${scopeName} (${scopeCode}); ${outside.map(regionName).join('、')} is outside it.`, { scope: scopeCode, outside });
    }
  }
  if (scope.level === 'province') filters.push({ dimension: 'province', op: 'in', values: [scope.province] });
  else filters.push({ dimension: 'city', op: 'in', values: [scope.city] });
}

function notBy(dim: string, metrics: readonly Metric[]): string[] {
  return metrics.filter((m) => m.notBy?.[dim]).map((m) => `"${m.id}" cannot be grouped or filtered by "${dim}": ${m.notBy![dim].en}`);
}

function notApplicable(dim: string, p: CubePart): string {
  const ids = p.metrics.map((m) => m.id).join(', ');
  return `dimension "${dim}" does not apply to ${ids}; it can be broken down by ${Object.keys(p.cube.dimensions).join(', ')}`;
}

function memberProblem(dim: string, bad: string[]): string {
  const are = (level: string) => (bad.length > 1 ? `are ${level} codes` : `is a ${level} code`);
  if (dim === 'province' && bad.every((v) => regionByCode(v)?.level === 'city')) return `${bad.join(', ')} ${are('city')}: filter on "city" instead of "province"`;
  if (dim === 'city' && bad.every((v) => regionByCode(v)?.level === 'province')) return `${bad.join(', ')} ${are('province')}: filter on "province" instead of "city"`;
  return `unknown ${dim} value${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')}; the members query lists valid ids`;
}

function suggest(id: string, known: string[]): string {
  if (id.length > 64) return ''; // no edit distance on hostile lengths
  const close = known.filter((k) => k.includes(id) || id.includes(k) || lev(k, id) <= 2).slice(0, 3);
  return close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(' or ')}?)` : '';
}

function lev(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export { AppError };
