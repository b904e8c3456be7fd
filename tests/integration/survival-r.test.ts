/**
 * survival_rate / median_lifetime through the query road vs R's survival package on the
 * same subscribers. R computes tenure itself from the raw dates (tests/r/survival-check.R),
 * so the engine's tenure SQL, its grouping and km.ts are all checked at once.
 *
 * R is required: CI installs r-base + r-cran-survival. Without Rscript this file FAILS
 * (it does not skip), so a missing reference can never pass as green.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEngine, TEST_AS_OF } from '../helpers/engine.ts';
import { runMetricQuery } from '../../server/query/execute.ts';
import type { ConfType } from '../../server/domains/lifecycle/km.ts';

const SCRIPT = path.resolve(import.meta.dirname, '../r/survival-check.R');
const GROUPINGS = ['brand', 'contract_type'] as const;
const CONF_TYPES: ConfType[] = ['log', 'plain', 'log-log'];

type Env = Awaited<ReturnType<typeof freshEngine>>;
interface RPoint { time: number; nRisk: number; nEvent: number; nCensor: number; surv: number | null; lower: number | null; upper: number | null }
interface RMedian { median: number | null; first: number | null; half: boolean }

let env: Env;
let tmp: string;
let rowsExported = 0;
const curves = new Map<string, RPoint[]>(); // `${grouping}|${conf}|${group}`
const medians = new Map<string, RMedian>(); // `${grouping}|${group}`
const logranks = new Map<string, { chisq: number; df: number; p: number }>();
let rCount = { n: 0, events: 0 };
const notes: string[] = [];

const rNum = (s: string): number | null => (s === 'NA' || s === 'NaN' ? null : Number(s));

beforeAll(async () => {
  const probe = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(survival)); cat(as.character(packageVersion("survival")))'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'survival-r.test.ts needs R with the survival package: `Rscript` was not found or `library(survival)` failed ' +
      `(${probe.error?.message ?? probe.stderr.trim()}). Install r-base-core and r-cran-survival (CI does); this test does not skip.`);
  }
  env = await freshEngine({ subscribers: 4000, months: 24 });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-survival-r-'));
  const rows = await env.engine.query<{ sub_id: number; activated_on: string; churned_on: string | null; brand: string; contract_type: string }>(
    `SELECT sub_id, toString(activated_on) AS activated_on, if(churned_on IS NULL, NULL, toString(churned_on)) AS churned_on,
       toString(brand) AS brand, toString(contract_type) AS contract_type
     FROM ${env.engine.t('subscribers')} ORDER BY sub_id`);
  rowsExported = rows.length;
  const csv = ['sub_id,activated_on,churned_on,brand,contract_type',
    ...rows.map((r) => [r.sub_id, r.activated_on, r.churned_on ?? '', r.brand, r.contract_type].join(','))].join('\n');
  const input = path.join(tmp, 'subscribers.csv');
  const output = path.join(tmp, 'r-out.txt');
  fs.writeFileSync(input, csv + '\n');
  execFileSync('Rscript', [SCRIPT, input, TEST_AS_OF, output], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  for (const line of fs.readFileSync(output, 'utf8').trim().split('\n')) {
    const f = line.split(',');
    if (f[0] === 'curve') {
      const [, grouping, conf, group, time, nRisk, nEvent, nCensor, surv, lower, upper] = f;
      const k = `${grouping}|${conf}|${group}`;
      if (!curves.has(k)) curves.set(k, []);
      curves.get(k)!.push({ time: +time, nRisk: +nRisk, nEvent: +nEvent, nCensor: +nCensor, surv: rNum(surv), lower: rNum(lower), upper: rNum(upper) });
    } else if (f[0] === 'median') {
      medians.set(`${f[1]}|${f[2]}`, { median: rNum(f[3]), first: rNum(f[4]), half: f[5] === '1' });
    } else if (f[0] === 'logrank') {
      logranks.set(f[1], { chisq: Number(f[2]), df: Number(f[3]), p: Number(f[4]) });
    } else if (f[0] === 'n') {
      rCount = { n: Number(f[1]), events: Number(f[2]) };
    }
  }
});

afterAll(async () => {
  for (const [k, m] of medians) notes.push(`median ${k}: R ${m.median}, first t with S ≤ 0.5 ${m.first}${m.half ? ' (S hits 0.5 exactly)' : ''}`);
  for (const [k, l] of logranks) notes.push(`log-rank by ${k}: χ² ${l.chisq.toFixed(3)}, df ${l.df}, p ${l.p.toExponential(3)}`);
  if (notes.length) console.info(`survival-r notes:\n  ${notes.join('\n  ')}`);
  await env?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const run = (q: Parameters<typeof runMetricQuery>[0], confType?: ConfType) =>
  runMetricQuery(q, { engine: env.engine, asOf: TEST_AS_OF, scope: { level: 'national' }, confType });

const near = (a: unknown, b: number | null, tol: number, what: string) => {
  if (b === null) return expect(a ?? null, what).toBeNull();
  expect(a, what).not.toBeNull();
  expect(Math.abs(Number(a) - b), `${what}: ${String(a)} vs R ${b}`).toBeLessThanOrEqual(tol);
};

it('R read every subscriber and found events', () => {
  expect(rowsExported).toBeGreaterThan(3000);
  expect(rCount.n).toBe(rowsExported);
  expect(rCount.events).toBeGreaterThan(500);
  expect(curves.size).toBe(GROUPINGS.length * CONF_TYPES.length * 3);
});

it('log-rank of two close curves (contract soft vs none): p within 1e-6 of R', async () => {
  const res = await run({ metrics: ['median_lifetime'], groupBy: ['contract_type'], filters: [{ dimension: 'contract_type', op: 'in', values: ['soft', 'none'] }] });
  const lr = logranks.get('contract_type_soft_none')!;
  expect(lr.p, 'fixture: the p-value should not be ~0 for this check to mean something').toBeGreaterThan(1e-7);
  expect(Number(res.totals!.log_rank_df)).toBe(1);
  near(res.totals!.log_rank_chisq, lr.chisq, 1e-9 * Math.max(1, lr.chisq), 'soft vs none: chisq');
  near(res.totals!.log_rank_p, lr.p, 1e-6, 'soft vs none: p');
  // p is small here (≈ 3.5e-6), so also relatively: 1 − cdf keeps ~10 digits at this size
  near(res.totals!.log_rank_p, lr.p, 1e-6 * lr.p, 'soft vs none: p (relative 1e-6)');
});

for (const grouping of GROUPINGS) {
  describe(`survival by ${grouping} vs R survfit / survdiff`, () => {
    for (const conf of CONF_TYPES) {
      it(`S(t), risk sets and Greenwood bounds (conf.type ${conf}) equal R within 1e-9`, async () => {
        const res = await run({ metrics: ['survival_rate'], groupBy: [grouping] }, conf);
        const groups = [...new Set(res.rows.map((r) => String(r[grouping])))].sort();
        const rGroups = [...curves.keys()].filter((k) => k.startsWith(`${grouping}|${conf}|`)).map((k) => k.split('|')[2]).sort();
        expect(groups).toEqual(rGroups);
        for (const g of groups) {
          const mine = res.rows.filter((r) => String(r[grouping]) === g);
          const ref = curves.get(`${grouping}|${conf}|${g}`)!;
          expect(mine.map((r) => Number(r.tenure)), `${g}: tenure points`).toEqual(ref.map((p) => p.time));
          mine.forEach((r, i) => {
            const p = ref[i];
            const at = `${grouping}=${g} t=${p.time} (${conf})`;
            expect([Number(r.at_risk), Number(r.events), Number(r.censored)], `${at}: n.risk, n.event, n.censor`).toEqual([p.nRisk, p.nEvent, p.nCensor]);
            near(r.survival_rate, p.surv, 1e-9, `${at}: S`);
            near(r.ci_low, p.lower, 1e-9, `${at}: lower`);
            near(r.ci_high, p.upper, 1e-9, `${at}: upper`);
          });
        }
      });
    }

    it('median_lifetime equals R (first t with S ≤ 0.5; R summary(fit)$table median unless S hits 0.5 exactly)', async () => {
      const res = await run({ metrics: ['median_lifetime'], groupBy: [grouping] });
      expect(res.rows.length).toBe(3);
      for (const r of res.rows) {
        const g = String(r[grouping]);
        const m = medians.get(`${grouping}|${g}`)!;
        expect(m, `R median for ${g}`).toBeDefined();
        const got = r.median_lifetime === null ? null : Number(r.median_lifetime);
        // DOMAIN.md's rule, computed in R from R's own curve
        expect(got, `${grouping}=${g}: first t with S ≤ 0.5`).toBe(m.first);
        if (m.half) {
          // R takes the midpoint to the next event time when S is exactly 0.5; DOMAIN.md does not.
          notes.push(`${grouping}=${g}: S hits 0.5 exactly; R median ${m.median}, product (DOMAIN rule) ${got}`);
        } else {
          expect(got, `${grouping}=${g}: R summary(fit)$table median`).toBe(m.median);
        }
      }
      // the same medians on the curve rows
      const curve = await run({ metrics: ['survival_rate', 'median_lifetime'], groupBy: [grouping] });
      for (const r of curve.rows) expect(r.median_lifetime ?? null).toBe(medians.get(`${grouping}|${String(r[grouping])}`)!.first);
    });

    it('log-rank χ² within 1e-9 (relative) and p within 1e-6 of R survdiff', async () => {
      const res = await run({ metrics: ['survival_rate'], groupBy: [grouping] });
      const lr = logranks.get(grouping)!;
      expect(res.totals).not.toBeNull();
      expect(Number(res.totals!.log_rank_df)).toBe(lr.df);
      near(res.totals!.log_rank_chisq, lr.chisq, 1e-9 * Math.max(1, lr.chisq), `${grouping}: chisq`);
      near(res.totals!.log_rank_p, lr.p, 1e-6, `${grouping}: p`);
      notes.push(`log-rank p by ${grouping}: product ${String(res.totals!.log_rank_p)} vs R ${lr.p}`);
    });
  });
}
