/**
 * Capability scores through the real executable schema (Apollo, the app's error
 * formatter) on a fresh embedded engine, with viewers of different scopes: published 2003
 * scores exactly as in seeds/capability/published-2003.json (unknown stays null), the
 * comparison against a hand computation, derived dimension scores (mean of the known area
 * scores, marked; published scores untouched) against numbers copied from the seed document
 * and a mean computed here from the seed rows, notes in both languages, and recordAssessment:
 * history, latest vs on-date, and every bad input refused with NOTHING written.
 */
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext, Viewer } from '../../server/http/context.ts';
import { formatGraphQLError } from '../../server/http/errors.ts';
import { resolvers, typeDefs } from '../../server/http/schema.ts';
import { AuditLog } from '../../server/engine/audit.ts';
import { FRAMEWORK, PUBLISHED_ENTITIES } from '../../server/model/members.ts';
import { ResultCache } from '../../server/query/cache.ts';
import { publishedScores } from '../../seeds/capability/load.ts';
import { type RawScore, referenceDimensionScores } from '../helpers/capability-reference.ts';
import { freshEngine } from '../helpers/engine.ts';

type Row = Record<string, any>;
let env: Awaited<ReturnType<typeof freshEngine>>;
let apollo: ApolloServer<RequestContext>;

const viewer = (id: string, scope: Viewer['scope']): Viewer => ({ id, name: id, role: 'analyst', scope });
const NATIONAL_VIEWER = viewer('u-national', { level: 'national' });
const GUANGDONG = viewer('u-gd', { level: 'province', province: '440000' });
const SHENZHEN = viewer('u-sz', { level: 'city', province: '440000', city: '440300' });
const FOREIGN = ['att_wireless', 'singapore_wireless', 'apac_wireless', 'bt', 'sbc', 'telstra', 'singtel_optus'];

beforeAll(async () => {
  env = await freshEngine({ seed: false }); // capability needs no subscriber data
  const format = formatGraphQLError(pino({ level: 'silent' }));
  apollo = new ApolloServer<RequestContext>({
    typeDefs, resolvers,
    // Under vitest, Apollo (loaded by Node) and this file (loaded by Vite) get graphql's CJS and
    // ESM builds: two GraphQLError classes, so the app formatter's instanceof misses the wrap.
    // Unwrap here by shape; everything else is the app's own formatter.
    formatError: (formatted, error) => format(formatted, (error as { originalError?: unknown })?.originalError ?? error),
  });
  await apollo.start();
});
afterAll(async () => {
  await apollo?.stop();
  await env?.close();
});

async function gql(query: string, variables: Record<string, unknown> = {}, who: Viewer = NATIONAL_VIEWER, extra: Partial<RequestContext> = {}) {
  const r = await apollo.executeOperation({ query, variables }, { contextValue: { engine: env.engine, dataset: env.dataset, viewer: who, ...extra } });
  if (r.body.kind !== 'single') throw new Error('incremental response');
  return r.body.singleResult as { data?: Row; errors?: { message: string; extensions?: Row }[] };
}
async function ok(query: string, variables: Record<string, unknown> = {}, who: Viewer = NATIONAL_VIEWER) {
  const r = await gql(query, variables, who);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
}
const rowCount = async () => Number((await env.engine.query<{ n: number }>(`SELECT count() AS n FROM ${env.engine.t('capability_scores')}`))[0].n);

const SCORES = `query($e: [ID!]!, $l: CapabilityLevel, $on: Date, $d: Boolean) { capabilityScores(entities: $e, level: $l, on: $on, derive: $d) {
  entity level node dimension score known note comment source assessedOn } }`;
const SCORES_FULL = `query($e: [ID!]!, $l: CapabilityLevel, $on: Date, $d: Boolean) { capabilityScores(entities: $e, level: $l, on: $on, derive: $d) {
  entity level node dimension score known note noteZh noteEn comment source assessedOn derived basis areasAveraged areasInDimension } }`;
const COMPARE = `query($e: [ID!]!, $on: Date, $d: Boolean) { capabilityComparison(entities: $e, on: $on, derive: $d) { dimension labelZh labelEn scores { entity score } foreignBest foreignMean } }`;
const COMPARE_FULL = `query($e: [ID!]!, $on: Date, $d: Boolean) { capabilityComparison(entities: $e, on: $on, derive: $d) {
  dimension scores { entity score derived basis areasAveraged areasInDimension noteZh noteEn } foreignBest foreignMean } }`;
const HISTORY = `query($e: ID!) { capabilityAssessments(entity: $e) { entity assessedOn recordedAt recordedBy items } }`;
const RECORD = `mutation($i: AssessmentInput!) { recordAssessment(input: $i) { entity assessedOn recordedAt recordedBy items } }`;

