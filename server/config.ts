/** The only place that reads process.env. Everything else receives a frozen Config. */
import path from 'node:path';

export interface EngineConfig {
  /** ClickHouse server URL; empty means the embedded chDB engine on dataDir. */
  url: string;
  user: string;
  password: string;
  database: string;
  /** CLICKHOUSE_CLUSTER: migrations emit ON CLUSTER / Replicated* / Distributed DDL. */
  cluster: string;
  dataDir: string;
  /** per-query limits applied on query paths */
  maxExecutionSeconds: number;
  maxMemoryBytes: number;
  maxResultRows: number;
  /** engine queries running at once; more wait in a queue of maxQueuedQueries, the rest get 429 */
  maxConcurrentQueries: number;
  maxQueuedQueries: number;
}

export interface AuthConfig {
  /** HS256 shared secret of the intranet SSO (AUTH_JWT_SECRET) */
  jwtSecret: string;
  /** RS256/ES256 keys: a JWKS file path or URL (AUTH_JWKS) */
  jwks: string;
  issuer: string;
  audience: string;
  /** the demo login page with its demo viewers (default on, except in production) */
  demoUsers: boolean;
  /** signs embed tokens (EMBED_SECRET) */
  embedSecret: string;
  /** server-to-server keys host pages use to mint embed tokens (EMBED_API_KEYS, comma-separated) */
  embedApiKeys: string[];
  /** origins allowed to frame embeds (EMBED_ALLOWED_ORIGINS, space or comma separated) */
  embedOrigins: string[];
  embedTtlSeconds: number;
}

export interface Config {
  port: number;
  host: string;
  production: boolean;
  seedDemo: boolean;
  demoSubscribers: number;
  logLevel: string;
  engine: EngineConfig;
  auth: AuthConfig;
  /** result cache size (entries); 0 turns caching off */
  resultCacheEntries: number;
  /**
   * Server mode: how often the data version is re-read, so that a load through another
   * product process on the same ClickHouse invalidates this one's cached results (0: never).
   */
  dataVersionPollSeconds: number;
  /** largest CSV upload accepted by /api/import */
  importMaxBytes: number;
  /** SIGTERM / SIGINT: how long the statement in flight may take to finish before the process is killed (server/shutdown.ts) */
  shutdownSeconds: number;
  webDist: string;
}

/** Secrets that ship in documentation and code samples (Superset CVE-2023-27524, Redash, Cube): never accepted in production. */
export const KNOWN_DEFAULT_SECRETS = new Set([
  'secret', 'changeme', 'change-me', 'change_me', 'password', 'your-256-bit-secret', 'supersecret', 'jwt-secret', 'thisismysecret',
  '\x02\x01thisismyscretkey\x01\x02\\e\\y\\y\\h', 'CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET', 'TEST_NON_DEV_SECRET',
  'crm-demo-secret-do-not-use-in-production-0000',
]);

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

