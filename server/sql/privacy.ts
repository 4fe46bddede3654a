import type { Queryable } from '../db/db';
import type { Role } from './users';

/**
 * SQL of a person's own data: everything they may download about themselves, and the steps of
 * deleting their account (migration 013 explains the design). Every statement takes the account id.
 */

/** The name every deleted account signs with (also written by migration 013's placeholders). */
export const DELETED_NAME = 'contributeur supprimé';

/** One statement per section of the export; the keys are the sections' names. */
const EXPORT_SQL = {
  amendments: `SELECT a.id, a.bill_id, b.title AS bill_title, a.article_id, ar.number AS article_number, a.kind, a.origin,
                      a.status, a.number, a.base_version, a.alineas, a.rationale, a.created_at, a.submitted_at, a.withdrawn_at,
                      a.hidden_reason, a.created_by = $1 AS created_by_me, aa.added_at AS author_since
               FROM amendment_authors aa JOIN amendments a ON a.id = aa.amendment_id
               JOIN articles ar ON ar.id = a.article_id JOIN bills b ON b.id = a.bill_id
               WHERE aa.user_id = $1 ORDER BY a.created_at, a.id`,
  revisions: `SELECT amendment_id, revision, kind, alineas, rationale, dispositif, note, created_at
              FROM amendment_revisions WHERE author_id = $1 ORDER BY created_at, amendment_id, revision`,
  arguments: `SELECT id, bill_id, target_type, target_id, side, body, created_at, hidden_reason
              FROM arguments WHERE author_id = $1 ORDER BY created_at, id`,
  annotations: `SELECT id, bill_id, article_id, version, alinea, start_offset, end_offset, quote, body, created_at, hidden_reason
                FROM annotations WHERE author_id = $1 ORDER BY created_at, id`,
  replies: `SELECT id, annotation_id, body, created_at, hidden_reason
            FROM annotation_replies WHERE author_id = $1 ORDER BY created_at, id`,
  reports: 'SELECT id, subject_type, subject_id, reason, comment, created_at FROM reports WHERE reporter_id = $1 ORDER BY created_at, id',
  appeals: `SELECT id::text AS id, action_id::text AS action_id, body, created_at, decision, decided_at, decision_reason
            FROM moderation_appeals WHERE author_id = $1 ORDER BY id`,
  notifications: `SELECT id::text AS id, type, amendment_id, message, created_at, read_at
                  FROM notifications WHERE user_id = $1 ORDER BY id`,
  commissionMemberships: `SELECT bill_id, college, appointed_at FROM commission_members WHERE user_id = $1 ORDER BY appointed_at`,
  votes: 'SELECT target_type, target_id, value, updated_at FROM votes WHERE user_id = $1 ORDER BY updated_at, target_type, target_id',
  commissionVotes: 'SELECT amendment_id, value, updated_at FROM commission_votes WHERE user_id = $1 ORDER BY updated_at, amendment_id',
  officialResponses: `SELECT id::text AS id, amendment_id, body, created_at FROM amendment_responses
                      WHERE clerk_id = $1 ORDER BY id`,
  moderationActions: `SELECT id::text AS id, subject_type, subject_id, bill_id, action, reason, at
                      FROM moderation_actions WHERE moderator_id = $1 ORDER BY id`,
  amendmentsInCharge: `SELECT id AS amendment_id, status FROM amendments WHERE assigned_clerk_id = $1 ORDER BY submitted_at, id`,
  invitations: `SELECT amendment_id, created_at, expires_at FROM amendment_invitations
                WHERE created_by = $1 ORDER BY created_at`,
  sessions: 'SELECT created_at, expires_at FROM sessions WHERE user_id = $1 AND expires_at > now() ORDER BY created_at',
  // the identities linked at providers (OpenID Connect): the pair that names each, nothing more is kept
  identities: 'SELECT issuer, subject, linked_at FROM identities WHERE user_id = $1 ORDER BY linked_at',
  // e-mail (migration 021): the preferences, and the messages sent (what, when, how it went — not their links)
  notificationPreferences: 'SELECT kind, mode FROM notification_preferences WHERE user_id = $1 ORDER BY kind',
  cosignatures: 'SELECT amendment_id, created_at FROM cosignatures WHERE user_id = $1 ORDER BY created_at',
  emails: `SELECT id::text AS id, kind, to_address, subject, status, created_at, sent_at
           FROM mail_outbox WHERE user_id = $1 ORDER BY id`,
} as const;

export type ExportSection = keyof typeof EXPORT_SQL;
export const EXPORT_SECTIONS = Object.keys(EXPORT_SQL) as ExportSection[];

