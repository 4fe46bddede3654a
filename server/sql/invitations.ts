import type { Queryable } from '../db/db';

/** SQL for `amendment_invitations` (looked up by the hash of their token). */
const SQL = {
  insert: 'INSERT INTO amendment_invitations (token_hash, amendment_id, created_by, expires_at) VALUES ($1, $2, $3, $4)',
  find: 'SELECT amendment_id FROM amendment_invitations WHERE token_hash = $1 AND expires_at > now()',
} as const;

export async function insertInvitation(db: Queryable, i: { tokenHash: string; amendmentId: string; createdBy: string; expiresAt: Date }): Promise<void> {
  await db.query(SQL.insert, [i.tokenHash, i.amendmentId, i.createdBy, i.expiresAt]);
}

export async function findInvitation(db: Queryable, tokenHash: string): Promise<{ amendment_id: string } | undefined> {
  return (await db.query<{ amendment_id: string }>(SQL.find, [tokenHash])).rows[0];
}
