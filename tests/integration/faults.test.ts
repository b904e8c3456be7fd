/** Faults: an unreachable ClickHouse server, a proxy with no server behind it, a slow query. */
import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { Engine } from '../../server/engine/engine.ts';
import { freePort, startServer } from '../helpers/server.ts';

describe('engine unreachable (server mode)', () => {
  let s: Awaited<ReturnType<typeof startServer>> | null = null;
  afterAll(async () => { await s?.stop(); });

  it('stays up: readyz 503 and DATABASE_UNAVAILABLE within 2 s', async () => {
    const dead = await freePort(); // nothing listens there
    s = await startServer({ CLICKHOUSE_URL: `http://127.0.0.1:${dead}`, READY_WAIT: 'skip' });
    const t0 = Date.now();
    const ready = await fetch(`${s.url}/readyz`);
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(ready.status).toBe(503);
    expect((await ready.json()).code).toBe('DATABASE_UNAVAILABLE');
    const t1 = Date.now();
    const r = await s.gql('{ metrics(query: { metrics: ["arpu"] }) { rows } }');
    expect(Date.now() - t1).toBeLessThan(2500);
    expect(r.status).toBe(503);
    expect(r.body.errors?.[0].extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200); // the process is alive
  });
});

describe('a proxy or load balancer in front of ClickHouse with no server behind it', () => {
  // what nginx and HAProxy answer when every upstream is down: an HTML page, not a ClickHouse error
  const pages: [number, string][] = [
    [502, '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'],
    [503, '<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n'],
    [504, '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body></body></html>'],
  ];
  for (const [status, page] of pages) {
    it(`HTTP ${status} from the proxy is DATABASE_UNAVAILABLE, not an internal error`, async () => {
      const proxy = http.createServer((_req, res) => { res.writeHead(status, { 'content-type': 'text/html' }); res.end(page); });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      const engine = await Engine.open(loadConfig({ CLICKHOUSE_URL: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`, NODE_ENV: 'test' }).engine);
      try {
        await expect(engine.query('SELECT 1')).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
        await expect(engine.command('SELECT 1')).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
        expect(await engine.ping(1000)).toBe(false);
      } finally {
        await engine.close();
        proxy.close();
      }
    });
  }
});

describe('slow query', () => {
  it('stops at max_execution_time with QUERY_TIMEOUT and is gone from the engine afterwards', async () => {
    const dir = (await import('node:fs')).mkdtempSync((await import('node:path')).join((await import('node:os')).tmpdir(), 'crm-slow-'));
    const engine = await Engine.open({ ...loadConfig({ DATA_DIR: dir, QUERY_TIMEOUT_SECONDS: '1' }).engine });
    const queryId = `slow-${Date.now()}`;
    const t0 = Date.now();
    const err = await engine.query('SELECT sum(cityHash64(number)) FROM numbers(100000000000)', {}, { queryId }).then(() => null, (e) => e);
    expect(err?.code).toBe('QUERY_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(5000);
    const running = await engine.query<{ n: number }>('SELECT count() AS n FROM system.processes WHERE query_id = {id:String}', { id: queryId });
    expect(Number(running[0].n)).toBe(0);
    await engine.close();
  });
});
