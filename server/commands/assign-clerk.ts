import { fill, msg } from '../../shared/i18n';
import { POLICY } from '../../shared/policy';
import type { LiveRevocation } from '../collab/revocation';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { assignClerk } from '../sql/amendments';
import { appendEvent } from '../sql/events';
import { ACTOR, notifyAuthors, notifyUser } from '../sql/notifications';
import { findUserById, type UserRow } from '../sql/users';
import { otherClerkInCharge } from '../authorize';
import { amendmentLabel, loadForClerk } from './clerk-access';

export interface AssignInput {
  user: UserRow;
  amendmentId: string;
  /** The clerk to put in charge: by default the one asking; null: nobody. */
  clerkId?: string | null;
  /** « Reprendre » : needed to change an amendment another clerk has in charge. */
  takeOver?: boolean;
}

/**
 * Puts a clerk in charge of formalising an amendment (by default the one asking): that clerk, and
 * the authors, write in its formalisation workspace; other clerks watch. An amendment another
 * clerk has in charge changes hands only on an explicit take-over (« reprendre »), which tells
 * that clerk and is written in the public history; without it, 409 `other_clerk_in_charge`.
 */
export async function assignAmendment(db: Db, live: LiveRevocation, input: AssignInput): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await loadForClerk(tx, input.amendmentId, input.user, 'amendment.assign', { open: true });
    const clerkId = input.clerkId === undefined ? input.user.id : input.clerkId;
    if (clerkId !== null && clerkId !== input.user.id) {
      const clerk = await findUserById(tx, clerkId);
      if (!clerk?.roles.includes('clerk')) throw new AppError('validation_failed', msg('Cette personne n’est pas greffier.'), [{ path: 'clerkId', message: msg('pas un greffier') }]);
    }
    const previous = a.assigned_clerk_id;
    if (previous === clerkId) return;
    const takenFromOther = previous !== null && previous !== input.user.id;
    if (takenFromOther && !input.takeOver) throw await otherClerkInCharge(tx, previous, POLICY['amendment.assign'].verb);
    await assignClerk(tx, a.id, clerkId);
    if (clerkId) {
      await notifyAuthors(tx, {
        amendmentId: a.id, type: 'assigned', actorId: clerkId,
        message: fill(msg('{{acteur}}, du greffe, a pris en charge la mise en forme de {{amendement}} : vous pouvez l’écrire avec elle ou lui dans l’espace de mise en forme.'), { acteur: ACTOR, amendement: amendmentLabel(a) }),
      });
    }
    if (takenFromOther) {
      await appendEvent(tx, {
        billId: a.bill_id, type: 'amendment.taken_over', actorId: input.user.id, subjectType: 'amendment', subjectId: a.id,
        data: { number: a.number, from: previous, to: clerkId },
      });
      const vars = { nom: input.user.display_name, amendement: amendmentLabel(a) };
      const message = clerkId === input.user.id
        ? fill(msg('{{nom}} a repris {{amendement}}, dont vous aviez la charge. Vous suivez désormais sa mise en forme en lecture seule.'), vars)
        : clerkId
          ? fill(msg('{{nom}} a repris {{amendement}}, dont vous aviez la charge et l’a confié à {{greffier}}. Vous suivez désormais sa mise en forme en lecture seule.'), { ...vars, greffier: (await findUserById(tx, clerkId))?.display_name ?? msg('un autre greffier') })
          : fill(msg('{{nom}} a repris {{amendement}}, dont vous aviez la charge et l’a laissé sans greffier. Vous suivez désormais sa mise en forme en lecture seule.'), vars);
      await notifyUser(tx, {
        userId: previous, amendmentId: a.id, type: 'taken_over',
        message,
      });
    }
  });
  // Open connections follow at once: the relieved clerk watches, the one in charge writes.
  await live.recheckDocs({ amendmentId: input.amendmentId });
}
