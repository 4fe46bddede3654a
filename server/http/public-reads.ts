import type { RequestHandler } from 'express';

/**
 * The public read API (API.md › History and open data): anyone may read from any site (CORS for
 * GET, without credentials: a cross-site page gets what a visitor gets), and caches may keep
 * public answers as long as they revalidate them (Express adds a weak ETag to every body, and
 * answers a matching If-None-Match with 304). What a signed-in person reads may be personal
 * (drafts, notifications): never stored by shared caches.
 */
export const publicReads: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith('/api/')) return next();
  if (req.method === 'OPTIONS') {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Allow-Headers': 'If-None-Match', 'Access-Control-Max-Age': '86400' });
    return res.status(204).end();
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Access-Control-Expose-Headers', 'ETag, Content-Disposition');
  res.set('Vary', 'Authorization, Cookie');
  // routes with a longer life (open-data exports) set their own Cache-Control after this default
  res.set('Cache-Control', req.user ? 'private, no-store' : 'public, no-cache');
  next();
};
