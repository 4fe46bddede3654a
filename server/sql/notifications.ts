import type { Queryable } from '../db/db';

/** SQL for `notifications`: what happened to a person's amendments, for them alone. */
const SQL = {
  insertForUser: 'INSERT INTO notifications (user_id, type, amendment_id, message) VALUES ($1, $2, $3, $4)',
  insertForAuthors: `INSERT INTO notifications (user_id, type, amendment_id, message)
                     SELECT user_id, $2, $1, $3 FROM amendment_authors WHERE amendment_id = $1`,
  page: `SELECT n.id, n.type, n.amendment_id, n.message, n.created_at, n.read_at,
                a.number, a.origin, ar.number AS article_number, b.title AS bill_title
         FROM notifications n
         JOIN amendments a ON a.id = n.amendment_id
         JOIN articles ar ON ar.id = a.article_id
         JOIN bills b ON b.id = a.bill_id
         WHERE n.user_id = $1 AND ($2::bigint IS NULL OR n.id < $2)
         ORDER BY n.id DESC LIMIT $3`,
  unread: 'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
  markRead: `UPDATE notifications SET read_at = now()
             WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))`,
} as const;

export type NotificationType = 'formalised' | 'inadmissible' | 'response' | 'decided' | 'coauthor' | 'taken_over';

export interface NotificationRow {
  id: string;
  type: NotificationType;
  amendment_id: string;
  message: string;
  created_at: Date;
  read_at: Date | null;
  number: number | null;
  origin: 'citizen' | 'commission';
  article_number: string;
  bill_title: string;
}

/** Tells every author of the amendment; `message` says what happened and why. */
export async function notifyAuthors(db: Queryable, n: { amendmentId: string; type: NotificationType; message: string }): Promise<void> {
  await db.query(SQL.insertForAuthors, [n.amendmentId, n.type, n.message]);
}

export async function notifyUser(db: Queryable, n: { userId: string; amendmentId: string; type: NotificationType; message: string }): Promise<void> {
  await db.query(SQL.insertForUser, [n.userId, n.type, n.amendmentId, n.message]);
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
