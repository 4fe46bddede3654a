import type { ParsedBill } from '../../shared/bill';
import type { BillStatus } from '../../shared/phases';
import type { Db } from '../db/db';
import { insertArticles } from '../sql/articles';
import { insertBill, type BillRow } from '../sql/bills';
import { appendEvent } from '../sql/events';

/** Stores a parsed (already validated) bill: the bill, its articles, each at version 1. */
export async function importBill(
  db: Db,
  input: { bill: ParsedBill; actorId: string | null; status?: BillStatus },
): Promise<BillRow> {
  return db.transaction(async (tx) => {
    const bill = await insertBill(tx, { title: input.bill.title, status: input.status, createdBy: input.actorId });
    await insertArticles(tx, bill.id, input.bill.articles, { reason: 'Texte initial', createdBy: input.actorId });
    await appendEvent(tx, {
      billId: bill.id,
      type: 'bill.created',
      actorId: input.actorId,
      subjectType: 'bill',
      subjectId: bill.id,
      data: { title: bill.title, articles: input.bill.articles.length },
    });
    return bill;
  });
}
