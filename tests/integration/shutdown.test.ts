/**
 * Stopping while an engine statement runs (server/shutdown.ts), on the real embedded engine in
 * a child process: a statement that ends before the deadline is waited for (exit 0); one that
 * would not is not — the process is gone by the deadline (SIGKILL) instead of when the
 * statement ends. Either way no new statement is sent once the stop has begun.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

async function stopDuring(statementSeconds: number, deadlineMs: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-stop-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/shutdown/child.ts', String(statementSeconds), String(deadlineMs)], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  let stoppingAt = 0;
  child.stdout!.on('data', (d) => { if (!stoppingAt && String(d).includes('STOPPING')) stoppingAt = Date.now(); });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('exit', (c, s) => r([c, s])));
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { code, signal, output, afterStop: Date.now() - stoppingAt };
}

describe('stopping while an engine statement runs', () => {
  it('waits for a statement that ends before the deadline, then exits 0', async () => {
    const r = await stopDuring(2, 15_000);
    expect(r.output).toContain('REFUSED DATABASE_UNAVAILABLE');
    expect(r.output).toContain('DONE');
    expect(r.output).not.toContain('deadline');
    expect([r.code, r.signal]).toEqual([0, null]);
  }, 60_000);

  it('does not wait past the deadline for a statement that runs on: the process is killed', async () => {
    const r = await stopDuring(120, 1500);
    expect(r.output).toContain('REFUSED DATABASE_UNAVAILABLE');
    expect(r.output).toContain('still running at the shutdown deadline');
    expect(r.output).toContain('SELECT sleepEachRow(1)'); // the log names the statement
    expect(r.output).not.toContain('DONE');
    expect(r.signal).toBe('SIGKILL');
    // gone about when the deadline passed, not when the 120 s statement would have ended
    expect(r.afterStop).toBeLessThan(30_000);
  }, 90_000);
});
