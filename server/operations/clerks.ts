import { z } from 'zod';
import { INADMISSIBLE_GROUNDS } from '../../shared/amendment';
import { assignAmendment } from '../commands/assign-clerk';
import { declareInadmissible } from '../commands/declare-inadmissible';
import { formaliseAmendment } from '../commands/formalise-amendment';
import { respondToAmendment } from '../commands/respond-to-amendment';
import { dispositifSchema, idParam, textSchema } from '../http/schemas';
import { operation } from './operation';

/** The clerks' desk: take an amendment, formalise it, answer it, declare it inadmissible. */
const amendmentParams = z.object({ id: idParam });

export const assignOp = operation({
  policy: 'amendment.assign',
  params: amendmentParams,
  body: z.object({ clerkId: idParam.nullable().optional(), takeOver: z.boolean().default(false) }),
  run: ({ db, live }, user, { params, body }) => assignAmendment(db, live, { user, amendmentId: params.id, clerkId: body.clerkId, takeOver: body.takeOver }),
});

export const formaliseOp = operation({
  policy: 'amendment.formalise',
  params: amendmentParams,
  body: z.object({ alineas: textSchema.optional(), dispositif: dispositifSchema.optional(), note: z.string().max(10_000).default('') }),
  run: ({ db, live }, user, { params, body }) => formaliseAmendment(db, live, { user, amendmentId: params.id, ...body }),
});

export const declareInadmissibleOp = operation({
  policy: 'amendment.declareInadmissible',
  params: amendmentParams,
  body: z.object({ ground: z.enum(INADMISSIBLE_GROUNDS), reason: z.string().trim().min(1).max(10_000) }),
  run: ({ db, live }, user, { params, body }) => declareInadmissible(db, live, { user, amendmentId: params.id, ...body }),
});

export const respondOp = operation({
  policy: 'amendment.respond',
  params: amendmentParams,
  body: z.object({ body: z.string().trim().min(1).max(20_000) }),
  run: ({ db }, user, { params, body }) => respondToAmendment(db, { user, amendmentId: params.id, body: body.body }),
});
