/**
 * A one-second cache of ranked list pages, keyed by the query and by the bill's last public event.
 * Every change that alters a list (submission, withdrawal, moderation, decision) appends an event,
 * so a new event id makes a new key: texts, statuses and authors are never stale. Only the order of
 * a vote-based ranking may lag by up to `ttlMs`; tallies are always read live.
 */
export class ListCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(
    private readonly ttlMs = 1000,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, compute: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    // Concurrent requests for one key share one computation.
    const value = compute();
    this.entries.set(key, { value, until: now + this.ttlMs });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
