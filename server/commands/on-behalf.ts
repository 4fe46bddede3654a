import { msg } from '../../shared/i18n';
import { createHash, randomBytes } from 'node:crypto';
import { formatClaimCode, type OnBehalfOf } from '../../shared/assisted';
import { authorize } from '../authorize';
import type { Queryable } from '../db/db';
import { AppError } from '../errors';
import { insertAssisted, type AssistedSubject } from '../sql/assisted';
import { findMediator } from '../sql/mediators';
import type { UserRow } from '../sql/users';

/** What a contribution filed by a mediator carries into its command: for whom, and the claim code's hash. */
export interface OnBehalf {
  of: OnBehalfOf;
  /** SHA-256 of the claim code (contributions for a person only). */
  claimHash: Buffer | null;
}

/** The stored form of a claim code: it is high-entropy, so a plain SHA-256 suffices (no guessing to slow down). */
export const claimHash = (canonicalCode: string): Buffer => createHash('sha256').update(canonicalCode, 'utf8').digest();

/**
 * Prepares a contribution on behalf of someone: for a person, a fresh claim code (128 random bits),
 * returned once to the mediator and only its hash kept.
 */
export function prepareOnBehalf(of: OnBehalfOf | undefined): { onBehalf: OnBehalf | undefined; claimCode: string | null } {
  if (!of) return { onBehalf: undefined, claimCode: null };
  if (of.kind === 'workshop') return { onBehalf: { of, claimHash: null }, claimCode: null };
  const code = formatClaimCode(randomBytes(16));
  return { onBehalf: { of, claimHash: claimHash(code) }, claimCode: code };
}

/**
 * Records, in the contribution's own transaction, that `user` filed it for a person or a workshop:
 * the policy row `contribution.onBehalf` (mediators, during the consultation) and the mediator's
 * declared name and town, copied so that the mark never changes afterwards.
 */
export async function recordOnBehalf(
  tx: Queryable, user: UserRow, on: OnBehalf, subject: { type: AssistedSubject; id: string; billId: string },
): Promise<void> {
  await authorize(tx, 'contribution.onBehalf', user, { billId: subject.billId });
  const mediator = await findMediator(tx, user.id);
  if (!mediator) throw new AppError('forbidden', msg('Contribuer pour une personne ou un atelier : votre structure de médiation n’est pas déclarée.'));
  const of = on.of;
  await insertAssisted(tx, {
    subjectType: subject.type, subjectId: subject.id, billId: subject.billId,
    mediator: { id: user.id, name: mediator.name, town: mediator.town }, kind: of.kind,
    ...(of.kind === 'person'
      ? { personName: of.displayName, claimHash: on.claimHash ?? undefined }
      : { place: of.place, date: of.date, participants: of.participants }),
  });
}
