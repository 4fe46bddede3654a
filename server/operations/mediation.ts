import { z } from 'zod';
import { ASSISTED_LIMITS as L } from '../../shared/assisted';
import type { SessionCache } from '../auth/session-cache';
import { claimContributions } from '../commands/claim-contributions';
import { grantMediator, withdrawMediator } from '../commands/mediators';
import { idParam } from '../http/schemas';
import { operation } from './operation';

/** Mediators (structures de médiation, workshop organisers) and the claims of what they filed (docs/mediators.md). */

export const mediatorBody = z.strictObject({
  name: z.string().trim().min(2, 'le nom de la structure est requis').max(L.mediatorName),
  town: z.string().trim().min(2, 'la commune est requise').max(L.town),
});

/** An admin declares an account a structure de médiation (or changes its name and town); its sessions learn the role at once. */
export const grantMediatorOp = (sessions: Pick<SessionCache, 'forgetUser'>) => operation({
  policy: 'mediator.declare',
  params: z.object({ userId: idParam }),
  body: mediatorBody,
  run: async ({ db }, actor, { params, body }) => {
    const out = await grantMediator(db, { actor, userId: params.userId, name: body.name, town: body.town });
    sessions.forgetUser(out.user.id);
    return out;
  },
});

export const withdrawMediatorOp = (sessions: Pick<SessionCache, 'forgetUser'>) => operation({
  policy: 'mediator.declare',
  params: z.object({ userId: idParam }),
  run: async ({ db, live }, _actor, { params }) => {
    const user = await withdrawMediator(db, live, { userId: params.userId });
    sessions.forgetUser(user.id);
    return user;
  },
});

/** A person enters the code a mediator handed them: what was filed for them becomes theirs. */
export const claimOp = operation({
  policy: 'contribution.claim',
  params: z.object({}),
  body: z.strictObject({ code: z.string().trim().min(1, 'saisissez le code').max(100) }),
  run: ({ db, live }, user, { body }) => claimContributions(db, live, { user, code: body.code }),
});
