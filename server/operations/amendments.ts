import { z } from 'zod';
import { AMENDMENT_KINDS } from '../../shared/amendment';
import { addCoauthor } from '../commands/add-coauthor';
import { createAmendment } from '../commands/create-amendment';
import { editAmendment } from '../commands/edit-amendment';
import { createInvitation } from '../commands/invitations';
import { removeCoauthor } from '../commands/remove-coauthor';
import { submitAmendment } from '../commands/submit-amendment';
import { withdrawAmendment } from '../commands/withdraw-amendment';
import { idParam, textSchema } from '../http/schemas';
import { fileWith, onBehalfOfSchema } from './on-behalf';
import { operation } from './operation';

/** The amendment's own operations: its authors write, table, share and withdraw it. */
const rationale = z.string().max(20_000);
const amendmentParams = z.object({ id: idParam });
/** « Inspiré par … »: the id of an organisation declared as an interest representative; null (edit) clears it. */
const inspiredBy = idParam.nullable().optional();

/** The body of a new amendment (the pages' proposal form adds its own field: amendment-routes.ts). */
export const createAmendmentBody = z.object({
  kind: z.enum(AMENDMENT_KINDS), alineas: textSchema.optional(), rationale: rationale.default(''), submit: z.boolean().default(false), inspiredBy,
  onBehalfOf: onBehalfOfSchema.optional(),
});

export const createAmendmentOp = operation({
  policy: 'amendment.create',
  params: z.object({ articleId: idParam }),
  body: createAmendmentBody,
  run: ({ db }, user, { params, body: { onBehalfOf, ...body } }) =>
    fileWith(onBehalfOf, (onBehalf) => createAmendment(db, { user, articleId: params.articleId, ...body, onBehalf })),
});

export const editAmendmentOp = operation({
  policy: 'amendment.edit',
  params: amendmentParams,
  body: z.object({ alineas: textSchema.optional(), rationale: rationale.optional(), inspiredBy }),
  run: ({ db, live }, user, { params, body }) => editAmendment(db, live, { user, amendmentId: params.id, ...body }),
});

export const submitAmendmentOp = operation({
  policy: 'amendment.submit',
  params: amendmentParams,
  run: ({ db, live }, user, { params }) => submitAmendment(db, live, { user, amendmentId: params.id }),
});

export const withdrawAmendmentOp = operation({
  policy: 'amendment.withdraw',
  params: amendmentParams,
  run: ({ db, live }, user, { params }) => withdrawAmendment(db, live, { user, amendmentId: params.id }),
});

export const addCoauthorOp = operation({
  policy: 'amendment.addCoauthor',
  params: amendmentParams,
  body: z.union([z.object({ userId: idParam }), z.object({ displayName: z.string().trim().min(1).max(80) })]),
  run: ({ db }, user, { params, body }) => addCoauthor(db, { user, amendmentId: params.id, coauthor: body }),
});

export const removeCoauthorOp = operation({
  policy: 'amendment.removeCoauthor',
  params: z.object({ id: idParam, userId: idParam }),
  run: ({ db, live }, user, { params }) => removeCoauthor(db, live, { user, amendmentId: params.id, coauthorId: params.userId }),
});

export const inviteCoauthorOp = operation({
  policy: 'amendment.invite',
  params: amendmentParams,
  run: ({ db }, user, { params }) => createInvitation(db, { user, amendmentId: params.id }),
});
