import { isOpen } from '../../shared/amendment';
import { parseDocName } from '../../shared/live-docs';
import type { Queryable } from '../db/db';
import { isAuthor } from '../sql/amendment-authors';
import { findAmendment } from '../sql/amendments';
import type { UserRow } from '../sql/users';
import type { Mode } from './live-doc';

export type Access = { ok: true; mode: Mode; lockable: boolean } | { ok: false; reason: 'forbidden' | 'not_found' };

/**
 * Who may open a live document: a draft's authors write; once submitted, the clerks write (to
 * formalise it) and the authors watch read-only; everyone else is refused.
 */
export async function liveDocAccess(db: Queryable, docName: string, user: UserRow): Promise<Access> {
  const parsed = parseDocName(docName);
  if (!parsed) return { ok: false, reason: 'not_found' };
  const amendment = await findAmendment(db, parsed.id);
  if (!amendment || amendment.kind === 'delete') return { ok: false, reason: 'not_found' };
  const author = await isAuthor(db, amendment.id, user.id);
  if (amendment.status === 'draft') return author ? { ok: true, mode: 'write', lockable: true } : { ok: false, reason: 'forbidden' };
  if (user.roles.includes('clerk') && isOpen(amendment.status)) return { ok: true, mode: 'write', lockable: false };
  return author ? { ok: true, mode: 'read', lockable: true } : { ok: false, reason: 'forbidden' };
}
