import { z } from 'zod';
import { msg } from '../../shared/i18n';
import { COLLEGES, COMMISSION_VOTES, DECISION_RULES } from '../../shared/commission';
import { BILL_STATUSES } from '../../shared/phases';
import { changeBillStatus } from '../commands/change-bill-status';
import { appointMember, removeMember, setCommissionRule } from '../commands/commission-members';
import { voteInCommission } from '../commands/commission-vote';
import { decideAmendment } from '../commands/decide-amendment';
import { rectifyAmendment, tableSubAmendment } from '../commands/sub-amendments';
import { idParam, int32, textSchema } from '../http/schemas';
import { operation } from './operation';

/** The commission and the bill's phases: members, rule, votes, decisions, phase moves. */
const memberParams = z.object({ billId: idParam, userId: idParam });
const billParams = z.object({ billId: idParam });
const amendmentParams = z.object({ id: idParam });

export const moveBillOp = operation({
  policy: 'bill.move',
  params: billParams,
  body: z.object({ status: z.enum(BILL_STATUSES) }),
  run: ({ db, live }, user, { params, body }) => changeBillStatus(db, live, { billId: params.billId, to: body.status, actorId: user.id }),
});

export const appointMemberOp = operation({
  policy: 'commission.appoint',
  params: memberParams,
  body: z.object({ college: z.enum(COLLEGES) }),
  run: ({ db }, user, { params, body }) => appointMember(db, { admin: user, billId: params.billId, userId: params.userId, college: body.college }),
});

export const removeMemberOp = operation({
  policy: 'commission.remove',
  params: memberParams,
  run: ({ db }, user, { params }) => removeMember(db, { admin: user, billId: params.billId, userId: params.userId }),
});

export const commissionRuleOp = operation({
  policy: 'commission.rule',
  params: billParams,
  body: z.object({ rule: z.enum(DECISION_RULES), quorum: int32(1, 10_000).nullable().default(null) }),
  run: ({ db }, user, { params, body }) => setCommissionRule(db, { admin: user, billId: params.billId, rule: body.rule, quorum: body.quorum }),
});

export const commissionVoteOp = operation({
  policy: 'commission.vote',
  params: amendmentParams,
  body: z.object({ value: z.enum(COMMISSION_VOTES) }),
  run: ({ db }, user, { params, body }) => voteInCommission(db, { user, amendmentId: params.id, value: body.value }),
});

export const withdrawCommissionVoteOp = operation({
  policy: 'commission.vote',
  params: amendmentParams,
  run: ({ db }, user, { params }) => voteInCommission(db, { user, amendmentId: params.id, value: null }),
});

export const decideOp = operation({
  policy: 'amendment.decide',
  params: amendmentParams,
  body: z.object({
    decision: z.enum(['adopted', 'rejected', 'not_examined']).optional(),
    reason: z.string().trim().min(1).max(2_000).optional(),
  }).refine((b) => b.decision !== 'not_examined' || b.reason !== undefined, { message: msg('une raison publique est obligatoire pour « non examiné »'), path: ['reason'] }).optional(),
  run: ({ db, live }, user, { params, body }) => decideAmendment(db, live, { admin: user, amendmentId: params.id, decision: body?.decision, reason: body?.reason }),
});

/** A commission member tables a sous-amendement: the amendment's alinéas as it would rewrite them (docs/sub-amendments.md). */
export const subAmendOp = operation({
  policy: 'amendment.subAmend',
  params: amendmentParams,
  body: z.object({ alineas: textSchema, rationale: z.string().max(20_000) }),
  run: ({ db }, user, { params, body }) => tableSubAmendment(db, { user, parentId: params.id, alineas: body.alineas, rationale: body.rationale }),
});

/** Its authors (or the clerk in charge) publish a rectified version before the commission decides. */
export const rectifyOp = operation({
  policy: 'amendment.rectify',
  params: amendmentParams,
  body: z.object({ alineas: textSchema.optional(), rationale: z.string().max(20_000).optional() })
    .refine((b) => b.alineas !== undefined || b.rationale !== undefined, { message: msg('donnez le texte rectifié ou l’exposé rectifié'), path: ['alineas'] }),
  run: ({ db, live }, user, { params, body }) => rectifyAmendment(db, live, { user, amendmentId: params.id, alineas: body.alineas, rationale: body.rationale }),
});
