import type { Request } from 'express';
import { z } from 'zod';
import { AMENDMENT_STATUSES } from '../../shared/amendment';
import { RANKING_DOCS, RANKINGS } from '../../shared/ranking';
import { amendmentDocName } from '../../shared/live-docs';
import type { DocRegistry } from '../collab/registry';
import type { Db } from '../db/db';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { operationRoute } from '../http/operation-route';
import {
  addCoauthorOp, createAmendmentOp, editAmendmentOp, inviteCoauthorOp, removeCoauthorOp, submitAmendmentOp, withdrawAmendmentOp,
} from '../operations/amendments';
import { acceptInvitationOp } from '../operations/accounts';
import { claimJson } from '../operations/on-behalf';
import { amendmentVote } from '../operations/votes';

import { requireUser } from '../http/auth';
import { AppError, forbidden, notFound } from '../http/errors';
import { liveDocAccess } from '../collab/access';
import { route, type Api } from '../http/route';
import { viewerSeed } from '../http/viewer-seed';
import { assuranceQuery, idParam, queryInt } from '../http/schemas';
import { loadAmendmentView } from '../present/amendment';
import { listAmendmentsPage, type AmendmentListCache } from '../present/amendment-list';
import { findBill } from '../sql/bills';
import type { TallyScope } from '../sql/votes';

const amendmentParams = z.object({ id: idParam });

