import { z } from 'zod';
import { annotate, replyToAnnotation } from '../commands/annotate';
import { moderate, reportContribution } from '../commands/moderate';
import { postArgument } from '../commands/post-argument';
import { idParam, int32 } from '../http/schemas';
import type { ArgumentTargetType } from '../sql/arguments';
import { SUBJECT_TYPES } from '../sql/moderation';
import { fileWith, onBehalfOfSchema } from './on-behalf';
import { operation } from './operation';

/** Arguments, replies, reports and moderation. */
const argumentBody = z.object({
  side: z.enum(['for', 'against']), body: z.string().trim().min(3, 'au moins 3 caractères').max(5000), onBehalfOf: onBehalfOfSchema.optional(),
  /** « Inspiré par … »: an organisation declared as an interest representative (docs/interest-representatives.md). */
  inspiredBy: idParam.optional(),
});
const reason = z.string().trim().min(3, 'au moins 3 caractères').max(1000);

export function argumentOp<K extends string>(type: ArgumentTargetType, key: K) {
  return operation({
    policy: 'argument.post',
    params: z.object({ [key]: idParam }) as z.ZodObject<Record<K, typeof idParam>>,
    body: argumentBody,
    run: ({ db }, user, { params, body: { onBehalfOf, ...body } }) => fileWith(onBehalfOf, (onBehalf) =>
      postArgument(db, { user, targetType: type, targetId: String((params as Record<string, unknown>)[key]), ...body, onBehalf })),
  });
}
export const amendmentArgumentOp = argumentOp('amendment', 'id');
export const articleArgumentOp = argumentOp('article', 'articleId');

/** Annotating a passage: alinéa, start and end in UTF-16 units, the exact quote (else 422). */
export const annotateOp = operation({
  policy: 'annotation.create',
  params: z.object({ articleId: idParam }),
  body: z.object({
    version: int32(1),
    alinea: int32(1),
    start: int32(0),
    end: int32(1),
    quote: z.string().min(1).max(5000),
    body: z.string().trim().min(1).max(5000),
    onBehalfOf: onBehalfOfSchema.optional(),
  }),
  run: ({ db }, user, { params, body: { onBehalfOf, ...body } }) =>
    fileWith(onBehalfOf, (onBehalf) => annotate(db, { user, articleId: params.articleId, ...body, onBehalf })),
});

export const replyOp = operation({
  policy: 'annotation.reply',
  params: z.object({ id: idParam }),
  body: z.object({ body: z.string().trim().min(1).max(5000) }),
  run: ({ db }, user, { params, body }) => replyToAnnotation(db, { user, annotationId: params.id, body: body.body }),
});

export const reportOp = operation({
  policy: 'contribution.report',
  params: z.object({}),
  body: z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: idParam, reason }),
  run: ({ db }, user, { body }) => reportContribution(db, { user, type: body.subjectType, id: body.subjectId, reason: body.reason }),
});

export const moderateOp = (action: 'hide' | 'restore') => operation({
  policy: 'contribution.moderate',
  params: z.object({ type: z.enum(SUBJECT_TYPES), id: idParam }),
  body: z.object({ reason }),
  run: ({ db }, user, { params, body }) => moderate(db, { moderator: user, type: params.type, id: params.id, action, reason: body.reason }),
});
