/**
 * Capability scores through the real executable schema (Apollo, the app's error
 * formatter) on a fresh embedded engine, with viewers of different scopes: published 2003
 * scores exactly as in seeds/capability/published-2003.json (unknown stays null), the
 * comparison against a hand computation, and recordAssessment: history, latest vs on-date,
 * and every bad input refused with NOTHING written.
 */
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext, Viewer } from '../../server/http/context.ts';
import { formatGraphQLError } from '../../server/http/errors.ts';
import { resolvers, typeDefs } from '../../server/http/schema.ts';
import { AuditLog } from '../../server/engine/audit.ts';
import { FRAMEWORK } from '../../server/model/members.ts';
import { ResultCache } from '../../server/query/cache.ts';
import { publishedScores } from '../../seeds/capability/load.ts';
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

const SCORES = `query($e: [ID!]!, $l: CapabilityLevel, $on: Date) { capabilityScores(entities: $e, level: $l, on: $on) {
  entity level node dimension score known note comment source assessedOn } }`;
const COMPARE = `query($e: [ID!]!, $on: Date) { capabilityComparison(entities: $e, on: $on) { dimension labelZh labelEn scores { entity score } foreignBest foreignMean } }`;
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
    const got = (await ok(SCORES, { e: entities })).capabilityScores;
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
      expect(r.scores).toEqual([
        { entity: 'china_telecom', score: null }, // not printed: unknown, not 0 and not a mean of areas
        { entity: 'shenzhen_telecom', score: null },
        { entity: 'bt', score: pub.find((p) => p.entity === 'bt' && p.node === r.dimension)!.score },
      ]);
    }
    const before = (await ok(COMPARE, { e: ['bt'], on: '2003-01-01' })).capabilityComparison;
    expect(before.every((r: Row) => r.foreignBest === null && r.foreignMean === null && r.scores[0].score === null)).toBe(true);
  });
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

    const cmp = (await ok(COMPARE, { e: ['440000', 'telstra'], on: '2024-12-31' })).capabilityComparison;
    expect(cmp[0].scores).toEqual([{ entity: '440000', score: 0 }, { entity: 'telstra', score: 4 }]);
    expect(cmp[1].scores[0].score).toBeNull(); // offering was not assessed: unknown

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

  it('the generic metrics query: a score not printed is null with the note saying why, grouped or not', async () => {
    const m = (await ok(`{ metrics(query: { metrics: ["capability_score"], filters: [{ dimension: "capability_entity", op: in, values: ["china_telecom"] }] }) { rows columns { id } } }`)).metrics
    expect(m.rows).toHaveLength(1)
    expect(m.rows[0].capability_score).toBeNull()
    expect(m.rows[0].note).toMatch(/No dimension-level score for 中国电信/)
    expect(m.columns.map((c: Row) => c.id)).toEqual(['capability_score', 'note', 'comment', 'assessed_on'])
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
