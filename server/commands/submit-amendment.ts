import type { Db, Queryable } from '../db/db';
import { AppError } from '../http/errors';
import { appendRevision } from '../sql/amendment-revisions';
import { markSubmitted, nextAmendmentNumber, type AmendmentRow } from '../sql/amendments';
import { appendEvent } from '../sql/events';
import type { UserRow } from '../sql/users';
import { loadOwnAmendment, requireConsultation } from './amendment-access';

/**
 * Submits a draft: it gets the next public number of its bill, its text is frozen as the
 * `submission` revision, and the event is public. Needs an exposé sommaire.
 */
export async function submitAmendment(db: Db, input: { user: UserRow; amendmentId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const amendment = await loadOwnAmendment(tx, input.amendmentId, input.user, { forUpdate: true });
    await submitLocked(tx, amendment, input.user);
  });
}

/** The submission itself, for a draft already locked by the caller (also used at creation). */
export async function submitLocked(tx: Queryable, amendment: AmendmentRow, user: UserRow): Promise<number> {
  if (amendment.status !== 'draft') throw new AppError('conflict', 'Cet amendement est déjà déposé.', { status: amendment.status });
  await requireConsultation(tx, amendment.bill_id, 'Déposer un amendement');
  if (amendment.rationale.trim() === '') {
    throw new AppError('validation_failed', 'Ajoutez un exposé sommaire avant de déposer l’amendement.', [{ path: 'rationale', message: 'requis pour le dépôt' }]);
  }
  const number = await nextAmendmentNumber(tx, amendment.bill_id, amendment.origin);
  await markSubmitted(tx, amendment.id, number);
  await appendRevision(tx, { amendmentId: amendment.id, kind: 'submission', alineas: amendment.alineas, rationale: amendment.rationale, authorId: user.id });
  await appendEvent(tx, {
    billId: amendment.bill_id, type: 'amendment.submitted', actorId: user.id, subjectType: 'amendment', subjectId: amendment.id,
    data: { number, articleId: amendment.article_id, kind: amendment.kind, origin: amendment.origin },
  });
  return number;
}
