import { fill, msg } from '../../shared/i18n';
import { COLLEGE_LABELS_FR, type College, type DecisionRule } from '../../shared/commission';
import type { Db } from '../db/db';
import { authorize } from '../authorize';
import { notFound } from '../errors';
import { findBill, setDecisionRule } from '../sql/bills';
import { deleteMember, memberCollege, upsertMember } from '../sql/commission';
import { appendEvent } from '../sql/events';
import { ACTOR, notifyUser } from '../sql/notifications';
import { findUserById, type UserRow } from '../sql/users';

/** An admin appoints a member of a bill's commission in a college (or moves them to the other). */
export async function appointMember(db: Db, input: { admin: UserRow; billId: string; userId: string; college: College }): Promise<void> {
  await db.transaction(async (tx) => {
    const bill = await findBill(tx, input.billId, { forUpdate: true });
    if (!bill) throw notFound(msg('Projet de loi introuvable.'));
    await authorize(tx, 'commission.appoint', input.admin, { bill });
    const user = await findUserById(tx, input.userId);
    if (!user) throw notFound(msg('Compte introuvable.'));
    // appointing again in the same college changes nothing, and says nothing
    if ((await memberCollege(tx, bill.id, user.id)) === input.college) return;
    await upsertMember(tx, { billId: bill.id, userId: user.id, college: input.college, appointedBy: input.admin.id });
    await appendEvent(tx, {
      billId: bill.id, type: 'commission.member_appointed', actorId: input.admin.id, subjectType: 'user', subjectId: user.id,
      data: { college: input.college, displayName: user.display_name },
    });
    await notifyUser(tx, {
      userId: user.id, billId: bill.id, type: 'appointed', actorId: input.admin.id,
      message: fill(msg('{{acteur}} vous a nommé membre de la commission du texte « {{texte}} », collège « {{college}} ». Vous y votez sur les amendements dans l’ordre d’examen.'), { acteur: ACTOR, texte: bill.title, college: COLLEGE_LABELS_FR[input.college] }),
    });
  });
}

export async function removeMember(db: Db, input: { admin: UserRow; billId: string; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const bill = await findBill(tx, input.billId, { forUpdate: true });
    if (!bill) throw notFound(msg('Projet de loi introuvable.'));
    await authorize(tx, 'commission.remove', input.admin, { bill });
    if (!(await deleteMember(tx, bill.id, input.userId))) throw notFound(msg('Cette personne n’est pas membre de la commission.'));
    await appendEvent(tx, { billId: bill.id, type: 'commission.member_removed', actorId: input.admin.id, subjectType: 'user', subjectId: input.userId });
    await notifyUser(tx, {
      userId: input.userId, billId: bill.id, type: 'appointed', actorId: input.admin.id,
      message: fill(msg('{{acteur}} vous a retiré de la commission du texte « {{texte}} » : vous n’y votez plus, et vos votes déjà exprimés ne comptent plus.'), { acteur: ACTOR, texte: bill.title }),
    });
  });
}

/** The rule by which the commission decides when the admin does not (before the text is adopted). */
export async function setCommissionRule(db: Db, input: { admin: UserRow; billId: string; rule: DecisionRule; quorum: number | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const bill = await findBill(tx, input.billId, { forUpdate: true });
    if (!bill) throw notFound(msg('Projet de loi introuvable.'));
    await authorize(tx, 'commission.rule', input.admin, { bill });
    await setDecisionRule(tx, bill.id, input.rule, input.quorum);
    await appendEvent(tx, {
      billId: bill.id, type: 'commission.rule_set', actorId: input.admin.id, subjectType: 'bill', subjectId: bill.id, data: { rule: input.rule, quorum: input.quorum },
    });
  });
}
