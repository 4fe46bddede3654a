import { draftPhaseOf } from '../../shared/policy';
import { STATUS_LABELS_FR, type BillStatus } from '../../shared/phases';
import type { Queryable } from '../db/db';
import { notifyDraftAuthors } from '../sql/notifications';

/**
 * When a phase ends, the drafts begun in it are frozen (the live documents follow through
 * `recheckDocs`): each of their authors is told, once per draft, with a link to it.
 */
export async function notifyFrozenDrafts(tx: Queryable, input: { billId: string; from: BillStatus; actorId: string }): Promise<void> {
  const origin = (['citizen', 'commission'] as const).find((o) => draftPhaseOf(o) === input.from);
  if (!origin) return;
  await notifyDraftAuthors(tx, {
    billId: input.billId, origin, actorId: input.actorId,
    before: `La phase « ${STATUS_LABELS_FR[input.from]} » est close : votre brouillon à l’article `, after: ' ne peut plus être modifié ni déposé.',
  });
}
