/**
 * Channel efficiency (渠道效能): every contacts metric, the channel preference matrix and
 * campaign effect. All three are metrics in another shape, so all take the one road
 * (runMetricQuery): same validation, scope, time defaults and SQL as the generic query.
 */
import { model } from '../../model/index.ts';
import { membersOf } from '../../model/members.ts';
import { runMetricQuery, type QueryContext } from '../../query/execute.ts';
import type { Filter } from '../../query/types.ts';

interface TimeRange { from: string; to: string }
interface Args { filters: Filter[]; timeRange?: TimeRange | null }

/** Every metric over contacts, in catalogue order. */
export const CHANNEL_METRICS = model.metrics.filter((m) => m.cube === 'contacts').map((m) => m.id);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const orderOf = (dimension: string) => {
  const ids = (membersOf(dimension) ?? []).map((m) => m.id);
  return (id: string) => (ids.includes(id) ? ids.indexOf(id) : ids.length);
};

export function channelEfficiency(a: Args & { groupBy?: string[] | null }, ctx: QueryContext) {
  return runMetricQuery({ metrics: CHANNEL_METRICS, groupBy: a.groupBy ?? ['channel'], filters: a.filters, timeRange: a.timeRange ?? null }, ctx);
}

/** Seed 002's 渠道偏好全景视图: per lifecycle stage, each channel's share of that stage's contacts. */
export async function channelPreference(a: Args, ctx: QueryContext) {
  const r = await runMetricQuery({ metrics: ['contacts'], groupBy: ['lifecycle_stage', 'channel'], filters: a.filters, timeRange: a.timeRange ?? null }, ctx);
  const stageTotal = new Map<string, number>();
  for (const row of r.rows) stageTotal.set(String(row.lifecycle_stage), (stageTotal.get(String(row.lifecycle_stage)) ?? 0) + Number(row.contacts));
  const stageOrder = orderOf('lifecycle_stage');
  const channelOrder = orderOf('channel');
  // the full stage × channel grid of what the filters left in, zeros included, so a matrix has no holes
  const stages = [...stageTotal.keys()].sort((x, y) => stageOrder(x) - stageOrder(y));
  const channels = [...new Set(r.rows.map((row) => String(row.channel)))].sort((x, y) => channelOrder(x) - channelOrder(y));
  const counts = new Map(r.rows.map((row) => [`${row.lifecycle_stage}|${row.channel}`, Number(row.contacts)]));
  const cells = stages.flatMap((stage) => channels.map((channel) => {
    const contacts = counts.get(`${stage}|${channel}`) ?? 0;
    return { stage, channel, contacts, share: contacts / stageTotal.get(stage)! };
  }));
  return { cells, from: r.resolved.from, to: r.resolved.to, sql: r.sql.join(';\n') };
}

/** Model-targeted versus random lists per campaign kind (seed 002: lift 7.5× churn, 3.8× data). */
export async function campaignEffect(a: Args, ctx: QueryContext) {
  const q = { filters: a.filters, timeRange: a.timeRange ?? null };
  const [lists, kinds] = await Promise.all([
    runMetricQuery({ ...q, metrics: ['campaign_targeted', 'hit_rate'], groupBy: ['campaign_kind', 'list_type'] }, ctx),
    runMetricQuery({ ...q, metrics: ['campaign_lift', 'retention_success_rate'], groupBy: ['campaign_kind'] }, ctx),
  ]);
  const list = (kind: string, type: string) => lists.rows.find((r) => r.campaign_kind === kind && r.list_type === type);
  const kindOrder = orderOf('campaign_kind');
  return kinds.rows
    .map((k) => {
      const kind = String(k.campaign_kind);
      const targeted = list(kind, 'model');
      const random = list(kind, 'random');
      return {
        kind,
        modelTargeted: Number(targeted?.campaign_targeted ?? 0), modelHitRate: num(targeted?.hit_rate),
        randomTargeted: Number(random?.campaign_targeted ?? 0), randomHitRate: num(random?.hit_rate),
        lift: num(k.campaign_lift), retentionSuccessRate: num(k.retention_success_rate),
      };
    })
    .sort((x, y) => kindOrder(x.kind) - kindOrder(y.kind));
}
