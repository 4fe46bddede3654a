import type { Request, RequestHandler } from 'express';
import { DEFAULT_LANG, isLang, type Lang } from '../../shared/i18n';
import { runInLang } from '.';

export const LANG_COOKIE = 'lang';
const YEAR_MS = 365 * 24 * 3600 * 1000;

declare module 'express-serve-static-core' {
  interface Request {
    /** The interface language of this request (server/i18n/middleware.ts). */
    lang?: Lang;
  }
}

/**
 * French unless the visitor asks otherwise. A browser that names French anywhere in
 * Accept-Language gets French; one that names English and no French gets English; any other
 * gets French (the platform's language). A choice made with the switch wins, remembered a year.
 */
export function negotiate(acceptLanguage: string | undefined): Lang {
  const tags = (acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase().slice(0, 2));
  if (tags.includes('fr')) return 'fr';
  return tags.includes('en') ? 'en' : DEFAULT_LANG;
}

/**
 * `?lang=en|fr` (the switch in every page's header, a plain link) sets the `lang` cookie for a
 * year; else the cookie; else Accept-Language as `negotiate` reads it. The language is held for
 * the rest of the request (server/i18n/index.ts) and on `req.lang`.
 */
export function requestLanguage(): RequestHandler {
  return (req, res, next) => {
    const asked = req.method === 'GET' && isLang(req.query.lang) ? req.query.lang : undefined;
    if (asked) res.cookie(LANG_COOKIE, asked, { maxAge: YEAR_MS, sameSite: 'lax', httpOnly: true, secure: req.secureCookies ?? req.secure, path: '/' });
    const cookie: unknown = (req.cookies as Record<string, unknown> | undefined)?.[LANG_COOKIE];
    const lang = asked ?? (isLang(cookie) ? cookie : negotiate(req.get('accept-language')));
    if (!req.path.startsWith('/api/')) res.vary('Accept-Language');
    req.lang = lang;
    runInLang({ lang, url: req.originalUrl }, next);
  };
}

/**
 * Back in the request's language where its context was lost: after a body parser (its stream
 * events run outside the request's context) and in the error handler.
 */
export function inRequestLang<T>(req: Request, fn: () => T): T {
  return runInLang({ lang: req.lang ?? DEFAULT_LANG, url: req.originalUrl }, fn);
}
