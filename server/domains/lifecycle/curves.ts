/**
 * The typed `survival` field: runSurvival (one engine pass, Kaplan–Meier in Node) behind
 * plan(), so ids, filters and the viewer's scope follow the generic metrics query exactly.
 */
import type { QueryContext } from '../../query/execute.ts';
import { plan } from '../../query/plan.ts';
import type { Filter } from '../../query/types.ts';
import type { ConfType } from './km.ts';
import { runSurvival } from './survival.ts';

/** GraphQL enum values cannot hold '-': log_log is R's conf.type "log-log". */
export type ConfTypeId = 'plain' | 'log' | 'log_log';
const CONF: Record<ConfTypeId, ConfType> = { plain: 'plain', log: 'log', log_log: 'log-log' };

export async function survivalCurves(
  a: { groupBy?: string[] | null; filters: Filter[]; timeRange?: { from: string; to: string } | null; confType?: ConfTypeId | null },
  ctx: QueryContext,
) {
  const confType = a.confType ?? 'log';
  const p = plan({ metrics: ['survival_rate'], groupBy: a.groupBy ?? [], filters: a.filters, timeRange: a.timeRange ?? null }, { asOf: ctx.asOf, scope: ctx.scope });
  const r = await runSurvival(ctx.engine, p, CONF[confType]);
  return {
    groups: r.groups.map((g) => ({
      key: g.key, n: g.n, medianLifetime: g.median,
      points: g.points.map((pt) => ({
        tenure: pt.tenure, atRisk: pt.at_risk, events: pt.events, censored: pt.censored,
        survivalRate: pt.survival_rate, ciLow: pt.ci_low, ciHigh: pt.ci_high,
      })),
    })),
    // a singular variance (e.g. no events at all) leaves no test to report
    logRank: r.logRank && Number.isFinite(r.logRank.chisq) && Number.isFinite(r.logRank.p)
      ? { chisq: r.logRank.chisq, df: r.logRank.df, p: r.logRank.p } : null,
    confType, asOf: p.asOf, sql: r.sql,
  };
}
