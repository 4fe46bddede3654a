import { fill, msg } from '../../shared/i18n';
import { displayNumber, isOpen, STATUS_LABELS_FR } from '../../shared/amendment';
import { POLICY, type Operation } from '../../shared/policy';
import { authorize, precheck } from '../authorize';
import type { Queryable } from '../db/db';
import { AppError, notFound } from '../errors';
import { findAmendment, type AmendmentRow } from '../sql/amendments';
import type { UserRow } from '../sql/users';

/**
 * A submitted amendment a clerk acts on, locked. Drafts are invisible to clerks (404, as for
 * everyone but their authors); who may act in which phase is the policy's row for `op` (the desk
 * works during the consultation and the commission; formalising, answering and declaring
 * inadmissible belong to the clerk in charge while the amendment is open).
 */
export async function loadForClerk(
  tx: Queryable, id: string, user: UserRow, op: Operation, opts: { open?: boolean } = {},
): Promise<AmendmentRow> {
  precheck(op, user);
  const a = await findAmendment(tx, id, { forUpdate: true });
  if (!a || a.status === 'draft') throw notFound(msg('Amendement introuvable.'));
  await authorize(tx, op, user, { amendment: a });
  if (opts.open && !isOpen(a.status)) {
    throw new AppError('conflict', fill(msg('{{action}} : l’amendement est « {{statut}} ».'), { action: POLICY[op].verb, statut: STATUS_LABELS_FR[a.status] }), { status: a.status });
  }
  return a;
}

/** « l’amendement n° 12 » in messages to its authors. */
export const amendmentLabel = (a: Pick<AmendmentRow, 'origin' | 'number' | 'article_number'>) =>
  fill(msg('l’amendement n° {{numero}} (article {{article}})'), { numero: displayNumber(a.origin, a.number) ?? '?', article: a.article_number });
