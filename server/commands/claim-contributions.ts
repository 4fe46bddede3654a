import { msg } from '../../shared/i18n';
import { normaliseClaimCode, type Provenance } from '../../shared/assisted';
import type { LiveRevocation } from '../collab/revocation';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { addAuthor, removeAuthor } from '../sql/amendment-authors';
import { findAmendment } from '../sql/amendments';
import { findAnnotation, setAnnotationAuthor } from '../sql/annotations';
import { findArgument, setArgumentAuthor } from '../sql/arguments';
import { lockByClaimHash, markClaimed, type AssistedSubject } from '../sql/assisted';
import { appendEvent } from '../sql/events';
import type { UserRow } from '../sql/users';
import { claimHash } from './on-behalf';

export interface Claimed {
  type: AssistedSubject;
  id: string;
  billId: string;
  /** What it is about: an amendment is its own page; an argument is on an article or an amendment, an annotation on an article. */
  on: { type: 'article' | 'amendment'; id: string };
  /** The mark it keeps: who collected it. */
  collectedBy: Provenance['mediator'];
}

/** One message for a code that opens nothing, whatever the reason: a guesser learns nothing from it. */
const wrongCode = () => new AppError('not_found', msg('Ce code ne correspond à aucune contribution à récupérer : vérifiez-le auprès de la structure qui vous l’a remis.'));

/**
 * A person takes into their own account the contribution a mediator filed for them, with the code
 * the mediator handed over: they become its author, « recueilli par … » stays as its provenance,
 * and for an amendment the public history says so. A code serves once (409 the second time).
 */
export async function claimContributions(db: Db, live: LiveRevocation, input: { user: UserRow; code: string }): Promise<Claimed[]> {
  const code = normaliseClaimCode(input.code);
  if (!code) throw wrongCode();
  const claimed = await db.transaction(async (tx) => {
    const row = await lockByClaimHash(tx, claimHash(code));
    if (!row) throw wrongCode();
    if (row.claimed_by !== null) throw new AppError('conflict', msg('Ce code a déjà servi : la contribution a été récupérée.'));
    if (row.mediator_id === input.user.id) {
      throw new AppError('conflict', msg('Ce code est à remettre à la personne pour qui vous avez contribué : c’est elle qui le saisit, depuis son propre compte.'));
    }
    const from = row.mediator_id;
    let on: Claimed['on'] = { type: 'amendment', id: row.subject_id };
    if (row.subject_type === 'amendment') {
      if (from) await removeAuthor(tx, row.subject_id, from);
      await addAuthor(tx, row.subject_id, input.user.id);
      const a = await findAmendment(tx, row.subject_id);
      if (a && a.status !== 'draft') {
        await appendEvent(tx, {
          billId: row.bill_id, type: 'amendment.claimed', actorId: input.user.id, subjectType: 'amendment', subjectId: row.subject_id,
          data: { number: a.number, collectedBy: { name: row.mediator_name, town: row.mediator_town } },
        });
      }
    } else if (row.subject_type === 'argument') {
      await setArgumentAuthor(tx, row.subject_id, input.user.id);
      const g = await findArgument(tx, row.subject_id);
      if (g) on = { type: g.target_type, id: g.target_id };
    } else {
      await setAnnotationAuthor(tx, row.subject_id, input.user.id);
      const n = await findAnnotation(tx, row.subject_id);
      if (n) on = { type: 'article', id: n.article_id };
    }
    if (!(await markClaimed(tx, row.id, input.user.id))) throw new AppError('conflict', msg('Ce code a déjà servi : la contribution a été récupérée.'));
    return [{ type: row.subject_type, id: row.subject_id, billId: row.bill_id, on, collectedBy: { name: row.mediator_name, town: row.mediator_town } }];
  });
  // the mediator no longer writes a draft it handed over
  for (const c of claimed) if (c.type === 'amendment') await live.recheckDocs({ amendmentId: c.id });
  return claimed;
}
