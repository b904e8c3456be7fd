/**
 * Result cache keyed by (query, scope, as-of, data version): a new load bumps the version,
 * so stale entries are never read again and age out of the LRU. Concurrent identical
 * requests share one engine query (in-flight de-duplication). Errors are not cached.
 * One cache holds metric results and typed domain answers (keys differ in shape).
 */
export class ResultCache<T = unknown> {
  private readonly done = new Map<string, { value: T; at: number }>();
  private readonly inflight = new Map<string, Promise<T>>();
  hits = 0;
  misses = 0;
  constructor(private readonly maxEntries = 2000, private readonly ttlMs = 15 * 60_000) {}

  async get<V extends T>(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.done.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) {
      this.done.delete(key);
      this.done.set(key, hit); // most recently used last
      this.hits++;
      return hit.value as V;
    }
    const running = this.inflight.get(key);
    if (running) { this.hits++; return running as Promise<V>; }
    this.misses++;
    const p = compute().then((value) => {
      this.done.set(key, { value, at: Date.now() });
      while (this.done.size > this.maxEntries) this.done.delete(this.done.keys().next().value!);
      return value;
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  clear(): void {
    this.done.clear();
  }
}

/** A stable key: object keys sorted, so {a,b} and {b,a} are the same query. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}
