/**
 * vitest globalSetup: every temporary directory a test makes (data stores of the servers and
 * engines it starts, browser profiles, CSV files) goes under one root made for the run, and the
 * root is removed when the run ends, whatever each test removed or left (a store a test reopens
 * after its server stopped is not removed by the test itself). Test files run in forked
 * processes that inherit TMPDIR, which os.tmpdir() reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  // removed without blocking: a synchronous removal of the run's stores held vitest's main thread
  // for seconds while it was still closing its workers ("Timeout terminating forks worker")
  return async () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    await fs.promises.rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
}
