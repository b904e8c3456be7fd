/**
 * Pure SQL builder for 'sql' cubes: Plan → { sql, params }. Identifiers come only from the
 * model; every value is allocated as a `{pN:Type}` parameter. No I/O here. Each cube part
 * reads its cube's rollup when that covers it (source.ts), its raw table otherwise.
 */
import type { Cube, Grain, Metric } from '../model/index.ts';
import { model } from '../model/index.ts';
import { membersOf } from '../model/members.ts';
import type { CubePart, Plan } from './plan.ts';
import { type Source, type SourceMode, pickSource, setsSource } from './source.ts';
import type { Filter } from './types.ts';
import { type DayRange, shiftRange } from './time.ts';

export interface BuiltSql {
  sql: string;
  params: Record<string, unknown>;
}

class Params {
  readonly values: Record<string, unknown> = {};
  private n = 0;
  add(value: unknown, type: string): string {
    const name = `p${this.n++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }
}

const NUMERIC_DIMS = new Set(['rfm_r', 'rfm_f', 'rfm_m', 'tenure_months']);
/** A filter on a metric's value (HAVING): gt, gte, lt, lte. */
export const OPS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

function bucket(cube: Cube, grain: Grain): string {
  const col = cube.time!.column;
  switch (grain) {
    case 'day': return col;
    case 'week': return `toMonday(${col})`;
    case 'month': return cube.time!.finest === 'month' ? col : `toStartOfMonth(${col})`;
    case 'quarter': return `toStartOfQuarter(${col})`;
    case 'year': return `toStartOfYear(${col})`;
  }
}

/** How a bucket start is printed as a member id: 2024-03-01 → '2024-03', '2024-Q1', '2024'; a week '2024-W09'. */
function bucketLabel(expr: string, grain: Grain): string {
  switch (grain) {
    case 'day': return `formatDateTime(${expr}, '%Y-%m-%d')`;
    // ISO 8601: 2026-W43 (its Monday's ISO year: the last days of December may be week 1 of the next)
    case 'week': return `concat(toString(toISOYear(${expr})), '-W', leftPad(toString(toISOWeek(${expr})), 2, '0'))`;
    case 'month': return `formatDateTime(${expr}, '%Y-%m')`;
    case 'quarter': return `concat(toString(toYear(${expr})), '-Q', toString(toQuarter(${expr})))`;
    case 'year': return `toString(toYear(${expr}))`;
  }
}

function whereFilter(source: Source, f: Filter, p: Params): string {
  const expr = source.dimensions[f.dimension];
  const numeric = NUMERIC_DIMS.has(f.dimension);
  if (f.op === 'in' || f.op === 'not_in') {
    const values = numeric ? f.values.map(Number) : f.values;
    return `${expr} ${f.op === 'in' ? 'IN' : 'NOT IN'} ${p.add(values, numeric ? 'Array(Int64)' : 'Array(String)')}`;
  }
  return `${expr} ${OPS[f.op]} ${numeric ? p.add(Number(f.values[0]), 'Float64') : p.add(f.values[0], 'String')}`;
}

/**
 * One cube's aggregate over one range; `shiftMonths` re-labels a previous period onto the
 * current one. Distinct counts the cube's sets cover (source.ts) read the sets, the part's
 * other metrics their own source, the two joined on the part's keys.
 */
function cubeSelect(plan: Plan, part: CubePart, range: DayRange | null, p: Params, mode: SourceMode, sets: boolean, shiftMonths = 0): string {
  const { cube } = part;
  const time = { grain: plan.grain, range };
  const dims = [...plan.dims, ...plan.filters.map((f) => f.dimension)];
  const counted = part.metrics.filter((m) => cube.sets?.metrics.includes(m.id));
  const setSource = sets && mode !== 'raw' && mode !== 'rollup' && counted.length
    ? setsSource(cube, counted, plan.dims, plan.filters.map((f) => f.dimension), time) : null;
  if (mode === 'sets' && !setSource) throw new Error(`the sets of cube "${cube.id}" do not cover ${part.metrics.map((m) => m.id).join(', ')} by ${dims.join(', ') || 'nothing'}`);
  if (!setSource) return sourceSelect(plan, cube, part.metrics, pickSource(cube, part.metrics, dims, mode, time), range, p, shiftMonths);
  const rest = part.metrics.filter((m) => !counted.includes(m));
  const setSelect = sourceSelect(plan, cube, counted, setSource, range, p, shiftMonths);
  if (!rest.length) return setSelect;
  const restSelect = sourceSelect(plan, cube, rest, pickSource(cube, rest, dims, mode === 'sets' ? 'auto' : mode, time), range, p, shiftMonths);
  const out = [...plan.dims, ...part.metrics.map((m) => m.id)];
  return `SELECT ${out.join(', ')} FROM (${restSelect}) AS r ${plan.dims.length ? `FULL OUTER JOIN (${setSelect}) AS s USING (${plan.dims.join(', ')})` : `CROSS JOIN (${setSelect}) AS s`}`;
}

function sourceSelect(plan: Plan, cube: Cube, metrics: readonly Metric[], source: Source, range: DayRange | null, p: Params, shiftMonths: number): string {
  const time = cube.time;
  const select: string[] = [];
  const group: string[] = [];
  for (const d of plan.dims) {
    select.push(`${source.dimensions[d]} AS ${d}`);
    group.push(d);
  }
  let from = '', to = '';
  const where: string[] = [...(source.where ?? [])];
  if (time && range && source.rangeWhere) {
    where.push(...source.rangeWhere(range, (v, type) => p.add(v, type)));
  } else if (time && range) {
    const monthly = time.finest === 'month';
    from = p.add(monthly ? range.fromDay.slice(0, 8) + '01' : range.fromDay, 'Date');
    // A period that runs past the data ends at the as-of month: a stock read "at the end of
    // 2025" on 2025-06-15 is the latest base there is, not an empty December.
    const asOfMonth = plan.asOf.slice(0, 8) + '01';
    const toMonth = range.toDay.slice(0, 8) + '01';
    to = p.add(monthly ? (toMonth < asOfMonth ? toMonth : asOfMonth) : range.toDay, 'Date');
    // Stocks are read at the period's end alone: without buckets, that is the only month to scan.
    const endOnly = monthly && !plan.grain && metrics.every((m) => m.kind === 'stock');
    where.push(endOnly ? `${time.column} = ${to}` : `${time.column} BETWEEN ${from} AND ${to}`);
  }
  if (plan.grain && time) {
    const b = bucket(cube, plan.grain);
    const shifted = shiftMonths ? `addMonths(${b}, ${shiftMonths})` : b;
    select.push(`${bucketLabel(shifted, plan.grain)} AS ${plan.grain}`);
    group.push(plan.grain);
    // a day compares with the same day of the month before (a year before): the 29th–31st that
    // month has not (Feb 30, or the 29th of a common year) compare with none, rather than all
    // three landing on the 28th as one day twice over
    if (shiftMonths && plan.grain === 'day') where.push(`toDayOfMonth(${shifted}) = toDayOfMonth(${b})`);
  }
  for (const f of plan.filters) where.push(whereFilter(source, f, p));
  // a stock's period (the month's base): a row's own month, for a month and anything finer
  const withinMonth = plan.grain === 'month' || plan.grain === 'week' || plan.grain === 'day';
  const periodStart = !plan.grain || withinMonth
    ? (plan.grain ? bucket(cube, 'month') : from)
    : `greatest(${bucket(cube, plan.grain)}, ${from})`;
  const periodEnd = !plan.grain
    ? to
    : withinMonth
      ? bucket(cube, 'month')
      : `least(addMonths(${bucket(cube, plan.grain)}, ${plan.grain === 'quarter' ? 2 : 11}), ${to})`;
  for (const m of metrics) select.push(`${source.metricSql(m, { periodStart, periodEnd })} AS ${m.id}`);
  return [
    `SELECT ${select.join(', ')}`,
    `FROM ${'{db}'}.${source.table}${source.final ? ' FINAL' : ''}`,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    group.length ? `GROUP BY ${group.join(', ')}` : '',
  ].filter(Boolean).join('\n');
}

/** Period shift for compare: yoy is 12 months; mom is one grain, or the range's own length. */
function compareShift(plan: Plan): number {
  if (plan.compare === 'yoy') return 12;
  if (plan.grain === 'quarter') return 3;
  if (plan.grain === 'year') return 12;
  if (plan.grain) return 1;
  const r = plan.range!;
  const months = (+r.toDay.slice(0, 4) - +r.fromDay.slice(0, 4)) * 12 + (+r.toDay.slice(5, 7) - +r.fromDay.slice(5, 7)) + 1;
  return months;
}

/**
 * `source`: 'auto' (the default) lets each part read its cube's rollup or sets when they
 * cover it. `sets: false` never reads sets (a cluster: FINAL needs the shards' own tables).
 */
export function buildSql(plan: Plan, db: string, opts: { totals?: boolean; source?: SourceMode; sets?: boolean; dataFrom?: string | null } = {}): BuiltSql {
  const p = new Params();
  const mode = opts.source ?? 'auto';
  const sets = opts.sets ?? true;
  const view: Plan = opts.totals ? { ...plan, dims: [], grain: null, orderBy: null, limit: null, havings: [] } : plan;
  const keys = [...view.dims, ...(view.grain ? [view.grain] : [])];
  const metricIds = view.metrics.map((m) => m.id);

  const joinAll = (subqueries: string[], aliases: string[]) => {
    if (subqueries.length === 1) return `(${subqueries[0]}) AS ${aliases[0]}`;
    // without keys every side is one row: a cross join pairs them
    const join = (s: string, a: string) => (keys.length ? `FULL OUTER JOIN (${s}) AS ${a} USING (${keys.join(', ')})` : `CROSS JOIN (${s}) AS ${a}`);
    return subqueries.map((s, i) => (i === 0 ? `(${s}) AS ${aliases[i]}` : join(s, aliases[i]))).join('\n');
  };

  const current = view.parts.map((part) => cubeSelect(view, part, view.range, p, mode, sets));
  const out = [...keys, ...metricIds];
  let sql = `SELECT ${out.join(', ')}\nFROM ${joinAll(current, view.parts.map((_, i) => `c${i}`))}`;

  if (view.compare) {
    const shift = compareShift(view);
    const prevRange = shiftRange(view.range!, -shift);
    // One period whose previous one starts before the data has no previous figure: reading it
    // would give a part of it, or a count of 0 where grouped rows say nothing (null).
    if (!view.grain && opts.dataFrom && prevRange.fromDay < `${opts.dataFrom}-01`) {
      const none = metricIds.flatMap((id) => [`NULL AS ${id}_prev`, `NULL AS ${id}_change`]);
      return finish(`SELECT *, ${none.join(', ')} FROM (${sql})`);
    }
    const prev = view.parts.map((part) => cubeSelect(view, part, prevRange, p, mode, sets, shift));
    const prevCols = [...keys, ...metricIds.map((id) => `${id} AS ${id}_prev`)];
    const prevSql = `SELECT ${prevCols.join(', ')} FROM ${joinAll(prev, view.parts.map((_, i) => `q${i}`))}`;
    const change = metricIds.map((id) => `(cur.${id} - prev.${id}_prev) / nullIf(abs(prev.${id}_prev), 0) AS ${id}_change`);
    sql = `SELECT ${[...keys.map((k) => `cur.${k} AS ${k}`), ...metricIds.map((id) => `cur.${id} AS ${id}`), ...metricIds.map((id) => `prev.${id}_prev AS ${id}_prev`), ...change].join(', ')}
FROM (${sql}) AS cur
${keys.length ? `LEFT JOIN (${prevSql}) AS prev USING (${keys.join(', ')})` : `CROSS JOIN (${prevSql}) AS prev`}`;
  }

  return finish(sql);

  function finish(sql: string): BuiltSql {
    const having = view.havings.map((h) => `${h.dimension} ${OPS[h.op]} ${p.add(Number(h.values[0]), 'Float64')}`);
    const wrapped = having.length ? `SELECT * FROM (${sql}) WHERE ${having.join(' AND ')}` : sql;
    const order = view.orderBy
      ? [`${view.orderBy.key} ${view.orderBy.direction.toUpperCase()} NULLS LAST`, ...keys.filter((k) => k !== view.orderBy!.key)]
      : [...(view.grain ? [view.grain] : []), ...view.dims.flatMap((d) => catalogOrder(d, (ids) => p.add(ids, 'Array(String)')))];
    const final = [
      wrapped,
      order.length ? `ORDER BY ${order.join(', ')}` : '',
      view.limit ? `LIMIT ${p.add(view.limit, 'UInt32')}` : '',
    ].filter(Boolean).join('\n');
    return { sql: final.replaceAll('{db}', db), params: p.values };
  }
}

export const metricOf = (id: string): Metric | undefined => model.metric(id);

/**
 * Dimensions whose members have an order of their own (value tiers, bands, funnel stages, the
 * capability framework): their ids in it. Regions keep their codes' order.
 */
const ORDERED_MEMBERS = new Map(model.dimensions.filter((d) => d.id !== 'province' && d.id !== 'city').flatMap((d) => {
  const ids = (membersOf(d.id) ?? []).map((m) => m.id);
  return ids.length && ids.some((id, i) => i > 0 && ids[i - 1] > id) ? [[d.id, ids] as const] : [];
}));

/**
 * ORDER BY terms for a dimension without an asked order: the catalogue's order where it has
 * one (ids outside it last), else the ids. `bind` adds the ids as a parameter and names it.
 */
export function catalogOrder(dim: string, bind: (ids: readonly string[]) => string): string[] {
  const ids = ORDERED_MEMBERS.get(dim);
  if (!ids) return [dim];
  const at = `indexOf(${bind(ids)}, toString(${dim}))`;
  return [`${at} = 0`, at, dim];
}
