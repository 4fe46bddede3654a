import { z } from 'zod';
import { decide } from '../../shared/policy';
import { CHARTER, MODERATION_LIMITS } from '../../shared/moderation';
import type { ModerationDeps } from '../commands/moderation-mail';
import { accountActors } from '../authorize';
import { notFound } from '../http/errors';
import { operationRoute } from '../http/operation-route';
import { appealOp, bulkModerateOp, decideAppealOp, liftOp, moderateOp, reportOp, suspendOp } from '../operations/moderation';
import type { OpDeps } from '../operations/operation';
import { route, type Api } from '../http/route';
import { queryInt, serialId } from '../http/schemas';
import { decisionDetail, moderationQueue, presentAction, presentAppeal, queueQuery } from '../queries/moderation';
import { listModerationLog, listOpenReports } from '../sql/moderation';
import { listPendingAppeals } from '../sql/moderation-appeals';

export function moderationRoutes(api: Api, deps: OpDeps, mod: ModerationDeps): void {
  const { db } = deps;
  route(api, {
    method: 'get', path: '/api/moderation/charter', tag: 'Modération', access: 'public',
    summary: 'La charte de modération : ses règles, chacune avec un identifiant stable (le motif des signalements)', responses: { 200: '{rules}' },
  }, () => ({ json: { rules: CHARTER } }));
  operationRoute(api, deps, reportOp, {
    method: 'post', path: '/api/reports', tag: 'Modération',
    summary: 'Signaler une contribution (amendement, argument, annotation, réponse) sous une règle de la charte (`reason`), avec un commentaire facultatif',
    responses: { 201: '{report}' },
  }, (_out, { body }) => ({ status: 201, json: { report: { subjectType: body.subjectType, subjectId: body.subjectId, reason: body.reason } } }));
  route(api, {
    method: 'get', path: '/api/moderation/reports', tag: 'Modération', access: 'moderation.read',
    summary: 'Contributions signalées depuis leur dernière décision (modérateurs ; la file filtrée : /api/moderation/queue)', responses: { 200: '{reports}' },
  }, async () => {
    const rows = await listOpenReports(db, 200);
    return {
      json: { reports: rows.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id, count: r.reports, reasons: r.reasons, lastAt: r.last_at.toISOString() })) },
    };
  });
  route(api, {
    method: 'get', path: '/api/moderation/queue', tag: 'Modération', access: 'moderation.read', query: queueQuery,
    summary: 'La file de modération : signalements et signaux automatiques depuis la dernière décision, filtrés (type, motif, texte, ancienneté) et paginés, les plus anciens d’abord',
    responses: { 200: '{items, total, page, perPage, pages}' },
  }, async ({ query }) => ({ json: await moderationQueue(db, query) }));
  operationRoute(api, deps, bulkModerateOp, {
    method: 'post', path: '/api/moderation/bulk', tag: 'Modération',
    summary: `Masquer, conserver ou classer sans suite plusieurs contributions à la fois (au plus ${MODERATION_LIMITS.bulkItems} ; masquer demande une règle de la charte) : le résultat de chacune`,
    responses: { 200: '{results}' },
  }, (results) => ({ json: { results } }));
  for (const action of ['hide', 'restore'] as const) {
    operationRoute(api, deps, moderateOp(action), {
      method: 'post', path: `/api/moderation/:type/:id/${action}`, tag: 'Modération',
      summary: action === 'hide' ? 'Masquer une contribution, avec une raison publique et une règle de la charte facultative (modérateurs) ; ses auteurs sont prévenus' : 'Rétablir une contribution masquée (modérateurs)',
      responses: { 200: '{ok: true, actionId}' },
    }, (actionId) => ({ json: { ok: true, actionId } }));
  }
  route(api, {
    method: 'get', path: '/api/moderation/actions/:id', tag: 'Modération', access: 'public', params: z.object({ id: serialId }),
    summary: 'Une décision du journal public, et son appel s’il y en a un (le texte de l’appel : pour son auteur et les modérateurs)', responses: { 200: '{action, appeal}' },
  }, async ({ params, req }) => {
    const found = await decisionDetail(db, params.id);
    if (!found) throw notFound('Décision de modération introuvable.');
    const viewer = req.user ?? null;
    const full = !!found.appeal && (found.appeal.author_id === viewer?.id || decide('moderation.read', accountActors(viewer), null).ok);
    return { json: { action: presentAction(found.action), appeal: found.appeal ? presentAppeal(found.appeal, full) : null } };
  });
  operationRoute(api, deps, appealOp, {
    method: 'post', path: '/api/moderation/actions/:id/appeal', tag: 'Modération',
    summary: `Faire appel d’une décision (contribution masquée, compte suspendu) : par son auteur, une seule fois, ${MODERATION_LIMITS.appealChars} caractères au plus`,
    responses: { 201: '{appeal}' },
  }, (id) => ({ status: 201, json: { appeal: { id } } }));
  route(api, {
    method: 'get', path: '/api/moderation/appeals', tag: 'Modération', access: 'moderation.read',
    summary: 'Les appels en attente de décision, les plus anciens d’abord (modérateurs)', responses: { 200: '{appeals}' },
  }, async () => ({ json: { appeals: (await listPendingAppeals(db, 200)).map((p) => ({ id: String(p.id), actionId: String(p.action_id), createdAt: p.created_at.toISOString() })) } }));
  operationRoute(api, deps, decideAppealOp(mod), {
    method: 'post', path: '/api/moderation/appeals/:id/decision', tag: 'Modération',
    summary: 'Trancher un appel : confirmer (`upheld`) ou annuler (`overturned` : la contribution est rétablie, la suspension levée) — par un autre modérateur que l’auteur de la décision',
    responses: { 200: '{actionId}' },
  }, (out) => ({ json: out }));
  operationRoute(api, deps, suspendOp(mod), {
    method: 'post', path: '/api/moderation/accounts/:userId/suspend', tag: 'Modération',
    summary: 'Suspendre un compte jusqu’à une date (`until`) ou définitivement (`until: null`), avec une raison publique : il lit mais n’écrit plus, ses documents en direct se ferment',
    responses: { 200: '{actionId, suspendedUntil}' },
  }, (out) => ({ json: { actionId: out.actionId, suspendedUntil: out.user.suspended_until?.toISOString() ?? null } }));
  operationRoute(api, deps, liftOp(mod), {
    method: 'post', path: '/api/moderation/accounts/:userId/lift', tag: 'Modération',
    summary: 'Lever la suspension d’un compte, avec une raison publique', responses: { 200: '{actionId}' },
  }, (out) => ({ json: out }));
  route(api, {
    method: 'get', path: '/api/moderation/log', tag: 'Modération', access: 'public',
    query: z.object({ before: serialId.optional(), limit: queryInt(1, 200).default(50) }),
    summary: 'Journal public de la modération : chaque décision (masquer, rétablir, conserver, classer, appel, suspension), le plus récent d’abord, pagination par `before`',
    responses: { 200: '{actions, next}' },
  }, async ({ query }) => {
    const rows = await listModerationLog(db, query.before ?? null, query.limit);
    return { json: { actions: rows.map(presentAction), next: rows.length === query.limit ? rows[rows.length - 1]!.id : null } };
  });
}
