/** Hostile GraphQL documents get a code and a message, never a 5xx or a stack. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

let s: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => { s = await startServer({ DEMO_SUBSCRIBERS: '500' }); });
afterAll(async () => { await s?.stop(); });

const deep = (n: number) => `{ capabilityFramework { ${'children { '.repeat(n)}id${' }'.repeat(n)} } }`;

describe('GraphQL limits', () => {
  it('rejects deep, aliased, token-heavy and cyclic documents with BAD_USER_INPUT', async () => {
    const docs = [
      deep(12),
      `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: dataset { asOf }`).join(' ')} }`,
      `{ dataset { asOf ${'@include(if: true) '.repeat(40)} } }`,
      `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
      `{ dataset { asOf } } ${'query x { dataset { asOf } } '.repeat(400)}`,
      `{ datase { asOf } }`,
      `{ dataset { asOf }`, // syntax errors: an unbalanced brace, an unterminated string
      `{ members(dimension: "city) { id } }`,
    ];
    for (const d of docs) {
      const r = await s.gql(d);
      expect(r.status, d.slice(0, 60)).toBe(400);
      expect(r.body.errors?.length).toBeGreaterThan(0);
      expect(r.body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(r.body)).not.toMatch(/Did you mean|stacktrace|\.ts:\d+/);
    }
  });

  it('does not batch requests', async () => {
    const r = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminToken}` }, body: JSON.stringify([{ query: '{ dataset { asOf } }' }, { query: '{ dataset { asOf } }' }]) });
    expect(r.status).toBe(400);
  });

  it('a huge string argument is refused cleanly', async () => {
    const r = await s.gql('query($q: MetricQuery!) { metrics(query: $q) { rows } }', { q: { metrics: ['x'.repeat(100_000)] } });
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('persisted queries', () => {
  it('a hash alone is unknown until the document is sent once; then the hash suffices', async () => {
    const query = '{ dataset { asOf } }';
    const sha256Hash = (await import('node:crypto')).createHash('sha256').update(query).digest('hex');
    const post = (body: unknown) => fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminToken}` }, body: JSON.stringify(body) }).then((r) => r.json());
    const ext = { persistedQuery: { version: 1, sha256Hash } };
    const miss = await post({ extensions: ext });
    expect(miss.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await post({ query, extensions: ext });
    expect(register.data.dataset.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const hit = await post({ extensions: ext });
    expect(hit.data).toEqual(register.data);
    const wrong = await post({ query: '{ dataset { engine } }', extensions: ext }); // the hash must match the document
    expect(wrong.errors?.[0]).toBeDefined();
  });
});
