import type { SessionCache } from '../auth/session-cache';
import { hashToken } from '../auth/tokens';
import type { Db } from '../db/db';
import { deleteSession } from '../sql/sessions';

/** Ends a session: the token stops working at once (database and this process's cache). */
export async function logOut(db: Db, sessions: SessionCache, token: string | null | undefined): Promise<void> {
  if (!token) return;
  const hash = hashToken(token);
  await deleteSession(db, hash);
  sessions.forgetSession(hash);
}
