/** Verified tokens are remembered until they expire, never longer; a forged one is never remembered. */
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Identity } from '../../server/auth/identity.ts';
import type { AuthConfig } from '../../server/config.ts';

const secret = 'k'.repeat(48);
const config = { jwtSecret: secret, jwks: '', issuer: 'crm-sso', audience: 'crm-analytics', demoUsers: false } as AuthConfig;
const sign = (exp: number, key = secret) => new SignJWT({ role: 'province_exec', scope: '440000', name: '广东' })
  .setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('crm-sso').setAudience('crm-analytics')
  .setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(key));

afterEach(() => { vi.useRealTimers(); });

describe('Identity.verify with its cache of verified tokens', () => {
  it('accepts a token again while it is valid, and refuses it once expired (beyond the 30 s skew)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T08:00:00Z'));
    const now = Math.floor(Date.now() / 1000);
    const id = new Identity(config);
    const token = await sign(now + 60);
    expect((await id.verify(token)).scope).toEqual({ level: 'province', province: '440000' });
    expect((await id.verify(token)).role).toBe('province_exec'); // from the cache
    vi.setSystemTime(new Date(Date.now() + 95_000)); // 35 s past exp: outside the skew
    await expect(id.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('never lets a token with a bad signature through, before or after a good one was cached', async () => {
    const id = new Identity(config);
    const now = Math.floor(Date.now() / 1000);
    const good = await sign(now + 600);
    const forged = await sign(now + 600, 'x'.repeat(48));
    await expect(id.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await id.verify(good);
    await expect(id.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // a token differing from the cached one in its last signature character is a different key
    const tampered = good.slice(0, -2) + (good.at(-2) === 'A' ? 'B' : 'A') + good.at(-1);
    await expect(id.verify(tampered)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
