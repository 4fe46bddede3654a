import { msg } from '../../shared/i18n';
import { formalisationDocName } from '../../shared/live-docs';
import { trimTrailingEmpty } from '../../shared/pm-schema';
import { liveDocAccess } from '../collab/access';
import { compute } from '../compute';
import type { LiveTexts } from '../collab/registry';
import type { Db } from '../db/db';
import { forbidden, notFound } from '../errors';
import { listRevisions } from '../sql/amendment-revisions';
import { isAuthor } from '../sql/amendment-authors';
import { findAmendment } from '../sql/amendments';
import { findArticleVersion } from '../sql/articles';
import { findUserById, type UserRow } from '../sql/users';

/**
 * The formalisation workspace of a submitted amendment, for its authors and the clerks: the
 * shared document they write the formal text in (seeded from the submission on first use), the
 * article it amends, the citizens' submitted text, and the dispositif of the text as it stands.
 */
export async function loadWorkspace(db: Db, live: LiveTexts, input: { user: UserRow; amendmentId: string }) {
  const a = await findAmendment(db, input.amendmentId);
  if (!a || a.status === 'draft') throw notFound(msg('Amendement introuvable.'));
  const docName = formalisationDocName(a.id);
  const isAuthorOrClerk = input.user.roles.includes('clerk') || (await isAuthor(db, a.id, input.user.id));
  const access = await liveDocAccess(db, docName, input.user);
  if (!isAuthorOrClerk || (!access.ok && access.reason === 'forbidden')) throw forbidden(msg('L’espace de mise en forme est réservé aux greffiers et aux auteurs de l’amendement.'));
  const [base, revisions, clerk] = await Promise.all([
    findArticleVersion(db, a.article_id, a.base_version),
    listRevisions(db, a.id),
    a.assigned_clerk_id ? findUserById(db, a.assigned_clerk_id) : undefined,
  ]);
  const submission = revisions.filter((r) => r.kind === 'submission').at(-1);
  // A deletion has no text, so no shared document: the workspace only shows its dispositif.
  const text = access.ok ? trimTrailingEmpty((await live.read(docName)) ?? a.alineas) : [];
  const baseAlineas = base?.alineas ?? [];
  return {
    amendmentId: a.id,
    docName: access.ok ? docName : null,
    mode: access.ok ? access.mode : 'read',
    kind: a.kind,
    status: a.status,
    articleNumber: a.article_number,
    baseAlineas,
    citizenAlineas: submission?.alineas ?? a.alineas,
    alineas: text,
    dispositif: await compute().run('dispositifFor', { kind: a.kind, base: baseAlineas, alineas: text }),
    assignedClerk: clerk ? { id: clerk.id, displayName: clerk.display_name } : null,
  };
}