export function amendmentRoutes(api: Api, db: Db, live: DocRegistry, lists: AmendmentListCache): void {
  const deps = { db, live };
  const view = async (req: Request, id: string, assurance: TallyScope = 'all') => {
    const { amendment, viewerIsAuthor } = await loadVisibleAmendment(db, id, req.user ?? null);
    return { amendment: await loadAmendmentView(db, live, amendment, req.user ?? null, viewerIsAuthor, assurance) };
  };

  operationRoute(api, deps, createAmendmentOp, {
    method: 'post', path: '/api/articles/:articleId/amendments', tag: 'Amendements',
    summary: 'Proposer un amendement (brouillon, ou déposé aussitôt avec submit: true) ; une structure de médiation : pour une personne ou un atelier (onBehalfOf)',
    responses: { 201: '{amendment, claim?: {code, url}} (claim : le code à remettre à la personne, donné une seule fois)' },
  }, async (filed, _input, req) => ({ status: 201, json: { ...(await view(req, filed.id)), ...claimJson(filed) } }));

  route(api, {
    method: 'get', path: '/api/amendments/:id', tag: 'Amendements', access: 'public', params: amendmentParams,
    query: z.object({ assurance: assuranceQuery }),
    summary: 'Un amendement : auteurs, texte, diff, révisions, votes (un brouillon n’est visible que de ses auteurs) ; assurance=verified : votes des identités vérifiées seulement',
    responses: { 200: '{amendment}' },
  }, async ({ params, query, req }) => ({ json: await view(req, params.id, query.assurance) }));

  operationRoute(api, deps, editAmendmentOp, {
    method: 'put', path: '/api/amendments/:id', tag: 'Amendements', summary: 'Modifier un brouillon (auteurs)', responses: { 200: '{amendment}' },
  }, async (_out, { params }, req) => ({ json: await view(req, params.id) }));

  operationRoute(api, deps, addCoauthorOp, {
    method: 'post', path: '/api/amendments/:id/coauthors', tag: 'Amendements',
    summary: 'Ajouter un co-auteur à un brouillon, par identifiant de compte ou par nom affiché', responses: { 200: '{amendment}' },
  }, async (_out, { params }, req) => ({ json: await view(req, params.id) }));

  operationRoute(api, deps, removeCoauthorOp, {
    method: 'delete', path: '/api/amendments/:id/coauthors/:userId', tag: 'Amendements',
    summary: 'Retirer un co-auteur d’un brouillon (par un auteur), ou le quitter (soi-même) ; le dernier auteur reste',
    responses: { 200: '{amendment} (null pour qui vient de quitter le brouillon)' },
  }, async (_out, { params }, req) => ({ json: params.userId === req.user?.id ? { amendment: null } : await view(req, params.id) }));

  operationRoute(api, deps, inviteCoauthorOp, {
    method: 'post', path: '/api/amendments/:id/invitations', tag: 'Amendements',
    summary: 'Créer un lien d’invitation à co-rédiger le brouillon (valable 14 jours)', responses: { 201: '{invitation: {token, url, expiresAt}}' },
  }, ({ token, expiresAt }) => ({ status: 201, json: { invitation: { token, url: `/invitations/${token}`, expiresAt: expiresAt.toISOString() } } }));

  operationRoute(api, deps, acceptInvitationOp, {
    method: 'post', path: '/api/invitations/:token/accept', tag: 'Amendements',
    summary: 'Rejoindre les auteurs d’un brouillon par son lien d’invitation', responses: { 200: '{amendment}' },
  }, async (id, _input, req) => ({ json: await view(req, id) }));

  for (const [op, path, summary] of [
    [submitAmendmentOp, 'submit', 'Déposer : attribue le numéro public et fige le texte'],
    [withdrawAmendmentOp, 'withdraw', 'Retirer un amendement déposé (avant décision)'],
  ] as const) {
    operationRoute(api, deps, op, { method: 'post', path: `/api/amendments/:id/${path}`, tag: 'Amendements', summary, responses: { 200: '{amendment}' } },
      async (_out, { params }, req) => ({ json: await view(req, params.id) }));
  }

  route(api, {
    method: 'get', path: '/api/bills/:billId/amendments', tag: 'Amendements', access: 'public',
    params: z.object({ billId: idParam }),
    query: z.object({
      article: idParam.optional(),
      status: z.enum(AMENDMENT_STATUSES).exclude(['draft']).optional(),
      sort: z.enum(RANKINGS).default('position'),
      limit: queryInt(1, 200).default(50),
      offset: queryInt(0).default(0),
      assurance: assuranceQuery,
    }),
    summary: 'Les amendements publiés d’un projet de loi, classés (voir /api/ranking) ; assurance=verified : votes et classements des identités vérifiées seulement',
    responses: { 200: '{amendments, total, limit, offset, sort, assurance}' },
  }, async ({ params, query, req, res }) => {
    const bill = await findBill(db, params.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    return {
      json: await listAmendmentsPage(db, lists, {
        billId: bill.id, articleId: query.article, status: query.status, sort: query.sort, assurance: query.assurance,
        viewerSeed: query.sort === 'random' ? viewerSeed(req, res) : '', limit: query.limit, offset: query.offset,
      }),
    };
  });

  route(api, {
    method: 'get', path: '/api/amendments/:id/live', tag: 'Amendements', access: 'signed-in', params: amendmentParams,
    summary: 'Le document partagé (Yjs) du texte : un auteur tant que c’est un brouillon, un greffier une fois déposé',
    responses: { 200: '{docName, mode}' },
  }, async ({ params, req }) => {
    const user = requireUser(req);
    const { amendment } = await loadVisibleAmendment(db, params.id, user);
    const access = await liveDocAccess(db, amendmentDocName(amendment.id), user);
    if (!access.ok) throw access.reason === 'forbidden' ? forbidden('Ce document partagé est réservé aux auteurs, puis aux greffiers.') : new AppError('conflict', 'Un amendement de suppression n’a pas de texte à rédiger.');
    return { json: { docName: amendmentDocName(amendment.id), mode: access.mode } };
  });

  route(api, {
    method: 'get', path: '/api/ranking', tag: 'Amendements', access: 'public',
    summary: 'Les formules de classement, expliquées en français et en anglais', responses: { 200: '{rankings}' },
  }, () => ({ json: { rankings: RANKINGS.map((id) => ({ id, ...RANKING_DOCS[id] })) } }));

  operationRoute(api, deps, amendmentVote.cast, {
    method: 'put', path: '/api/amendments/:id/vote', tag: 'Amendements', summary: 'Voter sur un amendement (revoter remplace le vote)', responses: { 200: '{tally}' },
  }, (tally) => ({ json: { tally } }));
  operationRoute(api, deps, amendmentVote.withdraw, {
    method: 'delete', path: '/api/amendments/:id/vote', tag: 'Amendements', summary: 'Retirer son vote sur un amendement', responses: { 200: '{tally}' },
  }, (tally) => ({ json: { tally } }));
}
