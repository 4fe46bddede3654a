import { fill, msg } from '../../shared/i18n';
import type { AmendmentKind } from '../../shared/amendment';
import { amendmentNumber } from '../../shared/legistique/sub-amendment';
import type { ParliamentAmendment } from '../../shared/parliament/amendments';
import { compute } from '../compute';
import type { Queryable } from '../db/db';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { appendRevision } from '../sql/amendment-revisions';
import { insertParliamentAmendment, listParliamentAmendments, rewriteParliamentAmendment, type ParliamentRow } from '../sql/amendments';
import { listBillArticles, type ArticleRow } from '../sql/articles';
import { findBill } from '../sql/bills';
import { appendEvent } from '../sql/events';

export type ParliamentFormat = 'an-xml' | 'senat-csv';
export interface ImportReport {
  imported: number;
  skipped: { number: string; reason: string }[];
  /** Amendments already imported that this import replaced by their rectified version. */
  rectified: string[];
  /** Imported, with something to know: a sous-amendement whose adoption could not rewrite its amendment. */
  notes: { number: string; note: string }[];
}

/**
 * The proposed text. An additional article's dispositif is the new article itself (both chambers
 * print it so); any other is applied to the article by the engine, and when it cannot be applied the
 * amendment keeps its dispositif and no computed text (null): never a guessed one.
 */
async function computeText(a: Pick<ParliamentAmendment, 'additional' | 'dispositif'>, article: ArticleRow): Promise<{ kind: AmendmentKind; alineas: string[] | null }> {
  if (a.additional) return { kind: 'insert_after', alineas: a.dispositif.split('\n') };
  const r = await compute().run('applyDispositif', { alineas: article.alineas, dispositif: a.dispositif });
  if (!r.ok) return { kind: 'modify', alineas: null };
  return r.alineas.length === 0 ? { kind: 'delete', alineas: [] } : { kind: 'modify', alineas: r.alineas };
}

interface Known extends ParliamentRow { additional: boolean }

/**
 * Imports a chamber's amendments into a bill (API.md › Second stage › Legistics): each one is
 * matched to the bill's article by number; unmatched, already imported or empty ones are skipped
 * with a reason. All or nothing: unreadable data stores nothing.
 *
 * Rectified amendments: « 81 rect. » when « 81 » was imported replaces it in place (same
 * amendment, new number, a 'rectification' revision: the history keeps both); an earlier version
 * than the one imported is skipped. Sous-amendements (docs/dispositif.md › Sous-amendements) are
 * linked to the amendment they amend (imported first); when adopted, their dispositif is applied
 * to that amendment's, which gets a 'sub_amendment' revision and its text computed again.
 */
