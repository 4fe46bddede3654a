import { msg } from '../../shared/i18n';
import { authorize } from '../authorize';
import type { Queryable } from '../db/db';
import { notFound } from '../errors';
import { findArticle } from '../sql/articles';
import { findBill } from '../sql/bills';
import { setArticleSummary, setBillMemorandum } from '../sql/participation';
import type { UserRow } from '../sql/users';

/**
 * « Ce que change cet article » and the « Exposé des motifs » (issue 16 › 2): plain-language
 * texts an admin or a clerk writes beside the legal text. An empty text removes it.
 */
export async function writeArticleSummary(db: Queryable, p: { user: UserRow; articleId: string; text: string }): Promise<string | null> {
  const article = await findArticle(db, p.articleId);
  if (!article) throw notFound(msg('Article introuvable.'));
  await authorize(db, 'article.summary', p.user, { billId: article.bill_id });
  const text = p.text === '' ? null : p.text;
  await setArticleSummary(db, article.id, text);
  return text;
}

export async function writeBillMemorandum(db: Queryable, p: { user: UserRow; billId: string; text: string }): Promise<string | null> {
  const bill = await findBill(db, p.billId);
  if (!bill) throw notFound(msg('Projet de loi introuvable.'));
  await authorize(db, 'bill.memorandum', p.user, { bill });
  const text = p.text === '' ? null : p.text;
  await setBillMemorandum(db, bill.id, text);
  return text;
}
