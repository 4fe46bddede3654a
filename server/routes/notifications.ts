import { z } from 'zod';
import { requireUser } from '../http/auth';
import { operationRoute } from '../http/operation-route';
import { route, type Api } from '../http/route';
import { markNotificationsReadOp } from '../operations/accounts';
import type { OpDeps } from '../operations/operation';
import { queryInt, serialId } from '../http/schemas';
import { presentNotification } from '../present/notification';
import { countUnread, listNotifications } from '../sql/notifications';

/** What happened to one's amendments (formalised, inadmissible, answered, decided), newest first. */
export function notificationRoutes(api: Api, deps: OpDeps): void {
  const { db } = deps;
  route(api, {
    method: 'get', path: '/api/notifications', tag: 'Comptes', access: 'signed-in',
    query: z.object({ before: serialId.optional(), limit: queryInt(1, 100).default(20) }),
    summary: 'Mes notifications, les plus récentes d’abord (pagination : before = id de la dernière reçue)',
    responses: { 200: '{notifications, unread, next}' },
  }, async ({ query, req }) => {
    const user = requireUser(req);
    const [rows, unread] = await Promise.all([listNotifications(db, user.id, { before: query.before, limit: query.limit + 1 }), countUnread(db, user.id)]);
    const page = rows.slice(0, query.limit);
    return { json: { notifications: page.map(presentNotification), unread, next: rows.length > query.limit ? String(page.at(-1)!.id) : null } };
  });

  operationRoute(api, deps, markNotificationsReadOp, {
    method: 'post', path: '/api/notifications/read', tag: 'Comptes',
    summary: 'Marquer des notifications comme lues (toutes, sans ids)', responses: { 200: '{unread}' },
  }, async (_out, _input, req) => ({ json: { unread: await countUnread(db, requireUser(req).id) } }));
}
