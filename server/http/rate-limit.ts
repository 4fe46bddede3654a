import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { errorBody } from './errors';

/**
 * Per-client limits for the routes that attract credential stuffing and sign-up spam.
 * Memory store: one process today; a shared store (Redis) when there are several.
 */
export function makeLimiter(enabled: boolean, windowMs: number, limit: number): RequestHandler {
  if (!enabled) return (_req, _res, next) => next();
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json(errorBody('rate_limited', 'Trop de tentatives. Réessayez dans quelques minutes.'));
    },
  });
}

export interface AuthLimiters {
  login: RequestHandler;
  register: RequestHandler;
}

export function authLimiters(enabled: boolean): AuthLimiters {
  return {
    // 10 failed-or-not logins a minute per address, 20 sign-ups an hour.
    login: makeLimiter(enabled, 60_000, 10),
    register: makeLimiter(enabled, 3_600_000, 20),
  };
}
