import type { Queryable } from '../db/db';
import { computeReconciled } from '../queries/reconciled';
import { insertAdoptedText } from '../sql/adopted-texts';
import { appendEvent } from '../sql/events';
import { addArticleVersion, layOutArticles, listBillArticles, markArticleDeleted } from '../sql/articles';

export const ADOPTION_REASON = 'Texte adopté par la commission';

/**
 * Freezes the reconciled text at adoption: it is stored as is (with its provenance), every changed
 * article gets a new version, articles additionnels become articles, deleted ones leave the bill
 * (their history stays). Called inside the transaction that moves the bill to `adopted`.
 */
export async function freezeAdoptedText(tx: Queryable, billId: string, actorId: string): Promise<void> {
  const result = await computeReconciled(tx, billId);
  const current = await listBillArticles(tx, billId);
  const kept = new Set(result.articles.map((a) => a.id).filter((id): id is string => id !== null));
  const event = (type: string, articleId: string, data: Record<string, unknown>) =>
    appendEvent(tx, { billId, type, actorId, subjectType: 'article', subjectId: articleId, data });
  for (const a of current) {
    if (kept.has(a.id)) continue;
    await markArticleDeleted(tx, a.id);
    await event('article.deleted', a.id, { number: a.number });
  }
  const byId = new Map(current.map((a) => [a.id, a]));
  for (const a of result.articles) {
    const before = a.id ? byId.get(a.id) : undefined;
    if (!before || JSON.stringify(before.alineas) === JSON.stringify(a.alineas)) continue;
    await addArticleVersion(tx, before.id, a.alineas, ADOPTION_REASON, actorId);
    await event('article.version_added', before.id, { number: a.number, version: before.version + 1, reason: ADOPTION_REASON });
  }
  // An article additionnel sits in the division of the article it follows (its headings), so the
  // text's titles and chapters are not broken, nor printed again after it.
  let headings = current[0]?.headings ?? [];
  const order = result.articles.map((a) => {
    const before = a.id ? byId.get(a.id) : undefined;
    if (before) {
      headings = before.headings;
      return { id: before.id };
    }
    return { number: a.number, alineas: a.alineas, fromAmendmentId: typeof a.origin === 'object' ? a.origin.amendmentId : null, headings };
  });
  await layOutArticles(tx, billId, order, ADOPTION_REASON, actorId);
  for (const a of await listBillArticles(tx, billId)) {
    if (!byId.has(a.id)) await event('article.created', a.id, { number: a.number, version: 1, reason: ADOPTION_REASON });
  }
  await insertAdoptedText(tx, billId, result, actorId);
}
