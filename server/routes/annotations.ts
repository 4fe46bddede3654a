import { z } from 'zod';
import { operationRoute } from '../http/operation-route';
import { annotateOp, replyOp } from '../operations/contributions';
import { claimJson } from '../operations/on-behalf';
import type { OpDeps } from '../operations/operation';
import { route, type Api } from '../http/route';
import { idParam } from '../http/schemas';
import { loadArticleAnnotations } from '../present/annotations';

export function annotationRoutes(api: Api, deps: OpDeps): void {
  const { db } = deps;
  operationRoute(api, deps, annotateOp, {
    method: 'post', path: '/api/articles/:articleId/annotations', tag: 'Annotations',
    summary: 'Annoter un passage (alinéa, début, fin en unités UTF-16, citation exacte — sinon 422) ; une structure de médiation : pour une personne ou un atelier (onBehalfOf)',
    responses: { 201: '{annotation, claim?: {code, url}} (claim : le code à remettre à la personne, donné une seule fois)' },
  }, async (filed, { params }) => ({
    status: 201, json: { annotation: (await loadArticleAnnotations(db, params.articleId)).find((a) => a.id === filed.id), ...claimJson(filed) },
  }));
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
