import type { Queryable } from '../db/db';

/**
 * SQL for `mail_outbox` (migration 021 explains the states). Claiming is one statement that
 * commits before the SMTP exchange starts: a message is `sending` while a worker talks to the
 * relay, so no other worker takes it, and a worker that dies mid-exchange leaves it `sending`,
 * to be marked `uncertain`, never resent by itself.
 */
const COLUMNS = `id, kind, user_id, to_address, subject, body_text, body_html, notification_id, digest_ids, status, attempts,
                 next_attempt_at, claimed_at, sent_at, last_error, created_at`;
const SQL = {
  insertRendered: `INSERT INTO mail_outbox (kind, user_id, to_address, subject, body_text, body_html)
                   VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  claim: `WITH due AS (
            SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()
            ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
          UPDATE mail_outbox m SET status = 'sending', claimed_at = now(), attempts = m.attempts + 1
          FROM due WHERE m.id = due.id RETURNING ${COLUMNS.split(',').map((c) => `m.${c.trim()}`).join(', ')}`,
  // one statement for a whole batch: the worker holds one connection, not one per message
  sent: `UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL,
           body_text = CASE WHEN kind = ANY($2::text[]) THEN NULL ELSE body_text END,
           body_html = CASE WHEN kind = ANY($2::text[]) THEN NULL ELSE body_html END
         WHERE id = ANY($1::bigint[]) AND status = 'sending'`,
  retry: `UPDATE mail_outbox SET status = 'pending', claimed_at = NULL, last_error = $2,
            next_attempt_at = now() + make_interval(secs => $3)
          WHERE id = $1 AND status = 'sending'`,
  settle: `UPDATE mail_outbox SET status = $2, claimed_at = NULL, last_error = $3 WHERE id = $1 AND status = 'sending'`,
  // A claim older than the lease: its worker died (or hung) during the exchange.
  abandon: `UPDATE mail_outbox SET status = 'uncertain', last_error = 'Envoi interrompu : le serveur s’est arrêté pendant l’échange avec le relais ; le message est peut-être parti.'
            WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => $1) RETURNING id`,
  page: `SELECT ${COLUMNS}, (SELECT email FROM users u WHERE u.id = m.user_id) AS user_email
         FROM mail_outbox m WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR id < $2)
         ORDER BY id DESC LIMIT $3`,
  one: `SELECT ${COLUMNS}, (SELECT email FROM users u WHERE u.id = m.user_id) AS user_email FROM mail_outbox m WHERE id = $1`,
  counts: `SELECT status, count(*)::int AS n FROM mail_outbox GROUP BY status`,
  requeue: `UPDATE mail_outbox SET status = 'pending', next_attempt_at = now(), claimed_at = NULL, last_error = NULL
            WHERE id = $1 AND status IN ('failed', 'uncertain') RETURNING id`,
  // The daily digest: one statement takes every waiting notification and queues one message per person.
  // (only what the person still wants in a digest: a preference changed since is respected)
  digest: `WITH picked AS (
             UPDATE notifications SET digest_pending = false WHERE digest_pending
             RETURNING id, user_id, mail_mode(user_id, type) AS mode)
           INSERT INTO mail_outbox (kind, user_id, digest_ids)
           SELECT 'digest', user_id, array_agg(id ORDER BY id) FROM picked WHERE mode = 'digest' GROUP BY user_id
           RETURNING id`,
  purge: `DELETE FROM mail_outbox WHERE status IN ('sent', 'cancelled') AND created_at < now() - interval '90 days'`,
} as const;

export type OutboxKind = 'verify_email' | 'password_reset' | 'email_change' | 'email_changed' | 'password_changed' | 'notification' | 'digest' | 'sortition' | 'moderation';
/** Kinds whose body holds a single-use link: forgotten once sent, never shown to admins when a relay sends them. */
export const LINK_KINDS: ReadonlySet<OutboxKind> = new Set(['verify_email', 'password_reset', 'email_change']);

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'cancelled';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'uncertain', 'cancelled'];

export interface OutboxRow {
  id: string;
  kind: OutboxKind;
  user_id: string | null;
  to_address: string | null;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  notification_id: string | null;
  digest_ids: string[] | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  claimed_at: Date | null;
  sent_at: Date | null;
  last_error: string | null;
  created_at: Date;
}

/** A message rendered now (account messages: they carry a single-use link), in the caller's transaction. */
export async function enqueueRendered(
  db: Queryable,
  m: { kind: OutboxKind; userId: string; to: string; subject: string; text: string; html: string },
): Promise<string> {
  return (await db.query<{ id: string }>(SQL.insertRendered, [m.kind, m.userId, m.to, m.subject, m.text, m.html])).rows[0]!.id;
}

export async function claimDue(db: Queryable, limit: number): Promise<OutboxRow[]> {
  return (await db.query<OutboxRow>(SQL.claim, [limit])).rows;
}

/** The relay accepted them; the bodies that held a single-use link are forgotten. */
export async function markSent(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.query(SQL.sent, [ids, [...LINK_KINDS]]);
}

export async function markRetry(db: Queryable, id: string, error: string, delaySeconds: number): Promise<void> {
  await db.query(SQL.retry, [id, error.slice(0, 500), delaySeconds]);
}

export async function settle(db: Queryable, id: string, status: 'failed' | 'uncertain' | 'cancelled', error: string): Promise<void> {
  await db.query(SQL.settle, [id, status, error.slice(0, 500)]);
}

export async function abandonStale(db: Queryable, leaseSeconds: number): Promise<number> {
  return (await db.query(SQL.abandon, [leaseSeconds])).rowCount;
}

export type OutboxListRow = OutboxRow & { user_email: string | null };

export async function listOutbox(db: Queryable, f: { status?: OutboxStatus | undefined; before?: string | undefined; limit: number }): Promise<OutboxListRow[]> {
  return (await db.query<OutboxListRow>(SQL.page, [f.status ?? null, f.before ?? null, f.limit])).rows;
}

export async function findOutbox(db: Queryable, id: string): Promise<OutboxListRow | undefined> {
  return (await db.query<OutboxListRow>(SQL.one, [id])).rows[0];
}

export async function outboxCounts(db: Queryable): Promise<Record<OutboxStatus, number>> {
  const rows = (await db.query<{ status: OutboxStatus; n: number }>(SQL.counts)).rows;
  return Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<OutboxStatus, number>;
}

/** Puts a failed or uncertain message back in the queue (an admin's decision); false if it was neither. */
export async function requeue(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(SQL.requeue, [id])).rowCount > 0;
}

/** Queues one digest per person with waiting notifications; returns how many. */
export async function queueDigests(db: Queryable): Promise<number> {
  return (await db.query(SQL.digest)).rowCount;
}

export async function purgeOldMail(db: Queryable): Promise<number> {
  return (await db.query(SQL.purge)).rowCount;
}
