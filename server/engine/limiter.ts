/**
 * A cap on concurrent engine queries: up to `concurrent` run, up to `queue` wait, the rest
 * are refused at once with TOO_MANY_REQUESTS (HTTP 429 + Retry-After) instead of piling up.
 */
import { AppError } from '../errors.ts';

export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly concurrent: number, private readonly queue: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queue) {
        throw new AppError('TOO_MANY_REQUESTS', 'The analytics engine is busy; retry in a moment.', { retryAfterSeconds: 1 });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // hand the slot over
      else this.running--;
    }
  }
}
