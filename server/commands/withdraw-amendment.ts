import { fill, msg } from '../../shared/i18n';
import { isOpen, STATUS_LABELS_FR } from '../../shared/amendment';
import { formalisationDocName } from '../../shared/live-docs';
import type { LiveTexts } from '../collab/registry';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { setAmendmentStatus } from '../sql/amendments';
import { authorize } from '../authorize';
import { appendEvent } from '../sql/events';
import type { UserRow } from '../sql/users';
import { loadOwnAmendment } from './amendment-access';
import { fallSubAmendments, parentClosedReason } from './sub-amendments';

/** An author withdraws a submitted amendment, as long as nothing was decided on it. */
export async function withdrawAmendment(db: Db, live: LiveTexts, input: { user: UserRow; amendmentId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await loadOwnAmendment(tx, input.amendmentId, input.user, { forUpdate: true });
    // once the text is adopted, its amendments are history
    await authorize(tx, 'amendment.withdraw', input.user, { amendment: a });
    if (!isOpen(a.status)) {
      const why = a.status === 'draft' ? msg('un brouillon n’est pas déposé') : fill(msg('il est « {{statut}} »'), { statut: STATUS_LABELS_FR[a.status] });
      throw new AppError('conflict', fill(msg('Impossible de retirer cet amendement : {{raison}}.'), { raison: why }), { status: a.status });
    }
    await setAmendmentStatus(tx, a.id, 'withdrawn');
    await fallSubAmendments(tx, a, parentClosedReason(a, 'withdrawn'), input.user.id);
    await appendEvent(tx, {
      billId: a.bill_id, type: 'amendment.withdrawn', actorId: input.user.id, subjectType: 'amendment', subjectId: a.id, data: { number: a.number },
    });
  });
  // Nobody goes on writing the formal text of an amendment that will not be examined.
  live.closeAuthors(formalisationDocName(input.amendmentId), 'amendement retiré');
}
