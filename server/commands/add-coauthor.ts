import { fill, msg } from '../../shared/i18n';
import type { Db, Queryable } from '../db/db';
import { AppError, notFound } from '../errors';
import { addAuthor, isAuthor } from '../sql/amendment-authors';
import { ACTOR, notifyUser } from '../sql/notifications';
import { findUserById, findUsersByExactName, type UserRow } from '../sql/users';
import { loadOwnAmendment } from './amendment-access';

export type CoauthorRef = { userId: string } | { displayName: string };

/** The account meant: by id, or by display name when exactly one account bears it. */
export async function resolveAccount(db: Queryable, ref: CoauthorRef): Promise<UserRow> {
  if ('userId' in ref) {
    const user = await findUserById(db, ref.userId);
    if (!user) throw notFound(msg('Ce compte n’existe pas.'));
    return user;
  }
  const matches = await findUsersByExactName(db, ref.displayName.trim());
  if (matches.length === 0) throw notFound(fill(msg('Aucun compte ne s’appelle « {{nom}} ».'), { nom: ref.displayName.trim() }));
  if (matches.length > 1) {
    throw new AppError('conflict', fill(msg('Plusieurs comptes s’appellent « {{nom}} » : envoyez plutôt un lien d’invitation.'), { nom: ref.displayName.trim() }));
  }
  return matches[0]!;
}

/** An author adds a co-author to a draft, by account id or display name (adding twice changes nothing). */
export async function addCoauthor(db: Db, input: { user: UserRow; amendmentId: string; coauthor: CoauthorRef }): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const a = await loadOwnAmendment(tx, input.amendmentId, input.user, { forUpdate: true });
    if (a.status !== 'draft') throw new AppError('conflict', msg('Les co-auteurs se joignent avant le dépôt.'), { status: a.status });
    const coauthor = await resolveAccount(tx, input.coauthor);
    if (coauthor.id !== input.user.id && !(await isAuthor(tx, a.id, coauthor.id))) {
      await addAuthor(tx, a.id, coauthor.id);
      await notifyUser(tx, {
        userId: coauthor.id, amendmentId: a.id, type: 'coauthor', actorId: input.user.id,
        // the name is read with the notification ({acteur}): a deleted account is never named
        message: fill(msg('{{acteur}} vous a ajouté aux co-auteurs d’un brouillon d’amendement à l’article {{article}} : vous pouvez l’écrire ensemble, en direct.'), { acteur: ACTOR, article: a.article_number }),
      });
    }
    return coauthor;
  });
}
