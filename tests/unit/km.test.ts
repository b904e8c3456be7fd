/**
 * Kaplan–Meier, Greenwood bands, median lifetime and log-rank (server/domains/lifecycle/km.ts)
 * against fixtures computed by hand below, cross-checked with R 4.2.2 / survival 3.5.3
 * (values printed with sprintf('%.17g'); the R script that printed them is quoted per block).
 *
 * Conventions (R survival): a subject censored at t is still at risk at t; Greenwood's
 * variance is of log S: Σ d / (n (n − d)); conf.type
 *   log:     S·exp(∓z·se), upper capped at 1, NA where S = 0
 *   plain:   S ∓ z·se·S, clipped to [0, 1]
 *   log-log: exp(−exp(log(−log S) ∓ z·se / log S)), NA where S is 0 or 1
 *             (lower takes "− z·se/log S"; log S < 0, so that term is positive: lower < S < upper)
 */
import { describe, expect, it } from 'vitest';
import { type KmPoint, type TimeCount, kaplanMeier, logRank, medianLifetime } from '../../server/domains/lifecycle/km.ts';

const Z = 1.959963984540054; // qnorm(0.975)
const close = (a: number | null, b: number | null, tol = 1e-12, what = '') => {
  if (b === null) return expect(a, what).toBeNull();
  expect(a, what).not.toBeNull();
  expect(Math.abs(a! - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

// ── Fixture A: 10 subscribers, ties and censoring at event times ─────────────────────
// tenure (months): 1 1 1+ 2 3+ 3+ 4 4 6 6+      (+ = censored, still active at as-of)
//
//  t | n at risk | d | c | 1 − d/n | S(t)                     | Greenwood Σ d/(n(n−d))
//  1 |    10     | 2 | 1 | 8/10    | 4/5       = 0.8          | 2/(10·8) = 1/40            = 0.025
//  2 | 10−3 = 7  | 1 | 0 | 6/7     | 4/5·6/7   = 24/35        | + 1/(7·6) = 41/840         = 0.0488095…
//  3 |  7−1 = 6  | 0 | 2 | 1       | 24/35     = 0.685714…    | (no event)   41/840
//  4 |  6−2 = 4  | 2 | 0 | 2/4     | 12/35     = 0.342857…    | + 2/(4·2) = 251/840        = 0.2988095…
//  6 |  4−2 = 2  | 1 | 1 | 1/2     | 6/35      = 0.171428…    | + 1/(2·1) = 671/840        = 0.7988095…
//
// median (first t with S ≤ 0.5): S(2) = 0.686 > 0.5, S(4) = 0.343 ≤ 0.5 → 4 (R: 4 too)
const A: TimeCount[] = [
  { t: 1, events: 2, censored: 1 },
  { t: 2, events: 1, censored: 0 },
  { t: 3, events: 0, censored: 2 },
  { t: 4, events: 2, censored: 0 },
  { t: 6, events: 1, censored: 1 },
];
const A_HAND = [
  { tenure: 1, at_risk: 10, events: 2, censored: 1, s: 4 / 5, v: 1 / 40 },
  { tenure: 2, at_risk: 7, events: 1, censored: 0, s: 24 / 35, v: 41 / 840 },
  { tenure: 3, at_risk: 6, events: 0, censored: 2, s: 24 / 35, v: 41 / 840 },
  { tenure: 4, at_risk: 4, events: 2, censored: 0, s: 12 / 35, v: 251 / 840 },
  { tenure: 6, at_risk: 2, events: 1, censored: 1, s: 6 / 35, v: 671 / 840 },
];
// R: tA <- c(1,1,1,2,3,3,4,4,6,6); eA <- c(1,1,0,1,0,0,1,1,1,0)
//    f <- survfit(Surv(tA, eA) ~ 1, conf.type = ct); f$lower, f$upper
const A_R = {
  se: [0.15811388300841897, 0.22092877542213421, 0.22092877542213421, 0.54663472612844843, 0.89376144681314373],
  log: {
    lower: [0.5868177012338136, 0.44472166068521191, 0.44472166068521191, 0.11744022624882929, 0.029738022330914167],
    upper: [1, 1, 1, 1, 0.98822156951206441],
  },
  plain: {
    lower: [0.55208198707817546, 0.3887914676736543, 0.3887914676736543, 0, 0],
    upper: [1, 0.98263710375491709, 0.98263710375491709, 0.71018892888365992, 0.47172689940414386],
  },
  'log-log': {
    lower: [0.40869078163340428, 0.30458507420184733, 0.30458507420184733, 0.054349176916541245, 0.0085499347527886599],
    upper: [0.94587264583891173, 0.88714849502770743, 0.88714849502770743, 0.67472731740422587, 0.52039797520036379],
  },
};

/** The three bands, written out from the formulas in the header (hand side of the check). */
function handBand(s: number, v: number, type: 'log' | 'plain' | 'log-log'): [number | null, number | null] {
  const se = Math.sqrt(v);
  if (type === 'log') return s === 0 ? [null, null] : [s * Math.exp(-Z * se), Math.min(1, s * Math.exp(Z * se))];
  if (type === 'plain') return [Math.max(0, s * (1 - Z * se)), Math.min(1, s * (1 + Z * se))];
  if (s === 0 || s === 1) return [null, null];
  const L = Math.log(s);
  return [Math.exp(-Math.exp(Math.log(-L) - (Z * se) / L)), Math.exp(-Math.exp(Math.log(-L) + (Z * se) / L))];
}

describe('Kaplan–Meier: fixture A (ties, censoring at event times)', () => {
  it('risk sets, events, censorings and S(t) as computed by hand', () => {
    const pts = kaplanMeier(A);
    expect(pts.map((p) => [p.tenure, p.at_risk, p.events, p.censored])).toEqual(A_HAND.map((h) => [h.tenure, h.at_risk, h.events, h.censored]));
    pts.forEach((p, i) => close(p.survival_rate, A_HAND[i].s, 1e-14, `S(${p.tenure})`));
  });

  it('Greenwood variance by hand matches R std.err', () => {
    A_HAND.forEach((h, i) => close(Math.sqrt(h.v), A_R.se[i], 1e-14, `se(${h.tenure})`));
  });

  for (const type of ['log', 'plain', 'log-log'] as const) {
    it(`conf.type ${type}: bands by hand and by R`, () => {
      const pts = type === 'log' ? kaplanMeier(A) : kaplanMeier(A, type);
      pts.forEach((p, i) => {
        const [lo, hi] = handBand(A_HAND[i].s, A_HAND[i].v, type);
        close(p.ci_low, lo, 1e-12, `${type} hand lower(${p.tenure})`);
        close(p.ci_high, hi, 1e-12, `${type} hand upper(${p.tenure})`);
        close(p.ci_low, A_R[type].lower[i], 1e-12, `${type} R lower(${p.tenure})`);
        close(p.ci_high, A_R[type].upper[i], 1e-12, `${type} R upper(${p.tenure})`);
        expect(p.ci_low!, `${type} lower ≤ S ≤ upper at ${p.tenure}`).toBeLessThanOrEqual(p.survival_rate);
        expect(p.ci_high!, `${type} lower ≤ S ≤ upper at ${p.tenure}`).toBeGreaterThanOrEqual(p.survival_rate);
      });
    });
  }

  it('90% level uses z = qnorm(0.95) = 1.6448536269514722', () => {
    const z90 = 1.6448536269514722;
    const pts = kaplanMeier(A, 'log', 0.9);
    pts.forEach((p, i) => {
      const se = Math.sqrt(A_HAND[i].v);
      close(p.ci_low, A_HAND[i].s * Math.exp(-z90 * se), 1e-12, `90% lower(${p.tenure})`);
    });
  });

  it('input order and repeated t do not matter', () => {
    const split: TimeCount[] = [
      { t: 6, events: 1, censored: 0 }, { t: 4, events: 1, censored: 0 }, { t: 1, events: 1, censored: 0 },
      { t: 3, events: 0, censored: 2 }, { t: 1, events: 1, censored: 1 }, { t: 2, events: 1, censored: 0 },
      { t: 6, events: 0, censored: 1 }, { t: 4, events: 1, censored: 0 },
    ];
    expect(kaplanMeier(split)).toEqual(kaplanMeier(A));
  });

  it('median: first t with S ≤ 0.5 → 4', () => {
    expect(medianLifetime(kaplanMeier(A))).toBe(4);
  });
});

describe('Kaplan–Meier: edge groups', () => {
  // Fixture B: no events. tenure 2+ 2+ 2+ 5+ → S = 1 throughout, Greenwood 0.
  // R: log band [1, 1]; plain [1, 1]; log-log NA (S = 1); median NA.
  it('a group with no events: S = 1, bands per conf.type, no median', () => {
    const B: TimeCount[] = [{ t: 2, events: 0, censored: 3 }, { t: 5, events: 0, censored: 1 }];
    const log = kaplanMeier(B);
    expect(log.map((p) => [p.tenure, p.at_risk, p.survival_rate, p.ci_low, p.ci_high])).toEqual([[2, 4, 1, 1, 1], [5, 1, 1, 1, 1]]);
    expect(kaplanMeier(B, 'plain').map((p) => [p.ci_low, p.ci_high])).toEqual([[1, 1], [1, 1]]);
    expect(kaplanMeier(B, 'log-log').map((p) => [p.ci_low, p.ci_high])).toEqual([[null, null], [null, null]]);
    expect(medianLifetime(log)).toBeNull();
  });

  // Fixture C: tenure 1 2 (both churn).
  //  t=1: n=2, d=1 → S = 1/2, Greenwood 1/(2·1) = 1/2, se = 0.7071…
  //  t=2: n=1, d=1 → S = 0,   Greenwood term d/(n(n−d)) = 1/0 → ∞: no band (R: NA / NaN)
  // R: log lower(1) = 0.5·exp(−z·√½) = 0.12504882662995326, upper 1;
  //    log-log (1) = [0.0059830876391457587, 0.91041008483673735]
  // Median: DOMAIN.md (seed 002's CSL) is the first t with S ≤ 0.5 → 1. R's
  // summary(fit)$table['median'] is 1.5 here: when S equals 0.5 exactly R takes the midpoint
  // to the next event time. The product follows DOMAIN.md; the difference is intended.
  it('a curve that reaches 0: bands end, median by the DOMAIN rule (R would say 1.5)', () => {
    const C: TimeCount[] = [{ t: 1, events: 1, censored: 0 }, { t: 2, events: 1, censored: 0 }];
    const log = kaplanMeier(C);
    expect(log.map((p) => p.survival_rate)).toEqual([0.5, 0]);
    close(log[0].ci_low, 0.5 * Math.exp(-Z * Math.SQRT1_2), 1e-14, 'log lower(1) by hand');
    close(log[0].ci_low, 0.12504882662995326, 1e-12, 'log lower(1) R');
    expect(log[0].ci_high).toBe(1);
    expect([log[1].ci_low, log[1].ci_high]).toEqual([null, null]);
    const ll = kaplanMeier(C, 'log-log');
    close(ll[0].ci_low, 0.0059830876391457587, 1e-12, 'log-log lower(1) R');
    close(ll[0].ci_high, 0.91041008483673735, 1e-12, 'log-log upper(1) R');
    expect([ll[1].ci_low, ll[1].ci_high]).toEqual([null, null]);
    const plain = kaplanMeier(C, 'plain');
    expect([plain[0].ci_low, plain[0].ci_high]).toEqual([0, 1]); // 0.5 ∓ 1.96·0.707·0.5 clipped
    expect([plain[1].ci_low, plain[1].ci_high]).toEqual([null, null]);
    expect(medianLifetime(log)).toBe(1);
  });

  // Fixture D: 22 subscribers; 7 churn at 1, 4 at 2, 11 censored at 3.
  //  S(1) = 15/22, S(2) = 15/22 · 11/15 = 11/22 = 1/2 exactly → median 2 (DOMAIN.md; R: 2).
  //  In floating point (1 − 7/22)(1 − 4/15) = 0.5000000000000001: the median must not
  //  depend on that last bit (R compares with a tolerance of sqrt(.Machine$double.eps)).
  it('S = 1/2 exactly in arithmetic but not in floating point: median is still 2', () => {
    const D: TimeCount[] = [{ t: 1, events: 7, censored: 0 }, { t: 2, events: 4, censored: 0 }, { t: 3, events: 0, censored: 11 }];
    const pts = kaplanMeier(D);
    close(pts[1].survival_rate, 1 / 2, 1e-14, 'S(2)');
    expect(medianLifetime(pts)).toBe(2);
  });

  it('median of an explicit curve: first point at or below 0.5, null when never reached', () => {
    const pt = (tenure: number, s: number): KmPoint => ({ tenure, at_risk: 1, events: 0, censored: 0, survival_rate: s, ci_low: null, ci_high: null });
    expect(medianLifetime([pt(0, 1), pt(3, 0.7), pt(5, 0.5), pt(9, 0.2)])).toBe(5);
    expect(medianLifetime([pt(0, 1), pt(3, 0.7), pt(5, 0.49), pt(9, 0.2)])).toBe(5);
    expect(medianLifetime([pt(0, 1), pt(3, 0.51)])).toBeNull();
    expect(medianLifetime([])).toBeNull();
  });
});

describe('log-rank (survdiff, rho = 0)', () => {
  // X: 1 2 3+ 4        Y: 2 3 3+ 5 6+
  //
  //  t | nX nY  n | dX dY d | E_X = d·nX/n | V = d(n−d)·nX·nY / (n²(n−1))
  //  1 |  4  5  9 |  1  0 1 | 4/9          | 1·8·4·5/(81·8)  = 20/81
  //  2 |  3  5  8 |  1  1 2 | 2·3/8 = 3/4  | 2·6·3·5/(64·7)  = 45/112
  //  3 |  2  4  6 |  0  1 1 | 2/6 = 1/3    | 1·5·2·4/(36·5)  = 2/9     (X's 3+ is at risk at 3)
  //  4 |  1  2  3 |  1  0 1 | 1/3          | 1·2·1·2/(9·2)   = 2/9
  //  5 |  0  2  2 |  0  1 1 | 0            | 0
  //  O_X = 3, E_X = 4/9 + 3/4 + 1/3 + 1/3 = 67/36;  O_Y = 3, E_Y = 6 − 67/36 = 149/36
  //  V = 20/81 + 45/112 + 4/9 = (2240 + 3645 + 4032)/9072 = 9917/9072
  //  χ² = (O_X − E_X)² / V = (41/36)² · 9072/9917 = 1681·7/9917 = 11767/9917 = 1.18654835…
  // R: survdiff(Surv(t, e) ~ g)$chisq = 1.1865483513159212; 1 − pchisq(·, 1) = 0.27602690197986435
  const X: TimeCount[] = [{ t: 1, events: 1, censored: 0 }, { t: 2, events: 1, censored: 0 }, { t: 3, events: 0, censored: 1 }, { t: 4, events: 1, censored: 0 }];
  const Y: TimeCount[] = [{ t: 2, events: 1, censored: 0 }, { t: 3, events: 1, censored: 1 }, { t: 5, events: 1, censored: 0 }, { t: 6, events: 0, censored: 1 }];

  it('two groups: O, E, χ² and p by hand (and R)', () => {
    const lr = logRank(new Map([['X', X], ['Y', Y]]))!;
    expect(lr.df).toBe(1);
    close(lr.chisq, 11767 / 9917, 1e-12, 'chisq by hand');
    close(lr.chisq, 1.1865483513159212, 1e-12, 'chisq R');
    close(lr.p, 0.27602690197986435, 1e-9, 'p R');
    expect(lr.groups.map((g) => [g.group, g.n, g.observed])).toEqual([['X', 4, 3], ['Y', 5, 3]]);
    close(lr.groups[0].expected, 67 / 36, 1e-14, 'E_X');
    close(lr.groups[1].expected, 149 / 36, 1e-14, 'E_Y');
  });

  it('the order of the groups does not change χ²', () => {
    close(logRank(new Map([['Y', Y], ['X', X]]))!.chisq, 11767 / 9917, 1e-12, 'chisq reversed');
  });

  // R: t3 <- c(1,2,3,4, 2,3,3,5,6, 1,1,2,4,4,7); e3 <- c(1,1,0,1, 1,1,0,1,0, 1,0,1,1,0,1)
  //    survdiff(Surv(t3, e3) ~ g3): chisq 1.1150509273179106, p 0.57262429172989537,
  //    exp 1.838888888888889, 3.6944444444444442, 4.4666666666666668
  it('three groups (df 2) against R', () => {
    const Zg: TimeCount[] = [{ t: 1, events: 1, censored: 1 }, { t: 2, events: 1, censored: 0 }, { t: 4, events: 1, censored: 1 }, { t: 7, events: 1, censored: 0 }];
    const lr = logRank(new Map([['X', X], ['Y', Y], ['Z', Zg]]))!;
    expect(lr.df).toBe(2);
    close(lr.chisq, 1.1150509273179106, 1e-12, 'chisq');
    close(lr.p, 0.57262429172989537, 1e-9, 'p');
    [1.838888888888889, 3.6944444444444442, 4.4666666666666668].forEach((e, i) => close(lr.groups[i].expected, e, 1e-12, `E[${i}]`));
  });

  it('one group: no test', () => {
    expect(logRank(new Map([['X', X]]))).toBeNull();
  });
});