const SQL = {
  account: `SELECT id, email, display_name, kind, roles, created_at FROM users WHERE id = $1 AND deleted_at IS NULL`,
  // password_hash null: an account created through an identity provider (migration 022)
  credentials: 'SELECT password_hash, roles FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE',
  otherAdmins: `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND deleted_at IS NULL AND id <> $1`,
  detachVotes: 'SELECT detach_votes($1) AS n',
  // Drafts nobody else writes are the person's private notes: they go with the account.
  deleteOwnDrafts: `DELETE FROM amendments a WHERE a.status = 'draft'
                      AND EXISTS (SELECT 1 FROM amendment_authors x WHERE x.amendment_id = a.id AND x.user_id = $1)
                      AND NOT EXISTS (SELECT 1 FROM amendment_authors x WHERE x.amendment_id = a.id AND x.user_id <> $1)
                    RETURNING a.id`,
  deleteDocs: 'DELETE FROM collab_updates WHERE doc_name = ANY($1::text[])',
  deleteSessions: 'DELETE FROM sessions WHERE user_id = $1',
  deleteNotifications: 'DELETE FROM notifications WHERE user_id = $1',
  deleteInvitations: 'DELETE FROM amendment_invitations WHERE created_by = $1',
  deleteIdentities: 'DELETE FROM identities WHERE user_id = $1',
  // the outbox holds the address and links: the messages go with the account (pending ones are not sent)
  deleteMail: 'DELETE FROM mail_outbox WHERE user_id = $1',
  deleteAccountTokens: 'DELETE FROM account_tokens WHERE user_id = $1',
  deleteImportReports: 'DELETE FROM import_reports WHERE user_id = $1',
  deletePreferences: 'DELETE FROM notification_preferences WHERE user_id = $1',
  // Another clerk can take over what a departing clerk was formalising.
  releaseAssignments: `UPDATE amendments SET assigned_clerk_id = NULL
                       WHERE assigned_clerk_id = $1 AND status IN ('submitted', 'formalised')`,
  anonymise: `UPDATE users SET email = 'deleted:' || gen_random_uuid(), password_hash = NULL, display_name = $2,
                kind = 'citizen', roles = '{}', assurance = 'none', deleted_at = date_trunc('day', now())
              WHERE id = $1 AND deleted_at IS NULL`,
  adoptedTextsNaming: `SELECT bill_id, result FROM adopted_texts
                       WHERE jsonb_path_exists(result, '$.contributors.*.authors[*] ? (@.id == $id)', jsonb_build_object('id', $1::text))`,
  allowErasure: "SELECT set_config('palimpseste.erasure', 'on', true)",
  rewriteAdoptedText: 'UPDATE adopted_texts SET result = $2::jsonb WHERE bill_id = $1',
} as const;

export interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  kind: 'citizen' | 'organisation';
  roles: Role[];
  created_at: Date;
}

export async function findLiveAccount(db: Queryable, userId: string): Promise<AccountRow | undefined> {
  return (await db.query<AccountRow>(SQL.account, [userId])).rows[0];
}

export async function exportSection(db: Queryable, section: ExportSection, userId: string): Promise<Record<string, unknown>[]> {
  return (await db.query<Record<string, unknown>>(EXPORT_SQL[section], [userId])).rows;
}

/** The password hash and roles of a live account, locked until the end of the transaction. */
export async function lockCredentials(db: Queryable, userId: string): Promise<{ password_hash: string | null; roles: Role[] } | undefined> {
  return (await db.query<{ password_hash: string | null; roles: Role[] }>(SQL.credentials, [userId])).rows[0];
}

export async function countOtherAdmins(db: Queryable, userId: string): Promise<number> {
  return (await db.query<{ n: number }>(SQL.otherAdmins, [userId])).rows[0]!.n;
}

/** Moves each of the account's votes to an anonymous placeholder (tallies unchanged). */
export async function detachVotes(db: Queryable, userId: string): Promise<number> {
  return (await db.query<{ n: number }>(SQL.detachVotes, [userId])).rows[0]!.n;
}

/** Deletes the drafts only this account writes; returns their ids. */
export async function deleteOwnDrafts(db: Queryable, userId: string): Promise<string[]> {
  return (await db.query<{ id: string }>(SQL.deleteOwnDrafts, [userId])).rows.map((r) => r.id);
}

export async function deleteLiveDocuments(db: Queryable, docNames: readonly string[]): Promise<void> {
  if (docNames.length > 0) await db.query(SQL.deleteDocs, [docNames]);
}

/** Sessions, notifications, invitation links, linked identities, e-mails and their links, import reports: what exists for the person alone. */
export async function deletePersonalRows(db: Queryable, userId: string): Promise<void> {
  await db.query(SQL.deleteSessions, [userId]);
  await db.query(SQL.deleteIdentities, [userId]);
  await db.query(SQL.deleteMail, [userId]);
  await db.query(SQL.deleteAccountTokens, [userId]);
  await db.query(SQL.deleteImportReports, [userId]);
  await db.query(SQL.deletePreferences, [userId]);
  await db.query(SQL.deleteNotifications, [userId]);
  await db.query(SQL.deleteInvitations, [userId]);
  await db.query(SQL.releaseAssignments, [userId]);
}

export async function anonymiseAccount(db: Queryable, userId: string): Promise<boolean> {
  return (await db.query(SQL.anonymise, [userId, DELETED_NAME])).rowCount > 0;
}

/** The frozen adopted texts that name this account among the authors of adopted amendments. */
export async function adoptedTextsNaming(db: Queryable, userId: string): Promise<{ bill_id: string; result: unknown }[]> {
  return (await db.query<{ bill_id: string; result: unknown }>(SQL.adoptedTextsNaming, [userId])).rows;
}

/** Rewrites a frozen adopted text; allowed only inside the transaction that deletes an account. */
export async function rewriteAdoptedText(db: Queryable, billId: string, result: unknown): Promise<void> {
  await db.query(SQL.allowErasure);
  await db.query(SQL.rewriteAdoptedText, [billId, JSON.stringify(result)]);
}
