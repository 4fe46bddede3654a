import { isOpen } from '../../shared/amendment';
import { STATUS_LABELS_FR } from '../../shared/phases';
import type { Tally, VoteValue } from '../../shared/votes';
import type { Db } from '../db/db';
import { AppError, notFound } from '../http/errors';
import { findVoteTarget } from '../sql/vote-targets';
import { castVoteAndTally, type VoteTarget } from '../sql/votes';

const NOT_FOUND: Record<VoteTarget['type'], string> = {
  article: 'Article introuvable.',
  amendment: 'Amendement introuvable.',
  argument: 'Argument introuvable.',
};

/**
 * Casts, replaces (`value`) or withdraws (`null`) an account's vote on an article, an amendment or
 * an argument — only while the bill is in consultation, only on what is public and open.
 * One vote per account and target (the primary key); returns the tally after the change.
 */
export async function castVote(db: Db, input: { userId: string; target: VoteTarget; value: VoteValue | null }): Promise<Tally> {
  const state = await findVoteTarget(db, input.target);
  if (!state || state.amendment_status === 'draft') throw notFound(NOT_FOUND[input.target.type]);
  if (state.bill_status !== 'consultation') {
    throw new AppError('wrong_phase', `Les votes sont clos : le texte est en phase « ${STATUS_LABELS_FR[state.bill_status]} ».`, {
      status: state.bill_status,
    });
  }
  if (state.amendment_status && !isOpen(state.amendment_status)) {
    throw new AppError('conflict', 'Cet amendement n’est plus soumis au vote.', { status: state.amendment_status });
  }
  if (state.hidden_reason !== null) throw new AppError('conflict', 'Cette contribution a été masquée par la modération.');
  return castVoteAndTally(db, input.target, input.userId, input.value);
}
