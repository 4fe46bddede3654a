import type { Request } from 'express';
import { z } from 'zod';
import { AMENDMENT_KINDS, AMENDMENT_STATUSES } from '../../shared/amendment';
import { RANKING_DOCS, RANKINGS } from '../../shared/ranking';
import { amendmentDocName } from '../../shared/live-docs';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { addCoauthor } from '../commands/add-coauthor';
import { removeCoauthor } from '../commands/remove-coauthor';
import { acceptInvitation, createInvitation } from '../commands/invitations';
import { castVote } from '../commands/cast-vote';
import { createAmendment } from '../commands/create-amendment';
import { editAmendment } from '../commands/edit-amendment';
import { submitAmendment } from '../commands/submit-amendment';
import { withdrawAmendment } from '../commands/withdraw-amendment';
import { requireUser } from '../http/auth';
import { AppError, forbidden, notFound } from '../http/errors';
import { liveDocAccess } from '../collab/access';
import { route, type Api } from '../http/route';
import { viewerSeed } from '../http/viewer-seed';
import { idParam, queryInt, textSchema, voteBody } from '../http/schemas';
import { loadAmendmentView } from '../present/amendment';
import { listAmendmentsPage, type AmendmentListCache } from '../present/amendment-list';
import { findBill } from '../sql/bills';

const rationale = z.string().max(20_000);
const amendmentParams = z.object({ id: idParam });

