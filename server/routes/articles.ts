import { z } from 'zod';
import { headingLine } from '../../shared/bill';
import { operationRoute } from '../http/operation-route';
import type { OpDeps } from '../operations/operation';
import { articleVote } from '../operations/votes';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { assuranceQuery, idParam, queryInt } from '../http/schemas';
import { findArticle, findArticleVersion, listArticleVersions } from '../sql/articles';
import { getTally } from '../sql/votes';

const articleParams = z.object({ articleId: idParam });

export function articleRoutes(api: Api, deps: OpDeps): void {
  const { db } = deps;
  route(
    api,
    {
      method: 'get', path: '/api/articles/:articleId', tag: 'Articles', access: 'public', params: articleParams,
      query: z.object({ assurance: assuranceQuery }),
      summary: 'Un article : texte courant, rubrique, liste de ses versions et votes (assurance=verified : des identités vérifiées seulement)',
      responses: { 200: '{id, billId, number, heading, alineas, version, summary, versions, tally}' },
    },
    async ({ params, query }) => {
      const a = await findArticle(db, params.articleId);
      if (!a) throw notFound('Article introuvable.');
      const [versions, tally] = await Promise.all([listArticleVersions(db, a.id), getTally(db, { type: 'article', id: a.id }, query.assurance)]);
      return {
        json: {
          id: a.id, billId: a.bill_id, number: a.number, heading: headingLine(a.headings), headings: a.headings,
          alineas: a.alineas, version: a.version, summary: a.summary ?? null,
          versions: versions.map((v) => ({ version: v.version, createdAt: v.created_at.toISOString(), reason: v.reason })),
          tally,
        },
      };
    },
  );
  route(
    api,
    {
      method: 'get', path: '/api/articles/:articleId/versions/:version', tag: 'Articles', access: 'public',
      params: z.object({ articleId: idParam, version: queryInt(1) }),
      summary: 'Une version de l’article (immuable)', responses: { 200: '{version, alineas, createdAt, reason}' },
    },
    async ({ params }) => {
      const v = await findArticleVersion(db, params.articleId, params.version);
      if (!v) throw notFound('Version introuvable.');
      return { json: { version: v.version, alineas: v.alineas, createdAt: v.created_at.toISOString(), reason: v.reason } };
    },
  );
  operationRoute(api, deps, articleVote.cast, {
    method: 'put', path: '/api/articles/:articleId/vote', tag: 'Articles',
    summary: 'Voter sur l’article (d’accord / mitigé / pas d’accord) ; revoter remplace le vote', responses: { 200: '{tally}' },
  }, (tally) => ({ json: { tally } }));
  operationRoute(api, deps, articleVote.withdraw, {
    method: 'delete', path: '/api/articles/:articleId/vote', tag: 'Articles', summary: 'Retirer son vote sur l’article', responses: { 200: '{tally}' },
  }, (tally) => ({ json: { tally } }));
}
