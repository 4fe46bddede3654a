import { checkAmendmentText, normaliseAlineas, type AmendmentKind } from '../../shared/amendment';
import type { Db } from '../db/db';
import { AppError, notFound } from '../http/errors';
import { addAuthor } from '../sql/amendment-authors';
import { appendRevision } from '../sql/amendment-revisions';
import { findAmendment, insertAmendment } from '../sql/amendments';
import { findArticle } from '../sql/articles';
import type { UserRow } from '../sql/users';
import { requireConsultation } from './amendment-access';
import { submitLocked } from './submit-amendment';

export function textError(problem: NonNullable<ReturnType<typeof checkAmendmentText>>): AppError {
  return new AppError('validation_failed', problem.message, [{ path: 'alineas', reason: problem.reason, message: problem.message }]);
}

/**
 * Creates an amendment on an article, written against its current version; a draft that only its
 * author sees, or submitted at once with `submit`. Citizens may do so during the consultation.
 */
export async function createAmendment(
  db: Db,
  input: { user: UserRow; articleId: string; kind: AmendmentKind; alineas?: string[] | undefined; rationale: string; submit: boolean },
): Promise<string> {
  const article = await findArticle(db, input.articleId);
  if (!article) throw notFound('Article introuvable.');
  await requireConsultation(db, article.bill_id, 'Proposer un amendement');
  const problem = checkAmendmentText(input.kind, article.alineas, input.alineas);
  if (problem) throw textError(problem);
  const alineas = input.kind === 'delete' ? [] : normaliseAlineas(input.alineas ?? []);
  const rationale = input.rationale.trim();
  return db.transaction(async (tx) => {
    const id = await insertAmendment(tx, {
      billId: article.bill_id, articleId: article.id, kind: input.kind, origin: 'citizen',
      baseVersion: article.version, alineas, rationale, createdBy: input.user.id,
    });
    await addAuthor(tx, id, input.user.id);
    await appendRevision(tx, { amendmentId: id, kind: 'draft', alineas, rationale, authorId: input.user.id });
    if (input.submit) await submitLocked(tx, (await findAmendment(tx, id, { forUpdate: true }))!, input.user);
    return id;
  });
}
