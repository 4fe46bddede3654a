import { STATUS_LABELS_FR as PHASE_LABELS } from '../../shared/phases';
import type { Queryable } from '../db/db';
import { AppError, forbidden, notFound } from '../http/errors';
import { isAuthor } from '../sql/amendment-authors';
import { findAmendment, type AmendmentRow } from '../sql/amendments';
import { findBill, type BillRow } from '../sql/bills';
import type { UserRow } from '../sql/users';
import type { AmendmentOrigin } from '../../shared/amendment';
import { memberCollege } from '../sql/commission';

/**
 * An amendment as `viewer` may see it: a draft exists only for its authors (others get the same
 * 404 as for an id that does not exist, so drafts do not leak).
 */
export async function loadVisibleAmendment(
  db: Queryable,
  id: string,
  viewer: UserRow | null,
  opts: { forUpdate?: boolean } = {},
): Promise<{ amendment: AmendmentRow; viewerIsAuthor: boolean }> {
  const amendment = await findAmendment(db, id, opts);
  if (!amendment) throw notFound('Amendement introuvable.');
  const viewerIsAuthor = viewer ? await isAuthor(db, amendment.id, viewer.id) : false;
  if (amendment.status === 'draft' && !viewerIsAuthor) throw notFound('Amendement introuvable.');
  return { amendment, viewerIsAuthor };
}

/** The same, for an action only an author may take (403 for others who can see it). */
export async function loadOwnAmendment(db: Queryable, id: string, user: UserRow, opts: { forUpdate?: boolean } = {}): Promise<AmendmentRow> {
  const { amendment, viewerIsAuthor } = await loadVisibleAmendment(db, id, user, opts);
  if (!viewerIsAuthor) throw forbidden('Seuls les auteurs de l’amendement peuvent faire cela.');
  return amendment;
}

/** Citizens write, submit and vote during the consultation only. */
export async function requireConsultation(db: Queryable, billId: string, what: string): Promise<BillRow> {
  const bill = await findBill(db, billId);
  if (!bill) throw notFound('Projet de loi introuvable.');
  if (bill.status !== 'consultation') {
    throw new AppError('wrong_phase', `${what} : impossible en phase « ${PHASE_LABELS[bill.status]} », seulement pendant la consultation.`, {
      status: bill.status,
    });
  }
  return bill;
}

/**
 * Who drafts and tables amendments when: citizens during the consultation (origin `citizen`);
 * during the commission, its members only (origin `commission`, numbered COM-1, COM-2…).
 * Returns the origin the user's amendments take now.
 */
export async function requireAmendingPhase(db: Queryable, billId: string, user: UserRow, what: string): Promise<AmendmentOrigin> {
  const bill = await findBill(db, billId);
  if (!bill) throw notFound('Projet de loi introuvable.');
  if (bill.status === 'consultation') return 'citizen';
  if (bill.status === 'commission') {
    if (await memberCollege(db, billId, user.id)) return 'commission';
    throw new AppError('wrong_phase', `${what} : pendant la phase « Commission », seuls les membres de la commission déposent des amendements.`, { status: bill.status });
  }
  throw new AppError('wrong_phase', `${what} : impossible en phase « ${PHASE_LABELS[bill.status]} ».`, { status: bill.status });
}
