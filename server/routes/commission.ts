import { z } from 'zod';
import { operationRoute } from '../http/operation-route';
import { appointMemberOp, commissionRuleOp, commissionVoteOp, removeMemberOp, withdrawCommissionVoteOp } from '../operations/commission';
import type { OpDeps } from '../operations/operation';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { idParam } from '../http/schemas';
import { findBill } from '../sql/bills';
import { listMembers } from '../sql/commission';


/** API.md › Commission: members, rule, votes (decisions and the reconciled text: commission-decisions.ts). */
export function commissionRoutes(api: Api, deps: OpDeps): void {
  const { db } = deps;
  route(api, {
    method: 'get', path: '/api/bills/:billId/commission', tag: 'Commission', access: 'public', params: z.object({ billId: idParam }),
    summary: 'La commission d’un texte : règle de décision, quorum, membres par collège', responses: { 200: '{rule, quorum, members}' },
  }, async ({ params }) => {
    const bill = await findBill(db, params.billId);
    if (!bill) throw notFound('Projet de loi introuvable.');
    const members = await listMembers(db, bill.id);
    return { json: { rule: bill.decision_rule, quorum: bill.quorum ?? null, members: members.map((m) => ({ userId: m.user_id, displayName: m.display_name, kind: m.kind, college: m.college })) } };
  });

  operationRoute(api, deps, appointMemberOp, {
    method: 'put', path: '/api/bills/:billId/commission/members/:userId', tag: 'Commission',
    summary: 'Nommer un membre de la commission dans un collège (élus ou citoyens)', responses: { 200: '{member}' },
  }, (_out, { params, body }) => ({ json: { member: { billId: params.billId, userId: params.userId, college: body.college } } }));

  operationRoute(api, deps, removeMemberOp, {
    method: 'delete', path: '/api/bills/:billId/commission/members/:userId', tag: 'Commission', summary: 'Retirer un membre de la commission', responses: { 204: 'retiré' },
  }, () => ({ status: 204 }));

  operationRoute(api, deps, commissionRuleOp, {
    method: 'put', path: '/api/bills/:billId/commission/rule', tag: 'Commission',
    summary: 'Choisir la règle de décision (majorité simple ou double majorité) et le quorum', responses: { 200: '{rule, quorum}' },
  }, (_out, { body }) => ({ json: { rule: body.rule, quorum: body.quorum } }));

  operationRoute(api, deps, commissionVoteOp, {
    method: 'put', path: '/api/amendments/:id/commission-vote', tag: 'Commission', summary: 'Voter en commission (membres) : pour, contre, abstention', responses: { 200: '{commissionTally}' },
  }, (commissionTally) => ({ json: { commissionTally } }));
  operationRoute(api, deps, withdrawCommissionVoteOp, {
    method: 'delete', path: '/api/amendments/:id/commission-vote', tag: 'Commission', summary: 'Retirer son vote en commission', responses: { 200: '{commissionTally}' },
  }, (commissionTally) => ({ json: { commissionTally } }));
}
