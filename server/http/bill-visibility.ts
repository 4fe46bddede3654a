import type { RequestHandler } from 'express';
import { decide } from '../../shared/policy';
import { accountActors } from '../authorize';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import type { UserRow } from '../sql/users';
import { billStatusOf } from '../sql/bills';

/** Whether `viewer` may read a bill in `status` (the policy's `bill.read` row: drafts for admins and clerks). */
export const mayReadBill = (viewer: UserRow | null, status: Parameters<typeof decide>[2]) => decide('bill.read', accountActors(viewer), status).ok;

const BY_BILL = /^\/(?:api\/bills|textes)\/([^/]+)/;
const BY_ARTICLE = /^\/(?:api\/articles|articles)\/([^/]+)/;

/**
 * One door for everything addressed by a bill or one of its articles — API, pages, feeds, open
 * data, exports: a bill the viewer may not read (a draft, for anyone but admins and clerks) is a
 * 404, as if it did not exist. Viewers who may read every phase cost no query.
 */
export function billVisibility(db: Db): RequestHandler {
  return (req, _res, next) => {
    if (mayReadBill(req.user ?? null, 'draft')) return next();
    const bill = BY_BILL.exec(req.path)?.[1];
    const article = bill ? undefined : BY_ARTICLE.exec(req.path)?.[1];
    if (!bill && !article) return next();
    billStatusOf(db, bill ? { billId: decodeURIComponent(bill) } : { articleId: decodeURIComponent(article!) }).then((status) => {
      if (status && !mayReadBill(req.user ?? null, status)) return next(new AppError('not_found', 'Ce projet de loi n’existe pas.'));
      next();
    }, next);
  };
}
