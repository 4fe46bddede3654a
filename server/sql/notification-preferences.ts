import type { Queryable } from '../db/db';
import type { MailMode } from '../../shared/notification-kinds';

/** SQL for `notification_preferences`; the default for a kind lives in SQL `mail_mode()` (migration 021). */
const SQL = {
  read: `SELECT k AS kind, mail_mode($1, k) AS mode FROM unnest($2::text[]) AS k`,
  upsert: `INSERT INTO notification_preferences (user_id, kind, mode) SELECT $1, k, m FROM unnest($2::text[], $3::text[]) AS t(k, m)
           ON CONFLICT (user_id, kind) DO UPDATE SET mode = EXCLUDED.mode`,
} as const;

/** The mode of each of `kinds` for this account, defaults included. */
export async function readMailModes(db: Queryable, userId: string, kinds: readonly string[]): Promise<Record<string, MailMode>> {
  const rows = (await db.query<{ kind: string; mode: MailMode }>(SQL.read, [userId, kinds])).rows;
  return Object.fromEntries(rows.map((r) => [r.kind, r.mode]));
}

export async function writeMailModes(db: Queryable, userId: string, modes: Readonly<Record<string, MailMode>>): Promise<void> {
  const kinds = Object.keys(modes);
  if (kinds.length === 0) return;
  await db.query(SQL.upsert, [userId, kinds, kinds.map((k) => modes[k])]);
}
