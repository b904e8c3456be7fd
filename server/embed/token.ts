/**
 * Embed tokens: HS256 JWTs signed with the embed key (never the SSO key), issuer and
 * audience `crm-analytics-embed`, a typ header of their own, short expiry and a jti.
 * Verification accepts HS256 only (so `alg: none` and algorithm swaps fail), checks
 * issuer, audience and expiry with 30 s of clock tolerance, then the claims' shape.
 * Every rejection is UNAUTHENTICATED with a reason a host page author can act on.
 */
import crypto from 'node:crypto';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import { scopeOf } from '../auth/identity.ts';
import type { AuthConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { claimsOf, toPayload, type EmbedClaims, type EmbedSpec } from './claims.ts';

export const EMBED_ISSUER = 'crm-analytics-embed';
export const EMBED_AUDIENCE = 'crm-analytics-embed';
export const EMBED_TYP = 'crm-embed+jwt';
export const CLOCK_TOLERANCE_SECONDS = 30;
export const MIN_TTL_SECONDS = 30;
export const MAX_TTL_SECONDS = 24 * 3600;
/** far beyond any real embed token: refuse before parsing */
const MAX_TOKEN_LENGTH = 8192;

/**
 * EMBED_SECRET when set; otherwise (demo and test mode only: production refuses to start
 * without one, config.ts) a random key that lives as long as the process.
 */
export function embedKey(auth: AuthConfig): Uint8Array {
  return auth.embedSecret ? new TextEncoder().encode(auth.embedSecret) : crypto.randomBytes(32);
}

export type RejectReason = 'missing' | 'malformed' | 'algorithm' | 'signature' | 'expired' | 'claims';

const reject = (reason: RejectReason, message: string) => new AppError('UNAUTHENTICATED', message, { reason });

export class EmbedTokens {
  constructor(private readonly key: Uint8Array) {}

  async sign(spec: EmbedSpec, who: { sub: string; scope: string }, ttlSeconds: number): Promise<{ token: string; expiresAt: Date; jti: string }> {
    const jti = crypto.randomUUID();
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    const token = await new SignJWT({ ...toPayload(spec, who.scope) })
      .setProtectedHeader({ alg: 'HS256', typ: EMBED_TYP })
      .setIssuer(EMBED_ISSUER).setAudience(EMBED_AUDIENCE).setSubject(who.sub)
      .setJti(jti).setIssuedAt().setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000), jti };
  }

  async verify(token: string | undefined | null): Promise<EmbedClaims> {
    if (!token) throw reject('missing', 'No embed token was sent: pass it as ?token= or in the path (/api/embed/<token>/data).');
    if (token.length > MAX_TOKEN_LENGTH || !/^[\w-]*\.[\w-]*\.[\w-]*$/.test(token)) throw reject('malformed', 'The embed token is not a compact JWT.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'], issuer: EMBED_ISSUER, audience: EMBED_AUDIENCE, typ: EMBED_TYP,
        clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      }));
    } catch (e) {
      throw rejection(e);
    }
    const claims = claimsOf(payload);
    if (!claims || !scopeOf(claims.scope)) throw reject('claims', 'The embed token does not describe a chart (its claims are incomplete); mint a new one.');
    return claims;
  }
}

function rejection(e: unknown): AppError {
  if (e instanceof errors.JWTExpired) {
    const exp = Number((e.payload as { exp?: number }).exp);
    return reject('expired', `The embed token expired${Number.isFinite(exp) ? ` at ${new Date(exp * 1000).toISOString()}` : ''}; the host page must fetch a new one.`);
  }
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported) return reject('algorithm', 'The embed token is not signed with HS256; no other algorithm (and never "none") is accepted.');
  if (e instanceof errors.JWSSignatureVerificationFailed) return reject('signature', 'The embed token\'s signature does not match: it was signed with another key or edited after signing.');
  if (e instanceof errors.JWTClaimValidationFailed) return reject('claims', `The embed token's "${e.claim}" claim is not accepted (${e.reason}).`);
  return reject('malformed', 'The embed token could not be read; mint a new one.');
}

/**
 * The language a token asks for, read WITHOUT verifying it: only to word a refusal of that
 * very token (expired, edited) in the reader's language. Nothing else may trust it.
 */
export function langOf(token: string): 'zh' | 'en' {
  try {
    return decodeJwt(token).lang === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}
