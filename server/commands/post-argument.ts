import { isOpen } from '../../shared/amendment';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { insertArgument, type ArgumentTargetType } from '../sql/arguments';
import { findArticle } from '../sql/articles';
import type { UserRow } from '../sql/users';
import { authorize } from '../authorize';
import { loadVisibleAmendment } from './amendment-access';
import { raiseAutoFlags } from './auto-flags';

/** Where an argument may go: an article, or a published amendment still open — during consultation. */
async function resolveTarget(db: Db, user: UserRow, type: ArgumentTargetType, id: string): Promise<{ billId: string }> {
  if (type === 'article') {
    const article = await findArticle(db, id);
    if (!article) throw notFound('Article introuvable.');
    return { billId: article.bill_id };
  }
  const { amendment } = await loadVisibleAmendment(db, id, user);
  if (amendment.status === 'draft') throw new AppError('conflict', 'On argumente sur un amendement déposé, pas sur un brouillon.');
  if (!isOpen(amendment.status)) throw new AppError('conflict', 'Cet amendement n’est plus en discussion.', { status: amendment.status });
  return { billId: amendment.bill_id };
}

/** Posts an argument for or against an article or an amendment (and raises its automatic flags, if any). */
export async function postArgument(
  db: Db,
  input: { user: UserRow; targetType: ArgumentTargetType; targetId: string; side: 'for' | 'against'; body: string },
): Promise<string> {
  const { billId } = await resolveTarget(db, input.user, input.targetType, input.targetId);
  await authorize(db, 'argument.post', input.user, { billId });
  const body = input.body.trim();
  return db.transaction(async (tx) => {
    const id = await insertArgument(tx, { billId, targetType: input.targetType, targetId: input.targetId, side: input.side, body, authorId: input.user.id });
    await raiseAutoFlags(tx, { type: 'argument', id, billId, author: input.user, text: body });
    return id;
  });
}
