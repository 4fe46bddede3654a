import { billVisibility } from './http/bill-visibility';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { SessionCache } from './auth/session-cache';
import type { DocRegistry } from './collab/registry';
import type { Config } from './config';
import type { Db } from './db/db';
import type { MailService } from './mail/service';
import { setVerificationMode } from './auth/verification';
import { authenticate, cookiePolicy, csrfProtection } from './http/auth';
import { apiNotFound, errorHandler } from './http/errors';
import { publicReads } from './http/public-reads';
import { buildOpenApi } from './http/openapi';
import { authLimiters, writeLimits } from './http/rate-limit';
import { createApi } from './http/route';
import { errorPage } from './pages/bill-pages';
import { allPages } from './pages';
import { t } from './i18n';
import { tError } from './i18n/message';
import { inRequestLang, requestLanguage } from './i18n/middleware';
import { identityPages } from './pages/identity-pages';
import { BUNDLE_DIR, STATIC_DIR } from './paths';
import { registerApiRoutes } from './routes';
import { createAmendmentListCache } from './present/amendment-list';
import type { Cluster } from './cluster/cluster';
import type { sharedLimitStores as SharedLimitStores } from './cluster/rate-store';
import { relayedBeforeReply } from './cluster/reply';

/** An address with its single-use token replaced, for the logs. */
export const redactLinkTokens = (url: string): string => url.replace(/([?&]jeton=)[^&#]*/g, '$1…').replace(/(\/courriels\/desabonnement\/)[^/?#]+/, '$1…');

export interface AppDeps {
  db: Db;
  logger: Logger;
  /** Live documents of this process (shared with the collaboration WebSocket server). */
  live: DocRegistry;
  /** E-mail: links, the outbox worker, EMAIL_VERIFICATION. */
  mail: MailService;
  /** A read replica (DATABASE_READ_URL) for reads that tolerate lag; default: `db`. */
  reads?: Db;
  /** The other processes (REDIS_URL); null: this process alone. */
  cluster?: Cluster | null;
}

/** Builds the HTTP app: no side effects beyond the objects it returns (nothing listens yet). */
export function createApp(config: Config, deps: AppDeps): Express {
  const { db, logger, live, mail } = deps;
  setVerificationMode(mail.verification);
  const cluster = deps.cluster ?? null;
  const app = express();
  app.disable('x-powered-by');
  // One reverse proxy: the client's address is the one it saw (the last X-Forwarded-For entry), not
  // the first, which any client writes as it likes (and would get a fresh rate-limit budget with).
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.use(
    helmet({
      // Same-origin referrers: with helmet's default `no-referrer`, Chromium sends `Origin: null`
      // on form posts, which the CSRF origin check must refuse.
      referrerPolicy: { policy: 'same-origin' },
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          // « Relier mon compte » posts a form that the server redirects to the identity provider,
          // and browsers check form-action along the redirects too
          formAction: ["'self'", ...(config.oidc ? [new URL(config.oidc.issuer).origin] : [])],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  // Request logs only when info is on: at warn the per-request child logger is pure cost (~5 % CPU).
  if (logger.isLevelEnabled('info')) {
    app.use(pinoHttp({
      logger, autoLogging: { ignore: (req) => req.url === '/healthz' },
      // single-use links (e-mail confirmation, password reset, unsubscribe) never reach the logs
      serializers: { req: (r: { method: string; url: string; id: unknown }) => ({ id: r.id, method: r.method, url: redactLinkTokens(r.url) }) },
    }));
  }

  // Redis away is not a failure of this process (it serves its own clients): told, not 503.
  app.get('/healthz', async (_req, res) => {
    const redis = cluster ? { redis: cluster.bus.up ? 'up' : 'down' } : {};
    try {
      await db.query('SELECT 1');
      res.json({ ok: true, ...redis });
    } catch {
      res.status(503).json({ ok: false, ...redis });
    }
  });
  // text responses compressed (brotli or gzip, as the client accepts); the live documents' WebSocket is not HTTP
  app.use(compression({ threshold: 1024 }));
  app.use('/static', express.static(STATIC_DIR, { maxAge: '1h' }), express.static(BUNDLE_DIR, { maxAge: '1h' }));

  app.use(cookieParser());
  const sessions = new SessionCache();
  cluster?.attach(live, sessions);
  const lists = createAmendmentListCache();
  // rate-limit-redis is loaded in cluster mode only
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const limitStores = cluster ? (require('./cluster/rate-store') as { sharedLimitStores: typeof SharedLimitStores }).sharedLimitStores(cluster.bus) : null;
  if (cluster) app.use(relayedBeforeReply(cluster.bus));
  app.use(authenticate(db, sessions));
  app.use(writeLimits(config.rateLimits, config.rateLimitBudget, limitStores));
  app.use(csrfProtection(config.publicOrigin));
  app.use(cookiePolicy(config.publicOrigin));
  app.use(publicReads);
  // the interface language (French unless asked): after publicReads, whose Vary it extends
  app.use(requestLanguage());
  app.use(billVisibility(db));

  const limiters = authLimiters(config.rateLimits, config.rateLimitBudget, limitStores);
  const api = createApi();
  registerApiRoutes(api, db, limiters, live, sessions, lists, mail, deps.reads ?? db);
  app.use(api.router);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(buildOpenApi(api, { '/healthz': { get: { summary: 'État du serveur', responses: { 200: { description: '{"ok": true} (with `"redis": "up"|"down"` when REDIS_URL is set)' } } } } }));
  });
  app.use('/api', apiNotFound);

  app.use(identityPages({ db, oidc: config.oidc, publicOrigin: config.publicOrigin, limiters, sessions }));
  app.use(allPages(db, limiters, live, sessions, lists, mail, deps.reads ?? db, { accessibilityContact: config.accessibilityContact }));
  app.use(errorHandler(logger, (req, status, _message, err) => inRequestLang(req, () => errorPage({ user: req.user ?? null }, status === 404 ? t('Page introuvable') : t('Action impossible'), tError(err)))));
  return app;
}
