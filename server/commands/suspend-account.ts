import { msg } from '../../shared/i18n';
import { ruleTitle } from '../../shared/moderation';
import type { LiveRevocation } from '../collab/revocation';
import { authorize } from '../authorize';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { insertModerationAction } from '../sql/moderation';
import { findUserById, setUserSuspension, type UserRow } from '../sql/users';
import { queueAccountNotice, type ModerationDeps } from './moderation-mail';

export interface SuspensionDeps extends ModerationDeps {
  live: Pick<LiveRevocation, 'recheckUser'>;
}

/**
 * Suspends an account until a date, or permanently (`until` null), with a public reason. From the
 * commit on it reads but no longer writes (the policy's suspension rule, every door): its cached
 * sessions are forgotten and its open live documents closed — the path of a role loss, relayed to
 * the other processes. Its holder is told by e-mail: the reason, the end, how to appeal.
 */
export async function suspendAccount(
  db: Db, deps: SuspensionDeps,
  input: { moderator: UserRow; userId: string; until: Date | null; rule?: string | undefined; reason: string; now?: Date },
): Promise<{ actionId: string; user: UserRow }> {
  await authorize(db, 'account.suspend', input.moderator);
  if (input.userId === input.moderator.id) throw new AppError('conflict', msg('Vous ne pouvez pas suspendre votre propre compte.'));
  const now = input.now ?? new Date();
  if (input.until && input.until.getTime() <= now.getTime()) {
    throw new AppError('validation_failed', msg('La fin de la suspension doit être dans le futur.'), [{ path: 'until', message: msg('date passée') }]);
  }
  const target = await findUserById(db, input.userId);
  if (!target) throw notFound(msg('Compte introuvable.'));
  if (target.roles.length > 0 && !input.moderator.roles.includes('admin')) {
    throw new AppError('forbidden', msg('Suspendre un compte : seul un administrateur suspend un compte qui a un rôle (administration, greffe, modération).'));
  }
  const out = await db.transaction(async (tx) => {
    const user = await setUserSuspension(tx, input.userId, { at: now, until: input.until });
    if (!user) throw notFound(msg('Compte introuvable.'));
    const actionId = await insertModerationAction(tx, {
      type: 'account', id: input.userId, billId: null, action: 'suspend', reason: input.reason.trim(), rule: input.rule ?? null,
      moderatorId: input.moderator.id, suspendedUntil: input.until,
    });
    await queueAccountNotice(tx, deps.mail, input.userId, actionId, {
      what: 'suspended', until: input.until, reason: input.reason.trim(), rule: input.rule ? ruleTitle(input.rule) : null,
    });
    return { actionId, user };
  });
  deps.mail.kick();
  deps.sessions.forgetUser(input.userId);
  await deps.live.recheckUser(input.userId);
  return out;
}

/** Lifts a suspension before its end, with a public reason; its holder is told by e-mail. */
export async function liftSuspension(
  db: Db, deps: SuspensionDeps, input: { moderator: UserRow; userId: string; reason: string },
): Promise<{ actionId: string }> {
  await authorize(db, 'account.lift', input.moderator);
  const target = await findUserById(db, input.userId);
  if (!target) throw notFound(msg('Compte introuvable.'));
  if (target.suspended_at === null || (target.suspended_until !== null && target.suspended_until.getTime() <= Date.now())) {
    throw new AppError('conflict', msg('Ce compte n’est pas suspendu.'));
  }
  const out = await db.transaction(async (tx) => {
    await setUserSuspension(tx, input.userId, { at: null, until: null });
    const actionId = await insertModerationAction(tx, { type: 'account', id: input.userId, billId: null, action: 'lift', reason: input.reason.trim(), moderatorId: input.moderator.id });
    await queueAccountNotice(tx, deps.mail, input.userId, actionId, { what: 'lifted', reason: input.reason.trim() });
    return { actionId };
  });
  deps.mail.kick();
  deps.sessions.forgetUser(input.userId);
  return out;
}