/** Reads and validates the environment; lists every problem at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min = 0): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) problems.push(`${name} must be an integer ≥ ${min}, got "${raw}"`);
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got "${env[name]}"`);
    return fallback;
  };
  const root = path.resolve(import.meta.dirname, '..');
  const config: Config = {
    port: int('PORT', 3000, 0),
    host: env.HOST || '127.0.0.1',
    production: env.NODE_ENV === 'production',
    seedDemo: bool('SEED_DEMO', true),
    demoSubscribers: int('DEMO_SUBSCRIBERS', 200_000, 100),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    engine: {
      url: env.CLICKHOUSE_URL || '',
      user: env.CLICKHOUSE_USER || 'default',
      password: env.CLICKHOUSE_PASSWORD || '',
      database: env.CLICKHOUSE_DATABASE || 'crm',
      cluster: env.CLICKHOUSE_CLUSTER || '',
      dataDir: path.resolve(env.DATA_DIR || path.join(root, '.data')),
      maxExecutionSeconds: int('QUERY_TIMEOUT_SECONDS', 30, 1),
      maxMemoryBytes: int('QUERY_MAX_MEMORY_BYTES', 4 * 1024 ** 3, 1),
      maxResultRows: int('QUERY_MAX_RESULT_ROWS', 1_000_000, 1),
      maxConcurrentQueries: int('ENGINE_MAX_CONCURRENT_QUERIES', 8, 1),
      maxQueuedQueries: int('ENGINE_MAX_QUEUED_QUERIES', 64, 0),
    },
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET || '',
      jwks: env.AUTH_JWKS || '',
      issuer: env.AUTH_ISSUER || 'crm-analytics',
      audience: env.AUTH_AUDIENCE || 'crm-analytics',
      demoUsers: bool('DEMO_USERS', env.NODE_ENV !== 'production'),
      embedSecret: env.EMBED_SECRET || '',
      embedApiKeys: (env.EMBED_API_KEYS || '').split(',').map((k) => k.trim()).filter(Boolean),
      embedOrigins: (env.EMBED_ALLOWED_ORIGINS || '').split(/[\s,]+/).filter(Boolean),
      embedTtlSeconds: int('EMBED_TTL_SECONDS', 600, 30),
    },
    resultCacheEntries: int('RESULT_CACHE_ENTRIES', 2000, 0),
    dataVersionPollSeconds: int('DATA_VERSION_POLL_SECONDS', 10, 0),
    importMaxBytes: int('IMPORT_MAX_BYTES', 1024 ** 3, 1),
    shutdownSeconds: int('SHUTDOWN_SECONDS', 10, 1),
    webDist: path.join(root, 'dist', 'web'),
  };
  if (config.production) {
    // Production refuses what demo mode tolerates (issue 6; lessons of Superset, Redash, Cube).
    const a = config.auth;
    if (a.demoUsers) problems.push('production mode refuses demo users: set DEMO_USERS=false');
    if (!a.jwtSecret && !a.jwks) problems.push('production mode needs AUTH_JWT_SECRET (HS256) or AUTH_JWKS (RS256/ES256 keys)');
    const weak = (name: string, v: string) => {
      if (!v) return;
      if (Buffer.byteLength(v) < 32) problems.push(`${name} must be at least 32 bytes`);
      if (KNOWN_DEFAULT_SECRETS.has(v)) problems.push(`${name} is a published default; generate one (e.g. openssl rand -hex 32)`);
    };
    weak('AUTH_JWT_SECRET', a.jwtSecret);
    if (!a.embedSecret) problems.push('production mode needs EMBED_SECRET (32+ bytes) to sign embed tokens');
    weak('EMBED_SECRET', a.embedSecret);
    if (a.embedSecret && a.embedSecret === a.jwtSecret) problems.push('EMBED_SECRET must differ from AUTH_JWT_SECRET');
    for (const k of a.embedApiKeys) if (Buffer.byteLength(k) < 24) problems.push('every EMBED_API_KEYS key must be at least 24 bytes');
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(config.engine.database)) problems.push(`CLICKHOUSE_DATABASE must be a plain identifier, got "${config.engine.database}"`);
  if (config.engine.cluster && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(config.engine.cluster)) problems.push(`CLICKHOUSE_CLUSTER must be a plain identifier, got "${config.engine.cluster}"`);
  // an origin lands in a CSP header and is compared with Origin: anything else (a path, a ';') would break or widen both
  for (const o of config.auth.embedOrigins) if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(o)) problems.push(`EMBED_ALLOWED_ORIGINS takes origins (scheme, host, optional port; no path), e.g. https://portal.intranet or http://10.1.2.3:8080; got "${o.slice(0, 80)}"`);
  if (config.engine.url && !/^https?:\/\//.test(config.engine.url)) problems.push(`CLICKHOUSE_URL must start with http:// or https://, got "${config.engine.url}"`);
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(config);
}
