import { z } from 'zod';
import { annotate } from '../commands/annotate';
import { operationRoute } from '../http/operation-route';
import { replyOp } from '../operations/contributions';
import type { OpDeps } from '../operations/operation';
import { requireUser } from '../http/auth';
import { route, type Api } from '../http/route';
import { idParam, int32 } from '../http/schemas';
import { loadArticleAnnotations } from '../present/annotations';

const body = z.string().trim().min(1).max(5000);

export function annotationRoutes(api: Api, deps: OpDeps): void {
  const { db } = deps;
  route(api, {
    method: 'post', path: '/api/articles/:articleId/annotations', tag: 'Annotations', access: 'signed-in',
    params: z.object({ articleId: idParam }),
    body: z.object({
      version: int32(1),
      alinea: int32(1),
      start: int32(0),
      end: int32(1),
      quote: z.string().min(1).max(5000),
      body,
    }),
    summary: 'Annoter un passage (alinéa, début, fin en unités UTF-16, citation exacte — sinon 422)',
    responses: { 201: '{annotation}' },
  }, async ({ params, body: input, req }) => {
    const id = await annotate(db, { user: requireUser(req), articleId: params.articleId, ...input });
    const all = await loadArticleAnnotations(db, params.articleId);
    return { status: 201, json: { annotation: all.find((a) => a.id === id) } };
  });
  route(api, {
    method: 'get', path: '/api/articles/:articleId/annotations', tag: 'Annotations', access: 'public',
    params: z.object({ articleId: idParam }),
    summary: 'Les annotations d’un article et leurs réponses, ré-ancrées sur la version courante',
    responses: { 200: '{annotations}' },
  }, async ({ params }) => ({ json: { annotations: await loadArticleAnnotations(db, params.articleId) } }));
  operationRoute(api, deps, replyOp, {
    method: 'post', path: '/api/annotations/:id/replies', tag: 'Annotations', summary: 'Répondre à une annotation', responses: { 201: '{reply}' },
  }, (id, { params, body: input }) => ({ status: 201, json: { reply: { id, annotationId: params.id, body: input.body.trim() } } }));
}
