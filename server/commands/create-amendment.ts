import { msg } from '../../shared/i18n';
import { checkAmendmentText, normaliseAlineas, type AmendmentKind } from '../../shared/amendment';
import type { Db } from '../db/db';
import { notFound } from '../errors';
import { textError } from './text-error';
import { addAuthor } from '../sql/amendment-authors';
import { appendRevision } from '../sql/amendment-revisions';
import { findAmendment, insertAmendment } from '../sql/amendments';
import { findArticle } from '../sql/articles';
import { appendUpdate } from '../sql/collab-updates';
import { seedUpdate } from '../collab/ydoc-text';
import { amendmentDocName } from '../../shared/live-docs';
import type { UserRow } from '../sql/users';
import { amendingOrigin } from './amendment-access';
import { recordOnBehalf, type OnBehalf } from './on-behalf';
import { requireRepresentative } from './interest-representatives';
import { submitLocked } from './submit-amendment';

/**
 * Creates an amendment on an article, written against its current version; a draft that only its
 * author sees (with its live document), or submitted at once with `submit`. Citizens may do so
 * during the consultation, commission members during the commission; a mediator also on behalf of
 * a person or for a workshop (`onBehalf`).
 */
export async function createAmendment(
  db: Db,
  input: { user: UserRow; articleId: string; kind: AmendmentKind; alineas?: string[] | undefined; rationale: string; submit: boolean; onBehalf?: OnBehalf | undefined; inspiredBy?: string | null | undefined },
): Promise<string> {
  const article = await findArticle(db, input.articleId);
  if (!article) throw notFound(msg('Article introuvable.'));
  const origin = await amendingOrigin(db, article.bill_id, input.user);
  // A draft may start without a text: its live document then starts from the article (modify)
  // or from one empty alinéa (article additionnel); the text is checked at submission.
  if (input.submit || input.alineas !== undefined || input.kind === 'delete') {
    const problem = checkAmendmentText(input.kind, article.alineas, input.alineas);
    if (problem) throw textError(problem);
  }
  const alineas = input.kind === 'delete' ? [] : normaliseAlineas(input.alineas ?? (input.kind === 'modify' ? article.alineas : ['']));
  const rationale = input.rationale.trim();
  // « inspiré par … »: an organisation declared as an interest representative (docs/interest-representatives.md)
  const inspiredBy = input.inspiredBy ? (await requireRepresentative(db, input.inspiredBy, 'inspiredBy')).id : null;
  return db.transaction(async (tx) => {
    const id = await insertAmendment(tx, {
      billId: article.bill_id, articleId: article.id, kind: input.kind, origin,
      baseVersion: article.version, alineas, rationale, createdBy: input.user.id, inspiredBy,
    });
    await addAuthor(tx, id, input.user.id);
    if (input.onBehalf) await recordOnBehalf(tx, input.user, input.onBehalf, { type: 'amendment', id, billId: article.bill_id });
    // Submitted at once, it never was a draft anyone saw: its first revision is the submission.
    if (!input.submit) await appendRevision(tx, { amendmentId: id, kind: 'draft', alineas, rationale, authorId: input.user.id });
    // Seeded once, here, by the server: clients never insert initial content (it would duplicate).
    if (input.kind !== 'delete') await appendUpdate(tx, amendmentDocName(id), seedUpdate(alineas));
    if (input.submit) await submitLocked(tx, (await findAmendment(tx, id, { forUpdate: true }))!, input.user);
    return id;
  });
}
