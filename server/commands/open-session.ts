import type { Queryable } from '../db/db';
import { hashToken, newSessionToken, SESSION_TTL_MS } from '../auth/tokens';
import { insertSession } from '../sql/sessions';

/** Issues a new random session token for an account; only its hash is stored. */
export async function openSession(db: Queryable, userId: string, now = new Date()): Promise<string> {
  const token = newSessionToken();
  await insertSession(db, hashToken(token), userId, new Date(now.getTime() + SESSION_TTL_MS));
  return token;
}
