import { fill, msg } from '../../shared/i18n';
import { isSuspended } from '../../shared/policy';
import { authorize, suspensionOf, type Target } from '../authorize';
import type { Db, Queryable } from '../db/db';
import { AppError, notFound } from '../errors';
import { appendEvent } from '../sql/events';
import { findAppeal, insertAppeal, recordAppealDecision } from '../sql/moderation-appeals';
import { findModerationAction, findSubject, insertModerationAction, lastStateChangeOn, setSubjectHidden, type ModerationLogRow } from '../sql/moderation';
import { ACTOR, notifyModeration } from '../sql/notifications';
import { findUserById, setUserSuspension, type UserRow } from '../sql/users';
import { queueAccountNotice, type ModerationDeps } from './moderation-mail';

/** The decisions one may appeal: hiding a contribution, suspending an account. */
const APPEALABLE = new Set(['hide', 'suspend']);

/** Who the decision is about: the contribution's authors, or the suspended account. */
async function authorsOf(db: Queryable, action: ModerationLogRow): Promise<string[]> {
  if (action.subject_type === 'account') return [action.subject_id];
  return (await findSubject(db, action.subject_type, action.subject_id))?.authors ?? [];
}

/**
 * Is the decision still in force? Judged on the current state, not on the log's latest line (a
 * report dismissed or kept since does not count): the contribution is still hidden, or the account
 * still suspended, and no later hide, restore, suspension or lifting replaced the decision.
 */
export async function inForce(db: Queryable, action: ModerationLogRow, now = new Date()): Promise<boolean> {
  if ((await lastStateChangeOn(db, action.subject_type, action.subject_id))?.id !== action.id) return false;
  if (action.subject_type === 'account') {
    const user = await findUserById(db, action.subject_id);
    return !!user && isSuspended(suspensionOf(user), now);
  }
  return ((await findSubject(db, action.subject_type, action.subject_id))?.hidden_reason ?? null) !== null;
}

/**
 * Whom the appeal of `action` concerns: the moderator who decided, the contribution's authors (or
 * the account) and the appellant — none of them may settle it (the `reviewer` rule, authorize.ts).
 * The JSON route, the form and the decision's page ask the same question with it.
 */
export async function appealTarget(db: Queryable, action: ModerationLogRow, appeal: { author_id: string }): Promise<Target> {
  return { decidedBy: action.moderator_id, authorIds: [...new Set([...(await authorsOf(db, action)), appeal.author_id])] };
}

async function loadAction(db: Queryable, actionId: string): Promise<ModerationLogRow> {
  const action = await findModerationAction(db, actionId);
  if (!action) throw notFound(msg('Décision de modération introuvable.'));
  return action;
}

/**
 * The author of a hidden contribution (or a suspended account) appeals the decision, once, while
 * it is in force. The appeal's id.
 */
export async function appealDecision(db: Db, input: { user: UserRow; actionId: string; body: string }): Promise<string> {
  const action = await loadAction(db, input.actionId);
  await authorize(db, 'moderation.appeal', input.user, { authorIds: await authorsOf(db, action) });
  if (!APPEALABLE.has(action.action)) throw new AppError('conflict', msg('Seules les décisions de masquer une contribution ou de suspendre un compte peuvent faire l’objet d’un appel.'));
  if (!(await inForce(db, action))) {
    throw new AppError('conflict', msg('Cette décision n’est plus en vigueur : la contribution n’est plus masquée (ou le compte plus suspendu) par elle.'));
  }
  const id = await insertAppeal(db, { actionId: input.actionId, authorId: input.user.id, body: input.body.trim() });
  if (id === null) throw new AppError('conflict', msg('Cette décision a déjà fait l’objet d’un appel : on ne fait appel qu’une fois.'));
  return String(id);
}

/**
 * A moderator who is no party to the case (neither the one who decided, nor an author of the
 * contribution, nor the appellant) settles the appeal, while the decision is in force: upheld (the
 * decision stands) or overturned (the contribution is restored, the suspension lifted). Both are in
 * the public log and the person is told (a notification; an e-mail for an account).
 */
export async function decideAppeal(
  db: Db,
  deps: ModerationDeps,
  input: { moderator: UserRow; appealId: string; decision: 'upheld' | 'overturned'; reason: string },
): Promise<{ actionId: string }> {
  const appeal = await findAppeal(db, input.appealId);
  if (!appeal) throw notFound(msg('Appel introuvable.'));
  const action = await loadAction(db, String(appeal.action_id));
  await authorize(db, 'moderation.decideAppeal', input.moderator, await appealTarget(db, action, appeal));
  const reason = input.reason.trim();
  const out = await db.transaction(async (tx) => {
    if (!(await recordAppealDecision(tx, { id: input.appealId, decision: input.decision, moderatorId: input.moderator.id, reason }))) {
      throw new AppError('conflict', msg('Cet appel a déjà été tranché.'));
    }
    const upheld = input.decision === 'upheld';
    const undo = action.subject_type === 'account' ? 'lift' : 'restore';
    // confirmed or undone, the decision must still be what holds the content hidden (the account suspended)
    if (!(await inForce(tx, action))) {
      throw new AppError('conflict', msg('Cette décision n’est plus en vigueur : il n’y a plus rien à confirmer ni à annuler.'));
    }
    if (!upheld && action.subject_type === 'account') await setUserSuspension(tx, action.subject_id, { at: null, until: null });
    if (!upheld && action.subject_type !== 'account') await setSubjectHidden(tx, action.subject_type, action.subject_id, null);
    const actionId = await insertModerationAction(tx, {
      type: action.subject_type, id: action.subject_id, billId: action.bill_id, action: upheld ? 'uphold' : undo, reason,
      rule: action.rule, moderatorId: input.moderator.id, appealId: input.appealId,
    });
    if (action.subject_type !== 'account' && action.bill_id) {
      await appendEvent(tx, {
        billId: action.bill_id, type: `moderation.${upheld ? 'uphold' : 'restore'}`, actorId: input.moderator.id,
        subjectType: action.subject_type, subjectId: action.subject_id, data: { reason, actionId, appealId: input.appealId },
      });
      await notifyModeration(tx, {
        userIds: [appeal.author_id], billId: action.bill_id, amendmentId: action.subject_type === 'amendment' ? action.subject_id : null,
        actorId: input.moderator.id, actionId: String(action.id),
        message: upheld
          ? fill(msg('Votre appel a été examiné par {{acteur}} : la décision de masquer votre contribution est confirmée — {{raison}}.'), { acteur: ACTOR, raison: reason })
          : fill(msg('Votre appel a été accepté par {{acteur}} : votre contribution est rétablie — {{raison}}.'), { acteur: ACTOR, raison: reason }),
      });
    }
    if (action.subject_type === 'account') {
      await queueAccountNotice(tx, deps.mail, action.subject_id, actionId, { what: input.decision, reason });
    }
    return { actionId };
  });
  if (action.subject_type === 'account') deps.mail.kick();
  if (action.subject_type === 'account' && input.decision === 'overturned') deps.sessions.forgetUser(action.subject_id);
  return out;
}

