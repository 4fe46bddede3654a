import { fill, msg } from '../../shared/i18n';
import { rowNumber } from '../../shared/amendment';
import type { BudgetBand } from '../../shared/interest';
import { authorize } from '../authorize';
import type { Db, Queryable } from '../db/db';
import { AppError, forbidden, notFound } from '../errors';
import { findAmendment } from '../sql/amendments';
import { appendEvent } from '../sql/events';
import { insertMark, removeMark } from '../sql/inspiration-marks';
import { findDeclaration, isActiveRepresentative, upsertDeclaration, withdrawDeclaration, type DeclarationRow } from '../sql/interest-representatives';
import { findUserById, type UserRow } from '../sql/users';

/**
 * Interest representatives (docs/interest-representatives.md): an organisation declares itself
 * one, or withdraws; a clerk marks an amendment as inspired by one, or removes the marking. Each
 * act is an event: declarations in the account's public history, markings in the bill's.
 */

export interface Declaration {
  register: string | null;
  interests: string[];
  budgetBand: BudgetBand | null;
}

/** PUT /api/me/interest-representative: an organisation (never a person) declares, or updates its declaration. */
export async function declareInterestRepresentative(db: Db, input: { user: UserRow } & Declaration): Promise<DeclarationRow> {
  await authorize(db, 'interest.declare', input.user);
  if (input.user.kind !== 'organisation') throw forbidden(msg('Seules les organisations peuvent se déclarer représentants d’intérêts : ce compte est celui d’une personne.'));
  return db.transaction(async (tx) => {
    const before = await findDeclaration(tx, input.user.id);
    const row = await upsertDeclaration(tx, { userId: input.user.id, register: input.register, interests: input.interests, budgetBand: input.budgetBand });
    await appendEvent(tx, {
      billId: null, type: before && before.withdrawn_at === null ? 'interest.updated' : 'interest.declared', actorId: input.user.id,
      subjectType: 'user', subjectId: input.user.id, data: { register: row.register, interests: row.interests, budgetBand: row.budget_band },
    });
    return row;
  });
}

/** DELETE /api/me/interest-representative: the declaration ends; what was written under it stays traced. */
export async function withdrawInterestRepresentative(db: Db, input: { user: UserRow }): Promise<DeclarationRow> {
  await authorize(db, 'interest.declare', input.user);
  return db.transaction(async (tx) => {
    const row = await withdrawDeclaration(tx, input.user.id);
    if (!row) throw notFound(msg('Aucune déclaration de représentant d’intérêts en vigueur pour ce compte.'));
    await appendEvent(tx, { billId: null, type: 'interest.withdrawn', actorId: input.user.id, subjectType: 'user', subjectId: input.user.id });
    return row;
  });
}

/** « inspiré par » must name an organisation whose declaration is in force (400 on the field otherwise). */
export async function requireRepresentative(db: Queryable, id: string, field: string): Promise<UserRow> {
  const user = (await isActiveRepresentative(db, id)) ? await findUserById(db, id) : undefined;
  if (!user) {
    throw new AppError('validation_failed', msg('Choisissez une organisation déclarée comme représentant d’intérêts.'), [{ path: field, message: msg('pas un représentant d’intérêts déclaré') }]);
  }
  return user;
}

async function publishedAmendment(tx: Queryable, id: string) {
  const a = await findAmendment(tx, id, { forUpdate: true });
  // drafts are their authors' alone: nobody else can see them, nor mark them
  if (!a || a.status === 'draft') throw notFound(msg('Amendement introuvable.'));
  return a;
}

/** A clerk marks a published amendment as inspired by a representative: who marked it, when, why. */
export async function markInspiration(db: Db, input: { user: UserRow; amendmentId: string; representativeId: string; note: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await publishedAmendment(tx, input.amendmentId);
    await authorize(tx, 'amendment.markInspiration', input.user, { amendment: a });
    const rep = await requireRepresentative(tx, input.representativeId, 'representativeId');
    const note = input.note.trim();
    if (!(await insertMark(tx, { amendmentId: a.id, representativeId: rep.id, markedBy: input.user.id, note }))) {
      throw new AppError('conflict', fill(msg('Cet amendement est déjà signalé comme inspiré par {{representant}}.'), { representant: rep.display_name }));
    }
    await appendEvent(tx, {
      billId: a.bill_id, type: 'amendment.inspiration_marked', actorId: input.user.id, subjectType: 'amendment', subjectId: a.id,
      data: { number: a.number, displayNumber: rowNumber(a), representative: { id: rep.id, displayName: rep.display_name }, note },
    });
  });
}

/** The marking is removed (a mistake); the history keeps both the marking and its removal. */
export async function unmarkInspiration(db: Db, input: { user: UserRow; amendmentId: string; representativeId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await publishedAmendment(tx, input.amendmentId);
    await authorize(tx, 'amendment.markInspiration', input.user, { amendment: a });
    if (!(await removeMark(tx, a.id, input.representativeId))) throw notFound(msg('Cet amendement n’est pas signalé comme inspiré par ce représentant.'));
    const rep = await findUserById(tx, input.representativeId);
    await appendEvent(tx, {
      billId: a.bill_id, type: 'amendment.inspiration_unmarked', actorId: input.user.id, subjectType: 'amendment', subjectId: a.id,
      data: { number: a.number, displayNumber: rowNumber(a), representative: { id: input.representativeId, displayName: rep?.display_name ?? '' } },
    });
  });
}
