import { fill, msg } from '../../shared/i18n';
import { checkSelection } from '../../shared/annotation-anchor';
import type { Db } from '../db/db';
import { AppError, notFound } from '../errors';
import { findAnnotation, insertAnnotation, insertReply } from '../sql/annotations';
import { findArticle, findArticleVersion } from '../sql/articles';
import type { UserRow } from '../sql/users';
import { authorize } from '../authorize';
import { recordOnBehalf, type OnBehalf } from './on-behalf';
import { raiseAutoFlags } from './auto-flags';

/**
 * Annotates a passage of a published article version. The selection must quote the text exactly
 * (422 otherwise); prefix and suffix are stored so the passage can be found again on later versions.
 * A mediator may annotate on behalf of a person or for a workshop (`onBehalf`).
 */
export async function annotate(
  db: Db,
  input: { user: UserRow; articleId: string; version: number; alinea: number; start: number; end: number; quote: string; body: string; onBehalf?: OnBehalf | undefined },
): Promise<string> {
  const article = await findArticle(db, input.articleId);
  if (!article) throw notFound(msg('Article introuvable.'));
  await authorize(db, 'annotation.create', input.user, { billId: article.bill_id });
  const version = await findArticleVersion(db, article.id, input.version);
  if (!version) throw notFound(fill(msg('L’article n’a pas de version {{version}}.'), { version: input.version }));
  const check = checkSelection(version.alineas, input);
  if (!check.ok) throw new AppError('unprocessable', check.message, { reason: check.reason });
  const body = input.body.trim();
  return db.transaction(async (tx) => {
    const id = await insertAnnotation(tx, {
      billId: article.bill_id, articleId: article.id, version: input.version, alinea: input.alinea, start: input.start, end: input.end,
      quote: input.quote, prefix: check.prefix, suffix: check.suffix, body, authorId: input.user.id,
    });
    if (input.onBehalf) await recordOnBehalf(tx, input.user, input.onBehalf, { type: 'annotation', id, billId: article.bill_id });
    await raiseAutoFlags(tx, { type: 'annotation', id, billId: article.bill_id, author: input.user, text: body });
    return id;
  });
}

/** Replies to an annotation (during the consultation). */
export async function replyToAnnotation(db: Db, input: { user: UserRow; annotationId: string; body: string }): Promise<string> {
  const annotation = await findAnnotation(db, input.annotationId);
  if (!annotation) throw notFound(msg('Annotation introuvable.'));
  await authorize(db, 'annotation.reply', input.user, { billId: annotation.bill_id });
  const body = input.body.trim();
  return db.transaction(async (tx) => {
    const id = await insertReply(tx, annotation.id, body, input.user.id);
    await raiseAutoFlags(tx, { type: 'reply', id, billId: annotation.bill_id, author: input.user, text: body });
    return id;
  });
}
