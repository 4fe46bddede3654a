import { fill, msg } from '../../shared/i18n';
import type { LiveRevocation } from '../collab/revocation';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { countAuthors, removeAuthor } from '../sql/amendment-authors';
import { notifyUser } from '../sql/notifications';
import type { UserRow } from '../sql/users';
import { loadOwnAmendment } from './amendment-access';

/**
 * An author removes a co-author from a draft, or leaves it (removing themselves); a draft always
 * keeps one author. The removed person is told, and their open editors close at once (4403).
 */
export async function removeCoauthor(db: Db, live: LiveRevocation, input: { user: UserRow; amendmentId: string; coauthorId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await loadOwnAmendment(tx, input.amendmentId, input.user, { forUpdate: true });
    if (a.status !== 'draft') throw new AppError('conflict', msg('Les co-auteurs d’un amendement déposé ne changent plus.'), { status: a.status });
    if ((await countAuthors(tx, a.id)) <= 1) {
      throw new AppError('conflict', msg('Un brouillon garde au moins un auteur : supprimez-le plutôt, ou ajoutez d’abord un co-auteur.'));
    }
    if (!(await removeAuthor(tx, a.id, input.coauthorId))) throw notFound(msg('Cette personne n’est pas co-autrice de ce brouillon.'));
    if (input.coauthorId !== input.user.id) {
      await notifyUser(tx, {
        userId: input.coauthorId, amendmentId: a.id, type: 'coauthor',
        message: fill(msg('Vous avez été retiré des co-auteurs d’un brouillon d’amendement à l’article {{article}} : vous ne pouvez plus l’écrire.'), { article: a.article_number }),
      });
    }
  });
  await live.recheckDocs({ amendmentId: input.amendmentId });
}
