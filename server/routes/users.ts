import { z } from 'zod';
import type { Db } from '../db/db';
import { presentUser } from '../auth/present';
import { route, type Api } from '../http/route';
import { queryInt } from '../http/schemas';
import { searchUsersByName } from '../sql/users';

/** Finding people to write with: display names are public (they sign every contribution). */
export function userRoutes(api: Api, db: Db): void {
  route(api, {
    method: 'get', path: '/api/users', tag: 'Comptes', access: 'signed-in',
    query: z.object({ search: z.string().trim().min(2).max(80), limit: queryInt(1, 20).default(10) }),
    summary: 'Chercher des comptes par le début de leur nom affiché (pour inviter un co-auteur)', responses: { 200: '{users}' },
  }, async ({ query }) => ({
    json: { users: (await searchUsersByName(db, query.search, query.limit)).map((u) => { const { roles: _r, emailVerified: _v, ...pub } = presentUser(u); return pub; }) },
  }));
}
