import { z } from 'zod';
import { castVote } from '../commands/cast-vote';
import { idParam, voteBody } from '../http/schemas';
import type { VoteTarget } from '../sql/votes';
import { operation } from './operation';

type Target = VoteTarget['type'];

/** Voting on an article, an amendment or an argument (again replaces the vote), and withdrawing it. */
export function voteOperations<K extends string>(type: Target, key: K) {
  const params = z.object({ [key]: idParam }) as z.ZodObject<Record<K, typeof idParam>>;
  const target = (p: Record<string, unknown>): VoteTarget => ({ type, id: String(p[key]) });
  return {
    cast: operation({
      policy: `vote.${type}`, params, body: voteBody,
      run: ({ db }, user, { params: p, body }) => castVote(db, { userId: user.id, target: target(p), value: body.value }),
    }),
    withdraw: operation({
      policy: `vote.${type}`, params,
      run: ({ db }, user, { params: p }) => castVote(db, { userId: user.id, target: target(p), value: null }),
    }),
  };
}

export const articleVote = voteOperations('article', 'articleId');
export const amendmentVote = voteOperations('amendment', 'id');
export const argumentVote = voteOperations('argument', 'id');
