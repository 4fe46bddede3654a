import type { SessionUser } from '../sql/sessions';
import type { UserRow } from '../sql/users';

/**
 * A short-lived, in-process cache of session → account, so that a burst of requests (votes) does
 * not look the same session up in PostgreSQL each time. An entry never outlives its session: it
 * is served until `ttlMs` after the look-up or the session's end, whichever comes first. Logging
 * out and role changes drop entries at once, in this process and (cluster mode, `relayTo`) in the
 * others.
 */
export type SessionEvent = { forget: 'session'; tokenHash: string } | { forget: 'user'; userId: string };

export class SessionCache {
  private readonly entries = new Map<string, { user: UserRow; until: number }>();
  private relay: ((event: SessionEvent) => void) | null = null;

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
    this.apply({ forget: 'session', tokenHash });
    this.relay?.({ forget: 'session', tokenHash });
  }

  forgetUser(userId: string): void {
    this.apply({ forget: 'user', userId });
    this.relay?.({ forget: 'user', userId });
  }

  /** Cluster mode: what this cache forgets is told to the other processes' (which `apply` it). */
  relayTo(relay: (event: SessionEvent) => void): void {
    this.relay = relay;
  }

  /** Forgets in this process only. */
  apply(event: SessionEvent): void {
    if (event.forget === 'session') this.entries.delete(event.tokenHash);
    else for (const [hash, hit] of this.entries) if (hit.user.id === event.userId) this.entries.delete(hash);
  }
}
