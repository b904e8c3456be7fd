/**
 * Segments (客户分群): per-segment metrics, migration between two months, the RFM heatmap.
 * Breakdown and heatmap are metrics in another shape, so they take the one road
 * (runMetricQuery); migration pairs two months per subscriber, which no metric expresses,
 * so it has dedicated SQL behind the same plan() (validation and the viewer's scope).
 */
import { AppError, badInput } from '../../errors.ts';
import { membersOf } from '../../model/members.ts';
import { runMetricQuery, type QueryContext } from '../../query/execute.ts';
import { plan, type Plan } from '../../query/plan.ts';
import type { Cube } from '../../model/types.ts';
import { type Ym, firstDay, lastCompleteMonth, ymStr } from '../../query/time.ts';
import type { Filter } from '../../query/types.ts';
import { SqlParams, filterClauses } from './filter-sql.ts';

export type SegmentScheme = 'value_tier' | 'sub_segment' | 'brand' | 'customer_type' | 'rfm_cell' | 'quadrant' | 'credit_list' | 'satisfaction_band' | 'loyalty_band';
export type RfmAxis = 'R' | 'F' | 'M';

export const SEGMENT_METRICS = ['subscribers', 'arpu', 'mou', 'dou', 'revenue', 'churn_rate'];
/** Segments recomputed every month in subscriber_months; the rest are subscriber attributes. */
const MONTHLY_DIMS = new Set(['value_tier', 'quadrant', 'rfm_cell', 'rfm_r', 'rfm_f', 'rfm_m', 'tenure_months']);
const RFM_DIM: Record<RfmAxis, string> = { R: 'rfm_r', F: 'rfm_f', M: 'rfm_m' };
/** Pseudo-segments of a migration: not in the base at the end of `from` / of `to`. */
const NEW = 'new';
const CHURNED = 'churned';
/** Code of a segment value outside the scheme's members in the coded migration join. */
const UNKNOWN = 255;

interface TimeRange { from: string; to: string }
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function labeller(scheme: string) {
  const members = membersOf(scheme) ?? [];
  const byId = new Map(members.map((m, i) => [m.id, { ...m, order: i }]));
  return {
    label: (id: string) => {
      if (id === NEW) return { labelZh: '新增', labelEn: 'New' };
      if (id === CHURNED) return { labelZh: '离网', labelEn: 'Churned' };
      const m = byId.get(id);
      return { labelZh: m?.labelZh ?? id, labelEn: m?.labelEn ?? id };
    },
    /** member order of DOMAIN.md; 'new' first, 'churned' last, unknown ids by name */
    order: (id: string) => (id === NEW ? -1 : id === CHURNED ? 1e6 : byId.get(id)?.order ?? 1e5),
  };
}

export async function segmentBreakdown(
  a: { scheme: SegmentScheme; filters: Filter[]; timeRange?: TimeRange | null; byMonth?: boolean | null }, ctx: QueryContext,
) {
  const byMonth = !!a.byMonth;
  const r = await runMetricQuery({ metrics: SEGMENT_METRICS, groupBy: [a.scheme, ...(byMonth ? ['month'] : [])], filters: a.filters, timeRange: a.timeRange ?? null }, ctx);
  // Each subscriber is in exactly one segment per month, so the period's total is the sum of its rows.
  const totals = new Map<string, number>();
  const period = (row: Record<string, unknown>) => (byMonth ? String(row.month) : '');
  for (const row of r.rows) totals.set(period(row), (totals.get(period(row)) ?? 0) + Number(row.subscribers ?? 0));
  const { label, order } = labeller(a.scheme);
  const rows = r.rows.map((row) => {
    const segment = String(row[a.scheme]);
    const subscribers = num(row.subscribers);
    const total = totals.get(period(row)) ?? 0;
    return {
      segment, ...label(segment), month: byMonth ? String(row.month) : null,
      subscribers, share: subscribers === null || total === 0 ? null : subscribers / total,
      arpu: num(row.arpu), mou: num(row.mou), dou: num(row.dou), revenue: num(row.revenue), churnRate: num(row.churn_rate),
    };
  });
  rows.sort((x, y) => (x.month ?? '').localeCompare(y.month ?? '') || order(x.segment) - order(y.segment) || x.segment.localeCompare(y.segment));
  return { scheme: a.scheme, rows, from: r.resolved.from, to: r.resolved.to, sql: r.sql.join(';\n') };
}

