import type { Request, RequestHandler } from 'express';
import type { Db } from '../db/db';
import type { SessionCache } from '../auth/session-cache';
import { hashToken, SESSION_COOKIE } from '../auth/tokens';
import { findUserBySessionHash } from '../sql/sessions';
import { setUserLang, type Role, type UserRow } from '../sql/users';
import { isLang } from '../../shared/i18n';
import { AppError, forbidden, unauthenticated } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in account, or null for a visitor. Set by `authenticate`. */
    user?: UserRow | null;
    /** How the session was presented: CSRF checks apply to cookies only. */
    authVia?: 'bearer' | 'cookie' | null;
    /** The raw session token (to log out). */
    sessionToken?: string | null;
    /** Whether the session cookie gets `Secure`. Set by `cookiePolicy`. */
    secureCookies?: boolean;
  }
}

/** Reads a bearer token or the session cookie; resolves it to an account (or a visitor). */
export function authenticate(db: Db, cache: SessionCache): RequestHandler {
  return async (req, _res, next) => {
    try {
      const header = req.headers.authorization;
      const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
      const token = bearer ?? cookie ?? null;
      req.authVia = bearer ? 'bearer' : cookie ? 'cookie' : null;
      req.sessionToken = token;
      req.user = token ? await lookUp(db, cache, hashToken(token)) : null;
      // the language switch (`?lang=`, server/i18n/middleware.ts) also sets the account's e-mails' language
      const chosen = req.method === 'GET' && isLang(req.query.lang) ? req.query.lang : undefined;
      if (req.user && chosen && req.user.lang !== chosen) {
        await setUserLang(db, req.user.id, chosen);
        req.user.lang = chosen;
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

async function lookUp(db: Db, cache: SessionCache, tokenHash: string): Promise<UserRow | null> {
  const cached = cache.get(tokenHash);
  if (cached) return cached;
  const user = await findUserBySessionHash(db, tokenHash);
  if (user) cache.set(tokenHash, user);
  return user ?? null;
}

/**
 * Session cookies are `Secure` when the public origin is https (whatever the hop from a proxy to
 * us), or when the request itself came over https (directly, or per a trusted proxy's
 * X-Forwarded-Proto: `req.secure` honours `trust proxy`).
 */
export function cookiePolicy(publicOrigin: string | undefined): RequestHandler {
  const httpsOrigin = publicOrigin?.startsWith('https:') ?? false;
  return (req, _res, next) => {
    req.secureCookies = httpsOrigin || req.secure;
    next();
  };
}

/** The signed-in account, or a 401. */
export function requireUser(req: Request): UserRow {
  if (!req.user) throw unauthenticated();
  return req.user;
}

/** The signed-in account holding one of `roles`, or 401 / 403. */
export function requireRole(req: Request, ...roles: Role[]): UserRow {
  const user = requireUser(req);
  if (!roles.some((r) => user.roles.includes(r))) {
    throw forbidden(`Réservé aux rôles : ${roles.join(', ')}.`);
  }
  return user;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UNSUBSCRIBE_PATH = /^\/courriels\/desabonnement\/[^/]+$/;

/**
 * CSRF protection by Origin check: an unsafe request that a browser could make on its own
 * (session cookie, or a form post) must come from our own origin. Bearer requests need none,
 * since another site cannot make a browser attach an Authorization header.
 */
export function csrfProtection(publicOrigin: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || req.authVia === 'bearer') return next();
    // One-click unsubscribe (RFC 8058): the mail client posts from elsewhere; the signed token in
    // the address is the whole authority (no session is read), so a forged post gains nothing.
    if (req.method === 'POST' && UNSUBSCRIBE_PATH.test(req.path)) return next();
    const isForm = req.is('application/x-www-form-urlencoded') || req.is('multipart/form-data') || req.is('text/plain');
    if (req.authVia !== 'cookie' && !isForm) return next();
    const own = publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
    const origin = req.get('origin') ?? refererOrigin(req.get('referer'));
    if (origin === own) return next();
    next(new AppError('forbidden', 'Requête refusée : origine inconnue (protection CSRF).', { origin: origin ?? null }));
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
