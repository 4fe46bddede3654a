import { z } from 'zod';
import { annotate, replyToAnnotation } from '../commands/annotate';
import { postArgument } from '../commands/post-argument';
import { idParam, int32 } from '../http/schemas';
import type { ArgumentTargetType } from '../sql/arguments';
import { fileWith, onBehalfOfSchema } from './on-behalf';
import { operation } from './operation';

/** Arguments, annotations and replies (reports and moderation: ./moderation.ts). */
const argumentBody = z.object({
  side: z.enum(['for', 'against']), body: z.string().trim().min(3, 'au moins 3 caractères').max(5000), onBehalfOf: onBehalfOfSchema.optional(),
  /** « Inspiré par … »: an organisation declared as an interest representative (docs/interest-representatives.md). */
  inspiredBy: idParam.optional(),
});

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

export { moderateOp, reportOp } from './moderation';
