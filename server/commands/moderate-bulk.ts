import type { BulkAction } from '../../shared/moderation';
import { authorize } from '../authorize';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import type { SubjectType } from '../sql/moderation';
import type { UserRow } from '../sql/users';
import { applyDecision } from './moderate';

export interface BulkOutcome {
  subjectType: SubjectType;
  subjectId: string;
  /** done: decided (its log entry); skipped: its state forbids it (already hidden…) or the moderator wrote it; not_found. */
  outcome: 'done' | 'skipped' | 'not_found';
  actionId?: string;
  message?: string;
}

/**
 * The queue's bulk action: one decision (hide, keep, dismiss) over several contributions, in one
 * transaction. An item whose state forbids it (already hidden, gone, written by the moderator) is skipped and said so; the
 * others are decided exactly as one by one (log, history, notification).
 */
export async function moderateBulk(
  db: Db,
  input: { moderator: UserRow; action: BulkAction; items: readonly { type: SubjectType; id: string }[]; rule?: string | undefined; reason?: string | undefined },
): Promise<BulkOutcome[]> {
  await authorize(db, 'contribution.moderate', input.moderator);
  return db.transaction(async (tx) => {
    const out: BulkOutcome[] = [];
    for (const item of input.items) {
      const base = { subjectType: item.type, subjectId: item.id };
      try {
        // an item is refused (conflict, not found) before anything of it is written
        const actionId = await applyDecision(tx, input.moderator, { ...item, action: input.action, rule: input.rule ?? null, reason: input.reason });
        out.push({ ...base, outcome: 'done', actionId });
      } catch (err) {
        // its own author moderating it (forbidden) is skipped too, with the reason
        if (!(err instanceof AppError) || (err.code !== 'conflict' && err.code !== 'not_found' && err.code !== 'forbidden')) throw err;
        out.push({ ...base, outcome: err.code === 'not_found' ? 'not_found' : 'skipped', message: err.message });
      }
    }
    return out;
  });
}
