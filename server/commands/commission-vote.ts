import { fill, msg } from '../../shared/i18n';
import { commissionTally, type CommissionTally, type CommissionVote } from '../../shared/commission';
import { isOpen, STATUS_LABELS_FR } from '../../shared/amendment';
import type { Db } from '../db/db';
import { authorize } from '../authorize';
import { AppError, notFound } from '../errors';
import { groupHead } from '../../shared/reconcile/group-head';
import { findAmendment, identicalOpen } from '../sql/amendments';
import { castCommissionVote, commissionVotesOf } from '../sql/commission';
import type { UserRow } from '../sql/users';

/**
 * A commission member votes for / against / abstain on an open amendment during the commission
 * (voting again replaces the vote; null withdraws it). Returns the tally per college.
 */
export async function voteInCommission(db: Db, input: { user: UserRow; amendmentId: string; value: CommissionVote | null }): Promise<CommissionTally> {
  return db.transaction(async (tx) => {
    const a = await findAmendment(tx, input.amendmentId, { forUpdate: true });
    if (!a || a.status === 'draft') throw notFound(msg('Amendement introuvable.'));
    await authorize(tx, 'commission.vote', input.user, { amendment: a });
    if (!isOpen(a.status)) throw new AppError('conflict', fill(msg('Cet amendement est « {{statut}} » : il n’est plus soumis au vote.'), { statut: STATUS_LABELS_FR[a.status] }), { status: a.status });
    // Identical amendments are decided by one vote: it is cast on the head of their group.
    const head = groupHead(await identicalOpen(tx, a))?.id ?? a.id;
    await castCommissionVote(tx, head, input.user.id, input.value);
    return commissionTally((await commissionVotesOf(tx, [head])).get(head) ?? []);
  });
}
