import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting the server reads, validated once at start-up. Nothing else reads `process.env`:
 * the rest of the code receives a `Config` value, which is what tests build by hand.
 */
const boolish = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no', ''])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

// ── OpenID Connect (issue 13) ─────────────────────────────────────────────────────────────────
const optionalText = z.string().trim().min(1).max(500).optional().or(z.literal('').transform(() => undefined));
const oidcEnv = {
  /** The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  OIDC_ISSUER: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  /** Scopes asked for (default `openid email profile`; FranceConnect: `openid email given_name family_name`). */
  OIDC_SCOPES: optionalText,
  /** `acr_values` sent with the request when the provider wants one (FranceConnect: `eidas1`). */
  OIDC_ACR_VALUES: optionalText,
  /** The provider's name on the sign-in button (« Se connecter avec … »). */
  OIDC_PROVIDER_NAME: z.string().trim().min(1).max(60).optional().or(z.literal('').transform(() => undefined)),
};

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  acrValues: string | undefined;
  providerName: string;
}

function oidcConfig(e: { OIDC_ISSUER?: string | undefined; OIDC_CLIENT_ID?: string | undefined; OIDC_CLIENT_SECRET?: string | undefined; OIDC_SCOPES?: string | undefined; OIDC_ACR_VALUES?: string | undefined; OIDC_PROVIDER_NAME?: string | undefined }): OidcConfig | undefined {
  const set = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (set === 0) return undefined;
  if (set !== 3) throw new ConfigError('Configuration invalide : OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET vont ensemble.');
  const scopes = e.OIDC_SCOPES ?? 'openid email profile';
  if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError('Configuration invalide : OIDC_SCOPES doit comprendre « openid ».');
  return {
    issuer: e.OIDC_ISSUER!, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET!, scopes,
    acrValues: e.OIDC_ACR_VALUES, providerName: e.OIDC_PROVIDER_NAME ?? 'un fournisseur d’identité',
  };
}
// ───────────────────────────────────────────────────────────────────────────────────────────────

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
  /** Per hour and address: password-reset requests and new verification links. */
  RATE_LIMIT_MAIL_REQUESTS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public origin (e.g. https://palimpseste.example) used for CSRF checks behind a proxy. */
  PUBLIC_ORIGIN: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  /** Trust X-Forwarded-* from a reverse proxy (needed for per-client rate limits behind one). */
  TRUST_PROXY: boolish.default(false),
  /** Worker threads for CPU-heavy work (dispositifs, diffs, reconciliation, exports); default: cores − 1. */
  COMPUTE_THREADS: z.coerce.number().int().min(1).max(64).optional(),

  /** Who to write to about accessibility, shown on /accessibilite: an e-mail address or a web address. */
  ACCESSIBILITY_CONTACT: z.string().max(200).regex(/^(https?:\/\/\S+|[^\s@]+@[^\s@]+)$/, 'une adresse électronique ou https://…').optional().or(z.literal('').transform(() => undefined)),

  // --- e-mail (issue 13) ---
  /** An SMTP relay (smtp://user:pass@host:587, smtps://…); unset → messages stay in the outbox (/admin/courriels). */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'smtp://… ou smtps://…').optional().or(z.literal('').transform(() => undefined)),
  /** The sender of every message: an address, or « Name <address> ». */
  MAIL_FROM: z.string().min(3).max(200).default('Palimpseste <ne-pas-repondre@palimpseste.localhost>'),
  /** `required`: voting and submitting need a confirmed e-mail address or a verified identity. */
  EMAIL_VERIFICATION: z.enum(['optional', 'required']).default('optional'),
  /** Whether this process sends the outbox (default on; off for web-only processes of a cluster). */
  MAIL_WORKER: boolish.default(true),
  /** Hour (0–23, Europe/Paris) of the daily digest of notifications. */
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** Signs unsubscribe links; unset → a key generated once and kept in the database. */
  APP_SECRET: z.string().min(32).optional().or(z.literal('').transform(() => undefined)),
  /** Tuning (defaults fit production): first retry delay, idle poll, and the claim lease (past the worst batch: 600 s) after which an interrupted send is « uncertain ». */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(86_400_000).optional(),
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(600_000).optional(),
  // opinion groups recomputed after votes (server/opinion-scheduler.ts): off, or its delays (bench:opinions)
  OPINIONS: z.enum(['on', 'off']).default('on'),
  OPINIONS_QUIET_MS: z.coerce.number().int().min(10).max(600_000).optional(),
  OPINIONS_MAX_WAIT_MS: z.coerce.number().int().min(10).max(3_600_000).optional(),
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
  /** Messages per second each sending process allows itself (0: no limit). */
  MAIL_RATE: z.coerce.number().int().min(0).max(100_000).default(100),
  ...oidcEnv,
});

