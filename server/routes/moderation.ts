import { z } from 'zod';
import { operationRoute } from '../http/operation-route';
import { moderateOp, reportOp } from '../operations/contributions';
import type { OpDeps } from '../operations/operation';
import { route, type Api } from '../http/route';
import { queryInt, serialId } from '../http/schemas';
import { listModerationLog, listOpenReports } from '../sql/moderation';


export function moderationRoutes(api: Api, deps: OpDeps): void {
  const { db } = deps;
  operationRoute(api, deps, reportOp, {
    method: 'post', path: '/api/reports', tag: 'Modération',
    summary: 'Signaler une contribution (amendement, argument, annotation, réponse)', responses: { 201: '{report}' },
  }, (_out, { body }) => ({ status: 201, json: { report: { subjectType: body.subjectType, subjectId: body.subjectId } } }));
  route(api, {
    method: 'get', path: '/api/moderation/reports', tag: 'Modération', access: 'moderation.read',
    summary: 'Contributions signalées depuis leur dernière décision (modérateurs)', responses: { 200: '{reports}' },
  }, async () => {
    const rows = await listOpenReports(db, 200);
    return {
      json: { reports: rows.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id, count: r.reports, reasons: r.reasons, lastAt: r.last_at.toISOString() })) },
    };
  });
  for (const action of ['hide', 'restore'] as const) {
    operationRoute(api, deps, moderateOp(action), {
      method: 'post', path: `/api/moderation/:type/:id/${action}`, tag: 'Modération',
      summary: action === 'hide' ? 'Masquer une contribution, avec une raison publique (modérateurs)' : 'Rétablir une contribution masquée (modérateurs)',
      responses: { 200: '{ok: true}' },
    }, () => ({ json: { ok: true } }));
  }
  route(api, {
    method: 'get', path: '/api/moderation/log', tag: 'Modération', access: 'public',
    query: z.object({ before: serialId.optional(), limit: queryInt(1, 200).default(50) }),
    summary: 'Journal public de la modération (le plus récent d’abord, pagination par `before`)', responses: { 200: '{actions, next}' },
  }, async ({ query }) => {
    const rows = await listModerationLog(db, query.before ?? null, query.limit);
    return {
      json: {
        actions: rows.map((r) => ({
          id: r.id, subjectType: r.subject_type, subjectId: r.subject_id, billId: r.bill_id, action: r.action, reason: r.reason,
          at: r.at.toISOString(), moderator: r.moderator_name,
        })),
        next: rows.length === query.limit ? rows[rows.length - 1]!.id : null,
      },
    };
  });
}
