import { msg } from '../../shared/i18n';
import type { ReconcileResult } from '../../shared/reconcile';
import { amendmentDocName } from '../../shared/live-docs';
import { verifyPassword } from '../auth/passwords';
import type { SessionCache } from '../auth/session-cache';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { AppError, forbidden, unauthenticated } from '../errors';
import {
  adoptedTextsNaming, anonymiseAccount, countOtherAdmins, deleteLiveDocuments, deleteOwnDrafts, deletePersonalRows, DELETED_NAME,
  detachVotes, lockCredentials, rewriteAdoptedText,
} from '../sql/privacy';
import type { UserRow } from '../sql/users';

/** The frozen reconciled text with the deleted person's name replaced wherever they are credited. */
export function renameAuthor(result: ReconcileResult, userId: string, name: string): ReconcileResult {
  const contributors = Object.fromEntries(Object.entries(result.contributors).map(([id, c]) => [id, {
    ...c, authors: c.authors.map((a) => (a.id === userId ? { ...a, displayName: name } : a)),
  }]));
  return { ...result, contributors };
}

/**
 * Deletes the signed-in person's account once they confirm with their password (migration 013
 * explains the design): the account row is anonymised in place, so that their public
 * contributions stay signed « contributeur supprimé »; each of their votes moves to an anonymous
 * placeholder, so that tallies do not change and no vote leads back to them; their sessions end
 * at once, their notifications, invitation links and drafts nobody else writes are deleted. All of
 * it in one transaction: either the account is gone, or nothing changed.
 */
export async function deleteAccount(
  db: Db,
  input: { user: UserRow; password: string },
  deps: { sessions: SessionCache; live: LiveDocs },
): Promise<void> {
  const userId = input.user.id;
  // the hash is checked before the transaction: argon2 takes tens of milliseconds, locks need not wait
  const before = await lockCredentials(db, userId);
  if (!before) throw unauthenticated();
  if (before.password_hash === null) {
    // an account created through an identity provider: it confirms with a password it sets first
    throw forbidden(msg('Votre compte n’a pas de mot de passe : définissez-en un (« Mot de passe oublié » sur la page de connexion), puis confirmez la suppression avec lui.'));
  }
  if (!(await verifyPassword(before.password_hash, input.password))) {
    throw forbidden(msg('Mot de passe incorrect : votre compte n’a pas été supprimé.'));
  }
  const drafts = await db.transaction(async (tx) => {
    const account = await lockCredentials(tx, userId);
    if (!account || account.password_hash !== before.password_hash) throw unauthenticated();
    if (account.roles.includes('admin') && (await countOtherAdmins(tx, userId)) === 0) {
      throw new AppError('conflict', msg('Vous êtes la seule personne administratrice : nommez-en une autre avant de supprimer votre compte.'));
    }
    await detachVotes(tx, userId);
    const deleted = await deleteOwnDrafts(tx, userId);
    await deleteLiveDocuments(tx, deleted.map(amendmentDocName));
    await deletePersonalRows(tx, userId);
    for (const t of await adoptedTextsNaming(tx, userId)) {
      await rewriteAdoptedText(tx, t.bill_id, renameAuthor(t.result as ReconcileResult, userId, DELETED_NAME));
    }
    if (!(await anonymiseAccount(tx, userId))) throw unauthenticated();
    return deleted;
  });
  // this process forgets the sessions at once; others within their cache's few seconds
  deps.sessions.forgetUser(userId);
  for (const id of drafts) deps.live.closeAuthors(amendmentDocName(id), 'Ce brouillon a été supprimé avec le compte de son auteur.');
  // and its open WebSockets close (4401: no session left)
  await deps.live.recheckUser(userId);
}
