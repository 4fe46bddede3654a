import type { AmendmentKind } from '../../shared/amendment';
import type { ParliamentAmendment } from '../../shared/parliament/amendments';
import { compute } from '../compute';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { insertParliamentAmendment, parliamentNumbers } from '../sql/amendments';
import { listBillArticles, type ArticleRow } from '../sql/articles';
import { findBill } from '../sql/bills';
import { appendEvent } from '../sql/events';

export type ParliamentFormat = 'an-xml' | 'senat-csv';
export interface ImportReport {
  imported: number;
  skipped: { number: string; reason: string }[];
}

/**
 * The proposed text. An additional article's dispositif is the new article itself (both chambers
 * print it so); any other is applied to the article by the engine, and when it cannot be applied the
 * amendment keeps its dispositif and no computed text (null): never a guessed one.
 */
async function computeText(a: ParliamentAmendment, article: ArticleRow): Promise<{ kind: AmendmentKind; alineas: string[] | null }> {
  if (a.additional) return { kind: 'insert_after', alineas: a.dispositif.split('\n') };
  const r = await compute().run('applyDispositif', { alineas: article.alineas, dispositif: a.dispositif });
  if (!r.ok) return { kind: 'modify', alineas: null };
  return r.alineas.length === 0 ? { kind: 'delete', alineas: [] } : { kind: 'modify', alineas: r.alineas };
}

/**
 * Imports a chamber's amendments into a bill (API.md › Second stage › Legistics): each one is
 * matched to the bill's article by number; unmatched, already imported or empty ones are skipped
 * with a reason. All or nothing: unreadable data stores nothing.
 */
export async function importParliamentAmendments(
  db: Db,
  input: { billId: string; format: ParliamentFormat; data: string; actorId: string },
): Promise<ImportReport> {
  const bill = await findBill(db, input.billId);
  if (!bill) throw notFound('Projet de loi introuvable.');
  // parsing megabytes of XML or CSV is work for the compute pool, not the event loop
  const parsed = await compute().run('parseParliamentAmendments', { format: input.format, data: input.data }, { cache: false });
  if (!parsed.ok) throw new AppError('validation_failed', parsed.message, [{ path: 'data', message: parsed.message }]);
  const articles = new Map((await listBillArticles(db, bill.id)).map((a) => [a.number.toLowerCase(), a]));
  return db.transaction(async (tx) => {
    const known = await parliamentNumbers(tx, bill.id);
    const report: ImportReport = { imported: 0, skipped: [] };
    for (const a of parsed.amendments) {
      const skip = (reason: string) => report.skipped.push({ number: a.number, reason });
      const article = a.articleNumber === null ? undefined : articles.get(a.articleNumber);
      if (known.has(a.number)) { skip('déjà importé'); continue; }
      if (a.dispositif === '') { skip('dispositif vide'); continue; }
      if (!article) { skip(a.articleNumber === null ? 'article visé illisible' : `aucun article ${a.articleNumber} dans ce projet de loi`); continue; }
      const text = await computeText(a, article);
      await insertParliamentAmendment(tx, {
        billId: bill.id, articleId: article.id, kind: text.kind, status: a.outcome ?? 'submitted', baseVersion: article.version,
        alineas: text.alineas, rationale: a.expose.slice(0, 50_000), createdBy: input.actorId,
        label: a.number, authors: a.authors, group: a.group, dispositif: a.dispositif,
      });
      known.add(a.number);
      report.imported += 1;
    }
    await appendEvent(tx, {
      billId: bill.id, type: 'amendments.imported', actorId: input.actorId, subjectType: 'bill', subjectId: bill.id,
      data: { format: input.format, imported: report.imported, skipped: report.skipped.length },
    });
    return report;
  });
}
