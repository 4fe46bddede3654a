import { fill, msg } from '../../shared/i18n';
import { randomUUID } from 'node:crypto';
import { addComment, listComments, setResolved, type DraftComment } from '../../shared/draft-comments';
import { amendmentDocName } from '../../shared/live-docs';
import type { DocRegistry } from '../collab/registry';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import type { UserRow } from '../sql/users';
import { loadOwnAmendment } from './amendment-access';

/** Co-authors' comments live in the draft's document: only its authors read and write them. */
async function ownLiveDraft(db: Db, user: UserRow, amendmentId: string): Promise<string> {
  const a = await loadOwnAmendment(db, amendmentId, user);
  if (a.kind === 'delete') throw new AppError('conflict', msg('Un amendement de suppression n’a pas de texte à commenter.'));
  return amendmentDocName(a.id);
}

export async function listDraftComments(db: Db, live: DocRegistry, input: { user: UserRow; amendmentId: string }): Promise<DraftComment[]> {
  return live.withDoc(await ownLiveDraft(db, input.user, input.amendmentId), (d) => listComments(d.doc));
}

export async function commentDraft(
  db: Db,
  live: DocRegistry,
  input: { user: UserRow; amendmentId: string; alinea: number; start: number; end: number; body: string },
): Promise<DraftComment> {
  const docName = await ownLiveDraft(db, input.user, input.amendmentId);
  const id = randomUUID();
  return live.withDoc(docName, (d) => {
    try {
      addComment(d.doc, { id, authorId: input.user.id, authorName: input.user.display_name, body: input.body.trim(), alinea: input.alinea - 1, start: input.start, end: input.end });
    } catch (err) {
      if (err instanceof RangeError) throw new AppError('unprocessable', fill(msg('Ce passage n’existe pas dans l’alinéa {{alinea}} du brouillon.'), { alinea: input.alinea }));
      throw err;
    }
    return listComments(d.doc).find((c) => c.id === id)!;
  });
}

export async function resolveDraftComment(
  db: Db,
  live: DocRegistry,
  input: { user: UserRow; amendmentId: string; commentId: string; resolved: boolean },
): Promise<DraftComment> {
  const docName = await ownLiveDraft(db, input.user, input.amendmentId);
  return live.withDoc(docName, (d) => {
    if (!setResolved(d.doc, input.commentId, input.resolved)) throw notFound(msg('Commentaire introuvable.'));
    return listComments(d.doc).find((c) => c.id === input.commentId)!;
  });
}
