import type { AmendmentStatus } from '../../shared/amendment';
import type { BillStatus } from '../../shared/phases';
import type { Queryable } from '../db/db';
import { isId } from './ids';
import type { VoteTarget } from './votes';

/** What the vote rules need to know about a target, in one query per kind of target. */
const SQL: Record<VoteTarget['type'], string> = {
  article: `SELECT b.status AS bill_status, NULL::text AS amendment_status, NULL::text AS hidden_reason
            FROM articles a JOIN bills b ON b.id = a.bill_id WHERE a.id = $1`,
  amendment: `SELECT b.status AS bill_status, a.status AS amendment_status, a.hidden_reason
              FROM amendments a JOIN bills b ON b.id = a.bill_id WHERE a.id = $1`,
  argument: `SELECT b.status AS bill_status, NULL::text AS amendment_status, g.hidden_reason
             FROM arguments g JOIN bills b ON b.id = g.bill_id WHERE g.id = $1`,
};

export interface VoteTargetState {
  bill_status: BillStatus;
  amendment_status: AmendmentStatus | null;
  hidden_reason: string | null;
}

export async function findVoteTarget(db: Queryable, target: VoteTarget): Promise<VoteTargetState | undefined> {
  if (!isId(target.id)) return undefined;
  return (await db.query<VoteTargetState>(SQL[target.type], [target.id])).rows[0];
}