describe('framework and published scores', () => {
  it('the framework tree is framework.json: 5 dimensions, 16 areas, 50 items', async () => {
    const f = (await ok(`{ capabilityFramework { id level labelZh labelEn children { id level children { id level children { id } } } } }`)).capabilityFramework;
    expect(f.map((d: Row) => d.id)).toEqual(FRAMEWORK.dimensions.map((d) => d.id));
    expect(f.flatMap((d: Row) => d.children)).toHaveLength(16);
    const items = f.flatMap((d: Row) => d.children.flatMap((a: Row) => a.children));
    expect(items).toHaveLength(50);
    expect(items.every((i: Row) => i.level === 'item' && i.children.length === 0)).toBe(true);
    expect(f[0].labelZh).toBe('客户洞察');
  });

  it('every published record reads back exactly; unknown is null with known = false, never 0', async () => {
    const pub = publishedScores();
    const entities = [...new Set(pub.scores.map((x) => x.entity))];
    expect(entities).toHaveLength(11);
    const got = (await ok(SCORES, { e: entities, d: false })).capabilityScores; // exactly as recorded
    expect(got).toHaveLength(pub.scores.length);
    for (const p of pub.scores) {
      const g = got.find((x: Row) => x.entity === p.entity && x.node === p.node);
      expect(g, `${p.entity} ${p.node}`).toBeDefined();
      expect(g.score).toBe(p.score);
      expect(g.known).toBe(p.score !== null);
      expect(g.level).toBe(p.level);
      expect(g.note).toBe(p.note || null);
      expect(g.source).toBe(p.source);
      expect(g.assessedOn).toBe('2003-09-28');
    }
    const unknown = got.filter((x: Row) => !x.known);
    expect(unknown).toHaveLength(110); // README: 110 of 319 records are null
    expect(unknown.every((x: Row) => x.score === null && x.note)).toBe(true);
    const sz = got.find((x: Row) => x.entity === 'shenzhen_telecom' && x.node === 'insight.gain_insight.customer_segmentation');
    expect([sz.score, sz.known]).toEqual([null, false]);
    expect((await ok(SCORES, { e: ['fuzhou_telecom'] })).capabilityScores.every((x: Row) => x.score === null)).toBe(true);
  });

  it('level picks one level, in framework order', async () => {
    const d = (await ok(SCORES, { e: ['bt', 'shenzhen_telecom'], l: 'dimension' })).capabilityScores;
    expect(d.map((x: Row) => `${x.entity}:${x.node}`)).toEqual([
      ...['insight', 'offering', 'interaction', 'organization', 'integration'].map((n) => `bt:${n}`),
      ...['insight', 'offering', 'interaction', 'organization', 'integration'].map((n) => `shenzhen_telecom:${n}`),
    ]);
    const areas = (await ok(SCORES, { e: ['shenzhen_telecom'], l: 'area' })).capabilityScores;
    expect(areas).toHaveLength(16);
    // as printed, not a mean of its items (its only item, 产品开发, is 2.5)
    expect(areas.find((x: Row) => x.node === 'offering.new_product_development').score).toBe(1.5);
    expect(areas.every((x: Row) => x.level === 'area')).toBe(true);
  });

  it('comparison: foreign best and mean equal a hand computation from the published file', async () => {
    const c = (await ok(COMPARE, { e: ['china_telecom', 'shenzhen_telecom', 'bt'] })).capabilityComparison;
    expect(c.map((r: Row) => r.dimension)).toEqual(['insight', 'offering', 'interaction', 'organization', 'integration']);
    // by hand from published-2003.json (AT&T, Singapore, APAC, BT, SBC, Telstra, Singtel Optus)
    const hand: Record<string, [number, number]> = {
      insight: [4, (2 + 3 + 3 + 3.75 + 4 + 4 + 4) / 7],
      offering: [4, (2 + 3.75 + 4 + 3.25 + 4 + 4 + 3) / 7],
      interaction: [3, (3 + 3 + 3 + 2.5 + 3 + 3 + 3) / 7],
      organization: [4, (2.5 + 3.75 + 2 + 2 + 3 + 3 + 4) / 7],
      integration: [4, (2.5 + 3.5 + 2 + 3 + 3 + 4 + 4) / 7],
    };
    const pub = publishedScores().scores;
    for (const r of c) {
      expect(r.foreignBest).toBe(hand[r.dimension][0]);
      expect(Math.abs(r.foreignMean - hand[r.dimension][1])).toBeLessThan(1e-12);
      const foreign = FOREIGN.map((e) => pub.find((p) => p.entity === e && p.node === r.dimension)!.score!);
      expect(r.foreignBest).toBe(Math.max(...foreign));
      // as recorded (derive: false): not printed is unknown, not 0 and not a mean of areas
      const asRecorded = (await ok(COMPARE, { e: ['china_telecom', 'shenzhen_telecom', 'bt'], d: false })).capabilityComparison.find((x: Row) => x.dimension === r.dimension);
      expect(asRecorded.scores).toEqual([
        { entity: 'china_telecom', score: null },
        { entity: 'shenzhen_telecom', score: null },
        { entity: 'bt', score: pub.find((p) => p.entity === 'bt' && p.node === r.dimension)!.score },
      ]);
      expect([asRecorded.foreignBest, asRecorded.foreignMean]).toEqual([r.foreignBest, r.foreignMean]);
      // by default the Chinese entities get the derived score (tested below), BT its published one
      expect(r.scores[2]).toEqual({ entity: 'bt', score: pub.find((p) => p.entity === 'bt' && p.node === r.dimension)!.score });
      expect(r.scores[0].score).not.toBeNull();
    }
    const before = (await ok(COMPARE, { e: ['bt'], on: '2003-01-01' })).capabilityComparison;
    expect(before.every((r: Row) => r.foreignBest === null && r.foreignMean === null && r.scores[0].score === null)).toBe(true);
  });
});

