import { z } from 'zod';
import { fill, msg } from '../../shared/i18n';
import type { ModerationDeps } from '../commands/moderation-mail';
import { BULK_ACTIONS, CHARTER_RULE_IDS, MODERATION_LIMITS as L } from '../../shared/moderation';
import { moderate, reportContribution } from '../commands/moderate';
import { moderateBulk } from '../commands/moderate-bulk';
import { appealDecision, decideAppeal } from '../commands/moderation-appeals';
import { liftSuspension, suspendAccount } from '../commands/suspend-account';
import { idParam, isoDate, serialId } from '../http/schemas';
import { SUBJECT_TYPES } from '../sql/moderation';
import { operation } from './operation';

/** Reports, decisions on contributions (one or in bulk), appeals and suspensions (docs/moderation.md). */

const reason = z.string().trim().min(3, 'au moins 3 caractères').max(L.reasonChars);
/** A rule of the charter, by its stable id (shared/moderation.ts). */
export const charterRule = z.enum(CHARTER_RULE_IDS);

export const reportOp = operation({
  policy: 'contribution.report',
  params: z.object({}),
  body: z.object({
    subjectType: z.enum(SUBJECT_TYPES),
    subjectId: idParam,
    reason: charterRule,
    comment: z.string().trim().max(L.commentChars).optional(),
  }),
  run: ({ db }, user, { body }) => reportContribution(db, { user, type: body.subjectType, id: body.subjectId, reason: body.reason, comment: body.comment }),
});

export const moderateOp = (action: 'hide' | 'restore') => operation({
  policy: 'contribution.moderate',
  params: z.object({ type: z.enum(SUBJECT_TYPES), id: idParam }),
  body: z.object({ reason, rule: charterRule.optional() }),
  run: ({ db }, user, { params, body }) => moderate(db, { moderator: user, type: params.type, id: params.id, action, reason: body.reason, rule: body.rule }),
});

const item = z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: idParam });
export const bulkBody = z.object({
  action: z.enum(BULK_ACTIONS),
  items: z.array(item).min(1, msg('choisissez au moins un élément')).max(L.bulkItems, fill(msg('au plus {{n}} éléments à la fois'), { n: L.bulkItems }))
    .refine((xs) => new Set(xs.map((x) => `${x.subjectType}:${x.subjectId}`)).size === xs.length, msg('un élément figure deux fois')),
  rule: charterRule.optional(),
  reason: z.string().trim().max(L.reasonChars).optional(),
}).refine((b) => b.action !== 'hide' || b.rule !== undefined, { message: msg('masquer demande une règle de la charte'), path: ['rule'] });

export const bulkModerateOp = operation({
  policy: 'contribution.moderate',
  params: z.object({}),
  body: bulkBody,
  run: ({ db }, user, { body }) => moderateBulk(db, {
    moderator: user, action: body.action, items: body.items.map((i) => ({ type: i.subjectType, id: i.subjectId })), rule: body.rule, reason: body.reason,
  }),
});

export const appealOp = operation({
  policy: 'moderation.appeal',
  params: z.object({ id: serialId }),
  body: z.object({ body: z.string().trim().min(10, 'au moins 10 caractères').max(L.appealChars) }),
  run: ({ db }, user, { params, body }) => appealDecision(db, { user, actionId: params.id, body: body.body }),
});

export const decideAppealOp = (mod: ModerationDeps) => operation({
  policy: 'moderation.decideAppeal',
  params: z.object({ id: serialId }),
  body: z.object({ decision: z.enum(['upheld', 'overturned']), reason }),
  run: ({ db }, user, { params, body }) => decideAppeal(db, mod, { moderator: user, appealId: params.id, decision: body.decision, reason: body.reason }),
});

export const suspendOp = (mod: ModerationDeps) => operation({
  policy: 'account.suspend',
  params: z.object({ userId: idParam }),
  // `until` null: a permanent suspension, said explicitly
  body: z.object({ until: isoDate.nullable(), rule: charterRule.optional(), reason }),
  run: ({ db, live }, user, { params, body }) => suspendAccount(db, { ...mod, live }, { moderator: user, userId: params.userId, until: body.until, rule: body.rule, reason: body.reason }),
});

export const liftOp = (mod: ModerationDeps) => operation({
  policy: 'account.lift',
  params: z.object({ userId: idParam }),
  body: z.object({ reason }),
  run: ({ db, live }, user, { params, body }) => liftSuspension(db, { ...mod, live }, { moderator: user, userId: params.userId, reason: body.reason }),
});
