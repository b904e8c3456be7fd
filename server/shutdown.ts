/**
 * Stopping the process on SIGTERM / SIGINT: stop taking requests, write the audit log, let
 * the engine statement in flight finish, close the engine, exit 0.
 *
 * The statement in flight is why this needs a deadline of its own. Embedded chDB cannot
 * interrupt a running statement, and a process cannot leave while one runs: `process.exit`
 * blocks in the engine's teardown until the statement ends, and while it blocks no timer
 * can fire. An import statement (no `max_execution_time`) or a statement waiting on a lock
 * could hold a stop for minutes. So the engine stops sending statements at once, and if one
 * is still running after `deadlineMs`, the process kills itself (SIGKILL, as `kill -9`
 * would). That loses nothing acknowledged: saves are on disk before their answer
 * (tests/integration/durability.test.ts kills -9), and an import is all or nothing (a move
 * cut short is rolled forward on the next start).
 */
import type { Logger } from 'pino';
import type { Engine } from './engine/engine.ts';

export interface Stopping {
  log: Logger;
  engine: Pick<Engine, 'drain' | 'close' | 'running'>;
  deadlineMs: number;
  /** stops accepting connections (http.Server.close) */
  closeHttp?: () => void;
  /** last writes before the engine closes (the audit log) */
  flush?: () => Promise<unknown>;
}

export async function shutdown({ log, engine, deadlineMs, closeHttp, flush }: Stopping): Promise<never> {
  const deadline = Date.now() + deadlineMs;
  const left = () => Math.max(0, deadline - Date.now());
  closeHttp?.();
  if (flush) {
    // the flush is itself a statement: it waits behind the one in flight, so it has the deadline too
    await Promise.race([flush().catch(() => {}), new Promise((r) => setTimeout(r, left()))]);
  }
  if (!(await engine.drain(left()))) {
    log.warn({ deadlineMs, running: engine.running() }, 'an engine statement was still running at the shutdown deadline; killing the process (nothing acknowledged is lost)');
    log.flush?.();
    process.kill(process.pid, 'SIGKILL');
  }
  await engine.close().catch(() => {});
  process.exit(0);
}
