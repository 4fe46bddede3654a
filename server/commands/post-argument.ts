import { msg } from '../../shared/i18n';
import { isOpen } from '../../shared/amendment';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { insertArgument, type ArgumentTargetType } from '../sql/arguments';
import { findArticle } from '../sql/articles';
import type { UserRow } from '../sql/users';
import { authorize } from '../authorize';
import { loadVisibleAmendment } from './amendment-access';
import { recordOnBehalf, type OnBehalf } from './on-behalf';
import { requireRepresentative } from './interest-representatives';
import { raiseAutoFlags } from './auto-flags';

/** Where an argument may go: an article, or a published amendment still open — during consultation. */
async function resolveTarget(db: Db, user: UserRow, type: ArgumentTargetType, id: string): Promise<{ billId: string }> {
  if (type === 'article') {
    const article = await findArticle(db, id);
    if (!article) throw notFound(msg('Article introuvable.'));
    return { billId: article.bill_id };
  }
  const { amendment } = await loadVisibleAmendment(db, id, user);
  if (amendment.status === 'draft') throw new AppError('conflict', msg('On argumente sur un amendement déposé, pas sur un brouillon.'));
  if (!isOpen(amendment.status)) throw new AppError('conflict', msg('Cet amendement n’est plus en discussion.'), { status: amendment.status });
  return { billId: amendment.bill_id };
}

/** Posts an argument for or against an article or an amendment (a mediator: also on behalf of someone), possibly « inspiré par » a representative; raises its automatic flags, if any. */
export async function postArgument(
  db: Db,
  input: { user: UserRow; targetType: ArgumentTargetType; targetId: string; side: 'for' | 'against'; body: string; onBehalf?: OnBehalf | undefined; inspiredBy?: string | undefined },
): Promise<string> {
  const { billId } = await resolveTarget(db, input.user, input.targetType, input.targetId);
  await authorize(db, 'argument.post', input.user, { billId });
  const inspiredBy = input.inspiredBy ? (await requireRepresentative(db, input.inspiredBy, 'inspiredBy')).id : null;
  const body = input.body.trim();
  return db.transaction(async (tx) => {
    const id = await insertArgument(tx, { billId, targetType: input.targetType, targetId: input.targetId, side: input.side, body, authorId: input.user.id, inspiredBy });
    if (input.onBehalf) await recordOnBehalf(tx, input.user, input.onBehalf, { type: 'argument', id, billId });
    await raiseAutoFlags(tx, { type: 'argument', id, billId, author: input.user, text: body });
    return id;
  });
}
