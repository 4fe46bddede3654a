import { headingLine } from '../../shared/bill';
import type { Db } from '../db/db';
import { notFound } from '../errors';
import { listBillArticles, type ArticleRow } from '../sql/articles';
import { findBill, type BillRow } from '../sql/bills';
import { listBillEventsOfType } from '../sql/events';

export function presentArticleSummary(a: ArticleRow) {
  return { id: a.id, number: a.number, heading: headingLine(a.headings), headings: a.headings, alineas: a.alineas, version: a.version, summary: a.summary ?? null };
}

export function presentBill(bill: BillRow, articles: ArticleRow[], statusChanges: { from: string; to: string; at: Date }[] = []) {
  return {
    id: bill.id,
    title: bill.title,
    status: bill.status,
    memorandum: bill.memorandum ?? null,
    createdAt: bill.created_at.toISOString(),
    articles: articles.map(presentArticleSummary),
    statusChanges: statusChanges.map((c) => ({ from: c.from, to: c.to, at: c.at.toISOString() })),
  };
}

export type BillView = ReturnType<typeof presentBill>;

/** The whole bill as API.md › Bills and articles shows it, with its phase history. */
export async function loadBillView(db: Db, billId: string): Promise<BillView> {
  const bill = await findBill(db, billId);
  if (!bill) throw notFound('Projet de loi introuvable.');
  const [articles, events] = await Promise.all([
    listBillArticles(db, bill.id),
    listBillEventsOfType(db, bill.id, 'bill.status_changed'),
  ]);
  const changes = events.map((e) => ({ from: String(e.data.from), to: String(e.data.to), at: e.at }));
  return presentBill(bill, articles, changes);
}
