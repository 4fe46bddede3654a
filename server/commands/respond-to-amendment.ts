import { fill, msg } from '../../shared/i18n';
import type { Db } from '../db/db';
import { insertResponse } from '../sql/amendment-responses';
import { appendEvent } from '../sql/events';
import { notifyAuthors } from '../sql/notifications';
import type { UserRow } from '../sql/users';
import { amendmentLabel, loadForClerk } from './clerk-access';

/** An official response of the clerks, published on the amendment and sent to its authors. */
export async function respondToAmendment(db: Db, input: { user: UserRow; amendmentId: string; body: string }) {
  return db.transaction(async (tx) => {
    const a = await loadForClerk(tx, input.amendmentId, input.user, 'amendment.respond');
    const response = await insertResponse(tx, { amendmentId: a.id, clerkId: input.user.id, body: input.body });
    await appendEvent(tx, {
      billId: a.bill_id, type: 'amendment.response', actorId: input.user.id, subjectType: 'amendment', subjectId: a.id,
      data: { number: a.number, responseId: response.id },
    });
    await notifyAuthors(tx, { amendmentId: a.id, type: 'response', message: fill(msg('Le greffe a répondu sur {{amendement}} : {{reponse}}'), { amendement: amendmentLabel(a), reponse: input.body }) });
    return response;
  });
}