describe('derived dimension scores (the mean of the known area scores; on by default, always marked)', () => {
  // 中国电信's four 客户洞察 areas as printed in seed 000 (pp. 11-14, lines 40-50):
  // 收集数据 1.67, 管理数据 1.58, 获取洞察力 1.34, 应用洞察力 1.85 → (6.44) / 4 = 1.61
  const CHINA_TELECOM_INSIGHT = [1.67, 1.58, 1.34, 1.85];
  const DIMENSIONS = FRAMEWORK.dimensions.map((d) => d.id);

  /** The mean computed here from the seed rows (nothing from server/domains/capability). */
  function seedMean(entity: string, dimension: string): { mean: number | null; n: number; total: number } {
    const areas = FRAMEWORK.dimensions.find((d) => d.id === dimension)!.areas.map((a) => a.id);
    const known = publishedScores().scores.filter((p) => p.entity === entity && p.level === 'area' && areas.includes(p.node) && p.score !== null).map((p) => p.score!);
    return { mean: known.length ? known.reduce((a, b) => a + b, 0) / known.length : null, n: known.length, total: areas.length };
  }
  const published = (entity: string, node: string) => publishedScores().scores.find((p) => p.entity === entity && p.node === node);

  it("China Telecom's 客户洞察 is the mean of its four printed area scores, marked as derived; the record it fills stays as printed", async () => {
    const printed = FRAMEWORK.dimensions[0].areas.map((a) => published('china_telecom', a.id)!.score);
    expect(printed).toEqual(CHINA_TELECOM_INSIGHT); // the seed holds the document's numbers
    const hand = (1.67 + 1.58 + 1.34 + 1.85) / 4;
    expect(hand).toBeCloseTo(1.61, 12);
    const [insight] = (await ok(SCORES_FULL, { e: ['china_telecom'], l: 'dimension' })).capabilityScores;
    expect(insight).toMatchObject({ entity: 'china_telecom', level: 'dimension', node: 'insight', known: true, derived: true, basis: 'mean_of_areas', areasAveraged: 4, areasInDimension: 4, assessedOn: '2003-09-28' });
    expect(insight.score).toBeCloseTo(1.61, 12);
    expect(insight.score).toBeCloseTo(seedMean('china_telecom', 'insight').mean!, 12);
    expect(insight.noteZh).toContain('由领域得分平均推算');
    expect(insight.noteZh).toContain('1.67, 1.58, 1.34, 1.85');
    expect(insight.noteEn).toMatch(/^Derived, not published: the mean of the 4 area scores of this dimension \(1\.67, 1\.58, 1\.34, 1\.85\)\./);
    expect(insight.note).toBe(insight.noteEn);
    // what the record says is kept after the derivation, and the locator is the record's
    expect(insight.noteEn).toContain(`As recorded: ${published('china_telecom', 'insight')!.note}`);
    expect(insight.source).toBe(published('china_telecom', 'insight')!.source);
    // the comparison carries the same value and marks
    const c = (await ok(COMPARE_FULL, { e: ['china_telecom', 'att_wireless'] })).capabilityComparison[0];
    expect(c.scores[0]).toMatchObject({ entity: 'china_telecom', derived: true, basis: 'mean_of_areas', areasAveraged: 4, areasInDimension: 4 });
    expect(c.scores[0].score).toBeCloseTo(1.61, 12);
    expect(c.scores[1]).toMatchObject({ entity: 'att_wireless', score: 2, derived: false, basis: 'recorded', areasAveraged: null, noteZh: null });
  });

  it('every entity × dimension: the published score where printed, else the mean of the known areas (unknown areas skipped), else unknown', async () => {
    const entities = PUBLISHED_ENTITIES.map((e) => e.id);
    const c = (await ok(COMPARE_FULL, { e: entities })).capabilityComparison;
    let derived = 0;
    for (const row of c) {
      for (const s of row.scores) {
        const pub = published(s.entity, row.dimension)!;
        const m = seedMean(s.entity, row.dimension);
        const at = `${s.entity} ${row.dimension}`;
        if (pub.score !== null) {
          expect(s, at).toMatchObject({ score: pub.score, derived: false, basis: 'recorded' });
        } else if (m.mean !== null) {
          derived++;
          expect(s, at).toMatchObject({ derived: true, basis: 'mean_of_areas', areasAveraged: m.n, areasInDimension: m.total });
          expect(Math.abs(s.score - m.mean), at).toBeLessThan(1e-9);
        } else {
          expect(s, at).toMatchObject({ score: null, derived: false, basis: null, areasAveraged: null });
          expect(s.noteZh, at).toBeTruthy(); // why: the record's note, in Chinese
        }
      }
    }
    expect(derived).toBe(13); // 中国电信 5, 深圳电信 5, 广州电信 3 (its organization and integration areas are missing)
    const gz = (d: string) => c.find((r: Row) => r.dimension === d).scores.find((x: Row) => x.entity === 'guangzhou_telecom');
    // 客户交互: 渠道管理 1.38 and 客户交互操作 1.75 printed, 客户交互管理 missing → 1.565 of 2 of 3 areas
    expect(gz('interaction')).toMatchObject({ areasAveraged: 2, areasInDimension: 3 });
    expect(gz('interaction').score).toBeCloseTo((1.38 + 1.75) / 2, 12);
    expect(gz('interaction').noteEn).toContain('the mean of 2 of the 3 area scores of this dimension (1.38, 1.75); 1 unknown area left out');
    expect(gz('organization').score).toBeNull();
    expect(c.every((r: Row) => r.scores.find((x: Row) => x.entity === 'fuzhou_telecom').score === null)).toBe(true);
    // the benchmark is the foreign carriers' published scores either way
    const off = (await ok(COMPARE_FULL, { e: entities, d: false })).capabilityComparison;
    expect(off.map((r: Row) => [r.foreignBest, r.foreignMean])).toEqual(c.map((r: Row) => [r.foreignBest, r.foreignMean]));
    expect(off.flatMap((r: Row) => r.scores).filter((x: Row) => x.derived)).toEqual([]);
  });

  it('published scores are never replaced: with derive on, every other record reads exactly as with derive off', async () => {
    const entities = PUBLISHED_ENTITIES.map((e) => e.id);
    const on = (await ok(SCORES_FULL, { e: entities })).capabilityScores;
    const off = (await ok(SCORES_FULL, { e: entities, d: false })).capabilityScores;
    expect(on.map((x: Row) => `${x.entity}:${x.node}`)).toEqual(off.map((x: Row) => `${x.entity}:${x.node}`)); // same records, same order
    const changed = on.filter((x: Row, i: number) => JSON.stringify(x) !== JSON.stringify(off[i]));
    expect(changed.map((x: Row) => `${x.entity}:${x.node}`)).toEqual(on.filter((x: Row) => x.derived).map((x: Row) => `${x.entity}:${x.node}`));
    expect(changed).toHaveLength(13);
    for (const x of changed) {
      const was = off.find((y: Row) => y.entity === x.entity && y.node === x.node);
      expect([x.level, was.score, was.known, was.derived], `${x.entity}:${x.node}`).toEqual(['dimension', null, false, false]);
      expect(x.note.startsWith('Derived, not published')).toBe(true);
    }
    // every printed score is marked as recorded; areas and items are never derived
    for (const x of on.filter((y: Row) => !y.derived)) {
      expect(x.basis, `${x.entity}:${x.node}`).toBe(x.score === null ? null : 'recorded');
      expect(x.score).toBe(published(x.entity, x.node)!.score);
    }
    expect((await ok(SCORES_FULL, { e: entities, l: 'area' })).capabilityScores.some((x: Row) => x.derived)).toBe(false);
    // level: dimension alone still derives (it reads the areas behind the scenes)
    const dims = (await ok(SCORES_FULL, { e: ['shenzhen_telecom'], l: 'dimension' })).capabilityScores;
    expect(dims.map((x: Row) => [x.node, x.derived, x.areasAveraged])).toEqual(DIMENSIONS.map((d) => [d, true, seedMean('shenzhen_telecom', d).n]));
  });

  it('notes come in both languages: the record in English as printed, its Chinese translation beside it', async () => {
    const sz = (await ok(SCORES_FULL, { e: ['shenzhen_telecom'], l: 'item' })).capabilityScores;
    const seg = sz.find((x: Row) => x.node === 'insight.gain_insight.customer_segmentation');
    expect(seg.note).toBe(published('shenzhen_telecom', 'insight.gain_insight.customer_segmentation')!.note);
    expect(seg.noteEn).toBe(seg.note);
    expect(seg.noteZh).toBe("原文数字无法辨认：印为'客戶分群?.5'（第86行）；“.5”之前的数字被编码错误吞掉（乱码'??蛻舴秩?'）");
    const all = (await ok(SCORES_FULL, { e: PUBLISHED_ENTITIES.map((e) => e.id), d: false })).capabilityScores.filter((x: Row) => x.note);
    expect(all.length).toBeGreaterThan(110);
    for (const x of all) {
      expect(x.noteEn).toBe(x.note);
      expect(x.noteZh, x.note).not.toBe(x.note); // translated, not the English again
      expect(x.noteZh).toMatch(/[原文第]/);
    }
  });

  it('a self-assessment that scores areas but not their dimension gets a derived dimension row; a recorded dimension score stands', async () => {
    await ok(RECORD, { i: { entity: '450000', assessedOn: '2024-03-31', scores: [
      { node: 'offering.portfolio_management', score: 3 }, { node: 'offering.brand_communication', score: 2 },
      { node: 'interaction', score: 1 }, { node: 'interaction.channel_management', score: 4 },
    ] } });
    const s = (await ok(SCORES_FULL, { e: ['450000'], l: 'dimension' })).capabilityScores;
    expect(s.map((x: Row) => [x.node, x.score, x.derived, x.basis, x.areasAveraged, x.areasInDimension])).toEqual([
      ['offering', 2.5, true, 'mean_of_areas', 2, 3], ['interaction', 1, false, 'recorded', null, null],
    ]);
    expect(s[0]).toMatchObject({ assessedOn: '2024-03-31', source: null, known: true });
    expect(s[0].noteZh).toContain('3 个领域中 2 个已知领域得分（3.00, 2.00）');
    expect((await ok(SCORES_FULL, { e: ['450000'], l: 'dimension', d: false })).capabilityScores.map((x: Row) => x.node)).toEqual(['interaction']);
  });

  it('the generic metric query (and the chat on it) derives exactly as the typed fields do, and says so in both languages', async () => {
    const entities = PUBLISHED_ENTITIES.map((e) => e.id);
    const q = `query($e: [String!]!) { metrics(query: { metrics: ["capability_score"], groupBy: ["capability_entity", "capability_dimension"],
      filters: [{ dimension: "capability_entity", op: in, values: $e }] }) { rows columns { id type lang } } }`;
    const m = (await ok(q, { e: entities })).metrics;
    expect(m.columns.map((c: Row) => [c.id, c.lang])).toEqual([['capability_entity', null], ['capability_dimension', null], ['capability_score', null],
      ['derived_dimensions', null], ['note', 'en'], ['note_zh', 'zh'], ['comment', null], ['assessed_on', null]]);
    const typed = (await ok(COMPARE_FULL, { e: entities })).capabilityComparison;
    let derived = 0;
    for (const d of typed) {
      for (const s of d.scores) {
        const r = m.rows.find((x: Row) => x.capability_entity === s.entity && x.capability_dimension === d.dimension);
        const at = `${s.entity} ${d.dimension}`;
        if (!r) { expect(s.score, at).toBeNull(); continue; } // Fuzhou: no record at all
        expect(r.capability_score === null ? null : Math.abs(r.capability_score - s.score) < 1e-9, at).toBe(s.score === null ? null : true);
        expect(r.derived_dimensions, at).toBe(s.derived ? 1 : 0);
        if (s.derived) {
          derived++;
          expect(r.note, at).toBe(s.noteEn);
          expect(r.note_zh, at).toBe(s.noteZh);
        }
      }
    }
    expect(derived).toBe(13);
    expect(m.rows.find((r: Row) => r.capability_entity === 'bt' && r.capability_dimension === 'insight')).toMatchObject({ capability_score: 3.75, derived_dimensions: 0, note: '', note_zh: '' });
    // as recorded, for whoever needs the record: the typed field with derive: false
    expect((await ok(SCORES, { e: ['china_telecom'], l: 'dimension', d: false })).capabilityScores.map((r: Row) => r.score)).toEqual([null, null, null, null, null]);
  });

  it('random assessments (unknown, absent and 0 scores, corrections, two dates): both roads equal an independent TypeScript formulation', async () => {
    let seed = 20261123;
    const rnd = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const areasOf = new Map(FRAMEWORK.dimensions.map((d) => [d.id, d.areas.map((a) => a.id)]));
    const nodes = FRAMEWORK.dimensions.flatMap((d) => [{ level: 'dimension', node: d.id, dimension: d.id },
      ...d.areas.flatMap((a) => [{ level: 'area', node: a.id, dimension: d.id }, ...a.items.slice(0, 1).map((i) => ({ level: 'item', node: i.id, dimension: d.id }))])]);
    const entities = ['510000', '520000', '530000', '610000', '620000', '630000', '640000', '510100', '520100', '530100'];
    const rows: RawScore[] = [];
    let t = Date.parse('2025-01-01T00:00:00Z');
    for (const entity of entities) {
      for (const assessed_on of ['2024-06-30', '2025-03-31'].filter(() => rnd() < 0.8)) {
        for (const n of nodes) {
          if (rnd() < 0.35) continue; // not assessed
          for (let k = 0, times = rnd() < 0.2 ? 2 : 1; k < times; k++) { // a correction now and then
            const score = rnd() < 0.2 ? null : rnd() < 0.1 ? 0 : pick([0.5, 1, 1.25, 1.5, 2, 2.75, 3, 3.5, 4]);
            rows.push({ entity, assessed_on, ...n, score, recorded_at: (t += 1000) });
          }
        }
      }
    }
    await env.engine.insert('capability_scores', rows.map((r) => ({ ...r, note: '', source: 'test', comment: '', recorded_by: 'test' })));
    for (const on of [null, '2024-12-31']) {
      const want = referenceDimensionScores(rows, areasOf, on).sort((a, b) => a.entity.localeCompare(b.entity) || a.dimension.localeCompare(b.dimension));
      expect(want.filter((w) => w.derived).length, `derived cases (${on})`).toBeGreaterThan(5);
      expect(want.filter((w) => !w.derived && w.score !== null).length, `recorded cases (${on})`).toBeGreaterThan(5);
      const typed = (await ok(SCORES_FULL, { e: entities, l: 'dimension', ...(on ? { on } : {}) })).capabilityScores
        .map((r: Row) => ({ entity: r.entity, dimension: r.node, score: r.score, derived: r.derived, areas: r.areasAveraged ?? 0 }));
      const close = (xs: Row[]) => xs.map((x) => ({ ...x, score: x.score === null ? null : Math.round(x.score * 1e9) / 1e9 }));
      const sorted = (xs: Row[]) => xs.sort((a, b) => a.entity.localeCompare(b.entity) || a.dimension.localeCompare(b.dimension));
      expect(close(sorted(typed)), `typed, on ${on}`).toEqual(close(want));
      // the generic query reads the as-of date as `on` when it is given
      const m = await apollo.executeOperation({ query: `query($e: [String!]!) { metrics(query: { metrics: ["capability_score"], groupBy: ["capability_entity", "capability_dimension"],
        filters: [{ dimension: "capability_entity", op: in, values: $e }] }${on ? `, asOf: "${on}"` : ''}) { rows } }`, variables: { e: entities } },
        { contextValue: { engine: env.engine, dataset: env.dataset, viewer: NATIONAL_VIEWER } });
      if (m.body.kind !== 'single') throw new Error('incremental response');
      expect(m.body.singleResult.errors).toBeUndefined();
      const generic = (m.body.singleResult.data as Row).metrics.rows
        .map((r: Row) => ({ entity: r.capability_entity, dimension: r.capability_dimension, score: r.capability_score, derived: r.derived_dimensions === 1 }));
      expect(close(sorted(generic)), `generic, on ${on}`).toEqual(close(want.map(({ areas: _, ...w }) => w)));
    }
  });

  it('a whole entity whose dimensions are all derived: the mean of the five derived scores, each named in the note', async () => {
    const m = (await ok(`{ metrics(query: { metrics: ["capability_score"], filters: [{ dimension: "capability_entity", op: in, values: ["china_telecom"] }] }) { rows } }`)).metrics;
    expect(m.rows).toHaveLength(1);
    const means = DIMENSIONS.map((d) => seedMean('china_telecom', d).mean!);
    expect(m.rows[0].capability_score).toBeCloseTo(means.reduce((a, b) => a + b, 0) / means.length, 10);
    expect(m.rows[0].derived_dimensions).toBe(5);
    expect(m.rows[0].note).toMatch(/^Customer insight: Derived, not published: the mean of the 4 area scores of this dimension \(1\.67, 1\.58, 1\.34, 1\.85\)\./);
    expect(m.rows[0].note.match(/As recorded:/g)).toHaveLength(1); // the record's note once, not once per dimension
    expect(m.rows[0].note_zh).toMatch(/^客户洞察：由领域得分平均推算/);
    expect(m.rows[0].note_zh).toContain('原文记录：文本未印出中国电信的维度得分');
  });

  const badReads: [string, string, Row, RegExp][] = [
    ['derive not a Boolean', SCORES, { e: ['china_telecom'], d: 'yes' }, /Boolean/],
    ['derive not a Boolean (comparison)', COMPARE, { e: ['china_telecom'], d: 1 }, /Boolean/],
    ['no entity', SCORES, { e: [] }, /Name at least one entity/],
    ['no entity (comparison)', COMPARE, { e: [] }, /Name at least one entity/],
    ['an unknown level', SCORES, { e: ['china_telecom'], l: 'region' }, /CapabilityLevel|region/],
    ['an impossible date', COMPARE, { e: ['china_telecom'], on: '2003-02-30' }, /2003-02-30/],
  ];
  for (const [name, query, vars, re] of badReads) {
    it(`refuses ${name} (BAD_USER_INPUT, a clear message)`, async () => {
      const r = await gql(query, vars);
      expect(r.errors?.[0].extensions?.code, r.errors?.[0].message).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(re);
      expect(JSON.stringify(r.errors)).not.toMatch(/\bat .*\.ts:\d+|INTERNAL_SERVER_ERROR/);
    });
  }
});

