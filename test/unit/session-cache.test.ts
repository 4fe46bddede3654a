import { SessionCache } from '../../server/auth/session-cache';
import type { SessionUser } from '../../server/sql/sessions';

const user = (endsAt: number): SessionUser => ({
  id: 'u1', email: 'a@exemple.fr', display_name: 'A', kind: 'citizen', roles: [], created_at: new Date(0), email_verified_at: null, assurance: 'none', suspended_at: null, suspended_until: null, session_expires_at: new Date(endsAt),
});

describe('SessionCache', () => {
  test('serves an entry until the TTL or the session’s end, whichever comes first', () => {
    const cache = new SessionCache(10_000);
    cache.set('long', user(1_000_000), 0);
    cache.set('short', user(3_000), 0);
    expect(cache.get('long', 9_999)?.id).toBe('u1');
    expect(cache.get('long', 10_000)).toBeUndefined();
    expect(cache.get('short', 2_999)?.id).toBe('u1');
    expect(cache.get('short', 3_000)).toBeUndefined();
  });

  test('never caches a session that has already ended; the entry has no session end in it', () => {
    const cache = new SessionCache(10_000);
    cache.set('ended', user(500), 500);
    expect(cache.get('ended', 500)).toBeUndefined();
    cache.set('ok', user(5_000), 0);
    expect(cache.get('ok', 1)).not.toHaveProperty('session_expires_at');
  });
});
