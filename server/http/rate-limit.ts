import express, { type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import type { RateLimitKnob } from '../config';
import { errorBody } from './errors';

/**
 * Every rate limit of the server, in one place (README › Configuration). Budgets are generous for
 * people and short for scripts: a citizen voting as fast as they can click on 200 amendments makes
 * well under 100 writes a minute; a script makes thousands. Memory store with one process; with
 * several (REDIS_URL), one shared store in Redis (server/cluster/rate-store.ts).
 */
export const RATE_LIMIT_DEFAULTS: Readonly<Record<RateLimitKnob, number>> = {
  /** Writes (any method but GET, HEAD, OPTIONS: API and form posts) per signed-in account per minute. */
  writesPerAccount: 300,
  /** Writes per client address per minute, all accounts and visitors behind it together (a classroom, an office). */
  writesPerIp: 1_200,
  /** The public compute endpoints (`/api/legistique/*`) per client address per minute. */
  computePerIp: 60,
  /**
   * Failed logins (and failed password confirmations) per account and client address, by the
   * e-mail tried, per 15 minutes: a guesser is stopped, the real person elsewhere is not locked out.
   */
  loginFailuresPerAccount: 10,
  /** Failed logins per account from all addresses together per 15 minutes (stuffing from many addresses). */
  loginFailuresPerAccountAllIps: 100,
  /** Failed logins per client address per 15 minutes, whatever the accounts tried. */
  loginFailuresPerIp: 50,
  /** Sign-ups per client address per hour. */
  signUpsPerIp: 20,
  /** Requests that send an e-mail (password reset, verification link again) per client address per hour. */
  mailRequestsPerIp: 20,
};

export type RateLimitBudget = Partial<Record<RateLimitKnob, number>>;
/** The store of each limiter, by its identifier; none: each process counts in its memory. */
export type LimitStores = ((identifier: string) => Store) | null;
const withDefaults = (budget: RateLimitBudget) => ({ ...RATE_LIMIT_DEFAULTS, ...budget });

const MINUTE = 60_000;
const LOGIN_WINDOW_MS = 15 * MINUTE;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Public endpoints whose cost grows with their input: their own, tighter, budget per address. */
const COMPUTE_PATHS = new Set(['/api/legistique/dispositif', '/api/legistique/apply']);
/** As Express routes them: case-insensitive, with or without a trailing slash. */
const isComputePath = (path: string) => COMPUTE_PATHS.has(path.toLowerCase().replace(/\/+$/, ''));

const pass: RequestHandler = (_req, _res, next) => next();
const ipKey = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`;

function limiter(stores: LimitStores, windowMs: number, limit: number, message: string, extra: Partial<Options> & { identifier: string }): RateLimitRequestHandler {
  return rateLimit({
    // a shared store that is away lets requests through rather than refuse everyone
    ...(stores ? { store: stores(extra.identifier), passOnStoreError: true } : {}),
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: ipKey,
    handler: (_req, res) => {
      res.status(429).json(errorBody('rate_limited', message));
    },
    ...extra,
  });
}

/**
 * One app-level middleware for every write: a budget per account and one per address; the
 * compute endpoints get a third, tighter one per address. Reads are never limited here.
 */
export function writeLimits(enabled: boolean, overrides: RateLimitBudget = {}, stores: LimitStores = null): RequestHandler {
  if (!enabled) return pass;
  const budget = withDefaults(overrides);
  const tooMany = 'Trop de requêtes en peu de temps. Réessayez dans une minute.';
  const perIp = limiter(stores, MINUTE, budget.writesPerIp, tooMany, { identifier: 'writes-ip' });
  const perAccount = limiter(stores, MINUTE, budget.writesPerAccount, tooMany, {
    identifier: 'writes-account', skip: (req) => !req.user, keyGenerator: (req) => `user:${req.user!.id}`,
  });
  const compute = limiter(stores, MINUTE, budget.computePerIp, 'Trop de calculs demandés en peu de temps. Réessayez dans une minute.', { identifier: 'compute-ip' });
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    void perIp(req, res, (err?: unknown) => {
      if (err) return next(err);
      void perAccount(req, res, (err2?: unknown) => {
        if (err2 || !isComputePath(req.path)) return next(err2);
        void compute(req, res, next);
      });
    });
  };
}

export interface AuthLimiters {
  /** Login and password confirmations: counts failures only, per account and per address. */
  login: RequestHandler;
  register: RequestHandler;
  /** What sends an e-mail to an address typed in (reset, new verification link): per address. */
  mailRequest: RequestHandler;
}

/** The account a login (or a password confirmation) is for: the e-mail tried, or the signed-in one. */
function accountTried(req: Request): string | undefined {
  const email = req.user?.email ?? (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() ? `account:${email.trim().toLowerCase().slice(0, 254)}` : undefined;
}

/**
 * A refused form that went back to its page by a 303 (post → redirect → get, pages/flash.ts sets
 * `res.locals.formRefused`) failed as surely as a 401: it must count, and must not wipe the failures.
 */
const succeeded = (_req: Request, res: Response): boolean => res.statusCode < 400 && res.locals.formRefused !== true;

/**
 * Failed logins only: a success takes its own attempt back (per address) and wipes the account's
 * failures, so that the real person is never locked out by their own logins. Ten failures on one
 * account from one address lock that account from that address; a hundred from all addresses
 * together lock it everywhere (so that nobody locks someone else out with ten guesses).
 */
function loginLimiter(budget: Record<RateLimitKnob, number>, stores: LimitStores): RequestHandler {
  const message = 'Trop de tentatives de connexion échouées. Réessayez dans quelques minutes.';
  const counted = { skipSuccessfulRequests: true, requestWasSuccessful: succeeded };
  const perIp = limiter(stores, LOGIN_WINDOW_MS, budget.loginFailuresPerIp, message, { identifier: 'login-failures-ip', ...counted });
  const perAccountIp = limiter(stores, LOGIN_WINDOW_MS, budget.loginFailuresPerAccount, message, {
    identifier: 'login-failures-account-ip', ...counted,
    skip: (req) => accountTried(req) === undefined, keyGenerator: (req) => `${accountTried(req)!}|${ipKey(req)}`,
  });
  const perAccount = limiter(stores, LOGIN_WINDOW_MS, budget.loginFailuresPerAccountAllIps, message, {
    identifier: 'login-failures-account', ...counted,
    skip: (req) => accountTried(req) === undefined, keyGenerator: (req) => accountTried(req)!,
  });
  // The account is read from the body: parse it here (the parsers that follow see it is done).
  const parsers = [express.json({ limit: '1mb' }), express.urlencoded({ extended: false, limit: '100kb' })];
  return (req, res, next) => {
    const chain: RequestHandler[] = [...parsers, perIp, perAccountIp, perAccount, (rq, rs, nx) => {
      const key = accountTried(rq);
      if (key) {
        rs.on('finish', () => {
          if (!succeeded(rq, rs)) return;
          perAccount.resetKey(key);
          perAccountIp.resetKey(`${key}|${ipKey(rq)}`);
        });
      }
      nx();
    }];
    const step = (i: number) => (err?: unknown): void => {
      if (err || i === chain.length) return next(err);
      void chain[i]!(req, res, step(i + 1));
    };
    step(0)();
  };
}

export function authLimiters(enabled: boolean, overrides: RateLimitBudget = {}, stores: LimitStores = null): AuthLimiters {
  if (!enabled) return { login: pass, register: pass, mailRequest: pass };
  const budget = withDefaults(overrides);
  return {
    login: loginLimiter(budget, stores),
    register: limiter(stores, 60 * MINUTE, budget.signUpsPerIp, 'Trop d’inscriptions depuis cette adresse. Réessayez plus tard.', { identifier: 'sign-ups-ip' }),
    mailRequest: limiter(stores, 60 * MINUTE, budget.mailRequestsPerIp, 'Trop de demandes de courriel depuis cette adresse. Réessayez plus tard.', { identifier: 'mail-requests-ip' }),
  };
}
