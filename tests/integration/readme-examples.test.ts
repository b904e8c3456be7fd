/**
 * The README's "GraphQL API by example" runs as printed: every document of its ```graphql
 * blocks goes to the real server (demo data) as the administrator and must answer without an
 * error and with data. A follow-up's `conversationId: "…"` takes the id the first question got.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const README = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The section's ```graphql blocks, cut into documents where the braces close (comments dropped). */
function examples(): string[] {
  const start = README.indexOf('## The GraphQL API by example');
  const end = README.indexOf('\n## ', start + 1);
  const section = README.slice(start, end);
  const docs: string[] = [];
  for (const [, block] of section.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    let doc = '';
    let depth = 0;
    for (const line of block.split('\n')) {
      let inString = false;
      let code = '';
      for (const ch of line) {
        if (ch === '"') inString = !inString;
        if (ch === '#' && !inString) break;
        if (!inString) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
        code += ch;
      }
      doc += `${code}\n`;
      if (depth === 0 && doc.trim()) {
        docs.push(doc.trim());
        doc = '';
      }
    }
    expect(doc.trim(), 'an unbalanced example').toBe('');
  }
  return docs;
}

let s: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => { s = await startServer(); }, 150_000);
afterAll(async () => {
  await s?.stop();
  if (s) fs.rmSync(s.dataDir, { recursive: true, force: true });
});

describe('README: the GraphQL API by example', () => {
  it('has the examples this test expects to find', () => {
    const docs = examples();
    expect(docs.length).toBeGreaterThanOrEqual(20);
    expect(docs.some((d) => d.startsWith('mutation'))).toBe(true);
    expect(docs.filter((d) => d.includes('conversationId: "…"')).length).toBeGreaterThan(0);
  });

  it('every example answers without an error, with data', async () => {
    let conversation: string | null = null;
    const failures: string[] = [];
    for (const example of examples()) {
      const doc = example.includes('conversationId: "…"') && conversation ? example.replaceAll('conversationId: "…"', `conversationId: "${conversation}"`) : example;
      const r = await s.gql(doc);
      if (r.body.errors?.length || !r.body.data) {
        failures.push(`${doc.replace(/\s+/g, ' ').slice(0, 120)} → ${JSON.stringify(r.body.errors)}`);
        continue;
      }
      const [field] = Object.values(r.body.data) as Record<string, unknown>[];
      expect(field, doc).toBeTruthy();
      if (field && typeof field === 'object' && 'conversationId' in field) conversation ??= String(field.conversationId);
      // a list answer that came back empty would show nothing of what the example is for
      for (const [k, v] of Object.entries(field ?? {})) if (Array.isArray(v) && ['rows', 'flows', 'cells', 'groups', 'points', 'metrics', 'dimensions'].includes(k)) expect(v.length, `${doc}: ${k}`).toBeGreaterThan(0);
    }
    expect(failures).toEqual([]);
    expect(conversation).not.toBeNull();
  }, 120_000);
});