export async function importParliamentAmendments(
  db: Db,
  input: { billId: string; format: ParliamentFormat; data: string; actorId: string },
): Promise<ImportReport> {
  const bill = await findBill(db, input.billId);
  if (!bill) throw notFound(msg('Projet de loi introuvable.'));
  // parsing megabytes of XML or CSV is work for the compute pool, not the event loop
  const parsed = await compute().run('parseParliamentAmendments', { format: input.format, data: input.data }, { cache: false });
  if (!parsed.ok) throw new AppError('validation_failed', parsed.message, [{ path: 'data', message: parsed.message }]);
  const articleList = await listBillArticles(db, bill.id);
  const articles = new Map(articleList.map((a) => [a.number.toLowerCase(), a]));
  const byId = new Map(articleList.map((a) => [a.id, a]));
  // amendments before the sous-amendements that amend them, each list in the file's order
  const ordered = [...parsed.amendments.filter((a) => a.parentNumber === null), ...parsed.amendments.filter((a) => a.parentNumber !== null)];
  return db.transaction(async (tx) => {
    const known = new Map<string, Known>();
    for (const row of await listParliamentAmendments(tx, bill.id)) {
      known.set(amendmentNumber(row.parliament_number).base, { ...row, additional: row.kind === 'insert_after' });
    }
    const report: ImportReport = { imported: 0, skipped: [], rectified: [], notes: [] };
    for (const a of ordered) {
      const skip = (reason: string) => report.skipped.push({ number: a.number, reason });
      const n = amendmentNumber(a.number);
      const before = known.get(n.base);
      if (before && before.parliament_number === a.number) { skip(msg('déjà importé')); continue; }
      if (before && before.rectification >= n.rectification) { skip(fill(msg('version antérieure : « {{numero}} » est déjà importé'), { numero: before.parliament_number ?? '' })); continue; }
      if (a.dispositif === '') { skip(msg('dispositif vide')); continue; }
      const parent = a.parentNumber === null ? undefined : known.get(amendmentNumber(a.parentNumber).base);
      if (a.parentNumber !== null && !parent) { skip(fill(msg('sous-amendement de l’amendement n° {{numero}}, absent de ce texte'), { numero: a.parentNumber })); continue; }
      const article = parent ? byId.get(parent.article_id) : a.articleNumber === null ? undefined : articles.get(a.articleNumber);
      if (!article) { skip(a.articleNumber === null ? msg('article visé illisible') : fill(msg('aucun article {{numero}} dans ce projet de loi'), { numero: a.articleNumber })); continue; }
      // a sous-amendement has no text of its own on the article: its effect is on its amendment
      const text = parent ? { kind: 'modify' as const, alineas: null } : await computeText(a, article);
      const status = a.outcome ?? 'submitted';
      let id: string;
      if (before) {
        await rewriteParliamentAmendment(tx, before.id, { articleId: article.id, kind: text.kind, alineas: text.alineas, dispositif: a.dispositif, billId: bill.id, label: a.number },
          { rectification: n.rectification, status, rationale: a.expose.slice(0, 50_000), authors: a.authors, group: a.group, baseVersion: article.version });
        await appendRevision(tx, { amendmentId: before.id, kind: 'rectification', alineas: text.alineas ?? [], rationale: a.expose.slice(0, 50_000), dispositif: a.dispositif, authorId: input.actorId, note: `Version rectifiée : n° ${a.number}.` });
        id = before.id;
        report.rectified.push(a.number);
      } else {
        id = await insertParliamentAmendment(tx, {
          billId: bill.id, articleId: article.id, kind: text.kind, status, baseVersion: article.version,
          alineas: text.alineas, rationale: a.expose.slice(0, 50_000), createdBy: input.actorId,
          label: a.number, authors: a.authors, group: a.group, dispositif: a.dispositif, parentId: parent?.id ?? null, rectification: n.rectification,
        });
        await appendRevision(tx, { amendmentId: id, kind: 'submission', alineas: text.alineas ?? [], rationale: a.expose.slice(0, 50_000), dispositif: a.dispositif, authorId: input.actorId });
        report.imported += 1;
      }
      known.set(n.base, {
        id, article_id: article.id, kind: text.kind, rationale: a.expose.slice(0, 50_000), parliament_number: a.number, rectification: n.rectification,
        dispositif: a.dispositif, status, parent_id: parent?.id ?? null, additional: a.additional,
      });
      if (parent && status === 'adopted') {
        const note = await adoptSubAmendment(tx, { bill: bill.id, parent, article: byId.get(parent.article_id) ?? article, sub: a, actorId: input.actorId });
        if (note) report.notes.push({ number: a.number, note });
      }
    }
    await appendEvent(tx, {
      billId: bill.id, type: 'amendments.imported', actorId: input.actorId, subjectType: 'bill', subjectId: bill.id,
      data: { format: input.format, imported: report.imported, rectified: report.rectified.length, skipped: report.skipped.length },
    });
    return report;
  });
}

/**
 * An adopted sous-amendement rewrites its amendment: the amendment's dispositif with the
 * sous-amendement applied, its text computed again. Null when done; else why not (nothing changes).
 */
async function adoptSubAmendment(
  tx: Queryable,
  x: { bill: string; parent: Known; article: ArticleRow; sub: ParliamentAmendment; actorId: string },
): Promise<string | null> {
  const r = await compute().run('applySubAmendment', { parent: (x.parent.dispositif ?? '').split('\n'), dispositif: x.sub.dispositif });
  if (!r.ok) return fill(msg('adopté, mais il ne s’applique pas à l’amendement n° {{numero}} : {{raison}}'), { numero: String(x.parent.parliament_number), raison: r.error.message });
  const dispositif = r.alineas.join('\n');
  const text = await computeText({ additional: x.parent.additional, dispositif }, x.article);
  await rewriteParliamentAmendment(tx, x.parent.id, { articleId: x.article.id, kind: text.kind, alineas: text.alineas, dispositif, billId: x.bill, label: x.parent.parliament_number });
  await appendRevision(tx, {
    amendmentId: x.parent.id, kind: 'sub_amendment', alineas: text.alineas ?? [], rationale: x.parent.rationale, dispositif, authorId: x.actorId,
    note: `Réécrit par le sous-amendement n° ${x.sub.number}, adopté.`,
  });
  x.parent.dispositif = dispositif;
  return null;
}
