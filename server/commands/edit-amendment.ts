import { checkAmendmentText, normaliseAlineas } from '../../shared/amendment';
import type { Db } from '../db/db';
import { AppError } from '../http/errors';
import { appendRevision } from '../sql/amendment-revisions';
import { updateAmendmentText } from '../sql/amendments';
import { findArticleVersion } from '../sql/articles';
import type { UserRow } from '../sql/users';
import { loadOwnAmendment, requireConsultation } from './amendment-access';
import { textError } from './create-amendment';

/** Changes a draft's text and/or rationale (authors only); a submitted text is frozen; a no-op is ignored. */
export async function editAmendment(
  db: Db,
  input: { user: UserRow; amendmentId: string; alineas?: string[] | undefined; rationale?: string | undefined },
): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await loadOwnAmendment(tx, input.amendmentId, input.user, { forUpdate: true });
    if (a.status !== 'draft') throw new AppError('conflict', 'Un amendement déposé ne peut plus être modifié : son texte est figé.', { status: a.status });
    await requireConsultation(tx, a.bill_id, 'Modifier un amendement');
    const base = (await findArticleVersion(tx, a.article_id, a.base_version))?.alineas ?? [];
    const proposed = input.alineas ?? (a.kind === 'delete' ? undefined : a.alineas);
    const problem = checkAmendmentText(a.kind, base, proposed);
    if (problem) throw textError(problem);
    const alineas = a.kind === 'delete' ? [] : normaliseAlineas(proposed ?? []);
    const rationale = input.rationale === undefined ? a.rationale : input.rationale.trim();
    // A save that changes nothing adds no revision: the history lists real changes only.
    if (rationale === a.rationale && JSON.stringify(alineas) === JSON.stringify(a.alineas)) return;
    await updateAmendmentText(tx, a.id, alineas, rationale);
    await appendRevision(tx, { amendmentId: a.id, kind: 'draft', alineas, rationale, authorId: input.user.id });
  });
}
