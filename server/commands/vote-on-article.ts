import { STATUS_LABELS_FR } from '../../shared/phases';
import type { Tally, VoteValue } from '../../shared/votes';
import type { Db } from '../db/db';
import { AppError, notFound } from '../http/errors';
import { findArticle } from '../sql/articles';
import { findBill } from '../sql/bills';
import { deleteVote, getTally, upsertVote } from '../sql/votes';

/**
 * Casts, replaces (`value`) or withdraws (`null`) an account's vote on an article; only while the
 * bill is in consultation. Returns the tally after the change.
 */
export async function voteOnArticle(
  db: Db,
  input: { userId: string; articleId: string; value: VoteValue | null },
): Promise<Tally> {
  const article = await findArticle(db, input.articleId);
  if (!article) throw notFound('Article introuvable.');
  const bill = await findBill(db, article.bill_id);
  if (!bill) throw notFound('Projet de loi introuvable.');
  if (bill.status !== 'consultation') {
    throw new AppError('wrong_phase', `Les votes sont clos : le texte est en phase « ${STATUS_LABELS_FR[bill.status]} ».`, {
      status: bill.status,
    });
  }
  const target = { type: 'article', id: article.id } as const;
  if (input.value) await upsertVote(db, target, input.userId, input.value);
  else await deleteVote(db, target, input.userId);
  return getTally(db, target);
}