describe('recordAssessment', () => {
  const ITEM_A = 'insight.collect_data.data_strategy';
  const ITEM_B = 'interaction.channel_management.channel_usage_strategy';
  const AREA = 'insight.collect_data';

  it('happy path, history, latest vs on-date selection; rows are only ever added', async () => {
    expect(FRAMEWORK.dimensions.some((d) => d.areas.some((a) => a.items.some((i) => i.id === ITEM_B)))).toBe(true);
    const n0 = await rowCount();
    const first = (await ok(RECORD, { i: { entity: '440000', assessedOn: '2024-06-30', scores: [
      { node: ITEM_A, score: 2.5, comment: '数据战略已成文' }, { node: ITEM_B, score: 1 }, { node: AREA, score: 2 }, { node: 'insight', score: 0 },
    ] } }, GUANGDONG)).recordAssessment;
    expect(first).toMatchObject({ entity: '440000', assessedOn: '2024-06-30', recordedBy: 'u-gd', items: 4 });
    expect(Date.parse(first.recordedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await rowCount()).toBe(n0 + 4);

    const s1 = (await ok(SCORES, { e: ['440000'] }, SHENZHEN)).capabilityScores; // a city sees its province's assessment
    expect(s1.map((x: Row) => [x.node, x.level, x.score, x.known])).toEqual([
      ['insight', 'dimension', 0, true], [AREA, 'area', 2, true], [ITEM_A, 'item', 2.5, true], [ITEM_B, 'item', 1, true],
    ]);
    expect(s1.find((x: Row) => x.node === ITEM_A).comment).toBe('数据战略已成文');
    expect(s1.every((x: Row) => x.source === 'self-assessment' && x.assessedOn === '2024-06-30')).toBe(true);

    await new Promise((r) => setTimeout(r, 5)); // distinct recorded_at
    await ok(RECORD, { i: { entity: '440000', assessedOn: '2025-03-31', scores: [{ node: ITEM_A, score: 3.5 }] } }, GUANGDONG);
    await new Promise((r) => setTimeout(r, 5));
    // a second save for the same date corrects the nodes it names; the earlier rows stay (history)
    await ok(RECORD, { i: { entity: '440000', assessedOn: '2024-06-30', scores: [{ node: ITEM_B, score: 1.5, comment: '复核后上调' }] } }, NATIONAL_VIEWER);
    expect(await rowCount()).toBe(n0 + 6);

    const latest = (await ok(SCORES, { e: ['440000'] }, GUANGDONG)).capabilityScores;
    expect(latest.map((x: Row) => [x.node, x.score, x.assessedOn])).toEqual([[ITEM_A, 3.5, '2025-03-31']]);
    const onDate = (await ok(SCORES, { e: ['440000'], on: '2024-12-31' })).capabilityScores;
    expect(onDate.map((x: Row) => [x.node, x.score])).toEqual([['insight', 0], [AREA, 2], [ITEM_A, 2.5], [ITEM_B, 1.5]]);
    expect(onDate.find((x: Row) => x.node === ITEM_B).comment).toBe('复核后上调');
    expect((await ok(SCORES, { e: ['440000'], on: '2024-06-29' })).capabilityScores).toEqual([]);
    const items = (await ok(SCORES, { e: ['440000'], l: 'item', on: '2024-06-30' })).capabilityScores;
    expect(items.map((x: Row) => x.node)).toEqual([ITEM_A, ITEM_B]);

    const h = (await ok(HISTORY, { e: '440000' }, GUANGDONG)).capabilityAssessments;
    expect(h.map((x: Row) => [x.assessedOn, x.recordedBy, x.items])).toEqual([
      ['2025-03-31', 'u-gd', 1], ['2024-06-30', 'u-national', 1], ['2024-06-30', 'u-gd', 4],
    ]);
    expect(h[1].recordedAt > h[2].recordedAt).toBe(true);

    const cmp = (await ok(COMPARE_FULL, { e: ['440000', 'telstra'], on: '2024-12-31' })).capabilityComparison;
    // insight is recorded as 0 beside its area recorded as 2: the recorded 0 stands, nothing derived
    expect(cmp[0].scores.map((x: Row) => [x.entity, x.score, x.derived, x.basis])).toEqual([['440000', 0, false, 'recorded'], ['telstra', 4, false, 'recorded']]);
    expect(cmp[1].scores[0]).toMatchObject({ score: null, derived: false, basis: null }); // offering was not assessed at all: unknown

    const shenzhen = (await ok(RECORD, { i: { entity: '440300', assessedOn: '2024-01-15', scores: [{ node: 'integration', score: 4 }] } }, SHENZHEN)).recordAssessment;
    expect(shenzhen).toMatchObject({ entity: '440300', recordedBy: 'u-sz', items: 1 });
  });

  const long = 'x'.repeat(2001);
  const bad: [string, Viewer, Row, string, RegExp][] = [
    ['unknown node', GUANGDONG, { entity: '440000', assessedOn: '2024-07-01', scores: [{ node: 'insight.crystal_ball', score: 2 }] }, 'BAD_USER_INPUT', /unknown capability node/],
    ['score 5', GUANGDONG, { entity: '440000', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 5 }] }, 'BAD_USER_INPUT', /score 5 is outside 0–4/],
    ['score -1', GUANGDONG, { entity: '440000', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: -1 }] }, 'BAD_USER_INPUT', /score -1 is outside 0–4/],
    ['unknown entity', NATIONAL_VIEWER, { entity: '999999', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 2 }] }, 'BAD_USER_INPUT', /unknown entity "999999"/],
    ['published benchmark entity', NATIONAL_VIEWER, { entity: 'china_telecom', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 2 }] }, 'BAD_USER_INPUT', /published benchmark/],
    ['entity outside the province scope', GUANGDONG, { entity: '110000', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 2 }] }, 'FORBIDDEN', /limited to 广东省/],
    ['a city writing its province', SHENZHEN, { entity: '440000', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 2 }] }, 'FORBIDDEN', /深圳市/],
    ['a city writing another city', SHENZHEN, { entity: '440100', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 2 }] }, 'FORBIDDEN', /limited to 深圳市/],
    ['impossible date', GUANGDONG, { entity: '440000', assessedOn: '2024-02-30', scores: [{ node: 'insight', score: 2 }] }, 'BAD_USER_INPUT', /2024-02-30/],
    ['comment too long', GUANGDONG, { entity: '440000', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 2, comment: long }] }, 'BAD_USER_INPUT', /2001 characters; at most 2000/],
    ['no scores', GUANGDONG, { entity: '440000', assessedOn: '2024-07-01', scores: [] }, 'BAD_USER_INPUT', /scores is empty/],
    ['a node twice', GUANGDONG, { entity: '440000', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 2 }, { node: 'insight', score: 3 }] }, 'BAD_USER_INPUT', /scored twice/],
    ['good rows beside one bad row', GUANGDONG, { entity: '440000', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 2 }, { node: 'offering', score: 3 }, { node: 'integration', score: 4.01 }] }, 'BAD_USER_INPUT', /scores\[2\] \(integration\): score 4.01/],
    ['score not a number', GUANGDONG, { entity: '440000', assessedOn: '2024-07-01', scores: [{ node: 'insight', score: 'high' }] }, 'BAD_USER_INPUT', /Float/],
  ];
  for (const [name, who, input, code, re] of bad) {
    it(`refuses ${name} (${code}) and writes nothing`, async () => {
      const before = await rowCount();
      const r = await gql(RECORD, { i: input }, who);
      expect(r.data?.recordAssessment ?? null).toBeNull();
      expect(r.errors?.[0].extensions?.code, r.errors?.[0].message).toBe(code);
      expect(r.errors?.[0].message).toMatch(re);
      expect(JSON.stringify(r.errors)).not.toMatch(/\bat .*\.ts:\d+|INTERNAL_SERVER_ERROR/);
      expect(await rowCount()).toBe(before);
    });
  }

  it('lists every problem of an input at once', async () => {
    const before = await rowCount();
    const r = await gql(RECORD, { i: { entity: '440000', assessedOn: '2024-07-01', scores: [
      { node: 'nope', score: 2 }, { node: 'insight', score: 9 }, { node: 'offering', score: 1, comment: long },
    ] } }, GUANGDONG);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.details?.problems).toHaveLength(3);
    expect(await rowCount()).toBe(before);
  });
});

