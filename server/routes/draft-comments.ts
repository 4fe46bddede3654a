import { z } from 'zod';
import type { DocRegistry } from '../collab/registry';
import { commentDraft, listDraftComments, resolveDraftComment } from '../commands/draft-comments';
import type { Db } from '../db/db';
import { requireUser } from '../http/auth';
import { route, type Api } from '../http/route';
import { idParam, int32 } from '../http/schemas';

/** Comments anchored inside a live draft, for its co-authors (also reachable live through Yjs). */
export function draftCommentRoutes(api: Api, db: Db, live: DocRegistry): void {
  const params = z.object({ id: idParam });
  route(api, {
    method: 'get', path: '/api/amendments/:id/comments', tag: 'Co-rédaction', access: 'draft.comment', params,
    summary: 'Les commentaires ancrés dans le brouillon, avec leur état (active, collapsed, orphaned)', responses: { 200: '{comments}' },
  }, async ({ params: p, req }) => ({ json: { comments: await listDraftComments(db, live, { user: requireUser(req), amendmentId: p.id }) } }));
  route(api, {
    method: 'post', path: '/api/amendments/:id/comments', tag: 'Co-rédaction', access: 'draft.comment', params,
    body: z.object({ alinea: int32(1), start: int32(0), end: int32(1), body: z.string().trim().min(1).max(5000) }),
    summary: 'Commenter un passage du brouillon (ancrage relatif Yjs : il suit les modifications)', responses: { 201: '{comment}' },
  }, async ({ params: p, body, req }) => ({
    status: 201, json: { comment: await commentDraft(db, live, { user: requireUser(req), amendmentId: p.id, ...body }) },
  }));
  route(api, {
    method: 'post', path: '/api/amendments/:id/comments/:commentId/resolve', tag: 'Co-rédaction', access: 'draft.comment',
    params: z.object({ id: idParam, commentId: z.string().min(1).max(100) }), body: z.object({ resolved: z.boolean().default(true) }),
    summary: 'Marquer un commentaire comme résolu (ou le rouvrir)', responses: { 200: '{comment}' },
  }, async ({ params: p, body, req }) => ({
    json: { comment: await resolveDraftComment(db, live, { user: requireUser(req), amendmentId: p.id, commentId: p.commentId, resolved: body.resolved }) },
  }));
}
