import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

const SEED_COOKIE = 'palimpseste_seed';

/**
 * The `random` ranking is stable per viewer — their account, or a random cookie for visitors —
 * and the same in the API and the pages, so « au hasard » is one order for a person everywhere.
 */
export function viewerSeed(req: Request, res: Response): string {
  if (req.user) return req.user.id;
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SEED_COOKIE];
  if (cookie) return cookie;
  const seed = randomBytes(8).toString('hex');
  res.cookie(SEED_COOKIE, seed, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000 });
  return seed;
}
