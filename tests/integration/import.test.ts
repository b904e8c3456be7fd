/**
 * CSV import (issue 7, "Safe import"). Through the real server: malformed files are
 * refused with row-level errors and nothing is loaded (row counts and data version
 * unchanged); a clean subscribers + usage import shows in `metrics`; an idempotency key
 * loads once; progress; limits; roles. In this process, an import service on its own
 * engine covers what HTTP cannot reach: a tiny cap on a chunked upload, subscriber months
 * equal to a full re-derive after new and back-filled months, and the roll-forward of a
 * move interrupted half-way.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveSql } from '../../seeds/derive.ts';
import { CsvScanner, ErrorList, RecordCutter } from '../../server/domains/import/csv-scan.ts';
import { importRoutes } from '../../server/domains/import/routes.ts';
import { ImportService } from '../../server/domains/import/service.ts';
import type { Engine } from '../../server/engine/engine.ts';
import { freshEngine, spyCommands } from '../helpers/engine.ts';
import { startServer } from '../helpers/server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

interface RowError { row: number; column: string | null; message: string }
interface Answer { status: number; headers: Headers; body: Record<string, any> & { errors?: RowError[]; totalErrors?: number } }

async function upload(url: string, table: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Answer> {
  const r = await fetch(`${url}/api/import/${table}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body, duplex: 'half' } as RequestInit);
  return { status: r.status, headers: r.headers, body: await r.json() };
}

/** `n` subscribers rows (ids from `firstId`), optionally one broken row at data index `badAt`. */
function subscribersCsv(n: number, firstId: number, badAt = -1): string {
  const lines = ['sub_id,city,brand,activated_on,sub_segment,contract_type,churned_on,satisfaction'];
  const segs: Record<string, string[]> = { gotone: ['club', 'group_net', 'regular'], mzone: ['voice', 'data'], easyown: ['young', 'active'] };
  const brands = Object.keys(segs);
  for (let i = 0; i < n; i++) {
    const b = brands[i % 3];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const act = i === badAt ? `2023-02-${29 + (i % 2)}` : `2023-0${1 + (i % 9)}-${day}`;
    lines.push(`${firstId + i},${['440300', '440100', '350100'][i % 3]},${b},${act},${segs[b][i % segs[b].length]},${i % 4 ? 'none' : 'soft'},${i % 7 ? '' : '2024-06-30'},${i % 101}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('CSV import through the real server', () => {
  let s: Awaited<ReturnType<typeof startServer>>;
  let admin: Record<string, string>;
  const post = (table: string, body: BodyInit, headers: Record<string, string> = {}) => upload(s.url, table, body, { ...admin, ...headers });
  const snapshot = async () => (await s.gql('{ dataset { subscribers dataVersion asOf } }')).body.data.dataset as { subscribers: number; dataVersion: number; asOf: string };
  const citySubscribers = async (city: string) => {
    const r = await s.gql('query($q: MetricQuery!) { metrics(query: $q) { totals } }', { q: { metrics: ['subscribers'], filters: [{ dimension: 'city', op: 'in', values: [city] }] } });
    expect(r.body.errors).toBeUndefined();
    return Number(r.body.data.metrics.totals.subscribers);
  };
  /** Posts a file that must be refused; checks nothing changed. */
  const refused = async (table: string, body: BodyInit, status = 422) => {
    const before = await snapshot();
    const r = await post(table, body);
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.code).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toEqual(before);
    return r;
  };

  beforeAll(async () => {
    s = await startServer();
    admin = { authorization: `Bearer ${s.adminToken}` };
  });
  afterAll(async () => { await s?.stop(); });

  it('wrong column count: 422 naming the rows, nothing loaded', async () => {
    const r = await refused('subscribers', fixture('wrong-column-count.csv'));
    expect(r.body.totalErrors).toBe(2);
    expect(r.body.errors).toEqual([
      { row: 3, column: null, message: expect.stringMatching(/has 4 values; the header has 5/) },
      { row: 5, column: null, message: expect.stringMatching(/has 6 values; the header has 5/) },
    ]);
  });

  it('bad dates: each row and column named', async () => {
    const r = await refused('subscribers', fixture('bad-date.csv'));
    expect(r.body.errors!.map((e) => [e.row, e.column])).toEqual([[2, 'activated_on'], [3, 'activated_on'], [4, 'activated_on']]);
    expect(r.body.errors![0].message).toMatch(/"2024-02-30" is not a date/);
    expect(r.body.totalErrors).toBe(3);
  });

  it('a contract may end in the future (up to 10 years); an activation may not', async () => {
    const day = (years: number) => { const d = new Date(); d.setUTCFullYear(d.getUTCFullYear() + years); return d.toISOString().slice(0, 10); };
    const head = 'sub_id,city,brand,activated_on,contract_type,contract_end\n';
    const bad = await refused('subscribers', `${head}31300001,440300,gotone,${day(1)},none,\n31300002,440300,gotone,2024-03-01,hard,${day(11)}\n`);
    expect(bad.body.errors!.map((e) => [e.row, e.column, e.message.replace(/\(.*\)/, '()')])).toEqual([
      [2, 'activated_on', 'is in the future ()'], [3, 'contract_end', 'is more than 10 years ahead ()'],
    ]);
    const ok = await post('subscribers', `${head}31300003,440300,gotone,2024-03-01,hard,${day(1)}\n`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('non-UTF-8 (a GBK cell): 422 at its row and column', async () => {
    const r = await refused('subscribers', fixture('not-utf8.csv'));
    expect(r.body.errors).toEqual([{ row: 3, column: 'age_band', message: expect.stringMatching(/not valid UTF-8.*GBK/) }]);
  });

  it('a UTF-8 BOM and CRLF line ends (Excel "CSV UTF-8") load', async () => {
    const before = await snapshot();
    const r = await post('subscribers', fixture('bom.csv'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rows).toBe(2);
    const after = await snapshot();
    expect(after.subscribers).toBe(before.subscribers + 2);
    expect(after.dataVersion).toBe(before.dataVersion + 1);
  });

  it('a quoted line break stays inside its value: later rows keep their numbers', async () => {
    const r = await refused('subscribers', fixture('quoted-newline.csv'));
    expect(r.body.errors).toEqual([
      { row: 3, column: 'city', message: '"44\n0300" is not a prefecture-level city code (GB/T 2260, e.g. 440300 for Shenzhen)' },
      { row: 4, column: 'brand', message: expect.stringMatching(/"nobrand" is not a brand id/) },
    ]);
  });

  it('formula-looking cells (= + - @) are refused, not stored', async () => {
    const r = await refused('subscribers', fixture('formula-cells.csv'));
    expect(r.body.errors!.map((e) => [e.row, e.column])).toEqual([[2, 'sub_id'], [3, 'city'], [4, 'brand'], [5, 'activated_on']]);
    for (const e of r.body.errors!) expect(e.message).toMatch(/spreadsheet formula/);
  });

  it('unknown regions: not a code, a province code, outside the mainland data', async () => {
    const r = await refused('subscribers', fixture('unknown-region.csv'));
    expect(r.body.errors!.map((e) => [e.row, e.column])).toEqual([[2, 'city'], [3, 'city'], [4, 'city']]);
  });

  it('empty file, header-only file, unknown and missing header columns', async () => {
    expect((await refused('subscribers', fixture('empty.csv'))).body.message).toMatch(/empty/);
    expect((await refused('subscribers', '\uFEFF')).body.message).toMatch(/empty/);
    expect((await refused('subscribers', 'sub_id,city,brand,activated_on\n')).body.message).toMatch(/no data rows/);
    const r = await refused('subscribers', fixture('unknown-column.csv'));
    expect(r.body.errors).toEqual([{ row: 1, column: 'favourite_colour', message: expect.stringMatching(/is not a column of subscribers/) }]);
    const u = await refused('usage', 'sub_id,month,revenue\n1,2025-01,3\n');
    expect(u.body.errors!.map((e) => e.column)).toEqual(['minutes', 'data_mb', 'sms', 'recharge']);
  });

  it('one bad row in 200,000 is found (in the second part of the upload: row numbers carry across parts); the clean 200,000 then load', async () => {
    const badAt = 173_456; // past the first part (8 MB, about 150,000 of these rows)
    const r = await refused('subscribers', subscribersCsv(200_000, 40_000_000, badAt));
    expect(r.body.errors).toEqual([{ row: badAt + 2, column: 'activated_on', message: expect.stringMatching(/"2023-02-(29|30)" is not a date/) }]);
    expect(r.body.totalErrors).toBe(1);

    const before = await snapshot();
    const ok = await post('subscribers', subscribersCsv(200_000, 41_000_000));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.rows).toBe(200_000);
    expect((await snapshot()).subscribers).toBe(before.subscribers + 200_000);
    console.log(`import: 200,000 subscribers in ${ok.body.seconds} s (${ok.body.rowsPerSecond} rows/s, server-side, incl. validation and move)`);
  });

  it('a row with a value too few or too many, deep in the second part: 422 naming that row, nothing loaded', async () => {
    const badAt = 173_456; // data index, past the first part (8 MB)
    for (const [edit, values] of [[(l: string) => l.slice(0, l.lastIndexOf(',')), 7], [(l: string) => `${l},9`, 9]] as const) {
      const lines = subscribersCsv(200_000, 43_000_000).split('\n');
      lines[badAt + 1] = edit(lines[badAt + 1]);
      const r = await refused('subscribers', lines.join('\n'));
      expect(r.body.errors).toEqual([{ row: badAt + 2, column: null, message: expect.stringMatching(new RegExp(`^has ${values} values; the header has 8 `)) }]);
    }
  });

  it('duplicates in the file and rows already loaded are errors', async () => {
    const csv = 'sub_id,city,brand,activated_on\n42000001,440300,gotone,2024-01-01\n42000001,440300,gotone,2024-01-01\n41000000,440300,gotone,2024-01-01\n';
    const r = await refused('subscribers', csv);
    expect(r.body.errors).toEqual([
      { row: 3, column: 'sub_id', message: 'sub_id 42000001 is also in row 2' },
      { row: 4, column: 'sub_id', message: 'sub_id 41000000 is already loaded; imports only add rows' },
    ]);
  });

  it('oversize: a declared body over the cap gets 413 before anything is read', async () => {
    const status = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      const u = new URL(`${s.url}/api/import/subscribers`);
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
        headers: { ...admin, 'content-type': 'text/csv', 'content-length': String(2 * 1024 ** 3) } }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => { resolve({ code: res.statusCode!, body }); req.destroy(); });
      });
      req.on('error', reject);
      req.write('sub_id,city,brand,activated_on\n');
    });
    expect(status.code).toBe(413);
    expect(JSON.parse(status.body)).toMatchObject({ code: 'BAD_USER_INPUT', limitBytes: 1024 ** 3 });
  });

  it('a form upload or another charset is refused with a hint', async () => {
    const r = await post('subscribers', 'sub_id\n1\n', { 'content-type': 'text/csv; charset=gbk' });
    expect(r.status).toBe(415);
    expect(r.body.message).toMatch(/--data-binary/);
  });

  it('a clean subscribers + usage import shows in metrics: the city gains exactly the rows imported', async () => {
    const { asOf } = await snapshot();
    const city = '440300';
    const before = await citySubscribers(city);
    const n = 37;
    const ids = Array.from({ length: n }, (_, i) => 43_000_000 + i);
    const subs = await post('subscribers', `sub_id,city,brand,activated_on,sub_segment\n${ids.map((id, i) => `${id},${city},${['gotone', 'mzone', 'easyown'][i % 3]},2024-05-10,${['club', 'data', 'young'][i % 3]}`).join('\n')}\n`);
    expect(subs.status, JSON.stringify(subs.body)).toBe(200);
    expect(await citySubscribers(city)).toBe(before); // no usage yet: not in the monthly base
    const month = (k: number) => { const d = new Date(`${asOf.slice(0, 7)}-01T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() - k); return d.toISOString().slice(0, 7); };
    const rows = ids.flatMap((id) => [2, 1, 0].map((k) => `${id},${month(k)},${58.5 + k},${300 + k},${2048.25},${20},${60}`));
    const usage = await post('usage', `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${rows.join('\n')}\n`);
    expect(usage.status, JSON.stringify(usage.body)).toBe(200);
    expect(usage.body).toMatchObject({ rows: n * 3, subscriberMonthsRebuilt: n * 3 });
    expect(await citySubscribers(city)).toBe(before + n);
    // usage again for the same months: already loaded
    const again = await post('usage', `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${rows[0]}\n`);
    expect(again.status).toBe(422);
    expect(again.body.errors![0].message).toMatch(/is already loaded/);
    // usage for an unknown subscriber, and before a subscriber's activation
    const bad = await post('usage', `sub_id,month,revenue,minutes,data_mb,sms,recharge\n99999999999,${month(0)},1,1,1,1,1\n${ids[0]},2024-01,1,1,1,1,1\n`);
    expect(bad.body.errors).toEqual([
      { row: 2, column: 'sub_id', message: 'no subscriber 99999999999 is loaded; import subscribers first' },
      { row: 3, column: 'month', message: 'is before the subscriber was activated (2024-05-10)' },
    ]);
    // a file whose cells are all fine is checked against other rows and loaded data only when its
    // gate (subscribers, their months, repeated and loaded keys) finds something: each rule alone
    const u = (lines: string[]) => `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${lines.join('\n')}\n`;
    const unknown = await refused('usage', u([`${ids[1]},${month(3)},1,1,1,1,1`, `99999999999,${month(3)},1,1,1,1,1`]));
    expect(unknown.body.errors).toEqual([{ row: 3, column: 'sub_id', message: 'no subscriber 99999999999 is loaded; import subscribers first' }]);
    const twice = await refused('usage', u([`${ids[1]},${month(3)},1,1,1,1,1`, `${ids[2]},${month(3)},1,1,1,1,1`, `${ids[1]},${month(3)},2,2,2,2,2`]));
    expect(twice.body.errors).toEqual([{ row: 4, column: 'sub_id', message: `sub_id / month ${ids[1]} / ${month(3)} is also in row 2` }]);
    const loaded = await refused('usage', u([`${ids[1]},${month(3)},1,1,1,1,1`, `${ids[2]},${month(1)},1,1,1,1,1`]));
    expect(loaded.body.errors).toEqual([{ row: 3, column: 'sub_id', message: `sub_id / month ${ids[2]} / ${month(1)} is already loaded; imports only add rows` }]);
    const churned = await post('subscribers', `sub_id,city,brand,activated_on,churned_on\n43000900,${city},gotone,2024-05-10,2024-06-15\n`);
    expect(churned.status, JSON.stringify(churned.body)).toBe(200);
    const late = await refused('usage', u(['43000900,2024-06,1,1,1,1,1', '43000900,2024-08,1,1,1,1,1']));
    expect(late.body.errors).toEqual([{ row: 3, column: 'month', message: 'is after the subscriber churned (2024-06-15)' }]);
  });

  it('usage spanning ten years (120 monthly partitions in one file) loads', async () => {
    const id = 43_500_000;
    const subs = await post('subscribers', `sub_id,city,brand,activated_on\n${id},440300,gotone,2010-01-05\n`);
    expect(subs.status, JSON.stringify(subs.body)).toBe(200);
    const months = Array.from({ length: 120 }, (_, i) => `${2010 + Math.floor(i / 12)}-${String(i % 12 + 1).padStart(2, '0')}`);
    const usage = await post('usage', `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${months.map((m) => `${id},${m},50,100,1024,10,50`).join('\n')}\n`);
    expect(usage.status, JSON.stringify(usage.body)).toBe(200);
    expect(usage.body).toMatchObject({ rows: 120, subscriberMonthsRebuilt: 120 });
  });

  it('contacts and campaigns load, with subscriber attributes taken from the subscriber', async () => {
    const { asOf } = await snapshot();
    const contacts = async () => Number((await s.gql('query($q: MetricQuery!) { metrics(query: $q) { totals } }',
      { q: { metrics: ['contacts'], timeRange: { from: asOf.slice(0, 7), to: asOf.slice(0, 7) } } })).body.data.metrics.totals.contacts);
    const before = await contacts();
    const day = `${asOf} 09:30:00`;
    const c = await post('contacts', `ts,sub_id,channel,direction,purpose,lifecycle_stage,campaign_id,converted,revenue,cost,handle_sec,resolved_first\n${day},1,app,inbound,inquiry,usage,,0,0,0.5,40,1\n${asOf}T10:00:00,2,hotline_out,outbound,retention,change,C1-retention,true,30,4.2,300,false\n`);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(await contacts()).toBe(before + 2);
    // clean cells, but a subscriber that is not loaded: converted first, then refused with the row (nothing loaded)
    const orphan = await post('contacts', `ts,sub_id,channel,direction,purpose,lifecycle_stage,campaign_id,converted,revenue,cost,handle_sec,resolved_first\n${day},1,app,inbound,inquiry,usage,,0,0,0.5,40,1\n${day},99999999998,app,inbound,inquiry,usage,,0,0,0.5,40,1\n`);
    expect(orphan.status).toBe(422);
    expect(orphan.body.errors).toEqual([{ row: 3, column: 'sub_id', message: 'no subscriber 99999999998 is loaded; import subscribers first' }]);
    expect(await contacts()).toBe(before + 2);
    const camp = await post('campaigns', `campaign_id,month,city,kind,list_type,targeted,hits,contacted,retained\nC-TEST-1,${asOf.slice(0, 7)},440300,churn,model,100,30,80,10\nC-TEST-1,${asOf.slice(0, 7)},440300,churn,random,100,4,80,1\n`);
    expect(camp.status, JSON.stringify(camp.body)).toBe(200);
    const badCamp = await post('campaigns', `campaign_id,month,city,kind,list_type,targeted,hits,contacted,retained\nC-TEST-2,${asOf.slice(0, 7)},440300,churn,model,10,30,8,9\n`);
    expect(badCamp.body.errors!.map((e: RowError) => e.column)).toEqual(['hits', 'retained']);
  });

  it('Idempotency-Key: a retried upload loads once and answers with the first result', async () => {
    const key = randomUUID();
    const csv = 'sub_id,city,brand,activated_on\n44000001,440100,gotone,2024-02-01\n44000002,440100,mzone,2024-02-02\n44000003,440100,easyown,2024-02-03\n';
    const before = await snapshot();
    const [a, b] = await Promise.all([post('subscribers', csv, { 'idempotency-key': key }), post('subscribers', csv, { 'idempotency-key': key })]);
    const c = await post('subscribers', csv, { 'idempotency-key': key });
    for (const r of [a, b, c]) expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);
    expect([a, b, c].filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    const after = await snapshot();
    expect(after.subscribers).toBe(before.subscribers + 3);
    expect(after.dataVersion).toBe(before.dataVersion + 1);
    // the same key for another file is a mistake, not a replay
    const other = await post('subscribers', csv.replace('44000003', '44000004'), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.message).toMatch(/already used for a different upload/);
    // progress / result, by key and by id
    const byKey = await (await fetch(`${s.url}/api/import?key=${encodeURIComponent(key)}`, { headers: admin })).json();
    expect(byKey).toMatchObject({ id: a.body.id, status: 'loaded', rowsLoaded: 3, table: 'subscribers' });
    const byId = await (await fetch(`${s.url}/api/import/${a.body.id}`, { headers: admin })).json();
    expect(byId).toMatchObject({ id: a.body.id, status: 'loaded' });
  });

  it('importing is for administrators', async () => {
    const analyst = await s.login('demo-analyst');
    const r = await upload(s.url, 'subscribers', 'sub_id,city,brand,activated_on\n1,440300,gotone,2024-01-01\n', { authorization: `Bearer ${analyst}` });
    expect(r.status).toBe(403);
    expect((await upload(s.url, 'subscribers', 'x')).status).toBe(401);
    expect((await post('nothing', 'x')).status).toBe(404);
  });
});

