/**
 * Segments (客户分群): per-segment metrics, migration between two months, the RFM heatmap.
 * Breakdown and heatmap are metrics in another shape, so they take the one road
 * (runMetricQuery); migration pairs two months per subscriber, which no metric expresses,
 * so it has dedicated SQL behind the same plan() (validation and the viewer's scope).
 */
import { badInput } from '../../errors.ts';
import { membersOf } from '../../model/members.ts';
import { runMetricQuery, type QueryContext } from '../../query/execute.ts';
import { plan } from '../../query/plan.ts';
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
  const params = new SqlParams();
  const fromDay = params.add(firstDay(from!), 'Date');
  const toDay = params.add(firstDay(to!), 'Date');
  const seg = cube.dimensions[a.scheme];
  const filters = filterClauses(cube, p.filters, params);
  // In the base at the end of a month = that month's row with is_churned = 0. A subscriber
  // has at most one row per month, so the two months pair up with a join on sub_id (faster
  // and steadier than grouping both months by sub_id). Each side carries its segment as a
  // one-byte code (1…n = the scheme's members in model order, UNKNOWN = any other value), and
  // an absent side comes out of the outer join as 0 or NULL (whatever join_use_nulls says):
  // grouping the joined rows by two small numbers instead of two strings took about a quarter
  // off the statement at 100M subscribers (README, benchmarks). Should a value outside the
  // members ever be there, the same join runs again carrying the segments themselves, so no
  // flow is lost or renamed.
  const side = (day: string, columns: string) => `SELECT sub_id, ${columns}
    FROM ${ctx.engine.t(cube.table)}
    WHERE ${[`month = ${day}`, 'is_churned = 0', ...filters].join(' AND ')}`;
  const join = (columns: string) => `FROM (${side(fromDay, columns)}) AS f
FULL OUTER JOIN (${side(toDay, columns)}) AS t USING (sub_id)`;
  const members = (membersOf(a.scheme) ?? []).map((m) => m.id);
  type Flow = { from: string; to: string; subscribers: number };
  let sql = '';
  let flows: Flow[] | null = null;
  if (members.length > 0 && members.length < UNKNOWN) {
    const code = `transform(${seg}, ${params.add(members, 'Array(String)')}, ${params.add(members.map((_, i) => i + 1), 'Array(UInt8)')}, toUInt8(${UNKNOWN}))`;
    sql = `SELECT ifNull(f.segment, 0) AS from_code, ifNull(t.segment, 0) AS to_code, count() AS subscribers
${join(`${code} AS segment`)}
GROUP BY from_code, to_code`;
    const rows = await ctx.engine.query<{ from_code: number; to_code: number; subscribers: number }>(sql, params.values, { signal: ctx.signal });
    if (rows.every((r) => Number(r.from_code) !== UNKNOWN && Number(r.to_code) !== UNKNOWN)) {
      const id = (c: number, absent: string) => (c === 0 ? absent : members[c - 1]);
      flows = rows.map((r) => ({ from: id(Number(r.from_code), NEW), to: id(Number(r.to_code), CHURNED), subscribers: Number(r.subscribers) }));
    }
  }
  if (!flows) {
    // `in_month` survives the outer join as 1 or NULL/0, never guessed from the segment.
    sql = `SELECT if(ifNull(f.in_month, 0) = 1, f.segment, '${NEW}') AS from_segment,
  if(ifNull(t.in_month, 0) = 1, t.segment, '${CHURNED}') AS to_segment, count() AS subscribers
${join(`${seg} AS segment, toUInt8(1) AS in_month`)}
GROUP BY from_segment, to_segment`;
    const rows = await ctx.engine.query<{ from_segment: string; to_segment: string; subscribers: number }>(sql, params.values, { signal: ctx.signal });
    flows = rows.map((r) => ({ from: String(r.from_segment), to: String(r.to_segment), subscribers: Number(r.subscribers) }));
  }
  const { order } = labeller(a.scheme);
  flows.sort((x, y) => order(x.from) - order(y.from) || x.from.localeCompare(y.from) || order(x.to) - order(y.to) || x.to.localeCompare(y.to));
  return { scheme: a.scheme, fromMonth: ymStr(from!), toMonth: ymStr(to!), flows, sql };
}

export async function rfmHeatmap(a: { x?: RfmAxis | null; y?: RfmAxis | null; month?: string | null; filters: Filter[] }, ctx: QueryContext) {
  const x = a.x ?? 'R';
  const y = a.y ?? 'F';
  if (x === y) throw badInput(`x and y are both ${x}; pick two different RFM scores`);
  const month = ymStr(a.month ? parseMonth(a.month, 'month') : lastCompleteMonth(ctx.asOf));
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
