import { z } from 'zod';
import { compute } from '../compute';
import type { Db } from '../db/db';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { idParam, isoDate, queryInt } from '../http/schemas';
import { presentEvent } from '../present/history';
import { findArticle, findArticleVersion } from '../sql/articles';
import { findBill } from '../sql/bills';
import { listHistory } from '../sql/events';

const cursor = z.string().regex(/^\d{1,18}$/, 'curseur invalide').transform(Number);

export const historyQuery = z.object({
  type: z.string().max(500).optional().transform((s) => (s ? s.split(',').map((t) => t.trim()).filter(Boolean) : undefined)),
  article: idParam.optional(),
  amendment: idParam.optional(),
  actor: idParam.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: cursor.optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: queryInt(1, 200).default(50),
});

/** API.md › History and open data: the public event log of a bill, and diffs between versions. */
export function historyRoutes(api: Api, db: Db): void {
  route(api, {
    method: 'get', path: '/api/bills/:billId/history', tag: 'Historique', access: 'public', params: z.object({ billId: idParam }), query: historyQuery,
    summary: 'Les événements publics d’un texte, dans l’ordre (order=desc : les plus récents d’abord), filtrables par type (séparés par des virgules), article, amendement, auteur de l’action et période ; pagination par curseur (next). Jamais qui a voté quoi.',
    responses: { 200: '{events: [{id, at, type, label, actor, subject, data}], next}' },
  }, async ({ params, query }) => {
    const bill = await findBill(db, params.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    const rows = await listHistory(db, {
      billId: bill.id, types: query.type, articleId: query.article, amendmentId: query.amendment, actorId: query.actor,
      from: query.from, to: query.to, after: query.cursor, order: query.order, limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return { json: { events: page.map(presentEvent), next: rows.length > query.limit ? String(page.at(-1)!.id) : null } };
  });

  route(api, {
    method: 'get', path: '/api/articles/:articleId/diff', tag: 'Historique', access: 'public', params: z.object({ articleId: idParam }),
    query: z.object({ from: queryInt(1), to: queryInt(1).optional() }),
    summary: 'La différence entre deux versions d’un article (to : la version courante par défaut), alinéa par alinéa puis mot à mot (docs/diff-format.md)',
    responses: { 200: '{articleId, from, to, diff}' },
  }, async ({ params, query }) => {
    const article = await findArticle(db, params.articleId);
    if (!article) throw notFound('Article introuvable.');
    const to = query.to ?? article.version;
    const [a, b] = await Promise.all([findArticleVersion(db, article.id, query.from), findArticleVersion(db, article.id, to)]);
    if (!a || !b) throw notFound(`L’article ${article.number} n’a pas de version ${!a ? query.from : to}.`);
    return { json: { articleId: article.id, from: query.from, to, diff: await compute().run('diffTexts', { before: a.alineas, after: b.alineas }) } };
  });
}
