import type { Db } from '../db/db';
import { AppError, notFound } from '../http/errors';
import { addAuthor } from '../sql/amendment-authors';
import { findUserById, type UserRow } from '../sql/users';
import { loadOwnAmendment } from './amendment-access';

/** An author adds a co-author to a draft (adding someone twice changes nothing). */
export async function addCoauthor(db: Db, input: { user: UserRow; amendmentId: string; coauthorId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await loadOwnAmendment(tx, input.amendmentId, input.user, { forUpdate: true });
    if (a.status !== 'draft') throw new AppError('conflict', 'Les co-auteurs se joignent avant le dépôt.', { status: a.status });
    if (!(await findUserById(tx, input.coauthorId))) throw notFound('Ce compte n’existe pas.');
    await addAuthor(tx, a.id, input.coauthorId);
  });
}
