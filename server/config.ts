import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting the server reads, validated once at start-up. Nothing else reads `process.env`:
 * the rest of the code receives a `Config` value, which is what tests build by hand.
 */
const boolish = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no', ''])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const envSchema = z.object({
  /** TCP port of the HTTP + WebSocket server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** A PostgreSQL URL; when unset, an embedded PostgreSQL (PGlite) lives in DATA_DIR. */
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  /** A PostgreSQL replica for reads that tolerate a second of lag (history, open data, feeds, pages); unset → DATABASE_URL. */
  DATABASE_READ_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  /** Redis (e.g. redis://127.0.0.1:6379): several processes share live documents, rate limits, caches and revocations. */
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'URL redis:// ou rediss://').optional().or(z.literal('').transform(() => undefined)),
  /** Prefix of Redis keys and channels (several deployments on one Redis). */
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/).default('palimpseste:'),
  /** Connections to PostgreSQL (DATABASE_URL); about 4 per core is best (benchmarked). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Folder of the embedded database (ignored when DATABASE_URL is set). */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Both set → an admin account with these credentials exists after start-up. */
  ADMIN_EMAIL: z.string().email().optional().or(z.literal('').transform(() => undefined)),
  ADMIN_PASSWORD: z.string().min(10).optional().or(z.literal('').transform(() => undefined)),
  /** Seed the demo bill and accounts on an empty embedded database (default on). */
  DEMO: boolish.default(true),
  /** `off` only for load tests on a closed network. */
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** Budgets per minute (defaults in server/http/rate-limit.ts): writes per account, per address, compute per address. */
  RATE_LIMIT_WRITES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).optional(),
  RATE_LIMIT_WRITES_PER_IP: z.coerce.number().int().min(1).max(1_000_000).optional(),
  RATE_LIMIT_COMPUTE_PER_IP: z.coerce.number().int().min(1).max(1_000_000).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public origin (e.g. https://palimpseste.example) used for CSRF checks behind a proxy. */
  PUBLIC_ORIGIN: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  /** Trust X-Forwarded-* from a reverse proxy (needed for per-client rate limits behind one). */
  TRUST_PROXY: boolish.default(false),
  /** Worker threads for CPU-heavy work (dispositifs, diffs, reconciliation, exports); default: cores − 1. */
  COMPUTE_THREADS: z.coerce.number().int().min(1).max(64).optional(),
});

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  /** A read replica (DATABASE_READ_URL); undefined → the main database. */
  databaseReadUrl?: string | undefined;
  /** Cluster mode (REDIS_URL); undefined → one process holds everything in memory. */
  redisUrl?: string | undefined;
  redisPrefix?: string;
  databasePoolSize: number;
  dataDir: string;
  admin: { email: string; password: string } | undefined;
  demo: boolean;
  rateLimits: boolean;
  /** Budgets that differ from server/http/rate-limit.ts's defaults (tests set small ones). */
  rateLimitBudget?: Partial<Record<RateLimitKnob, number>>;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicOrigin: string | undefined;
  trustProxy: boolean;
  /** Worker threads of the compute pool; undefined → one less than the cores (at least one). */
  computeThreads?: number | undefined;
}

export type RateLimitKnob = 'writesPerAccount' | 'writesPerIp' | 'computePerIp' | 'loginFailuresPerAccount' | 'loginFailuresPerAccountAllIps' | 'loginFailuresPerIp' | 'signUpsPerIp';

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError('Configuration invalide : REDIS_URL (plusieurs processus) demande DATABASE_URL (la base embarquée n’a qu’un processus).');
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError('Configuration invalide : DATABASE_READ_URL demande DATABASE_URL.');
  }
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new ConfigError('Configuration invalide : ADMIN_EMAIL et ADMIN_PASSWORD vont ensemble.');
  }
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.DATA_DIR),
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    demo: e.DEMO,
    rateLimits: e.RATE_LIMITS === 'on',
    rateLimitBudget: Object.fromEntries(Object.entries({
      writesPerAccount: e.RATE_LIMIT_WRITES_PER_ACCOUNT, writesPerIp: e.RATE_LIMIT_WRITES_PER_IP, computePerIp: e.RATE_LIMIT_COMPUTE_PER_IP,
    }).filter(([, v]) => v !== undefined)),
    logLevel: e.LOG_LEVEL,
    publicOrigin: e.PUBLIC_ORIGIN,
    trustProxy: e.TRUST_PROXY,
    computeThreads: e.COMPUTE_THREADS,
  };
}
