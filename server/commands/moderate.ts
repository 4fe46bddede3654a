import { fill, msg } from '../../shared/i18n';
import { ruleTitle } from '../../shared/moderation';
import type { Db, Queryable } from '../db/db';
import { authorize } from '../authorize';
import { AppError, notFound } from '../errors';
import { appendEvent } from '../sql/events';
import { findSubject, insertModerationAction, insertReport, setSubjectHidden, type SubjectType } from '../sql/moderation';
import { ACTOR, notifyModeration } from '../sql/notifications';
import type { UserRow } from '../sql/users';

const NOT_FOUND = msg('Contribution introuvable.');

/** Anyone signed in reports a public contribution once, under a rule of the charter, with an optional comment. */
export async function reportContribution(
  db: Db, input: { user: UserRow; type: SubjectType; id: string; reason: string; comment?: string | undefined },
): Promise<void> {
  await authorize(db, 'contribution.report', input.user);
  const subject = await findSubject(db, input.type, input.id);
  if (!subject) throw notFound(NOT_FOUND);
  const comment = input.comment?.trim() || null;
  const created = await insertReport(db, { type: input.type, id: input.id, billId: subject.bill_id, reason: input.reason, comment, reporterId: input.user.id });
  if (!created) throw new AppError('conflict', msg('Vous avez déjà signalé cette contribution.'));
}

/** A decision on a contribution: hide, restore, keep (it conforms to the charter), dismiss (its signals, without judging). */
export type SubjectAction = 'hide' | 'restore' | 'keep' | 'dismiss';

export interface SubjectDecision {
  type: SubjectType;
  id: string;
  action: SubjectAction;
  /** A rule of the charter (required to hide from the queue). */
  rule?: string | null | undefined;
  /** The public reason (for a hide without one, the rule's title). */
  reason?: string | undefined;
}

const HIDDEN_NOTICE: Record<SubjectType, string> = {
  amendment: msg('Votre amendement a été masqué par {{acteur}} (modération) — {{raison}}. Vous pouvez faire appel : un autre modérateur réexaminera la décision.'),
  argument: msg('Votre argument a été masqué par {{acteur}} (modération) — {{raison}}. Vous pouvez faire appel : un autre modérateur réexaminera la décision.'),
  annotation: msg('Votre annotation a été masquée par {{acteur}} (modération) — {{raison}}. Vous pouvez faire appel : un autre modérateur réexaminera la décision.'),
  reply: msg('Votre réponse a été masquée par {{acteur}} (modération) — {{raison}}. Vous pouvez faire appel : un autre modérateur réexaminera la décision.'),
};

/** Why a decision cannot apply to a subject in its current state, or null. */
function conflictOf(action: SubjectAction, hidden: boolean): string | null {
  if (action === 'hide' && hidden) return msg('Cette contribution est déjà masquée.');
  if (action === 'restore' && !hidden) return msg('Cette contribution n’est pas masquée.');
  if (action === 'keep' && hidden) return msg('Cette contribution est masquée : rétablissez-la plutôt.');
  return null;
}

/**
 * One decision on one contribution, inside the caller's transaction (authorized against its authors):
 * the cached state, the public log, the bill's history, and — when it is hidden — a notification
 * to its authors with the reason and the way to appeal. The log entry's id.
 */
export async function applyDecision(tx: Queryable, moderator: UserRow, d: SubjectDecision): Promise<string> {
  const subject = await findSubject(tx, d.type, d.id);
  if (!subject) throw notFound(NOT_FOUND);
  // a moderator does not moderate their own contribution (the policy's bar on its authors)
  await authorize(tx, 'contribution.moderate', moderator, { authorIds: subject.authors });
  const conflict = conflictOf(d.action, subject.hidden_reason !== null);
  if (conflict) throw new AppError('conflict', conflict);
  const rule = d.rule ?? null;
  const reason = d.reason?.trim() || (rule ? ruleTitle(rule) : '');
  if (d.action === 'hide' && reason === '') throw new AppError('validation_failed', msg('Donnez une raison publique ou une règle de la charte.'), [{ path: 'reason', message: msg('requis pour masquer') }]);
  if (d.action === 'hide') await setSubjectHidden(tx, d.type, d.id, reason);
  if (d.action === 'restore') await setSubjectHidden(tx, d.type, d.id, null);
  const actionId = await insertModerationAction(tx, { type: d.type, id: d.id, billId: subject.bill_id, action: d.action, reason, rule, moderatorId: moderator.id });
  await appendEvent(tx, {
    billId: subject.bill_id, type: `moderation.${d.action}`, actorId: moderator.id,
    subjectType: d.type, subjectId: d.id, data: { reason, ...(rule ? { rule } : {}), actionId },
  });
  if (d.action === 'hide') {
    const why = !rule ? reason
      : d.reason?.trim() ? fill(msg('règle « {{regle}} » : {{raison}}'), { regle: ruleTitle(rule), raison: d.reason.trim() }) : fill(msg('règle « {{regle}} »'), { regle: ruleTitle(rule) });
    await notifyModeration(tx, {
      userIds: subject.authors, billId: subject.bill_id, amendmentId: d.type === 'amendment' ? d.id : null, actorId: moderator.id, actionId,
      message: fill(HIDDEN_NOTICE[d.type], { acteur: ACTOR, raison: why }),
    });
  }
  return actionId;
}

/**
 * A moderator hides a contribution with a public reason, restores it, keeps it or dismisses its
 * signals. The contribution keeps its place (« masqué par la modération : <raison> »); every
 * decision is in the public log.
 */
export async function moderate(db: Db, input: { moderator: UserRow } & SubjectDecision): Promise<string> {
  await authorize(db, 'contribution.moderate', input.moderator);
  return db.transaction((tx) => applyDecision(tx, input.moderator, input));
}
