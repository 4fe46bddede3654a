import type { SessionUser } from '../sql/sessions';
import type { UserRow } from '../sql/users';

/**
 * A short-lived, in-process cache of session → account, so that a burst of requests (votes) does
 * not look the same session up in PostgreSQL each time. An entry never outlives its session: it
 * is served until `ttlMs` after the look-up or the session's end, whichever comes first. Logging
 * out and role changes made through this process drop entries at once; another process sees them
 * within `ttlMs` at worst.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: UserRow; until: number }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 50_000,
  ) {}

  get(tokenHash: string, now = Date.now()): UserRow | undefined {
    const hit = this.entries.get(tokenHash);
    if (!hit) return undefined;
    if (hit.until > now) return hit.user;
    this.entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, found: SessionUser, now = Date.now()): void {
    const { session_expires_at: ends, ...user } = found;
    const until = Math.min(now + this.ttlMs, new Date(ends).getTime());
    if (until <= now) return;
    // Maps keep insertion order: past the cap, the oldest entry goes first.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(tokenHash, { user, until });
  }

  forgetSession(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  forgetUser(userId: string): void {
    for (const [hash, hit] of this.entries) if (hit.user.id === userId) this.entries.delete(hash);
  }
}
