/**
 * Kaplan–Meier, Greenwood confidence bands and the log-rank test over a small per-time
 * table (the engine has already counted events and censorings per tenure month).
 * Conventions follow R's survival package (survfit, survdiff): subjects censored at t are
 * at risk at t; std.err is Greenwood's for log S; conf.type names plain | log | log-log.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export interface TimeCount {
  t: number;
  events: number;
  censored: number;
}
export type ConfType = 'plain' | 'log' | 'log-log';

export interface KmPoint {
  tenure: number;
  at_risk: number;
  events: number;
  censored: number;
  survival_rate: number;
  ci_low: number | null;
  ci_high: number | null;
}

/** `counts` may be in any order and may repeat t; returns one point per distinct t. */
export function kaplanMeier(counts: TimeCount[], confType: ConfType = 'log', level = 0.95): KmPoint[] {
  const byT = new Map<number, TimeCount>();
  for (const c of counts) {
    const x = byT.get(c.t) ?? { t: c.t, events: 0, censored: 0 };
    x.events += c.events;
    x.censored += c.censored;
    byT.set(c.t, x);
  }
  const times = [...byT.values()].sort((a, b) => a.t - b.t);
  let atRisk = times.reduce((a, c) => a + c.events + c.censored, 0);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  let s = 1;
  let greenwood = 0;
  const out: KmPoint[] = [];
  for (const c of times) {
    const n = atRisk;
    const d = c.events;
    if (d > 0) {
      s *= 1 - d / n;
      greenwood += n > d ? d / (n * (n - d)) : Infinity;
    }
    const se = Math.sqrt(greenwood);
    const [lo, hi] = band(s, se, z, confType);
    out.push({ tenure: c.t, at_risk: n, events: d, censored: c.censored, survival_rate: s, ci_low: lo, ci_high: hi });
    atRisk -= d + c.censored;
  }
  return out;
}

function band(s: number, se: number, z: number, type: ConfType): [number | null, number | null] {
  if (!Number.isFinite(se)) return [null, null];
  if (type === 'plain') return [Math.max(0, s - z * se * s), Math.min(1, s + z * se * s)];
  if (type === 'log') {
    if (s === 0) return [null, null];
    return [s * Math.exp(-z * se), Math.min(1, s * Math.exp(z * se))];
  }
  // log-log (R: NA where S is 0 or 1)
  if (s === 0 || s === 1) return [null, null];
  const l = Math.log(s);
  return [Math.exp(-Math.exp(Math.log(-l) - (z * se) / l)), Math.exp(-Math.exp(Math.log(-l) + (z * se) / l))];
}

/** First tenure t with S(t) ≤ 0.5 (DOMAIN.md's CSL); null when the curve never gets there. */
export function medianLifetime(points: KmPoint[]): number | null {
  for (const p of points) if (p.survival_rate <= 0.5 + 1e-12) return p.tenure; // tolerance: S = 1/2 can compute as 0.5000000000000001
  return null;
}

export interface LogRank {
  chisq: number;
  df: number;
  p: number;
  groups: { group: string; n: number; observed: number; expected: number }[];
}

/** Log-rank test (survdiff with rho = 0) across groups. */
export function logRank(groups: Map<string, TimeCount[]>): LogRank | null {
  const names = [...groups.keys()];
  const k = names.length;
  if (k < 2) return null;
  const times = new Map<number, { d: number[]; c: number[] }>();
  const n0 = names.map(() => 0);
  names.forEach((g, gi) => {
    for (const c of groups.get(g)!) {
      const x = times.get(c.t) ?? { d: names.map(() => 0), c: names.map(() => 0) };
      x.d[gi] += c.events;
      x.c[gi] += c.censored;
      times.set(c.t, x);
      n0[gi] += c.events + c.censored;
    }
  });
  const atRisk = [...n0];
  const O = names.map(() => 0);
  const E = names.map(() => 0);
  const V = names.map(() => names.map(() => 0));
  for (const t of [...times.keys()].sort((a, b) => a - b)) {
    const { d, c } = times.get(t)!;
    const n = atRisk.reduce((a, b) => a + b, 0);
    const dt = d.reduce((a, b) => a + b, 0);
    if (dt > 0 && n > 0) {
      for (let i = 0; i < k; i++) {
        O[i] += d[i];
        E[i] += (dt * atRisk[i]) / n;
        if (n > 1) {
          const f = (dt * (n - dt)) / (n * n * (n - 1));
          for (let j = 0; j < k; j++) V[i][j] += f * atRisk[i] * ((i === j ? n : 0) - atRisk[j]);
        }
      }
    }
    for (let i = 0; i < k; i++) atRisk[i] -= d[i] + c[i];
  }
  // chi-square = (O−E)' V⁻ (O−E) on the first k−1 groups
  const m = k - 1;
  const diff = O.slice(0, m).map((o, i) => o - E[i]);
  const sub = V.slice(0, m).map((row) => row.slice(0, m));
  const x = solve(sub, diff);
  const chisq = x ? diff.reduce((a, di, i) => a + di * x[i], 0) : NaN;
  const df = m;
  return {
    chisq, df, // upper tail computed directly (1 − cdf would round tiny p-values to 0): Q(df/2, χ²/2)
    p: Number.isFinite(chisq) ? gammainc(chisq / 2, df / 2, true, true) : NaN,
    groups: names.map((g, i) => ({ group: g, n: n0[i], observed: O[i], expected: E[i] })),
  };
}

/** Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    if (Math.abs(M[piv][c]) < 1e-12) return null;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let j = c; j <= n; j++) M[r][j] -= f * M[c][j];
    }
  }
  return M.map((row, i) => row[n] / M[i][i]);
}
