import { z } from 'zod';
import type { Db } from '../db/db';
import { idParam } from '../http/schemas';
import { route, type Api } from '../http/route';
import { isCursor, loadContributions, parseCursor } from '../present/contributions';

/** A contributor's public record: what they published under their display name. */
export function contributorRoutes(api: Api, db: Db): void {
  route(api, {
    method: 'get', path: '/api/users/:userId/contributions', tag: 'Comptes', access: 'public',
    params: z.object({ userId: idParam }),
    query: z.object({ before: z.string().max(100).refine(isCursor, 'curseur « next » d’une page précédente').optional() }),
    summary: 'Les contributions publiques d’un compte (amendements déposés, arguments, annotations, réponses), les plus récentes d’abord, 20 par page ; ni brouillon ni contribution masquée',
    responses: { 200: '{user: {id, displayName, kind, deleted}, counts, contributions: [{type, id, at, url, bill, article, …}], next}' },
  }, async ({ params, query }) => ({ json: await loadContributions(db, params.userId, parseCursor(query.before)) }));
}
