import { z } from 'zod';
import { msg } from '../../shared/i18n';
import { SORTITION_LIMITS } from '../../shared/limits';
import { commitSortition, drawSortition, openSortition, respondToDraw, volunteer, withdrawVolunteer, type SortitionDeps } from '../commands/sortition';
import { retryComputation } from '../commands/sortition-compute';
import { idParam, int32 } from '../http/schemas';
import { operation } from './operation';

/** The sortition of the citizen college (docs/sortition.md): call, volunteers, commitment, draw, answers. */
const billParams = z.object({ billId: idParam });
const L = SORTITION_LIMITS;
const label = z.string().trim().min(1).max(L.nameChars);

export const strataSchema = z.array(z.object({
  name: label,
  source: z.string().trim().max(300).optional(),
  categories: z.array(z.object({ value: label, share: z.number().min(0).max(1) })).min(2).max(L.categories),
})).min(1).max(L.strata);

export function sortitionOps(deps: Omit<SortitionDeps, 'db'>) {
  return {
    open: operation({
      policy: 'sortition.open',
      params: billParams,
      body: z.object({ seats: int32(1, L.seats), strata: strataSchema }),
      run: ({ db }, user, { params, body }) => openSortition(db, { admin: user, billId: params.billId, seats: body.seats, strata: body.strata }),
    }),
    volunteer: operation({
      policy: 'sortition.volunteer',
      params: billParams,
      body: z.object({ answers: z.record(z.string().max(L.nameChars), z.string().max(L.nameChars)).refine((a) => Object.keys(a).length <= L.strata, msg('trop de critères')) }),
      run: ({ db }, user, { params, body }) => volunteer(db, { user, billId: params.billId, answers: body.answers }),
    }),
    withdraw: operation({
      policy: 'sortition.volunteer',
      params: billParams,
      run: ({ db }, user, { params }) => withdrawVolunteer(db, { user, billId: params.billId }),
    }),
    commit: operation({
      policy: 'sortition.commit',
      params: billParams,
      body: z.object({ seedHash: z.string().regex(/^[0-9a-fA-F]{64}$/, msg('un SHA-256 en hexadécimal (64 caractères)')).optional() }).optional(),
      run: ({ db }, user, { params, body }) => commitSortition({ ...deps, db }, { admin: user, billId: params.billId, seedHash: body?.seedHash }),
    }),
    retry: operation({
      policy: 'sortition.commit',
      params: billParams,
      run: ({ db }, user, { params }) => retryComputation({ ...deps, db }, { admin: user, billId: params.billId }),
    }),
    draw: operation({
      policy: 'sortition.draw',
      params: billParams,
      body: z.object({ seed: z.string().min(1).max(L.seedChars), publicValue: z.string().trim().max(L.publicValueChars).optional().transform((v) => (v === '' ? undefined : v)) }),
      run: ({ db }, user, { params, body }) => drawSortition({ ...deps, db }, { admin: user, billId: params.billId, seed: body.seed, publicValue: body.publicValue }),
    }),
    respond: operation({
      policy: 'sortition.respond',
      params: billParams,
      body: z.object({ response: z.enum(['accepted', 'declined']) }),
      run: ({ db }, user, { params, body }) => respondToDraw({ ...deps, db }, { user, billId: params.billId, response: body.response }),
    }),
  };
}