/** 'YYYY-MM' (a day is accepted and read as its month). */
export function parseMonth(s: string, what: string): Ym {
  const m = /^(\d{4})-(\d{2})(-\d{2})?$/.exec(s);
  if (!m || +m[2] < 1 || +m[2] > 12 || +m[1] < 1990 || +m[1] > 2100) throw badInput(`${what} "${s}" is not a month of the form YYYY-MM`);
  return { y: +m[1], m: +m[2] };
}

export async function segmentMigration(a: { scheme: SegmentScheme; from: string; to: string; filters: Filter[] }, ctx: QueryContext) {
  const problems: string[] = [];
  const grab = <T>(f: () => T): T | null => { try { return f(); } catch (e) { problems.push((e as Error).message); return null; } };
  const from = grab(() => parseMonth(a.from, 'from'));
  const to = grab(() => parseMonth(a.to, 'to'));
  const latest = lastCompleteMonth(ctx.asOf);
  if (from && to && ymStr(from) >= ymStr(to)) problems.push(`from (${ymStr(from)}) must be a month before to (${ymStr(to)})`);
  if (to && ymStr(to) > ymStr(latest)) problems.push(`to (${ymStr(to)}) is after the latest complete month ${ymStr(latest)} of the data (as of ${ctx.asOf})`);
  for (const f of a.filters) {
    if (MONTHLY_DIMS.has(f.dimension)) problems.push(`"${f.dimension}" changes from month to month, so it cannot select the subscribers of a migration; filter on a subscriber attribute (brand, region, customer type, …) instead`);
  }
  if (problems.length) throw badInput(problems.join('; '), { problems });

  const p = plan({ metrics: ['subscribers'], groupBy: [a.scheme], filters: a.filters }, { asOf: ctx.asOf, scope: ctx.scope });
  const cube = p.parts[0].cube;
  // Each month's base by segment is the model's `subscribers` stock (its rollup when that
  // covers the filters), through the one road; the months are paired only where both hold.
  const base = (month: Ym) => runMetricQuery({ metrics: ['subscribers'], groupBy: [a.scheme], filters: a.filters, timeRange: { from: ymStr(month), to: ymStr(month) } }, ctx, { totals: false });
  const counts = await Promise.all([base(from!), base(to!)]);
  const [atFrom, atTo] = counts.map((r) => new Map(r.rows.filter((row) => Number(row.subscribers) > 0).map((row) => [String(row[a.scheme]), Number(row.subscribers)])));
  const pairs = atFrom.size && atTo.size ? await stayers(a.scheme, cube, p.filters, firstDay(from!), firstDay(to!), ctx) : { rows: [], sql: null };
  // A subscriber has at most one row per month, so a segment's base is its stayers plus its
  // newcomers (at `to`) or its leavers (at `from`): both are what the pairs leave over.
  const flows: { from: string; to: string; subscribers: number }[] = [...pairs.rows];
  const rest = (at: Map<string, number>, side: 'from' | 'to') => {
    const left = new Map(at);
    for (const r of pairs.rows) left.set(r[side], (left.get(r[side]) ?? 0) - r.subscribers);
    return left;
  };
  for (const [segment, n] of rest(atFrom, 'from')) flows.push({ from: segment, to: CHURNED, subscribers: n });
  for (const [segment, n] of rest(atTo, 'to')) flows.push({ from: NEW, to: segment, subscribers: n });
  if (flows.some((f) => f.subscribers < 0)) {
    // only if the stock and the month rows disagree, i.e. a rollup out of step with its table
    throw new AppError('INTERNAL_SERVER_ERROR', 'The month totals and the subscriber rows disagree (the data is being changed?); try again in a minute');
  }
  const sql = [pairs.sql, ...counts.flatMap((c) => c.sql)].filter((q): q is string => !!q).join(';\n');
  const { order } = labeller(a.scheme);
  const kept = flows.filter((f) => f.subscribers > 0);
  kept.sort((x, y) => order(x.from) - order(y.from) || x.from.localeCompare(y.from) || order(x.to) - order(y.to) || x.to.localeCompare(y.to));
  return { scheme: a.scheme, fromMonth: ymStr(from!), toMonth: ymStr(to!), flows: kept, sql };
}