describe('record boundaries (no engine)', () => {
  it('the fast cutter and the byte scanner agree on any well-formed CSV, however it is chunked', () => {
    const plain = fc.constantFrom('a', '440300', '', ' x ', 'b"c');
    const quoted = fc.tuple(fc.constantFrom('', ' '), fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '深', ' ') }))
      .map(([blank, v]) => `${blank}"${v.replace(/"/g, '""')}"`);
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.oneof(plain, quoted), fc.oneof(plain, quoted), fc.oneof(plain, quoted)), { minLength: 1, maxLength: 12 }),
      fc.constantFrom('\n', '\r\n'),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
      (rows, eol, sizes) => {
        const buf = Buffer.from(rows.map((r) => r.join(',')).join(eol) + eol);
        const cutter = new RecordCutter();
        const scanner = new CsvScanner(['a', 'b', 'c'], new ErrorList());
        const fast: number[] = [];
        const slow: number[] = [];
        for (let off = 0, k = 0; off < buf.length; k++) {
          const piece = buf.subarray(off, off + sizes[k % sizes.length]);
          const a = cutter.scan(piece);
          const b = scanner.scan(piece);
          if (a >= 0) fast.push(off + a);
          if (b >= 0) slow.push(off + b);
          off += piece.length;
        }
        scanner.finish();
        expect(scanner.errors.first).toEqual(rows.some((r) => r.some((v) => v === 'b"c')) ? expect.anything() : []);
        expect(fast).toEqual(slow);
        expect(cutter.endRow()).toBe(rows.length + 2);
      }), { numRuns: 500, seed: 7 });
  });
});

