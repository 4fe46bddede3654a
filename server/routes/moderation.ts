import { z } from 'zod';
import type { Db } from '../db/db';
import { moderate, reportContribution } from '../commands/moderate';
import { requireRole, requireUser } from '../http/auth';
import { route, type Api } from '../http/route';
import { idParam, queryInt, serialId } from '../http/schemas';
import { listModerationLog, listOpenReports, SUBJECT_TYPES } from '../sql/moderation';

const reason = z.string().trim().min(3, 'au moins 3 caractères').max(1000);
const subject = z.object({ type: z.enum(SUBJECT_TYPES), id: idParam });

export function moderationRoutes(api: Api, db: Db): void {
  route(api, {
    method: 'post', path: '/api/reports', tag: 'Modération', access: 'signed-in',
    body: z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: idParam, reason }),
    summary: 'Signaler une contribution (amendement, argument, annotation, réponse)', responses: { 201: '{report}' },
  }, async ({ body, req }) => {
    await reportContribution(db, { user: requireUser(req), type: body.subjectType, id: body.subjectId, reason: body.reason });
    return { status: 201, json: { report: { subjectType: body.subjectType, subjectId: body.subjectId } } };
  });
  route(api, {
    method: 'get', path: '/api/moderation/reports', tag: 'Modération', access: 'signed-in',
    summary: 'Contributions signalées depuis leur dernière décision (modérateurs)', responses: { 200: '{reports}' },
  }, async ({ req }) => {
    requireRole(req, 'moderator', 'admin');
    const rows = await listOpenReports(db, 200);
    return {
      json: { reports: rows.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id, count: r.reports, reasons: r.reasons, lastAt: r.last_at.toISOString() })) },
    };
  });
  for (const action of ['hide', 'restore'] as const) {
    route(api, {
      method: 'post', path: `/api/moderation/:type/:id/${action}`, tag: 'Modération', access: 'signed-in', params: subject,
      body: z.object({ reason }),
      summary: action === 'hide' ? 'Masquer une contribution, avec une raison publique (modérateurs)' : 'Rétablir une contribution masquée (modérateurs)',
      responses: { 200: '{ok: true}' },
    }, async ({ params, body, req }) => {
      const moderator = requireRole(req, 'moderator', 'admin');
      await moderate(db, { moderator, type: params.type, id: params.id, action, reason: body.reason });
      return { json: { ok: true } };
    });
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