export interface Config {
  port: number;
  /** ACCESSIBILITY_CONTACT: named in the accessibility statement. */
  accessibilityContact?: string | undefined;
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
  /** Opinion groups recomputed after votes (server/opinion-scheduler.ts); false: never (tests that compute them by hand). */
  opinions?: import('./opinion-scheduler').OpinionScheduleOptions | false | undefined;
  /** E-mail (server/mail/): unset in tests that do not send any. */
  mail?: MailConfig;
  /** Sign-in with OpenID Connect; undefined → its routes answer 404 and no button shows. */
  oidc?: OidcConfig | undefined;
}

export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  verification: 'optional' | 'required';
  worker: boolean;
  digestHour: number;
  secret: string | undefined;
  /** First retry after this many ms, doubling each time (tests shorten it). */
  retryBaseMs?: number;
  /** How often an idle worker looks for due messages. */
  pollMs?: number;
  /** A claim older than this was abandoned by a worker that stopped mid-exchange. */
  leaseSeconds?: number;
  /** Messages per second this process sends at most (0: no limit). */
  ratePerSecond?: number;
}

export type RateLimitKnob = 'writesPerAccount' | 'writesPerIp' | 'computePerIp' | 'loginFailuresPerAccount' | 'loginFailuresPerAccountAllIps' | 'loginFailuresPerIp' | 'signUpsPerIp' | 'mailRequestsPerIp';

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
    accessibilityContact: e.ACCESSIBILITY_CONTACT,
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
      writesPerAccount: e.RATE_LIMIT_WRITES_PER_ACCOUNT, writesPerIp: e.RATE_LIMIT_WRITES_PER_IP, computePerIp: e.RATE_LIMIT_COMPUTE_PER_IP, mailRequestsPerIp: e.RATE_LIMIT_MAIL_REQUESTS_PER_IP,
    }).filter(([, v]) => v !== undefined)),
    logLevel: e.LOG_LEVEL,
    publicOrigin: e.PUBLIC_ORIGIN,
    trustProxy: e.TRUST_PROXY,
    computeThreads: e.COMPUTE_THREADS,
    opinions: e.OPINIONS === 'off' ? false : {
      ...(e.OPINIONS_QUIET_MS !== undefined ? { quietMs: e.OPINIONS_QUIET_MS } : {}),
      ...(e.OPINIONS_MAX_WAIT_MS !== undefined ? { maxWaitMs: e.OPINIONS_MAX_WAIT_MS } : {}),
    },
    mail: {
      smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, verification: e.EMAIL_VERIFICATION, worker: e.MAIL_WORKER,
      digestHour: e.MAIL_DIGEST_HOUR, secret: e.APP_SECRET,
      ...(e.MAIL_RETRY_BASE_MS !== undefined ? { retryBaseMs: e.MAIL_RETRY_BASE_MS } : {}),
      ...(e.MAIL_POLL_MS !== undefined ? { pollMs: e.MAIL_POLL_MS } : {}),
      ...(e.MAIL_LEASE_SECONDS !== undefined ? { leaseSeconds: e.MAIL_LEASE_SECONDS } : {}),
      ratePerSecond: e.MAIL_RATE,
    },
    oidc: oidcConfig(e),
  };
}
