import { msg } from '../../shared/i18n';
import type { Db } from '../db/db';
import { hashToken, newSessionToken } from '../auth/tokens';
import { AppError, notFound } from '../errors';
import { addAuthor } from '../sql/amendment-authors';
import { findAmendment } from '../sql/amendments';
import { findInvitation, insertInvitation } from '../sql/invitations';
import type { UserRow } from '../sql/users';
import { loadOwnAmendment } from './amendment-access';

const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;

/** An author creates a link that lets whoever opens it (signed in) join the draft's authors. */
export async function createInvitation(db: Db, input: { user: UserRow; amendmentId: string }): Promise<{ token: string; expiresAt: Date }> {
  const a = await loadOwnAmendment(db, input.amendmentId, input.user);
  if (a.status !== 'draft') throw new AppError('conflict', msg('On invite des co-auteurs avant le dépôt.'), { status: a.status });
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await insertInvitation(db, { tokenHash: hashToken(token), amendmentId: a.id, createdBy: input.user.id, expiresAt });
  return { token, expiresAt };
}

/** The draft an invitation leads to (404 when unknown or expired). */
export async function invitationTarget(db: Db, token: string): Promise<string> {
  const invitation = await findInvitation(db, hashToken(token));
  if (!invitation) throw notFound(msg('Ce lien d’invitation n’existe pas ou a expiré.'));
  return invitation.amendment_id;
}

/** Joins the authors of the draft the invitation leads to; the draft must still be a draft. */
export async function acceptInvitation(db: Db, input: { user: UserRow; token: string }): Promise<string> {
  const amendmentId = await invitationTarget(db, input.token);
  return db.transaction(async (tx) => {
    const a = await findAmendment(tx, amendmentId, { forUpdate: true });
    if (!a) throw notFound(msg('Cet amendement n’existe plus.'));
    if (a.status !== 'draft') throw new AppError('conflict', msg('Cet amendement a déjà été déposé : il n’accueille plus de co-auteurs.'));
    await addAuthor(tx, a.id, input.user.id);
    return a.id;
  });
}
