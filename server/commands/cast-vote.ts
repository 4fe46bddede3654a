import { msg } from '../../shared/i18n';
import { decide } from '../../shared/policy';
import type { Tally, VoteValue } from '../../shared/votes';
import type { Db } from '../db/db';
import { isId } from '../sql/ids';
import { AppError, notFound } from '../errors';
import { castVoteChecked, type VoteTarget } from '../sql/votes';

const NOT_FOUND: Record<VoteTarget['type'], string> = {
  article: msg('Article introuvable.'),
  amendment: msg('Amendement introuvable.'),
  argument: msg('Argument introuvable.'),
};

/**
 * Casts, replaces (`value`) or withdraws (`null`) an account's vote on an article, an amendment or
 * an argument — only while the bill is in consultation, only on what is public and open.
 * One vote per account and target (the primary key); returns the tally after the change.
 * The checks run in the database with the cast (one round trip: `cast_vote_checked`, migration 010,
 * holds the policy's `vote.*` rows — consultation only — for the hot path); this maps their outcome.
 */
export async function castVote(db: Db, input: { userId: string; target: VoteTarget; value: VoteValue | null }): Promise<Tally> {
  if (!isId(input.target.id)) throw notFound(NOT_FOUND[input.target.type]);
  const { outcome, billStatus, tally } = await castVoteChecked(db, input.target, input.userId, input.value);
  switch (outcome) {
    case 'ok':
      return tally;
    case 'not_found':
      throw notFound(NOT_FOUND[input.target.type]);
    case 'wrong_phase': {
      const refused = decide(`vote.${input.target.type}`, new Set(['citizen']), billStatus ?? 'draft');
      throw new AppError('wrong_phase', refused.ok ? msg('Les votes sont clos.') : refused.message, { status: billStatus });
    }
    case 'closed':
      throw new AppError('conflict', msg('Cet amendement n’est plus soumis au vote.'));
    case 'parliament':
      throw new AppError('conflict', msg('Les amendements parlementaires ne sont pas soumis au vote des citoyens.'));
    case 'hidden':
      throw new AppError('conflict', msg('Cette contribution a été masquée par la modération.'));
  }
}
