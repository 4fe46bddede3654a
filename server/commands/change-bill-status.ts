import { fill, msg } from '../../shared/i18n';
import { adoptionBlocker } from '../../shared/commission';
import { canMoveTo, STATUS_LABELS_FR, type BillStatus } from '../../shared/phases';
import type { LiveRevocation } from '../collab/revocation';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { pendingAmendmentIds } from '../sql/amendments';
import { findBill, updateBillStatus, type BillRow } from '../sql/bills';
import { listMembers } from '../sql/commission';
import { appendEvent } from '../sql/events';
import { freezeAdoptedText } from './adopt-bill';
import { notifyFrozenDrafts } from './close-drafts';

/**
 * Moves a bill one phase forward (never back, never skipping) and records who did it and when.
 * Open live documents of the bill follow (the consultation's drafts become read-only, so do the
 * formalisation workspaces when the commission ends).
 */
export async function changeBillStatus(
  db: Db,
  live: LiveRevocation,
  input: { billId: string; to: BillStatus; actorId: string },
): Promise<BillRow> {
  const bill = await db.transaction(async (tx) => {
    const bill = await findBill(tx, input.billId, { forUpdate: true });
    if (!bill) throw notFound(msg('Projet de loi introuvable.'));
    if (!canMoveTo(bill.status, input.to)) {
      throw new AppError(
        'wrong_phase',
        fill(msg('Impossible de passer de la phase « {{de}} » à « {{vers}} » : les phases avancent une à une.'), { de: STATUS_LABELS_FR[bill.status], vers: STATUS_LABELS_FR[input.to] }),
        { status: bill.status, requested: input.to },
      );
    }
    if (input.to === 'adopted') {
      const blocker = adoptionBlocker(await listMembers(tx, bill.id), await pendingAmendmentIds(tx, bill.id));
      if (blocker) throw new AppError(blocker.code, blocker.message, blocker.details);
    }
    await updateBillStatus(tx, bill.id, bill.status, input.to);
    if (input.to === 'adopted') await freezeAdoptedText(tx, bill.id, input.actorId);
    await notifyFrozenDrafts(tx, { billId: bill.id, from: bill.status, actorId: input.actorId });
    await appendEvent(tx, {
      billId: bill.id,
      type: 'bill.status_changed',
      actorId: input.actorId,
      subjectType: 'bill',
      subjectId: bill.id,
      data: { from: bill.status, to: input.to },
    });
    return { ...bill, status: input.to };
  });
  await live.recheckDocs({ billId: bill.id });
  return bill;
}
