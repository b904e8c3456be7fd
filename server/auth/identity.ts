/**
 * Who the viewer is: a JWT from the intranet SSO (Authorization: Bearer, or the session
 * cookie), verified with jose — HS256 shared secret or RS256/ES256 keys from a JWKS file or
 * URL; issuer, audience and expiry checked. Claims: sub, name (name_en optional: the English
 * UI shows it), role, scope (national, or a
 * GB/T 2260 province or city code). The scope comes from these verified claims only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AuthConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/context.ts';
import type { Scope } from '../query/types.ts';
import { provinceOf, regionByCode } from '../../seeds/regions.ts';

export const ROLES = ['national_exec', 'province_exec', 'city_manager', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const SESSION_COOKIE = 'crm_session';

export interface DemoUser { id: string; name: string; nameEn: string; role: Role; scope: string }
export const DEMO_USERS: DemoUser[] = [
  { id: 'demo-national', name: '全国经营总监', nameEn: 'National executive', role: 'national_exec', scope: 'national' },
  { id: 'demo-guangdong', name: '广东省公司总经理', nameEn: 'Guangdong province executive', role: 'province_exec', scope: '440000' },
  { id: 'demo-shenzhen', name: '深圳市分公司经理', nameEn: 'Shenzhen city manager', role: 'city_manager', scope: '440300' },
  { id: 'demo-analyst', name: '经营分析师', nameEn: 'Analyst', role: 'analyst', scope: 'national' },
  { id: 'demo-admin', name: '系统管理员', nameEn: 'Administrator', role: 'admin', scope: 'national' },
];

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

export function scopeOf(code: string): Scope | null {
  if (code === 'national') return { level: 'national' };
  const r = regionByCode(code);
  if (!r) return null;
  return r.level === 'province' ? { level: 'province', province: r.code } : { level: 'city', province: provinceOf(r.code), city: r.code };
}

export class Identity {
  private readonly hsKey: Uint8Array | null;
  private readonly jwks: ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet> | null;
  /** signs demo sessions: the SSO secret when there is one, else a key that lives as long as the process */
  private readonly sessionKey: Uint8Array;

  constructor(private readonly config: AuthConfig) {
    this.hsKey = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
    this.jwks = !config.jwks ? null
      : /^https?:\/\//.test(config.jwks) ? createRemoteJWKSet(new URL(config.jwks))
      : createLocalJWKSet(JSON.parse(fs.readFileSync(config.jwks, 'utf8')));
    this.sessionKey = this.hsKey ?? crypto.randomBytes(32);
  }

  /**
   * Verified tokens, until they expire: a token is immutable, so its signature and claims
   * are checked once, not on every request (a dashboard opens with ~10 at once).
   */
  private readonly verified = new Map<string, { viewer: Viewer; until: number }>();

  async verify(token: string): Promise<Viewer> {
    const hit = this.verified.get(token);
    if (hit && Date.now() < hit.until) return hit.viewer;
    if (hit) this.verified.delete(token);
    const { viewer, exp } = await this.check(token);
    if (this.verified.size >= 2000) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { viewer, until: exp * 1000 });
    return viewer;
  }

  private async check(token: string): Promise<{ viewer: Viewer; exp: number }> {
    let payload: JWTPayload;
    const common = { issuer: this.config.issuer, audience: this.config.audience, clockTolerance: 30, requiredClaims: ['exp', 'sub'] };
    let header: { alg?: string };
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthenticated('Your sign-in token is not a JWT (header.payload.signature, base64url). Sign in again.');
    }
    try {
      if (header.alg === 'HS256') {
        ({ payload } = await jwtVerify(token, this.hsKey ?? this.sessionKey, { ...common, algorithms: ['HS256'] }));
      } else if (this.jwks && (header.alg === 'RS256' || header.alg === 'ES256')) {
        ({ payload } = await jwtVerify(token, this.jwks, { ...common, algorithms: ['RS256', 'ES256'] }));
      } else {
        throw new Error(`algorithm ${header.alg ?? 'none'} is not accepted`);
      }
    } catch (e) {
      throw unauthenticated(`Your sign-in token was not accepted (${(e as Error).message}). Sign in again.`);
    }
    const role = String(payload.role ?? '');
    if (!(ROLES as readonly string[]).includes(role)) throw unauthenticated(`The token's role "${role}" is not one of ${ROLES.join(', ')}.`);
    const scope = scopeOf(String(payload.scope ?? ''));
    if (!scope) throw unauthenticated(`The token's scope "${String(payload.scope)}" is neither "national" nor a GB/T 2260 province or city code.`);
    if (role === 'province_exec' && scope.level === 'national') throw unauthenticated('A province executive token must carry a province scope.');
    const nameEn = typeof payload.name_en === 'string' && payload.name_en.trim() ? payload.name_en : undefined;
    return { viewer: { id: String(payload.sub), name: String(payload.name ?? payload.sub), ...(nameEn ? { nameEn } : {}), role: role as Role, scope }, exp: Number(payload.exp) };
  }

  /** A demo session token (demo mode only). */
  async signSession(u: DemoUser, ttlSeconds = 8 * 3600): Promise<string> {
    return new SignJWT({ name: u.name, name_en: u.nameEn, role: u.role, scope: u.scope })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(u.id).setIssuer(this.config.issuer).setAudience(this.config.audience)
      .setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.sessionKey);
  }
}

export const scopeCode = (s: Scope) => (s.level === 'national' ? 'national' : s.level === 'province' ? s.province : s.city);

/** What each role may do beyond reading the dashboard within its scope. */
export const can = {
  useGraphiQL: (v: Viewer) => v.role === 'analyst' || v.role === 'admin',
  manageSynonyms: (v: Viewer) => v.role === 'admin',
  makeEmbeds: (v: Viewer) => v.role === 'analyst' || v.role === 'admin',
  allScopes: (v: Viewer) => v.role === 'admin' && v.scope.level === 'national',
};
