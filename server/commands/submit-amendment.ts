import { fill, msg } from '../../shared/i18n';
import { raiseAutoFlags } from './auto-flags';
import type { Db, Queryable } from '../db/db';
import { AppError } from '../errors';
import { appendRevision } from '../sql/amendment-revisions';
import { isAuthor } from '../sql/amendment-authors';
import { checkAmendmentText, displayNumber, normaliseAlineas } from '../../shared/amendment';
import { amendmentDocName } from '../../shared/live-docs';
import { identityKey } from '../../shared/similarity';
import { trimTrailingEmpty } from '../../shared/pm-schema';
import { checkLiveText } from '../collab/live-text-check';
import type { LiveTexts } from '../collab/registry';
import { identicalOpen, markSubmitted, nextAmendmentNumber, updateAmendmentText, type AmendmentRow } from '../sql/amendments';
import { findArticleVersion } from '../sql/articles';
import { textError } from './text-error';
import { appendEvent } from '../sql/events';
import type { UserRow } from '../sql/users';
import { loadOwnAmendment, requireDraftPhase } from './amendment-access';

/**
 * Submits a draft: it gets the next public number of its bill, its text is frozen as the
 * `submission` revision, and the event is public. Needs an exposé sommaire.
 */
export async function submitAmendment(db: Db, live: LiveTexts, input: { user: UserRow; amendmentId: string }): Promise<void> {
  const docName = amendmentDocName(input.amendmentId);
  // Only an author may freeze a draft's editors, and only a draft's: checked before touching them.
  const own = await loadOwnAmendment(db, input.amendmentId, input.user);
  if (own.status !== 'draft') throw new AppError('conflict', msg('Cet amendement est déjà déposé.'), { status: own.status });
  // Authors' live edits stop being accepted first, so the snapshot is exactly what is submitted.
  live.setAuthorsMode(docName, 'read');
  try {
    // Read before the transaction: loading a document queries the database, and the embedded
    // database has a single connection that an open transaction holds.
    const liveText = await live.read(docName);
    // checked before anything is written: a refused text commits nothing
    if (liveText) checkLiveText(trimTrailingEmpty(liveText));
    await db.transaction(async (tx) => {
      const amendment = await loadOwnAmendment(tx, input.amendmentId, input.user, { forUpdate: true });
      if (amendment.status !== 'draft') throw new AppError('conflict', msg('Cet amendement est déjà déposé.'), { status: amendment.status });
      // The live text is normalised as REST texts are (create, edit): trailing empty alinéas dropped,
      // each alinéa trimmed; the stored identity key follows it (sql/amendments.ts).
      const text = amendment.kind === 'delete' ? [] : normaliseAlineas(trimTrailingEmpty(liveText ?? amendment.alineas));
      const base = (await findArticleVersion(tx, amendment.article_id, amendment.base_version))?.alineas ?? [];
      const problem = checkAmendmentText(amendment.kind, base, amendment.kind === 'delete' ? undefined : text);
      if (problem) throw textError(problem);
      await updateAmendmentText(tx, amendment, text, amendment.rationale);
      await submitLocked(tx, { ...amendment, alineas: text }, input.user);
    });
  } catch (err) {
    live.setAuthorsMode(docName, 'write');
    throw err;
  }
  live.closeAuthors(docName, 'amendement déposé');
}

/** The submission itself, for a draft already locked by the caller (also used at creation). */
export async function submitLocked(tx: Queryable, amendment: AmendmentRow, user: UserRow): Promise<number> {
  if (amendment.status !== 'draft') throw new AppError('conflict', msg('Cet amendement est déjà déposé.'), { status: amendment.status });
  await requireDraftPhase(tx, 'amendment.submit', amendment, user);
  if (amendment.rationale.trim() === '') {
    throw new AppError('validation_failed', msg('Ajoutez un exposé sommaire avant de déposer l’amendement.'), [{ path: 'rationale', message: msg('requis pour le dépôt') }]);
  }
  // Depositing the same text twice (the back button after « Déposer ») is a mistake: identical
  // amendments of different people are grouped, the same person's twice is refused.
  for (const twin of await identicalOpen(tx, { identity_key: identityKey(amendment.article_id, amendment.kind, amendment.alineas) })) {
    if (twin.id !== amendment.id && (await isAuthor(tx, twin.id, user.id))) {
      throw new AppError('conflict', fill(msg('Vous avez déjà déposé un amendement identique : l’amendement n° {{numero}}.'), { numero: displayNumber(twin.origin, twin.number) ?? '?' }), { amendmentId: twin.id });
    }
  }
  const number = await nextAmendmentNumber(tx, amendment.bill_id, amendment.origin);
  await markSubmitted(tx, amendment.id, number);
  await raiseAutoFlags(tx, { type: 'amendment', id: amendment.id, billId: amendment.bill_id, author: user, text: amendment.rationale });
  await appendRevision(tx, { amendmentId: amendment.id, kind: 'submission', alineas: amendment.alineas, rationale: amendment.rationale, authorId: user.id });
  await appendEvent(tx, {
    billId: amendment.bill_id, type: 'amendment.submitted', actorId: user.id, subjectType: 'amendment', subjectId: amendment.id,
    data: { number, articleId: amendment.article_id, kind: amendment.kind, origin: amendment.origin },
  });
  return number;
}
