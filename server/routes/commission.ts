import { z } from 'zod';
import { COLLEGES, COMMISSION_VOTES, DECISION_RULES } from '../../shared/commission';
import type { Db } from '../db/db';
import { appointMember, removeMember, setCommissionRule } from '../commands/commission-members';
import { voteInCommission } from '../commands/commission-vote';
import { requireUser } from '../http/auth';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { idParam, int32 } from '../http/schemas';
import { findBill } from '../sql/bills';
import { listMembers } from '../sql/commission';

const memberParams = z.object({ billId: idParam, userId: idParam });

/** API.md › Commission: members, rule, votes (decisions and the reconciled text: commission-decisions.ts). */
export function commissionRoutes(api: Api, db: Db): void {
  route(api, {
    method: 'get', path: '/api/bills/:billId/commission', tag: 'Commission', access: 'public', params: z.object({ billId: idParam }),
    summary: 'La commission d’un texte : règle de décision, quorum, membres par collège', responses: { 200: '{rule, quorum, members}' },
  }, async ({ params }) => {
    const bill = await findBill(db, params.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    const members = await listMembers(db, bill.id);
    return { json: { rule: bill.decision_rule, quorum: bill.quorum ?? null, members: members.map((m) => ({ userId: m.user_id, displayName: m.display_name, kind: m.kind, college: m.college })) } };
  });

  route(api, {
    method: 'put', path: '/api/bills/:billId/commission/members/:userId', tag: 'Commission', access: 'admin', params: memberParams,
    body: z.object({ college: z.enum(COLLEGES) }),
    summary: 'Nommer un membre de la commission dans un collège (élus ou citoyens)', responses: { 200: '{member}' },
  }, async ({ params, body, req }) => {
    await appointMember(db, { admin: requireUser(req), billId: params.billId, userId: params.userId, college: body.college });
    return { json: { member: { billId: params.billId, userId: params.userId, college: body.college } } };
  });

  route(api, {
    method: 'delete', path: '/api/bills/:billId/commission/members/:userId', tag: 'Commission', access: 'admin', params: memberParams,
    summary: 'Retirer un membre de la commission', responses: { 204: 'retiré' },
  }, async ({ params, req }) => {
    await removeMember(db, { admin: requireUser(req), billId: params.billId, userId: params.userId });
    return { status: 204 };
  });

  route(api, {
    method: 'put', path: '/api/bills/:billId/commission/rule', tag: 'Commission', access: 'admin', params: z.object({ billId: idParam }),
    body: z.object({ rule: z.enum(DECISION_RULES), quorum: int32(1, 10_000).nullable().default(null) }),
    summary: 'Choisir la règle de décision (majorité simple ou double majorité) et le quorum', responses: { 200: '{rule, quorum}' },
  }, async ({ params, body, req }) => {
    await setCommissionRule(db, { admin: requireUser(req), billId: params.billId, rule: body.rule, quorum: body.quorum });
    return { json: { rule: body.rule, quorum: body.quorum } };
  });

  for (const method of ['put', 'delete'] as const) {
    route(api, {
      method, path: '/api/amendments/:id/commission-vote', tag: 'Commission', access: 'signed-in', params: z.object({ id: idParam }),
      ...(method === 'put' ? { body: z.object({ value: z.enum(COMMISSION_VOTES) }) } : {}),
      summary: method === 'put' ? 'Voter en commission (membres) : pour, contre, abstention' : 'Retirer son vote en commission',
      responses: { 200: '{commissionTally}' },
    }, async ({ params, body, req }) => {
      const value = method === 'put' ? (body as { value: (typeof COMMISSION_VOTES)[number] }).value : null;
      return { json: { commissionTally: await voteInCommission(db, { user: requireUser(req), amendmentId: params.id, value }) } };
    });
  }
}
