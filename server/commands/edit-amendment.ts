import { msg } from '../../shared/i18n';
import { checkAmendmentText, normaliseAlineas } from '../../shared/amendment';
import { amendmentDocName } from '../../shared/live-docs';
import type { LiveTexts } from '../collab/registry';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { appendRevision } from '../sql/amendment-revisions';
import { setAmendmentInspiredBy, updateAmendmentText } from '../sql/amendments';
import { findArticleVersion } from '../sql/articles';
import type { UserRow } from '../sql/users';
import { loadOwnAmendment, requireDraftPhase } from './amendment-access';
import { textError } from './text-error';
import { requireRepresentative } from './interest-representatives';

/** Changes a draft's text, rationale and/or « inspiré par » (authors only); a submitted text is frozen; a no-op is ignored. */
export async function editAmendment(
  db: Db,
  live: LiveTexts,
  input: { user: UserRow; amendmentId: string; alineas?: string[] | undefined; rationale?: string | undefined; inspiredBy?: string | null | undefined },
): Promise<void> {
  const docName = amendmentDocName(input.amendmentId);
  const liveText = await live.read(docName);
  const written = await db.transaction(async (tx) => {
    const a = await loadOwnAmendment(tx, input.amendmentId, input.user, { forUpdate: true });
    if (a.status !== 'draft') throw new AppError('conflict', msg('Un amendement déposé ne peut plus être modifié : son texte est figé.'), { status: a.status });
    await requireDraftPhase(tx, 'amendment.edit', a, input.user);
    const current = a.kind === 'delete' ? [] : (liveText ?? a.alineas);
    let alineas = current;
    if (input.alineas !== undefined) {
      const base = (await findArticleVersion(tx, a.article_id, a.base_version))?.alineas ?? [];
      const problem = checkAmendmentText(a.kind, base, input.alineas);
      if (problem) throw textError(problem);
      alineas = normaliseAlineas(input.alineas);
    }
    const rationale = input.rationale === undefined ? a.rationale : input.rationale.trim();
    // null clears it; undefined leaves it as it is
    if (input.inspiredBy !== undefined) {
      const inspiredBy = input.inspiredBy === null ? null : (await requireRepresentative(tx, input.inspiredBy, 'inspiredBy')).id;
      if (inspiredBy !== a.inspired_by) await setAmendmentInspiredBy(tx, a.id, inspiredBy);
    }
    // A save that changes nothing adds no revision: the history lists real changes only.
    if (rationale === a.rationale && JSON.stringify(alineas) === JSON.stringify(current)) return null;
    await updateAmendmentText(tx, a, alineas, rationale);
    await appendRevision(tx, { amendmentId: a.id, kind: 'draft', alineas, rationale, authorId: input.user.id });
    return alineas === current ? null : alineas;
  });
  // The live document is the draft's text: a REST edit goes through it, so co-authors see it.
  if (written) await live.write(amendmentDocName(input.amendmentId), written);
}
