/** The server-to-server API keys (EMBED_API_KEYS), compared in constant time. */
import crypto from 'node:crypto';

const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();

export class ApiKeys {
  private readonly digests: Buffer[];
  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get configured(): boolean {
    return this.digests.length > 0;
  }

  /**
   * Equal-length digests make timingSafeEqual applicable whatever was sent, and every key
   * is compared (no early exit), so timing tells neither a key nor which one matched.
   */
  matches(given: string | undefined): boolean {
    if (!given || given.length > 1024) return false;
    const g = digest(given);
    let ok = false;
    for (const d of this.digests) ok = crypto.timingSafeEqual(g, d) || ok;
    return ok;
  }
}
