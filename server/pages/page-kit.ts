import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../http/errors';
import { errorPage, notFoundPage } from './bill-pages';
import type { PageContext } from './layout';

/** Only local paths are followed after a form, never another site (open-redirect guard). */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?!\/)[\w\-/.?=&%#]*$/.test(value) ? value : fallback;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set for signed-in page views by `countNotifications` (server/pages/index.ts). */
    unreadNotifications?: number;
  }
}

export const ctx = (req: Request): PageContext => ({ user: req.user ?? null, unread: req.unreadNotifications ?? 0 });

export type PageHandler = (req: Request, res: Response) => Promise<void>;

/** Page errors render as pages: a 404 page, a clear message for others, never a JSON body. */
export function page(handler: PageHandler): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch((err: unknown) => {
      if (!(err instanceof AppError)) return next(err);
      res.status(err.status).type('html');
      res.send(err.code === 'not_found' ? notFoundPage(ctx(req), err.message) : errorPage(ctx(req), 'Action impossible', err.message));
    });
  };
}

/** The string fields of an urlencoded form body. */
export function formFields(req: Request): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