export function amendmentRoutes(api: Api, db: Db, live: LiveDocs, lists: AmendmentListCache): void {
  const view = async (req: Request, id: string) => {
    const { amendment, viewerIsAuthor } = await loadVisibleAmendment(db, id, req.user ?? null);
    return { amendment: await loadAmendmentView(db, live, amendment, req.user ?? null, viewerIsAuthor) };
  };

  route(api, {
    method: 'post', path: '/api/articles/:articleId/amendments', tag: 'Amendements', access: 'signed-in',
    params: z.object({ articleId: idParam }),
    body: z.object({ kind: z.enum(AMENDMENT_KINDS), alineas: textSchema.optional(), rationale: rationale.default(''), submit: z.boolean().default(false) }),
    summary: 'Proposer un amendement (brouillon, ou déposé aussitôt avec submit: true)', responses: { 201: '{amendment}' },
  }, async ({ params, body, req }) => {
    const user = requireUser(req);
    const id = await createAmendment(db, { user, articleId: params.articleId, ...body });
    return { status: 201, json: await view(req, id) };
  });

  route(api, {
    method: 'get', path: '/api/amendments/:id', tag: 'Amendements', access: 'public', params: amendmentParams,
    summary: 'Un amendement : auteurs, texte, diff, révisions, votes (un brouillon n’est visible que de ses auteurs)',
    responses: { 200: '{amendment}' },
  }, async ({ params, req }) => ({ json: await view(req, params.id) }));

  route(api, {
    method: 'put', path: '/api/amendments/:id', tag: 'Amendements', access: 'author', params: amendmentParams,
    body: z.object({ alineas: textSchema.optional(), rationale: rationale.optional() }),
    summary: 'Modifier un brouillon (auteurs)', responses: { 200: '{amendment}' },
  }, async ({ params, body, req }) => {
    await editAmendment(db, live, { user: requireUser(req), amendmentId: params.id, ...body });
    return { json: await view(req, params.id) };
  });

  route(api, {
    method: 'post', path: '/api/amendments/:id/coauthors', tag: 'Amendements', access: 'author', params: amendmentParams,
    body: z.union([z.object({ userId: idParam }), z.object({ displayName: z.string().trim().min(1).max(80) })]),
    summary: 'Ajouter un co-auteur à un brouillon, par identifiant de compte ou par nom affiché', responses: { 200: '{amendment}' },
  }, async ({ params, body, req }) => {
    await addCoauthor(db, { user: requireUser(req), amendmentId: params.id, coauthor: body });
    return { json: await view(req, params.id) };
  });

  route(api, {
    method: 'delete', path: '/api/amendments/:id/coauthors/:userId', tag: 'Amendements', access: 'author',
    params: z.object({ id: idParam, userId: idParam }),
    summary: 'Retirer un co-auteur d’un brouillon (par un auteur), ou le quitter (soi-même) ; le dernier auteur reste',
    responses: { 200: '{amendment} (null pour qui vient de quitter le brouillon)' },
  }, async ({ params, req }) => {
    const user = requireUser(req);
    await removeCoauthor(db, live, { user, amendmentId: params.id, coauthorId: params.userId });
    return { json: params.userId === user.id ? { amendment: null } : await view(req, params.id) };
  });

  route(api, {
    method: 'post', path: '/api/amendments/:id/invitations', tag: 'Amendements', access: 'author', params: amendmentParams,
    summary: 'Créer un lien d’invitation à co-rédiger le brouillon (valable 14 jours)', responses: { 201: '{invitation: {token, url, expiresAt}}' },
  }, async ({ params, req }) => {
    const { token, expiresAt } = await createInvitation(db, { user: requireUser(req), amendmentId: params.id });
    return { status: 201, json: { invitation: { token, url: `/invitations/${token}`, expiresAt: expiresAt.toISOString() } } };
  });

  route(api, {
    method: 'post', path: '/api/invitations/:token/accept', tag: 'Amendements', access: 'signed-in',
    params: z.object({ token: z.string().min(10).max(100) }),
    summary: 'Rejoindre les auteurs d’un brouillon par son lien d’invitation', responses: { 200: '{amendment}' },
  }, async ({ params, req }) => {
    const id = await acceptInvitation(db, { user: requireUser(req), token: params.token });
    return { json: await view(req, id) };
  });

  route(api, {
    method: 'post', path: '/api/amendments/:id/submit', tag: 'Amendements', access: 'author', params: amendmentParams,
    summary: 'Déposer : attribue le numéro public et fige le texte', responses: { 200: '{amendment}' },
  }, async ({ params, req }) => {
    await submitAmendment(db, live, { user: requireUser(req), amendmentId: params.id });
    return { json: await view(req, params.id) };
  });

  route(api, {
    method: 'post', path: '/api/amendments/:id/withdraw', tag: 'Amendements', access: 'author', params: amendmentParams,
    summary: 'Retirer un amendement déposé (avant décision)', responses: { 200: '{amendment}' },
  }, async ({ params, req }) => {
    await withdrawAmendment(db, live, { user: requireUser(req), amendmentId: params.id });
    return { json: await view(req, params.id) };
  });

  route(api, {
    method: 'get', path: '/api/bills/:billId/amendments', tag: 'Amendements', access: 'public',
    params: z.object({ billId: idParam }),
    query: z.object({
      article: idParam.optional(),
      status: z.enum(AMENDMENT_STATUSES).exclude(['draft']).optional(),
      sort: z.enum(RANKINGS).default('position'),
      limit: queryInt(1, 200).default(50),
      offset: queryInt(0).default(0),
    }),
    summary: 'Les amendements publiés d’un projet de loi, classés (voir /api/ranking)',
    responses: { 200: '{amendments, total, limit, offset, sort}' },
  }, async ({ params, query, req, res }) => {
    const bill = await findBill(db, params.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    return {
      json: await listAmendmentsPage(db, lists, {
        billId: bill.id, articleId: query.article, status: query.status, sort: query.sort,
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

  for (const method of ['put', 'delete'] as const) {
    route(api, {
      method, path: '/api/amendments/:id/vote', tag: 'Amendements', access: 'signed-in', params: amendmentParams,
      ...(method === 'put' ? { body: voteBody } : {}),
      summary: method === 'put' ? 'Voter sur un amendement (revoter remplace le vote)' : 'Retirer son vote sur un amendement',
      responses: { 200: '{tally}' },
    }, async ({ params, body, req }) => {
      const value = method === 'put' ? (body as z.infer<typeof voteBody>).value : null;
      return { json: { tally: await castVote(db, { userId: requireUser(req).id, target: { type: 'amendment', id: params.id }, value }) } };
    });
  }
}
