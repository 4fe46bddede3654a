import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: the session token given to the client once. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored; a plain SHA-256 suffices because the token itself is random. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const SESSION_COOKIE = 'palimpseste_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
