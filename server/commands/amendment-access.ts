import { fill, msg } from '../../shared/i18n';
import { POLICY, type Operation } from '../../shared/policy';
import { authorize } from '../authorize';
import type { Queryable } from '../db/db';
import { AppError, forbidden, notFound } from '../errors';
import { isAuthor } from '../sql/amendment-authors';
import { findAmendment, type AmendmentRow } from '../sql/amendments';
import type { UserRow } from '../sql/users';
import type { AmendmentOrigin } from '../../shared/amendment';

/**
 * An amendment as `viewer` may see it: a draft exists only for its authors (others get the same
 * 404 as for an id that does not exist, so drafts do not leak).
 */
export async function loadVisibleAmendment(
  db: Queryable,
  id: string,
  viewer: UserRow | null,
  opts: { forUpdate?: boolean } = {},
): Promise<{ amendment: AmendmentRow; viewerIsAuthor: boolean }> {
  const amendment = await findAmendment(db, id, opts);
  if (!amendment) throw notFound(msg('Amendement introuvable.'));
  const viewerIsAuthor = viewer ? await isAuthor(db, amendment.id, viewer.id) : false;
  if (amendment.status === 'draft' && !viewerIsAuthor) throw notFound(msg('Amendement introuvable.'));
  return { amendment, viewerIsAuthor };
}

/** The same, for an action only an author may take (403 for others who can see it). */
export async function loadOwnAmendment(db: Queryable, id: string, user: UserRow, opts: { forUpdate?: boolean } = {}): Promise<AmendmentRow> {
  const { amendment, viewerIsAuthor } = await loadVisibleAmendment(db, id, user, opts);
  if (!viewerIsAuthor) throw forbidden(msg('Seuls les auteurs de l’amendement peuvent faire cela.'));
  return amendment;
}

/**
 * Who drafts and tables amendments when (the policy's `amendment.create` row): citizens during
 * the consultation (origin `citizen`); during the commission, its members only (origin
 * `commission`, numbered COM-1, COM-2…). Returns the origin the user's amendments take now.
 */
export async function amendingOrigin(db: Queryable, billId: string, user: UserRow): Promise<AmendmentOrigin> {
  const phase = await authorize(db, 'amendment.create', user, { billId });
  return phase === 'commission' ? 'commission' : 'citizen';
}

/**
 * An author's action on a draft (`op`: edit, submit…): allowed by the table in this phase, and
 * the draft belongs to this phase — a citizens' draft left over when the commission starts
 * cannot be tabled any more, nor a commission member's draft by someone no longer a member.
 */
export async function requireDraftPhase(db: Queryable, op: Operation, amendment: AmendmentRow, user: UserRow): Promise<void> {
  await authorize(db, op, user, { amendment });
  const origin = await amendingOrigin(db, amendment.bill_id, user).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'wrong_phase') throw new AppError('wrong_phase', `${POLICY[op].verb} : ${err.message.split(' : ').slice(1).join(' : ')}`, err.details);
    throw err;
  });
  if (origin !== amendment.origin) {
    throw new AppError('wrong_phase', fill(msg('{{action}} : ce brouillon a été commencé pendant la consultation, qui est close.'), { action: POLICY[op].verb }), { origin: amendment.origin });
  }
}
