import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

const problems = (env: Record<string, string>) => {
  try { loadConfig(env); return []; } catch (e) { return (e as ConfigError).problems; }
};
const STRONG = 'a3f1c9e0b7d24f5a8e6c1b2d3e4f5a6b7c8d9e0f';

describe('configuration', () => {
  it('lists every bad value at once', () => {
    const p = problems({ PORT: 'eighty', SEED_DEMO: 'perhaps', CLICKHOUSE_URL: 'ftp://x', CLICKHOUSE_DATABASE: 'crm; DROP' });
    expect(p).toHaveLength(4);
  });
  it('production refuses demo users, a missing secret, short or published secrets', () => {
    expect(problems({ NODE_ENV: 'production', DEMO_USERS: 'true' })).toEqual(expect.arrayContaining([
      expect.stringMatching(/refuses demo users/), expect.stringMatching(/needs AUTH_JWT_SECRET/), expect.stringMatching(/needs EMBED_SECRET/)]));
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: STRONG + 'x', EMBED_SECRET: STRONG }).auth.demoUsers).toBe(false); // off by default
    expect(problems({ NODE_ENV: 'production', DEMO_USERS: 'false', AUTH_JWT_SECRET: 'short', EMBED_SECRET: STRONG }))
      .toEqual([expect.stringMatching(/AUTH_JWT_SECRET must be at least 32 bytes/)]);
    expect(problems({ NODE_ENV: 'production', DEMO_USERS: 'false', AUTH_JWT_SECRET: 'CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET', EMBED_SECRET: STRONG }))
      .toEqual([expect.stringMatching(/published default/)]);
    expect(problems({ NODE_ENV: 'production', DEMO_USERS: 'false', AUTH_JWT_SECRET: STRONG, EMBED_SECRET: STRONG }))
      .toEqual([expect.stringMatching(/must differ/)]);
    expect(problems({ NODE_ENV: 'production', DEMO_USERS: 'false', AUTH_JWKS: '/etc/crm/jwks.json', EMBED_SECRET: STRONG })).toEqual([]);
  });
  it('demo mode needs no secrets', () => {
    expect(loadConfig({}).auth.demoUsers).toBe(true);
  });
});
