import { decide, decideSuspension, draftPhaseOf, type Actor } from '../../shared/policy';
import { accountActors, suspensionOf } from '../authorize';
import { isOpen } from '../../shared/amendment';
import { formalisationDocName, parseDocName } from '../../shared/live-docs';
import type { Db } from '../db/db';
import { isAuthor } from '../sql/amendment-authors';
import { amendmentIdsInBill, findAmendment, type AmendmentRow } from '../sql/amendments';
import { findBill } from '../sql/bills';
import { ensureSeeded } from '../sql/collab-updates';
import { findUserBySessionHash } from '../sql/sessions';
import type { UserRow } from '../sql/users';
import type { Mode } from './live-doc';
import { rightsLost, sessionEnded, type ConnAuthority } from './revocation';
import { seedUpdate } from './ydoc-text';

export type Access = { ok: true; mode: Mode; lockable: boolean } | { ok: false; reason: 'forbidden' | 'not_found' };

const isClerk = (user: UserRow) => accountActors(user).has('clerk');
/** Submitted amendments' documents are watched by their authors and the clerks (the policy's `workspace.watch`). */
const watches = (user: UserRow, author: boolean) => decide('workspace.watch', new Set<Actor>([...accountActors(user), ...(author ? ['author' as const] : [])]), null).ok;

/**
 * Who may open a live document.
 * - The draft (`amendment-<id>`): its authors write while it is a draft and its phase lasts (the
 *   consultation for citizens' drafts, the commission for its members'), then watch it; once
 *   submitted, the authors and the clerks watch it read-only (the citizens' text as submitted).
 * - The formalisation workspace (`formalisation-<id>`): while the amendment is open, its authors
 *   and the clerk in charge of it write; other clerks watch; once closed, all of them watch.
 * Everyone else is refused, and so is a suspended account.
 */
export async function liveDocAccess(db: Db, docName: string, user: UserRow): Promise<Access> {
  const parsed = parseDocName(docName);
  if (!parsed) return { ok: false, reason: 'not_found' };
  // a suspended account opens no live document, not even to watch (the policy's suspension rule)
  if (!decideSuspension('workspace.watch', suspensionOf(user), new Date()).ok) return { ok: false, reason: 'forbidden' };
  const amendment = await findAmendment(db, parsed.id);
  if (!amendment || amendment.kind === 'delete') return { ok: false, reason: 'not_found' };
  const author = await isAuthor(db, amendment.id, user.id);
  if (parsed.kind === 'formalisation') return formalisationAccess(db, amendment, user, author);
  if (amendment.status === 'draft') {
    if (!author) return { ok: false, reason: 'forbidden' };
    const bill = await findBill(db, amendment.bill_id);
    const writes = bill?.status === draftPhaseOf(amendment.origin) && decide('amendment.edit', new Set(['author']), bill.status).ok;
    return { ok: true, mode: writes ? 'write' : 'read', lockable: true };
  }
  return watches(user, author) ? { ok: true, mode: 'read', lockable: !isClerk(user) } : { ok: false, reason: 'forbidden' };
}

async function formalisationAccess(db: Db, amendment: AmendmentRow, user: UserRow, author: boolean): Promise<Access> {
  if (amendment.status === 'draft') return { ok: false, reason: author ? 'not_found' : 'forbidden' };
  if (!watches(user, author)) return { ok: false, reason: 'forbidden' };
  await ensureFormalisationDoc(db, amendment);
  const bill = await findBill(db, amendment.bill_id);
  // Here « in charge » is the assigned clerk only: nobody writes for a clerk who has not taken it.
  const actors = new Set<Actor>([...(author ? ['author' as const] : []), ...(amendment.assigned_clerk_id === user.id ? ['clerkInCharge' as const] : [])]);
  const writes = !!bill && isOpen(amendment.status) && decide('workspace.write', actors, bill.status).ok;
  // lockable: everyone is disconnected (4403) when the amendment is withdrawn or declared inadmissible
  return { ok: true, mode: writes ? 'write' : 'read', lockable: true };
}

/**
 * The workspace starts from the citizens' submitted text, seeded once on the server (whoever
 * opens it first), so no client ever seeds it and nobody sees an empty document.
 */
export async function ensureFormalisationDoc(db: Db, amendment: Pick<AmendmentRow, 'id' | 'alineas'>): Promise<void> {
  await ensureSeeded(db, formalisationDocName(amendment.id), () => seedUpdate(amendment.alineas));
}

/** The checks of a connection, re-run when rights may have changed (revocation.ts). */
export function pgConnAuthority(db: Db): ConnAuthority {
  return {
    async check(docName, conn) {
      const user = await findUserBySessionHash(db, conn.sessionHash);
      if (!user || user.id !== conn.userId) return sessionEnded;
      const access = await liveDocAccess(db, docName, user);
      return access.ok ? { ok: true, mode: access.mode, sessionEndsAt: user.session_expires_at } : rightsLost;
    },
    async docsOfBill(billId, docNames) {
      const idOf = (name: string) => parseDocName(name)?.id ?? '';
      const ids = new Set(await amendmentIdsInBill(db, billId, [...new Set(docNames.map(idOf))]));
      return docNames.filter((name) => ids.has(idOf(name)));
    },
  };
}
