import { isOpen } from '../shared/amendment';
import { decide, decideSuspension, POLICY, type Actor, type Operation, type Rule } from '../shared/policy';
import type { BillStatus } from '../shared/phases';
import type { Queryable } from './db/db';
import { requireVerified } from './auth/verification';
import { AppError, refusalError } from './errors';
import { isAuthor } from './sql/amendment-authors';
import type { AmendmentRow } from './sql/amendments';
import { findBill, type BillRow } from './sql/bills';
import { memberCollege } from './sql/commission';
import { findUserById, type UserRow } from './sql/users';
import { msg } from '../shared/i18n';

/**
 * The server's side of `shared/policy.ts`: which qualities a person holds towards a bill or an
 * amendment (read from the database, only those the operation's row mentions), then the table's
 * answer, thrown as an `AppError` when it refuses.
 */
export interface Target {
  bill?: Pick<BillRow, 'id' | 'status'> | undefined;
  /** Its bill is read when `bill` is not given. */
  amendment?: Pick<AmendmentRow, 'id' | 'bill_id' | 'status' | 'assigned_clerk_id'> | undefined;
  /** A bill known by id only. */
  billId?: string | undefined;
  /** Who wrote the target when it is not an amendment (a moderated contribution, a suspended account): they are its `author`. */
  authorIds?: readonly string[] | undefined;
  /**
   * A moderation decision: who took it. A `reviewer` of its appeal is a moderator (or admin) who is
   * none of the parties: neither `decidedBy` nor among `authorIds` (the contribution's authors and
   * the appellant).
   */
  decidedBy?: string | undefined;
}

/** Is `user` a party to the case `target` is about (its decision's moderator, an author, the appellant)? */
export const isParty = (user: Pick<UserRow, 'id'>, target: Pick<Target, 'authorIds' | 'decidedBy'>): boolean =>
  target.decidedBy === user.id || (target.authorIds?.includes(user.id) ?? false);

/** The qualities an account holds by itself, whatever the resource. */
export function accountActors(user: UserRow | null): Set<Actor> {
  if (!user) return new Set(['anonymous']);
  return new Set<Actor>(['citizen', ...user.roles]);
}

const mentions = (op: Operation, actor: Actor) => actor in POLICY[op].allow;

/** Every quality `user` holds towards `target` that `op` cares about. */
export async function actorsOf(db: Queryable, op: Operation, user: UserRow | null, target: Target, billId?: string): Promise<Set<Actor>> {
  const actors = accountActors(user);
  if (!user) return actors;
  const a = target.amendment;
  if (a && mentions(op, 'author') && (await isAuthor(db, a.id, user.id))) actors.add('author');
  // In charge: the assigned clerk; any clerk while nobody is, or once the amendment is closed.
  if (a && actors.has('clerk') && (a.assigned_clerk_id === null || a.assigned_clerk_id === user.id || !isOpen(a.status))) actors.add('clerkInCharge');
  if (target.authorIds?.includes(user.id)) actors.add('author');
  if (target.decidedBy !== undefined && !isParty(user, target) && (actors.has('moderator') || actors.has('admin'))) actors.add('reviewer');
  if (billId && mentions(op, 'commissionMember') && (await memberCollege(db, billId, user.id))) actors.add('commissionMember');
  return actors;
}

/**
 * Refuses (throws) unless the table lets `user` do `op` on `target` in its bill's current phase.
 * Returns the phase it checked against. A target without a bill checks the actor only.
 */
/** Whether `authorize` would let `user` do `op` on `target` (what a page offers, by the same rule). */
export async function may(db: Queryable, op: Operation, user: UserRow | null, target: Target = {}): Promise<boolean> {
  try {
    await authorize(db, op, user, target);
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

export async function authorize(db: Queryable, op: Operation, user: UserRow | null, target: Target = {}): Promise<BillStatus | null> {
  const billId = target.bill?.id ?? target.amendment?.bill_id ?? target.billId;
  let phase: BillStatus | null = target.bill?.status ?? null;
  if (billId && !target.bill) {
    const bill = await findBill(db, billId);
    if (!bill) throw new AppError('not_found', msg('Projet de loi introuvable.'));
    phase = bill.status;
  }
  const actors = await actorsOf(db, op, user, target, billId);
  const d = decide(op, actors, phase);
  if (d.ok) {
    requireActiveAccount(op, user);
    return phase;
  }
  if (d.code === 'other_clerk_in_charge' && target.amendment?.assigned_clerk_id) {
    throw await otherClerkInCharge(db, target.amendment.assigned_clerk_id, POLICY[op].verb);
  }
  throw refusalError(d, d.code === 'wrong_phase' ? { status: phase } : undefined);
}

/**
 * The check that needs no resource, done before the input is read: an anonymous write is a 401
 * and a citizen calling an admin's operation a 403, whatever the body. Qualities held towards a
 * resource (author, member, clerk in charge) are assumed here; `authorize` checks them.
 */
export function precheck(op: Operation, user: UserRow | null): void {
  const actors = accountActors(user);
  if (user) for (const a of ['author', 'clerkInCharge', 'commissionMember'] as const) actors.add(a);
  if (actors.has('moderator') || actors.has('admin')) actors.add('reviewer');
  // a bar is a quality held towards a resource too: assumed absent here, `authorize` checks it
  const rule: Rule = POLICY[op];
  if (rule.barred) actors.delete(rule.barred.actor);
  const d = decide(op, actors, null);
  if (!d.ok && d.code !== 'not_found') throw refusalError(d);
  requireActiveAccount(op, user);
}

/**
 * What the account itself allows, whatever the resource, for every door: its e-mail verification
 * (EMAIL_VERIFICATION) and its suspension by the moderation (`account_suspended`).
 */
export function requireActiveAccount(op: Operation, user: UserRow | null, now = new Date()): void {
  if (!user) return;
  requireVerified(op, user);
  const d = decideSuspension(op, suspensionOf(user), now);
  if (!d.ok) throw refusalError(d, user.suspended_until ? { until: user.suspended_until.toISOString() } : { until: null });
}

export const suspensionOf = (user: Pick<UserRow, 'suspended_at' | 'suspended_until'>) => ({ suspendedAt: user.suspended_at, suspendedUntil: user.suspended_until });

/** 409 `other_clerk_in_charge`: who has the amendment in charge, and how to take it over. */
export async function otherClerkInCharge(db: Queryable, clerkId: string, what: string): Promise<AppError> {
  const clerk = await findUserById(db, clerkId);
  const name = clerk?.display_name ?? 'un autre greffier';
  return new AppError(
    'other_clerk_in_charge',
    `${what} : ${name} a cet amendement en charge. Reprenez-le d’abord (« Reprendre ») : ${name} recevra une notification.`,
    { assignedClerk: { id: clerkId, displayName: name } },
  );
}
