import express, { type Request, type RequestHandler, type Response } from 'express';
import { AppError } from '../http/errors';
import { unstorableTextPaths } from '../http/text-check';
import { errorPage, notFoundPage } from './bill-pages';
import type { OidcPageContext, PageContext } from './layout';
import { takeFormState, type SealedFormState } from './flash';
import { t } from '../i18n';
import { tError } from '../i18n/message';
import { inRequestLang } from '../i18n/middleware';
import { fill, msg } from '../../shared/i18n';

/** Only local paths are followed after a form, never another site (open-redirect guard). */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?!\/)[\w\-/.?=&%#]*$/.test(value) ? value : fallback;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set for signed-in page views by `countNotifications` (server/pages/index.ts). */
    unreadNotifications?: number;
    /** Set on every page request when sign-in with an identity provider is configured (identity-pages.ts). */
    oidcPages?: OidcPageContext;
  }
}

/** A page's integer (a query or form field): up to 9 digits (within int32), else `fallback`. */
export const pageInt = (v: unknown, fallback: number): number => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : fallback);

/** A named form's refusal sent back in the address (`formulaire`), opened once per request. */
const namedStates = new WeakMap<Request, SealedFormState | undefined>();
function namedFormState(req: Request): SealedFormState | undefined {
  if (req.method !== 'GET' || req.query.formulaire === undefined) return undefined;
  if (!namedStates.has(req)) {
    const state = takeFormState(req.query.formulaire);
    // only the state of a named form (a page that holds several): the pages of one form read theirs themselves
    namedStates.set(req, state?.form && state.error ? state : undefined);
  }
  return namedStates.get(req);
}

export const ctx = (req: Request): PageContext => {
  const form = namedFormState(req);
  return { user: req.user ?? null, unread: req.unreadNotifications ?? 0, oidc: req.oidcPages, ...(form ? { form } : {}) };
};

export type PageHandler = (req: Request, res: Response) => Promise<void>;

/** Page errors render as pages: a 404 page, a clear message for others, never a JSON body. */
export function page(handler: PageHandler): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch((err: unknown) => {
      if (!(err instanceof AppError)) return next(err);
      res.status(err.status).type('html');
      res.send(inRequestLang(req, () => (err.code === 'not_found' ? notFoundPage(ctx(req), err.message) : errorPage(ctx(req), t('Action impossible'), tError(err)))));
    });
  };
}

/** The string fields of an urlencoded form body. */
export function formFields(req: Request): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A 400 naming the fields of `value` that hold text nothing can store (NUL, lone surrogates). */
function refuseUnstorable(value: unknown, where: 'body' | 'query'): AppError | undefined {
  const paths = unstorableTextPaths(value, where).map((p) => `« ${p.slice(where.length + 1)} »`);
  if (paths.length === 0) return undefined;
  const message = paths.length > 1 ? msg('Caractère interdit (NUL ou demi-paire UTF-16 isolée) dans les champs {{champs}}.') : msg('Caractère interdit (NUL ou demi-paire UTF-16 isolée) dans le champ {{champs}}.');
  return new AppError('validation_failed', fill(message, { champs: paths.join(', ') }), paths);
}

/**
 * Every page form's parser: the urlencoded body, then the same text check as the API's
 * `route()`, so no handler sees a string PostgreSQL cannot store. The refusal is a 400 page.
 */
export function formBody(limit: string): RequestHandler[] {
  return [
    express.urlencoded({ extended: false, limit }),
    // the body's stream events ran outside the request's context: back into its language
    (req, _res, next) => inRequestLang(req, () => next(refuseUnstorable(req.body, 'body'))),
  ];
}

/** The same check on every page's query string (filters, cursors, `suite`). */
export const pageQueryText: RequestHandler = (req, _res, next) => next(refuseUnstorable(req.query, 'query'));
