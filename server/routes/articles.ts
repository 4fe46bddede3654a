import { z } from 'zod';
import { headingLine } from '../../shared/bill';
import type { Db } from '../db/db';
import { castVote } from '../commands/cast-vote';
import { requireUser } from '../http/auth';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { idParam, queryInt, voteBody } from '../http/schemas';
import { findArticle, findArticleVersion, listArticleVersions } from '../sql/articles';
import { getTally } from '../sql/votes';

const articleParams = z.object({ articleId: idParam });

export function articleRoutes(api: Api, db: Db): void {
  route(
    api,
    {
      method: 'get', path: '/api/articles/:articleId', tag: 'Articles', access: 'public', params: articleParams,
      summary: 'Un article : texte courant, rubrique, liste de ses versions et votes', responses: { 200: '{id, billId, number, heading, alineas, version, versions, tally}' },
    },
    async ({ params }) => {
      const a = await findArticle(db, params.articleId);
      if (!a) throw notFound('Article introuvable.');
      const [versions, tally] = await Promise.all([listArticleVersions(db, a.id), getTally(db, { type: 'article', id: a.id })]);
      return {
        json: {
          id: a.id, billId: a.bill_id, number: a.number, heading: headingLine(a.headings), headings: a.headings,
          alineas: a.alineas, version: a.version,
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
  route(
    api,
    {
      method: 'put', path: '/api/articles/:articleId/vote', tag: 'Articles', access: 'signed-in', params: articleParams, body: voteBody,
      summary: 'Voter sur l’article (d’accord / mitigé / pas d’accord) ; revoter remplace le vote', responses: { 200: '{tally}' },
    },
    async ({ params, body, req }) => {
      const user = requireUser(req);
      return { json: { tally: await castVote(db, { userId: user.id, target: { type: 'article', id: params.articleId }, value: body.value }) } };
    },
  );
  route(
    api,
    {
      method: 'delete', path: '/api/articles/:articleId/vote', tag: 'Articles', access: 'signed-in', params: articleParams,
      summary: 'Retirer son vote sur l’article', responses: { 200: '{tally}' },
    },
    async ({ params, req }) => {
      const user = requireUser(req);
      return { json: { tally: await castVote(db, { userId: user.id, target: { type: 'article', id: params.articleId }, value: null }) } };
    },
  );
}
