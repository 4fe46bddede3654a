import type { Queryable } from '../db/db';
import type { NotificationKind } from '../../shared/notification-kinds';

const SELECT = `SELECT n.id, n.user_id, n.type, n.amendment_id, COALESCE(n.bill_id, a.bill_id) AS bill_id, n.message, n.created_at, n.read_at,
                a.number, a.origin, ar.number AS article_number, b.title AS bill_title, actor.display_name AS actor_name
         FROM notifications n
         LEFT JOIN amendments a ON a.id = n.amendment_id
         LEFT JOIN articles ar ON ar.id = a.article_id
         JOIN bills b ON b.id = COALESCE(n.bill_id, a.bill_id)
         LEFT JOIN users actor ON actor.id = n.actor_id`;

/** SQL for `notifications`: what happened to a person's amendments, for them alone. */
const SQL = {
  insertForUser: 'INSERT INTO notifications (user_id, type, amendment_id, bill_id, actor_id, message) VALUES ($1, $2, $3, $4, $5, $6)',
  insertForAuthors: `INSERT INTO notifications (user_id, type, amendment_id, actor_id, message)
                     SELECT user_id, $2, $1, $4, $3 FROM amendment_authors WHERE amendment_id = $1`,
  page: `${SELECT} WHERE n.user_id = $1 AND ($2::bigint IS NULL OR n.id < $2)
         ORDER BY n.id DESC LIMIT $3`,
  // with the person's e-mail preference now (the worker sends only what they still want)
  byIds: `${SELECT.replace('SELECT n.id,', 'SELECT mail_mode(n.user_id, n.type) AS mode, n.id,')} WHERE n.id = ANY($1::bigint[]) ORDER BY n.id`,
  // one statement for every author of every draft (a big bill's closing: tens of thousands of rows)
  draftAuthors: `INSERT INTO notifications (user_id, type, amendment_id, actor_id, message)
                 SELECT au.user_id, 'phase', a.id, $3, $4 || ar.number || $5
                 FROM amendments a JOIN amendment_authors au ON au.amendment_id = a.id JOIN articles ar ON ar.id = a.article_id
                 WHERE a.bill_id = $1 AND a.status = 'draft' AND a.origin = $2 ORDER BY a.id, au.user_id`,
  one: `SELECT id, type, amendment_id, bill_id, moderation_action_id FROM notifications WHERE id = $1 AND user_id = $2`,
  moderation: `INSERT INTO notifications (user_id, type, amendment_id, bill_id, actor_id, message, moderation_action_id)
               SELECT u, 'moderation', $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) u`,
  unread: 'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
  markRead: `UPDATE notifications SET read_at = now()
             WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))`,
} as const;

export type NotificationType = NotificationKind;

/** Written in a message where the acting person's name goes: replaced when the notification is read. */
export const ACTOR = '{acteur}';

export interface NotificationRow {
  id: string;
  type: NotificationType;
  amendment_id: string | null;
  bill_id: string;
  message: string;
  created_at: Date;
  read_at: Date | null;
  number: number | null;
  origin: 'citizen' | 'commission' | 'parliament' | null;
  article_number: string | null;
  bill_title: string;
  actor_name: string | null;
}

/** Tells every author of the amendment; `message` says what happened and why (`{acteur}`: who did it). */
export async function notifyAuthors(db: Queryable, n: { amendmentId: string; type: NotificationType; message: string; actorId?: string | null }): Promise<void> {
  await db.query(SQL.insertForAuthors, [n.amendmentId, n.type, n.message, n.actorId ?? null]);
}

/** Tells one person, about an amendment or about a bill. */
export async function notifyUser(
  db: Queryable,
  n: { userId: string; type: NotificationType; message: string; actorId?: string | null } & ({ amendmentId: string } | { billId: string }),
): Promise<void> {
  const amendmentId = 'amendmentId' in n ? n.amendmentId : null;
  const billId = 'billId' in n ? n.billId : null;
  await db.query(SQL.insertForUser, [n.userId, n.type, amendmentId, billId, n.actorId ?? null, n.message]);
}

/** Tells the authors of a contribution of a moderation decision (following it leads to the decision and its appeal). */
export async function notifyModeration(
  db: Queryable,
  n: { userIds: readonly string[]; billId: string; amendmentId: string | null; actorId: string; message: string; actionId: string },
): Promise<void> {
  if (n.userIds.length === 0) return;
  await db.query(SQL.moderation, [n.userIds, n.amendmentId, n.amendmentId ? null : n.billId, n.actorId, n.message, n.actionId]);
}

/** One of a person's notifications (to follow it), or undefined. */
type NotificationRef = { id: string; type: NotificationType; amendment_id: string | null; bill_id: string | null; moderation_action_id: number | null };
export async function findNotification(db: Queryable, userId: string, id: string): Promise<NotificationRef | undefined> {
  return (await db.query<NotificationRef>(SQL.one, [id, userId])).rows[0];
}

/** Newest first; `before` is the id of the last row of the previous page. */
export async function listNotifications(db: Queryable, userId: string, page: { before?: string | undefined; limit: number }): Promise<NotificationRow[]> {
  return (await db.query<NotificationRow>(SQL.page, [userId, page.before ?? null, page.limit])).rows;
}

export async function countUnread(db: Queryable, userId: string): Promise<number> {
  return (await db.query<{ n: number }>(SQL.unread, [userId])).rows[0]!.n;
}

/** Marks the given notifications (all of them when `ids` is null) as read. */
export async function markNotificationsRead(db: Queryable, userId: string, ids: readonly string[] | null): Promise<number> {
  return (await db.query(SQL.markRead, [userId, ids])).rowCount;
}

/** These notifications as the page shows them (the e-mail worker renders messages from them). */
export async function notificationsByIds(db: Queryable, ids: readonly string[]): Promise<(NotificationRow & { user_id: string; mode: 'immediate' | 'digest' | 'never' })[]> {
  if (ids.length === 0) return [];
  return (await db.query<NotificationRow & { user_id: string; mode: 'immediate' | 'digest' | 'never' }>(SQL.byIds, [ids])).rows;
}

/** Tells every author of every draft of the bill begun with `origin`; the message is `before` + article number + `after`. */
export async function notifyDraftAuthors(db: Queryable, n: { billId: string; origin: 'citizen' | 'commission'; actorId: string; before: string; after: string }): Promise<number> {
  return (await db.query(SQL.draftAuthors, [n.billId, n.origin, n.actorId, n.before, n.after])).rowCount;
}
