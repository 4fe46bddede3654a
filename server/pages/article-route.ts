import type { Request, Response } from 'express';
import type { Db } from '../db/db';
import { AppError } from '../http/errors';
import { loadArticleAnnotations } from '../present/annotations';
import { presentArgumentsBySupport, withArgumentTallies } from '../present/argument';
import { pageAssurance } from './assurance-toggle';
import { listArguments } from '../sql/arguments';
import { findArticle, findNeighbours, listArticleVersions } from '../sql/articles';
import { findBill } from '../sql/bills';
import { findMyVote, getTally } from '../sql/votes';
import { articlePage } from './bill-pages';
import type { PassageMark } from './bill-text';
import { annotationsSection, argumentsSection } from './contribution-parts';
import { html } from '../html';
import { ctx } from './page-kit';

/**
 * The article page: text with annotated passages, votes, amendments, arguments, annotations.
 * Also re-rendered (status 422) when an annotation form fails, keeping what was typed.
 */
export async function renderArticlePage(
  db: Db,
  req: Request,
  res: Response,
  articleId: string,
  annotationError?: { message: string; values: Record<string, string> },
): Promise<void> {
  const article = await findArticle(db, articleId);
  if (!article) throw new AppError('not_found', 'Cet article n’existe pas.');
  const target = { type: 'article', id: article.id } as const;
  const assurance = pageAssurance(req);
  const [bill, versions, tally, mine, neighbours, notes, args] = await Promise.all([
    findBill(db, article.bill_id),
    listArticleVersions(db, article.id),
    getTally(db, target, assurance),
    req.user ? findMyVote(db, target, req.user.id) : Promise.resolve(null),
    findNeighbours(db, article.bill_id, article.position),
    loadArticleAnnotations(db, article.id),
    listArguments(db, 'article', article.id).then((rows) => withArgumentTallies(db, rows, assurance)),
  ]);
  if (!bill) throw new AppError('not_found', 'Ce projet de loi n’existe pas.');
  const open = bill.status === 'consultation';
  const here = `/articles/${article.id}`;
  const marks: PassageMark[] = notes.flatMap((n, i) =>
    n.anchor.status === 'orphaned' || n.hidden ? [] : [{ alinea: n.anchor.alinea, start: n.anchor.start, end: n.anchor.end, id: n.id, index: i + 1 }],
  );
  const extras = html`${argumentsSection(ctx(req), target, presentArgumentsBySupport(args), open, here)}
    ${annotationsSection(ctx(req), article, notes, open, here, annotationError)}`;
  res.status(annotationError && req.method === 'POST' ? 422 : 200).type('html');
  res.send(articlePage(ctx(req), { bill, article, versions, tally, mine, neighbours, marks, extras, assurance }));
}
