import { z } from 'zod';
import type { Db } from '../db/db';
import { notFound } from '../errors';
import { idParam } from '../http/schemas';
import { route, type Api } from '../http/route';
import { myOpinionGroup, presentOpinionGroups } from '../present/opinion-groups';
import { findBill } from '../sql/bills';
import { requireUser } from '../http/auth';

/** Opinion groups and bridging (issue 18, docs/opinion-groups.md). */
export function opinionRoutes(api: Api, db: Db): void {
  const params = z.object({ billId: idParam });

  route(api, {
    method: 'get', path: '/api/bills/:billId/opinion-groups', tag: 'Projets de loi', access: 'public', params,
    summary: 'Les groupes d’opinion (10 votants ou plus) et, pour chaque amendement et argument, le soutien dans chaque groupe et le score « rassembleur » (docs/opinion-groups.md)',
    responses: { 200: '{computedAt, groups: [{id, size, x, y, supports, rejects}], items: [{type, id, support: {<groupId>: share}, votes, bridging}], parameters}' },
  }, async ({ params: p }) => {
    const bill = await findBill(db, p.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    return { json: await presentOpinionGroups(db, bill.id) };
  });

  route(api, {
    method: 'get', path: '/api/bills/:billId/opinion-groups/mine', tag: 'Projets de loi', access: 'signed-in', params,
    summary: 'Le groupe d’opinion de la personne connectée (d’après ses propres votes ; personne d’autre ne peut le demander)',
    responses: { 200: '{group: <groupId> | null, reason?: "not_computed" | "too_few_votes" | "small_group"}' },
  }, async ({ params: p, req }) => {
    const user = requireUser(req);
    const bill = await findBill(db, p.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    return { json: await myOpinionGroup(db, bill.id, user.id) };
  });
}