describe('scope on reads', () => {
  it('a region outside the viewer is FORBIDDEN; the published benchmarks are readable by everyone', async () => {
    for (const [query, vars] of [[SCORES, { e: ['110000'] }], [COMPARE, { e: ['440000', '110000'] }], [HISTORY, { e: '110000' }]] as const) {
      const r = await gql(query, vars, GUANGDONG);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(r.errors?.[0].message).toMatch(/北京市/);
    }
    const sz = await gql(SCORES, { e: ['440100'] }, SHENZHEN);
    expect(sz.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await ok(SCORES, { e: ['bt'], l: 'dimension' }, SHENZHEN)).capabilityScores).toHaveLength(5);
    expect((await ok(COMPARE, { e: ['440300'] }, SHENZHEN)).capabilityComparison[0].foreignBest).toBe(4);
  });

  it('the generic metrics query: a score neither printed nor derivable is null with the note saying why, grouped or not', async () => {
    // 福州电信: its section is missing, so no dimension and no area score
    const m = (await ok(`{ metrics(query: { metrics: ["capability_score"], filters: [{ dimension: "capability_entity", op: in, values: ["fuzhou_telecom"] }] }) { rows columns { id } } }`)).metrics
    expect(m.rows).toHaveLength(1)
    expect(m.rows[0]).toMatchObject({ capability_score: null, derived_dimensions: 0 })
    expect(m.rows[0].note).toMatch(/福州电信 section/)
    expect(m.rows[0].note_zh).toMatch(/文本缺少福州电信章节/)
    expect(m.columns.map((c: Row) => c.id)).toEqual(['capability_score', 'derived_dimensions', 'note', 'note_zh', 'comment', 'assessed_on'])
  })

  it('the generic metrics query sees the same assessments (capability_score by dimension)', async () => {
    const r = (await ok(`{ metrics(query: { metrics: ["capability_score"], groupBy: ["capability_entity", "capability_dimension"],
      filters: [{ dimension: "capability_entity", op: in, values: ["bt", "440300"] }] }) { rows } }`, {}, GUANGDONG)).metrics.rows;
    expect(r.find((x: Row) => x.capability_entity === 'bt' && x.capability_dimension === 'insight').capability_score).toBe(3.75);
    expect(r.find((x: Row) => x.capability_entity === '440300' && x.capability_dimension === 'integration').capability_score).toBe(4);
  });
});

