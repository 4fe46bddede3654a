import { displayNumber, isOpen, STATUS_LABELS_FR } from '../../shared/amendment';
import { STATUS_LABELS_FR as PHASE_LABELS } from '../../shared/phases';
import type { Queryable } from '../db/db';
import { AppError, forbidden, notFound } from '../http/errors';
import { findAmendment, type AmendmentRow } from '../sql/amendments';
import { findBill } from '../sql/bills';
import { findUserById, type UserRow } from '../sql/users';

export function requireClerk(user: UserRow): void {
  if (!user.roles.includes('clerk')) throw forbidden('Réservé aux greffiers.');
}

/**
 * A submitted amendment a clerk acts on, locked. Drafts are invisible to clerks (404, as for
 * everyone but their authors); the desk works during the consultation and the commission.
 * `inCharge`: the same rule as the live workspace — while the amendment is open, only the clerk in
 * charge of it acts (any clerk when nobody is); the others take it over first.
 */
export async function loadForClerk(
  tx: Queryable, id: string, user: UserRow, what: string, opts: { open?: boolean; inCharge?: boolean } = {},
): Promise<AmendmentRow> {
  requireClerk(user);
  const a = await findAmendment(tx, id, { forUpdate: true });
  if (!a || a.status === 'draft') throw notFound('Amendement introuvable.');
  const bill = await findBill(tx, a.bill_id);
  if (!bill || (bill.status !== 'consultation' && bill.status !== 'commission')) {
    throw new AppError('wrong_phase', `${what} : impossible en phase « ${PHASE_LABELS[bill?.status ?? 'draft']} ».`, { status: bill?.status });
  }
  if (opts.open && !isOpen(a.status)) {
    throw new AppError('conflict', `${what} : l’amendement est « ${STATUS_LABELS_FR[a.status]} ».`, { status: a.status });
  }
  if (opts.inCharge && a.assigned_clerk_id && a.assigned_clerk_id !== user.id && isOpen(a.status)) {
    throw await otherClerkInCharge(tx, a.assigned_clerk_id, what);
  }
  return a;
}

/** 409 `other_clerk_in_charge`: who has the amendment in charge, and how to take it over. */
export async function otherClerkInCharge(tx: Queryable, clerkId: string, what: string): Promise<AppError> {
  const clerk = await findUserById(tx, clerkId);
  const name = clerk?.display_name ?? 'un autre greffier';
  return new AppError(
    'other_clerk_in_charge',
    `${what} : ${name} a cet amendement en charge. Reprenez-le d’abord (« Reprendre ») : ${name} recevra une notification.`,
    { assignedClerk: { id: clerkId, displayName: name } },
  );
}

/** « l’amendement n° 12 » in messages to its authors. */
export const amendmentLabel = (a: Pick<AmendmentRow, 'origin' | 'number' | 'article_number'>) =>
  `l’amendement n° ${displayNumber(a.origin, a.number) ?? '?'} (article ${a.article_number})`;