/**
 * Subscribers in the base at the end of both months (a row with is_churned = 0 in each),
 * counted by their segment in each. An inner join of the two months on sub_id: it is the
 * one part of a migration that needs the subscribers' rows. Each side carries its segment
 * as a one-byte code (1…n = the scheme's members in model order, UNKNOWN = any other
 * value): joining and grouping two small numbers instead of two strings took about a
 * quarter off the statement at 100M subscribers (README, benchmarks). Should a value
 * outside the members be there, the same join runs again carrying the segments themselves.
 */
async function stayers(scheme: SegmentScheme, cube: Cube, filters: Plan['filters'], fromMonth: string, toMonth: string, ctx: QueryContext) {
  const params = new SqlParams();
  const fromDay = params.add(fromMonth, 'Date');
  const toDay = params.add(toMonth, 'Date');
  const where = filterClauses(cube, filters, params);
  const seg = cube.dimensions[scheme];
  const side = (day: string, column: string) => `SELECT sub_id, ${column} AS segment
    FROM ${ctx.engine.t(cube.table)}
    WHERE ${[`month = ${day}`, 'is_churned = 0', ...where].join(' AND ')}`;
  const join = (column: string) => `FROM (${side(fromDay, column)}) AS f
INNER JOIN (${side(toDay, column)}) AS t USING (sub_id)`;
  const members = (membersOf(scheme) ?? []).map((m) => m.id);
  if (members.length > 0 && members.length < UNKNOWN) {
    const code = `transform(${seg}, ${params.add(members, 'Array(String)')}, ${params.add(members.map((_, i) => i + 1), 'Array(UInt8)')}, toUInt8(${UNKNOWN}))`;
    const sql = `SELECT f.segment AS from_code, t.segment AS to_code, count() AS subscribers
${join(code)}
GROUP BY from_code, to_code`;
    const rows = await ctx.engine.query<{ from_code: number; to_code: number; subscribers: number }>(sql, params.values, { signal: ctx.signal });
    if (rows.every((r) => Number(r.from_code) !== UNKNOWN && Number(r.to_code) !== UNKNOWN)) {
      return { sql, rows: rows.map((r) => ({ from: members[Number(r.from_code) - 1], to: members[Number(r.to_code) - 1], subscribers: Number(r.subscribers) })) };
    }
  }
  const sql = `SELECT f.segment AS from_segment, t.segment AS to_segment, count() AS subscribers
${join(seg)}
GROUP BY from_segment, to_segment`;
  const rows = await ctx.engine.query<{ from_segment: string; to_segment: string; subscribers: number }>(sql, params.values, { signal: ctx.signal });
  return { sql, rows: rows.map((r) => ({ from: String(r.from_segment), to: String(r.to_segment), subscribers: Number(r.subscribers) })) };
}

export async function rfmHeatmap(a: { x?: RfmAxis | null; y?: RfmAxis | null; month?: string | null; filters: Filter[] }, ctx: QueryContext) {
  const x = a.x ?? 'R';
  const y = a.y ?? 'F';
  if (x === y) throw badInput(`x and y are both ${x}; pick two different RFM scores`);
  const latest = ymStr(lastCompleteMonth(ctx.asOf));
  const month = ymStr(a.month ? parseMonth(a.month, 'month') : lastCompleteMonth(ctx.asOf));
  // a later month would read the stock at the as-of date (an incomplete month) under its own name
  if (month > latest) throw badInput(`month (${month}) is after the latest complete month ${latest} of the data (as of ${ctx.asOf})`);
  const [dx, dy] = [RFM_DIM[x], RFM_DIM[y]];
  const r = await runMetricQuery({ metrics: ['subscribers'], groupBy: [dx, dy], filters: a.filters, timeRange: { from: month, to: month } }, ctx);
  const counts = new Map(r.rows.map((row) => [`${row[dx]}:${row[dy]}`, Number(row.subscribers ?? 0)]));
  const total = [...counts.values()].reduce((s, n) => s + n, 0);
  const cells = [];
  // all 25 cells, empty ones as zeros, so the heatmap never has holes
  for (let i = 1; i <= 5; i++) {
    for (let j = 1; j <= 5; j++) {
      const n = counts.get(`${i}:${j}`) ?? 0;
      cells.push({ x: i, y: j, subscribers: n, share: total ? n / total : 0 });
    }
  }
  return { x, y, month, cells, sql: r.sql.join(';\n') };
}
