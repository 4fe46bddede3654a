import type { Db } from '../db/db';
import { authorize } from '../authorize';
import { AppError, notFound } from '../errors';
import { appendEvent } from '../sql/events';
import { findSubject, insertModerationAction, insertReport, setSubjectHidden, type SubjectType } from '../sql/moderation';
import type { UserRow } from '../sql/users';

const NOT_FOUND = 'Contribution introuvable.';

/** Anyone signed in reports a public contribution once, with a reason. */
export async function reportContribution(db: Db, input: { user: UserRow; type: SubjectType; id: string; reason: string }): Promise<void> {
  await authorize(db, 'contribution.report', input.user);
  if (!(await findSubject(db, input.type, input.id))) throw notFound(NOT_FOUND);
  const created = await insertReport(db, { type: input.type, id: input.id, reason: input.reason.trim(), reporterId: input.user.id });
  if (!created) throw new AppError('conflict', 'Vous avez déjà signalé cette contribution.');
}

/**
 * A moderator hides a contribution with a public reason, or restores it. The contribution keeps
 * its place (« masqué par la modération : <raison> »); every action is in the public log.
 */
export async function moderate(
  db: Db,
  input: { moderator: UserRow; type: SubjectType; id: string; action: 'hide' | 'restore'; reason: string },
): Promise<void> {
  await authorize(db, 'contribution.moderate', input.moderator);
  await db.transaction(async (tx) => {
    const subject = await findSubject(tx, input.type, input.id);
    if (!subject) throw notFound(NOT_FOUND);
    const hidden = subject.hidden_reason !== null;
    if (hidden === (input.action === 'hide')) {
      throw new AppError('conflict', hidden ? 'Cette contribution est déjà masquée.' : 'Cette contribution n’est pas masquée.');
    }
    const reason = input.reason.trim();
    await setSubjectHidden(tx, input.type, input.id, input.action === 'hide' ? reason : null);
    await insertModerationAction(tx, { type: input.type, id: input.id, billId: subject.bill_id, action: input.action, reason, moderatorId: input.moderator.id });
    await appendEvent(tx, {
      billId: subject.bill_id, type: `moderation.${input.action}`, actorId: input.moderator.id,
      subjectType: input.type, subjectId: input.id, data: { reason },
    });
  });
}
