import type { SessionCache } from '../auth/session-cache';
import { hashToken } from '../auth/tokens';
import type { LiveRevocation } from '../collab/revocation';
import type { Db } from '../db/db';
import { deleteSession } from '../sql/sessions';

/** Ends a session: the token stops working at once (database, this process's cache, open WebSockets). */
export async function logOut(db: Db, sessions: SessionCache, live: Pick<LiveRevocation, 'revokeSession'>, token: string | null | undefined): Promise<void> {
  if (!token) return;
  const hash = hashToken(token);
  await deleteSession(db, hash);
  sessions.forgetSession(hash);
  live.revokeSession(hash);
}