describe('with the result cache and the audit trail (as the server runs)', () => {
  it('typed fields are cached and audited; a recorded assessment is seen at once (the data version moves)', async () => {
    const results = new ResultCache(100);
    const audit = new AuditLog(env.engine, 60_000);
    const run = async (query: string, variables: Record<string, unknown>, who = GUANGDONG) => {
      const r = await gql(query, variables, who, { results, audit });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data!;
    };
    const METRIC = `query($e: [String!]!) { metrics(query: { metrics: ["capability_score"], groupBy: ["capability_entity", "capability_dimension"],
      filters: [{ dimension: "capability_entity", op: in, values: $e }] }) { rows } }`;
    const score = (rows: Row[], node: string) => rows.find((x) => x.node === node)?.score;
    const metricScore = (rows: Row[]) => rows.find((x) => x.capability_entity === '440100' && x.capability_dimension === 'offering')?.capability_score;

    await run(RECORD, { i: { entity: '440100', assessedOn: '2024-05-31', scores: [{ node: 'offering', score: 1 }] } });
    const s1 = (await run(SCORES, { e: ['440100'] })).capabilityScores;
    const m1 = (await run(METRIC, { e: ['440100'] })).metrics.rows;
    expect(score(s1, 'offering')).toBe(1);
    expect(metricScore(m1)).toBe(1);
    const misses = results.misses;
    await run(SCORES, { e: ['440100'] });
    await run(METRIC, { e: ['440100'] });
    expect(results.misses).toBe(misses); // both answered from the cache
    expect(results.hits).toBeGreaterThanOrEqual(2);

    await run(RECORD, { i: { entity: '440100', assessedOn: '2025-02-28', scores: [{ node: 'offering', score: 3 }] } });
    expect(score((await run(SCORES, { e: ['440100'] })).capabilityScores, 'offering')).toBe(3);
    expect(metricScore((await run(METRIC, { e: ['440100'] })).metrics.rows)).toBe(3);

    await audit.flush();
    const entries = await env.engine.query<{ query: string; rows: number }>(`SELECT query, rows FROM ${env.engine.t('audit_log')} WHERE viewer = 'u-gd' ORDER BY at`);
    const fields = entries.map((e) => JSON.parse(e.query).field).filter(Boolean);
    expect(fields.filter((f) => f === 'capabilityScores')).toHaveLength(3); // cached answers are audited too
    expect(entries.find((e) => JSON.parse(e.query).field === 'capabilityScores')!.rows).toBeGreaterThan(0);
  });
});
