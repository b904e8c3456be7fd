/** Starts the real server (tsx server/main.ts) as a child process on a free port. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startServer(env: Record<string, string> = {}) {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-srv-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_SUBSCRIBERS: '5000', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      // READY_WAIT=skip: only wait for the process to listen (an engine that is down keeps readyz at 503)
      const r = await fetch(`${url}/${env.READY_WAIT === 'skip' ? 'healthz' : 'readyz'}`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server not ready in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  /** A signed demo session for one of the demo viewers (demo-admin, demo-guangdong, demo-shenzhen, …). */
  const login = async (user = 'demo-admin'): Promise<string> => {
    const r = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
    if (!r.ok) throw new Error(`login as ${user} failed: ${r.status} ${await r.text()}`);
    return ((await r.json()) as { token: string }).token;
  };
  const adminToken = env.DEMO_USERS === 'false' ? '' : await login('demo-admin');
  /** GraphQL as the demo admin unless other headers (e.g. another viewer's Authorization) are given. */
  const gql = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = adminToken ? { authorization: `Bearer ${adminToken}` } : {}) => {
    const r = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: r.status, body: (await r.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
  };
  return {
    url, port, dataDir, gql, login, adminToken, output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) {
        child.kill(signal);
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}
