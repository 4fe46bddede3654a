import type { Request } from 'express';
import { z } from 'zod';
import { AMENDMENT_KINDS } from '../../shared/amendment';
import type { DocRegistry } from '../collab/registry';
import { compute } from '../compute';
import type { Db } from '../db/db';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { operationRoute } from '../http/operation-route';
import { assignOp, declareInadmissibleOp, formaliseOp, respondOp } from '../operations/clerks';
import { loadWorkspace } from '../commands/formalisation-workspace';
import { requireUser } from '../http/auth';
import { AppError, notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { dispositifSchema, idParam, queryInt, textSchema } from '../http/schemas';
import { loadAmendmentView } from '../present/amendment';
import { DESK_ASSIGNED, DESK_STATUSES, loadDesk } from '../present/desk';
import { findBill } from '../sql/bills';

const amendmentParams = z.object({ id: idParam });
const text = z.object({ alineas: textSchema });

/** API.md › Clerks: the formalisation desk, and the dispositif engine as a public service. */
export function clerkRoutes(api: Api, db: Db, live: DocRegistry): void {
  const deps = { db, live };
  const view = async (req: Request, id: string) => {
    const { amendment, viewerIsAuthor } = await loadVisibleAmendment(db, id, req.user ?? null);
    return { amendment: await loadAmendmentView(db, live, amendment, req.user ?? null, viewerIsAuthor) };
  };

  route(api, {
    method: 'get', path: '/api/bills/:billId/desk', tag: 'Greffe', access: 'desk.read', params: z.object({ billId: idParam }),
    query: z.object({
      status: z.enum(DESK_STATUSES).default('open'), article: idParam.optional(), kind: z.enum(AMENDMENT_KINDS).optional(),
      assigned: z.enum(DESK_ASSIGNED).default('any'), limit: queryInt(1, 200).default(50), offset: queryInt(0).default(0),
    }),
    summary: 'Le bureau des greffiers : amendements déposés par article, identiques regroupés, quasi-identiques suggérés, avec les compteurs',
    responses: { 200: '{bill, counts, articles, totalGroups, totalAmendments, groups}' },
  }, async ({ params, query, req }) => {
    const bill = await findBill(db, params.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    return { json: await loadDesk(db, bill, requireUser(req), { ...query, articleId: query.article }) };
  });

  operationRoute(api, deps, assignOp, {
    method: 'post', path: '/api/amendments/:id/assign', tag: 'Greffe',
    summary: 'Confier la mise en forme à un greffier (par défaut : soi-même ; null : personne). Un amendement qu’un autre greffier a en charge se reprend avec takeOver: true (il est prévenu) ; sinon 409 other_clerk_in_charge',
    responses: { 200: '{amendment}', 409: 'other_clerk_in_charge : un autre greffier a l’amendement en charge' },
  }, async (_out, { params }, req) => ({ json: await view(req, params.id) }));

  route(api, {
    method: 'get', path: '/api/amendments/:id/formalisation', tag: 'Greffe', access: 'signed-in', params: amendmentParams,
    summary: 'L’espace de mise en forme (greffiers et auteurs) : document partagé, texte des citoyens, article, dispositif du texte en cours',
    responses: { 200: '{docName, mode, kind, baseAlineas, citizenAlineas, alineas, dispositif, assignedClerk}' },
  }, async ({ params, req }) => ({ json: await loadWorkspace(db, live, { user: requireUser(req), amendmentId: params.id }) }));

  operationRoute(api, deps, formaliseOp, {
    method: 'post', path: '/api/amendments/:id/formalise', tag: 'Greffe',
    summary: 'Publier la mise en forme : révision « formalisation », statut « formalised » ; le texte des citoyens reste visible',
    responses: { 200: '{amendment}' },
  }, async (_out, { params }, req) => ({ json: await view(req, params.id) }));

  operationRoute(api, deps, declareInadmissibleOp, {
    method: 'post', path: '/api/amendments/:id/inadmissible', tag: 'Greffe',
    summary: 'Déclarer un amendement irrecevable, avec un motif et une raison publique',
    responses: { 200: '{amendment}' },
  }, async (_out, { params }, req) => ({ json: await view(req, params.id) }));

  operationRoute(api, deps, respondOp, {
    method: 'post', path: '/api/amendments/:id/response', tag: 'Greffe', summary: 'Publier une réponse officielle sur un amendement', responses: { 200: '{response}' },
  }, (r) => ({ json: { response: { id: String(r.id), amendmentId: r.amendment_id, clerkId: r.clerk_id, body: r.body, createdAt: r.created_at.toISOString() } } }));

  route(api, {
    method: 'post', path: '/api/legistique/dispositif', tag: 'Légistique', access: 'public',
    body: z.object({ before: text, after: text, chamber: z.enum(['an', 'senat']).default('an') }),
    summary: 'Le dispositif (en français, selon les règles de légistique, à la manière de l’Assemblée ou du Sénat) qui transforme « before » en « after » ; "" s’ils sont égaux',
    responses: { 200: '{dispositif}' },
  }, async ({ body }) => ({
    json: { dispositif: await compute().run('generateDispositif', { before: body.before.alineas, after: body.after.alineas, chamber: body.chamber }, { lane: 'public' }) },
  }));

  route(api, {
    method: 'post', path: '/api/legistique/apply', tag: 'Légistique', access: 'public',
    body: z.object({ alineas: textSchema, dispositif: dispositifSchema }),
    summary: 'Appliquer un dispositif à un texte (un article additionnel peut suivre sa ligne « APRÈS L’ARTICLE 8 ») ; 422 quand il ne s’applique pas',
    responses: { 200: '{alineas, newArticle?}', 422: 'details.reason (unparseable, words_absent, words_ambiguous, alinea_missing, conflict) et details.operation (1-based)' },
  }, async ({ body }) => {
    const result = await compute().run('applyDispositif', { alineas: body.alineas, dispositif: body.dispositif }, { lane: 'public' });
    if (!result.ok) throw new AppError('unprocessable', result.error.message, result.error);
    return { json: result.newArticle === undefined ? { alineas: result.alineas } : { alineas: result.alineas, newArticle: result.newArticle } };
  });

}