describe('import service in this process (own engine)', () => {
  let t: Awaited<ReturnType<typeof freshEngine>>;
  let url: string;
  let server: http.Server;
  const log = pino({ level: process.env.IMPORT_TEST_LOG ?? 'silent' });
  const count = async (sql: string) => Number((await t.engine.query<{ n: number }>(sql))[0].n);

  /** subscriber_months as a full derive from scratch gives it: 0 rows differ either way. */
  async function differencesFromFullDerive(engine: Engine): Promise<number> {
    const db = engine.db;
    await engine.command('DROP DATABASE IF EXISTS cmp');
    await engine.command('CREATE DATABASE cmp');
    for (const name of ['subscribers', 'usage_monthly', 'subscriber_months']) await engine.command(`CREATE TABLE cmp.${name} AS ${db}.${name}`);
    await engine.command(`INSERT INTO cmp.subscribers SELECT * FROM ${db}.subscribers`);
    await engine.command(`INSERT INTO cmp.usage_monthly SELECT * FROM ${db}.usage_monthly`);
    await engine.command(deriveSql('cmp'), { lo: 0, hi: '18446744073709551615' });
    const a = await count(`SELECT count() AS n FROM (SELECT * FROM ${db}.subscriber_months EXCEPT ALL SELECT * FROM cmp.subscriber_months)`);
    const b = await count(`SELECT count() AS n FROM (SELECT * FROM cmp.subscriber_months EXCEPT ALL SELECT * FROM ${db}.subscriber_months)`);
    return a + b;
  }

  beforeAll(async () => {
    t = await freshEngine({ subscribers: 3000, months: 24 });
    const app = express();
    // the viewer: a national admin, or a Guangdong one when the test asks for it
    app.use((req, _res, next) => {
      const scope = req.get('x-test-scope') === '440000' ? { level: 'province', province: '440000' } : { level: 'national' };
      Object.assign(req, { viewer: { id: 'tester', name: 'Tester', role: 'admin', scope } });
      next();
    });
    // a tiny cap, tiny slices and ranges: the chunked-upload cap, the sliced statements and the
    // subscriber ranges of a derivation get exercised
    app.use('/api/import', importRoutes({ config: t.config, engine: t.engine, dataset: t.dataset, log, maxBytes: 64 * 1024, sliceRows: 700, deriveSubscribers: 150 }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await t?.close();
  });

  it('a chunked upload (no Content-Length) over the cap: 413, nothing loaded', async () => {
    const before = await count(`SELECT count() AS n FROM ${t.engine.t('subscribers')}`);
    const csv = Buffer.from(subscribersCsv(3000, 50_000_000));
    expect(csv.length).toBeGreaterThan(64 * 1024);
    const body = new ReadableStream({ start(c) { for (let i = 0; i < csv.length; i += 8192) c.enqueue(csv.subarray(i, i + 8192)); c.close(); } });
    const r = await upload(url, 'subscribers', body);
    expect(r.status).toBe(413);
    expect(r.body.limitBytes).toBe(64 * 1024);
    expect(await count(`SELECT count() AS n FROM ${t.engine.t('subscribers')}`)).toBe(before);
    expect(await count(`SELECT count() AS n FROM system.databases WHERE startsWith(name, 'crm_import_')`)).toBe(0);
  });

  it('an administrator with a province scope loads only rows of that province', async () => {
    const csv = 'sub_id,city,brand,activated_on\n61000001,440300,gotone,2024-01-01\n61000002,350100,gotone,2024-01-01\n';
    const r = await upload(url, 'subscribers', csv, { 'x-test-scope': '440000' });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([{ row: 3, column: 'city', message: 'city 350100 is outside your scope (440000)' }]);
    const fj = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')} WHERE province = '350000' AND churned_on IS NULL LIMIT 1`);
    const u = await upload(url, 'usage', `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${fj[0].id},2025-07,1,1,1,1,1\n`, { 'x-test-scope': '440000' });
    expect(u.body.errors![0].message).toMatch(/is in city 35\d{4}, outside your scope \(440000\)/);
    const c = await upload(url, 'contacts', `ts,sub_id,channel,direction,purpose,lifecycle_stage,campaign_id,converted,revenue,cost,handle_sec,resolved_first\n2025-07-15 09:30:00,${fj[0].id},app,inbound,inquiry,usage,,0,0,0.5,40,1\n`, { 'x-test-scope': '440000' });
    expect(c.status).toBe(422);
    expect(c.body.errors![0]).toMatchObject({ row: 2, column: 'sub_id', message: expect.stringMatching(/is in city 35\d{4}, outside your scope \(440000\)/) });
  });

  it('subscriber months after a new month and a back-filled month equal a full re-derive', async () => {
    expect(await differencesFromFullDerive(t.engine)).toBe(0);
    // a month after the data for 400 active subscribers (sliced: 700 rows per statement; derived
    // 150 subscribers per statement)
    const active = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')}
      WHERE churned_on IS NULL AND activated_on < '2025-01-01' ORDER BY sub_id LIMIT 400`);
    const usage = (rows: string[]) => `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${rows.join('\n')}\n`;
    const july = await upload(url, 'usage', usage(active.map((r, i) => `${r.id},2025-07,${(i % 9) * 21.5},${i % 500},${(i * 37) % 5000},${i % 40},${i % 3 ? 50 : 0}`)));
    expect(july.status, JSON.stringify(july.body)).toBe(200);
    expect(july.body).toMatchObject({ rows: 400, subscriberMonthsRebuilt: 400, asOf: '2025-07-31' });
    expect(t.dataset.asOf).toBe('2025-07-31');
    // new subscribers with a gap in their months, then the gap filled in
    const subs = await upload(url, 'subscribers', 'sub_id,city,brand,activated_on,customer_type\n60000001,350100,mzone,2025-01-10,public_individual\n60000002,350100,gotone,2025-01-20,key_org\n');
    expect(subs.status, JSON.stringify(subs.body)).toBe(200);
    const first = await upload(url, 'usage', usage(['60000001,2025-01,10,100,1000,5,10', '60000001,2025-02,90,500,3000,5,0', '60000001,2025-04,200,50,100,5,100', '60000002,2025-02,5,5,5,5,5']));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(await differencesFromFullDerive(t.engine)).toBe(0);
    const backfill = await upload(url, 'usage', usage(['60000001,2025-03,0,0,0,0,0', '60000002,2025-01,7,7,7,7,7']));
    expect(backfill.status, JSON.stringify(backfill.body)).toBe(200);
    expect(backfill.body.subscriberMonthsRebuilt).toBe(4); // 60000001: March, April; 60000002: January, February
    expect(await differencesFromFullDerive(t.engine)).toBe(0);
  });

  it('a reader sent between two swaps of a move sees the move whole (usage and subscriber months together), and the engine goes on', async () => {
    const subs = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')}
      WHERE churned_on IS NULL AND activated_on < '2025-01-01' ORDER BY sub_id DESC LIMIT 40`);
    const csv = `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${subs.map((r) => `${r.id},2025-09,30,100,900,3,30`).join('\n')}\n`;
    const version = t.dataset.version;
    const READ = `SELECT (SELECT count() FROM ${t.engine.t('usage_monthly')} WHERE month = '2025-09-01') AS usage,
      (SELECT count() FROM ${t.engine.t('subscriber_months')} WHERE month = '2025-09-01') AS months`;
    // the reader is sent from the test's own context (not the import's) the moment the second swap is issued
    let fire!: () => void;
    const fired = new Promise<void>((r) => { fire = r; });
    const read = fired.then(() => t.engine.query<{ usage: number; months: number }>(READ));
    let swaps = 0;
    const r = await spyCommands(t.engine, (sql) => { if (/REPLACE PARTITION ID/.test(sql) && ++swaps === 2) fire(); }, () => upload(url, 'usage', csv));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(swaps).toBeGreaterThanOrEqual(2);
    const [seen] = await read;
    expect({ usage: Number(seen.usage), months: Number(seen.months) }).toEqual({ usage: 40, months: 40 });
    expect(t.dataset.version).toBe(version + 1);
    // sections do not linger: a plain read runs at once
    expect(Number((await t.engine.query<{ n: number }>('SELECT 1 AS n'))[0].n)).toBe(1);
  });

  it('a move interrupted half-way is finished by the next start (roll forward), once', async () => {
    const subs = await t.engine.query<{ id: string }>(`SELECT toString(sub_id) AS id FROM ${t.engine.t('subscribers')}
      WHERE churned_on IS NULL AND activated_on < '2025-01-01' ORDER BY sub_id LIMIT 50`);
    const csv = `sub_id,month,revenue,minutes,data_mb,sms,recharge\n${subs.map((r) => `${r.id},2025-08,40,100,900,3,40`).join('\n')}\n`;
    const monthRows = (table: string) => count(`SELECT count() AS n FROM ${t.engine.t(table)} WHERE month = '2025-08-01'`);
    const version = t.dataset.version;
    // the engine "dies" at the second partition swap: usage has moved, subscriber months not yet
    let swaps = 0;
    // (REPLACE PARTITION ID: a move's swap; the survival counts an earlier import refreshes in the background swap tuple())
    const crash = (sql: string) => { if (/REPLACE PARTITION ID/.test(sql) && ++swaps === 2) throw new Error('simulated crash'); };
    const r = await spyCommands(t.engine, crash, () => upload(url, 'usage', csv));
    expect(r.status).toBe(500);
    expect(await monthRows('usage_monthly')).toBe(50);
    expect(await monthRows('subscriber_months')).toBe(0);
    expect(t.dataset.version).toBe(version);
    // a restart: a new service finishes the recorded plan from the staging database
    const restarted = new ImportService(t.engine, t.dataset, log, { maxBytes: 1024, spoolDir: path.join(t.dataDir, 'spool-2') });
    await restarted.ready;
    expect(await monthRows('usage_monthly')).toBe(50);
    expect(await monthRows('subscriber_months')).toBe(50);
    expect(t.dataset.version).toBe(version + 1);
    expect(await count(`SELECT count() AS n FROM system.databases WHERE startsWith(name, 'crm_import_')`)).toBe(0);
    const [job] = await t.engine.query<{ status: string; result: string }>(`SELECT argMax(status, updated_at) AS status, argMax(result, updated_at) AS result
      FROM ${t.engine.t('import_jobs')} GROUP BY id ORDER BY max(updated_at) DESC LIMIT 1`);
    expect(job.status).toBe('loaded');
    expect(JSON.parse(job.result).body).toMatchObject({ recovered: true, rows: 50 });
    // and a second start has nothing left to do
    await new ImportService(t.engine, t.dataset, log, { maxBytes: 1024, spoolDir: path.join(t.dataDir, 'spool-3') }).ready;
    expect(t.dataset.version).toBe(version + 1);
    expect(await monthRows('subscriber_months')).toBe(50);
    expect(await differencesFromFullDerive(t.engine)).toBe(0);
  });
});
