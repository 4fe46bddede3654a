import { STATUS_LABELS_FR } from '../../shared/phases';
import type { Tally, VoteValue } from '../../shared/votes';
import type { Db } from '../db/db';
import { isId } from '../sql/ids';
import { AppError, notFound } from '../http/errors';
import { castVoteChecked, type VoteTarget } from '../sql/votes';

const NOT_FOUND: Record<VoteTarget['type'], string> = {
  article: 'Article introuvable.',
  amendment: 'Amendement introuvable.',
  argument: 'Argument introuvable.',
};

/**
 * Casts, replaces (`value`) or withdraws (`null`) an account's vote on an article, an amendment or
 * an argument — only while the bill is in consultation, only on what is public and open.
 * One vote per account and target (the primary key); returns the tally after the change.
 * The checks run in the database with the cast (one round trip); this maps their outcome.
 */
export async function castVote(db: Db, input: { userId: string; target: VoteTarget; value: VoteValue | null }): Promise<Tally> {
  if (!isId(input.target.id)) throw notFound(NOT_FOUND[input.target.type]);
  const { outcome, billStatus, tally } = await castVoteChecked(db, input.target, input.userId, input.value);
  switch (outcome) {
    case 'ok':
      return tally;
    case 'not_found':
      throw notFound(NOT_FOUND[input.target.type]);
    case 'wrong_phase':
      throw new AppError('wrong_phase', `Les votes sont clos : le texte est en phase « ${billStatus ? STATUS_LABELS_FR[billStatus] : '?'} ».`, { status: billStatus });
    case 'closed':
      throw new AppError('conflict', 'Cet amendement n’est plus soumis au vote.');
    case 'hidden':
      throw new AppError('conflict', 'Cette contribution a été masquée par la modération.');
  }
}
