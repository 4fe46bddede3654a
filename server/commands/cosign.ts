import { msg } from '../../shared/i18n';
import { isOpen } from '../../shared/amendment';
import { authorize } from '../authorize';
import type { Queryable } from '../db/db';
import { AppError, notFound } from '../errors';
import { isAuthor } from '../sql/amendment-authors';
import { findAmendment } from '../sql/amendments';
import { addCosignature, listCosignatories, removeCosignature, type CosignatoryRow } from '../sql/participation';
import type { UserRow } from '../sql/users';

/**
 * Co-signing (issue 16 › 1): joining a tabled amendment that already says what one meant, instead
 * of tabling a duplicate. Only a public, open citizens' or commission amendment (submitted or
 * formalised, not masked) during the consultation; its authors already sign it; a parliamentary
 * amendment's signatories are the chamber's. Co-signing twice changes nothing.
 */
async function loadCosignable(db: Queryable, amendmentId: string) {
  const amendment = await findAmendment(db, amendmentId);
  // a draft does not exist for anyone but its authors, and nobody co-signs a draft
  if (!amendment || amendment.status === 'draft') throw notFound(msg('Amendement introuvable.'));
  return amendment;
}

export async function cosignAmendment(db: Queryable, p: { user: UserRow; amendmentId: string }): Promise<{ added: boolean; cosignatories: CosignatoryRow[] }> {
  const amendment = await loadCosignable(db, p.amendmentId);
  await authorize(db, 'amendment.cosign', p.user, { amendment });
  if (amendment.origin === 'parliament') throw new AppError('conflict', msg('Un amendement déposé au Parlement se cosigne au Parlement, pas ici.'));
  if (!isOpen(amendment.status)) throw new AppError('conflict', msg('Cet amendement n’est plus ouvert : il ne peut plus être cosigné.'));
  if (amendment.hidden_reason !== null) throw new AppError('conflict', msg('Un amendement masqué par la modération ne peut pas être cosigné.'));
  if (await isAuthor(db, amendment.id, p.user.id)) throw new AppError('conflict', msg('Vous êtes déjà l’un des auteurs de cet amendement.'));
  const added = await addCosignature(db, amendment.id, p.user.id);
  return { added, cosignatories: (await listCosignatories(db, [amendment.id])).get(amendment.id) ?? [] };
}

export async function withdrawCosignature(db: Queryable, p: { user: UserRow; amendmentId: string }): Promise<{ cosignatories: CosignatoryRow[] }> {
  const amendment = await loadCosignable(db, p.amendmentId);
  await authorize(db, 'amendment.uncosign', p.user, { amendment });
  if (!isOpen(amendment.status)) throw new AppError('conflict', msg('Cet amendement n’est plus ouvert : ses cosignatures sont figées.'));
  if (!(await removeCosignature(db, amendment.id, p.user.id))) throw new AppError('conflict', msg('Vous ne cosignez pas cet amendement.'));
  return { cosignatories: (await listCosignatories(db, [amendment.id])).get(amendment.id) ?? [] };
}
