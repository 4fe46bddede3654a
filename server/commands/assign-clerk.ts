import type { LiveRevocation } from '../collab/revocation';
import type { Db } from '../db/db';
import { AppError } from '../http/errors';
import { assignClerk } from '../sql/amendments';
import { findUserById, type UserRow } from '../sql/users';
import { loadForClerk } from './clerk-access';

/**
 * Puts a clerk in charge of formalising an amendment (by default the one asking): that clerk, and
 * the authors, write in its formalisation workspace; other clerks watch.
 */
export async function assignAmendment(db: Db, live: LiveRevocation, input: { user: UserRow; amendmentId: string; clerkId?: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await loadForClerk(tx, input.amendmentId, input.user, 'Prendre en charge', { open: true });
    const clerkId = input.clerkId === undefined ? input.user.id : input.clerkId;
    if (clerkId !== null && clerkId !== input.user.id) {
      const clerk = await findUserById(tx, clerkId);
      if (!clerk?.roles.includes('clerk')) throw new AppError('validation_failed', 'Cette personne n’est pas greffier.', [{ path: 'clerkId', message: 'pas un greffier' }]);
    }
    await assignClerk(tx, a.id, clerkId);
  });
  // Open connections follow at once: the relieved clerk watches, the one in charge writes.
  await live.recheckDocs({ amendmentId: input.amendmentId });
}
