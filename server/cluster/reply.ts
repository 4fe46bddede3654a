import type { RequestHandler } from 'express';
import type { Bus } from './bus';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Longest a reply waits for Redis (away: the others learn nothing anyway, and time out what they cache). */
const MAX_WAIT_MS = 250;

/**
 * A write's reply leaves once what it relayed (a logout, a revocation) has reached Redis: a client
 * that then asks another process is not served from that process's stale cache. Replies of writes
 * that relayed nothing are not delayed.
 */
export function relayedBeforeReply(bus: Bus): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      if (!bus.pending) return end(...args);
      void bus.settled(MAX_WAIT_MS).then(() => end(...args));
      return res;
    }) as typeof res.end;
    next();
  };
}
