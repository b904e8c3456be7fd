import { describe, expect, it } from 'vitest';
import { Limiter } from '../../server/engine/limiter.ts';

describe('engine query limiter', () => {
  it('runs up to the cap, queues the next ones, refuses beyond the queue with TOO_MANY_REQUESTS', async () => {
    const l = new Limiter(2, 1);
    let active = 0, peak = 0;
    const releases: (() => void)[] = [];
    const task = () => l.run(() => new Promise<void>((resolve) => { active++; peak = Math.max(peak, active); releases.push(() => { active--; resolve(); }); }));
    const a = task(), b = task(), c = task();
    const d = task().then(() => 'ran', (e) => e.code);
    expect(await d).toBe('TOO_MANY_REQUESTS');
    await new Promise((r) => setTimeout(r, 5));
    expect(releases).toHaveLength(2); // c waits
    releases.shift()!();
    await new Promise((r) => setTimeout(r, 5));
    expect(releases).toHaveLength(2); // c got the slot
    while (releases.length) releases.shift()!();
    await Promise.all([a, b, c]);
    expect(peak).toBe(2);
  });
});
