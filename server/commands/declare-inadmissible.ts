import { fill, msg } from '../../shared/i18n';
import { formalisationDocName } from '../../shared/live-docs';
import { GROUND_LABELS_FR, type InadmissibleGround } from '../../shared/amendment';
import type { LiveTexts } from '../collab/registry';
import type { Db } from '../db/db';
import { markInadmissible } from '../sql/amendments';
import { appendEvent } from '../sql/events';
import { notifyAuthors } from '../sql/notifications';
import type { UserRow } from '../sql/users';
import { amendmentLabel, loadForClerk } from './clerk-access';
import { fallSubAmendments, parentClosedReason } from './sub-amendments';

/** A clerk declares an open amendment inadmissible, on a ground and with a public reason. */
export async function declareInadmissible(
  db: Db, live: LiveTexts, input: { user: UserRow; amendmentId: string; ground: InadmissibleGround; reason: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await loadForClerk(tx, input.amendmentId, input.user, 'amendment.declareInadmissible', { open: true });
    await markInadmissible(tx, a.id, input.ground, input.reason);
    await fallSubAmendments(tx, a, parentClosedReason(a, 'inadmissible'), input.user.id);
    await appendEvent(tx, {
      billId: a.bill_id, type: 'amendment.inadmissible', actorId: input.user.id, subjectType: 'amendment', subjectId: a.id,
      data: { number: a.number, ground: input.ground, reason: input.reason },
    });
    await notifyAuthors(tx, {
      amendmentId: a.id, type: 'inadmissible',
      message: fill(msg('Le greffe a déclaré {{amendement}} irrecevable — {{motif}} : {{raison}}'), { amendement: amendmentLabel(a), motif: GROUND_LABELS_FR[input.ground], raison: input.reason }),
    });
  });
  // Nobody writes the formal text of an amendment that will not be examined.
  live.closeAuthors(formalisationDocName(input.amendmentId), 'amendement irrecevable');
}
