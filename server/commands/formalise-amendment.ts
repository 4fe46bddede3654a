import { fill, msg } from '../../shared/i18n';
import { checkAmendmentText, normaliseAlineas } from '../../shared/amendment';
import { formalisationDocName } from '../../shared/live-docs';
import { trimTrailingEmpty } from '../../shared/pm-schema';
import { compute } from '../compute';
import { checkLiveText } from '../collab/live-text-check';
import type { LiveTexts } from '../collab/registry';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { appendRevision } from '../sql/amendment-revisions';
import { assignClerk, markFormalised } from '../sql/amendments';
import { findArticleVersion } from '../sql/articles';
import { appendEvent } from '../sql/events';
import { notifyAuthors } from '../sql/notifications';
import type { UserRow } from '../sql/users';
import { amendmentLabel, loadForClerk } from './clerk-access';
import { textError } from './text-error';

export interface FormaliseInput {
  user: UserRow;
  amendmentId: string;
  alineas?: string[] | undefined;
  dispositif?: string | undefined;
  note: string;
}

/**
 * Publishes a clerk's formalisation: a `formalisation` revision (formal text, dispositif, note),
 * status `formalised`; the citizens' submission stays in the revisions beside it. Without a text,
 * the formalisation workspace's current text is published. Formalising again appends again.
 */
export async function formaliseAmendment(db: Db, live: LiveTexts, input: FormaliseInput): Promise<void> {
  // Who may formalise is checked before the workspace is loaded (and checked again, locked, below).
  await loadForClerk(db, input.amendmentId, input.user, 'amendment.formalise', { open: true });
  // Read before the transaction: loading a document queries the database, and the embedded
  // database has a single connection that an open transaction holds.
  // (a reworded dispositif comes with the workspace's text: an article additionnel takes it whole)
  const workspace = input.alineas ? null : await live.read(formalisationDocName(input.amendmentId));
  // checked before anything is written: a refused text commits nothing
  if (workspace) checkLiveText(trimTrailingEmpty(workspace));
  await db.transaction(async (tx) => {
    const a = await loadForClerk(tx, input.amendmentId, input.user, 'amendment.formalise', { open: true });
    const base = (await findArticleVersion(tx, a.article_id, a.base_version))?.alineas ?? [];
    // A reworded dispositif sent without a text must give the text written in the workspace: the
    // clerk and the authors agreed on that text, not on what the rewording happens to produce.
    const alineas = input.alineas ? normaliseAlineas(input.alineas) : input.dispositif && workspace ? trimTrailingEmpty(workspace) : undefined;
    const result = await compute().run('resolveFormalisation', {
      kind: a.kind, base, dispositif: input.dispositif, alineas,
      fallback: trimTrailingEmpty(workspace ?? a.alineas),
    });
    if (!result.ok) throw new AppError('unprocessable', result.message, result.details);
    const problem = checkAmendmentText(a.kind, base, a.kind === 'delete' ? undefined : result.alineas);
    if (problem) throw textError(problem);
    const revision = await appendRevision(tx, {
      amendmentId: a.id, kind: 'formalisation', alineas: result.alineas, rationale: a.rationale,
      dispositif: result.dispositif, authorId: input.user.id, note: input.note,
    });
    await markFormalised(tx, a, result.alineas);
    if (!a.assigned_clerk_id) await assignClerk(tx, a.id, input.user.id);
    await appendEvent(tx, {
      billId: a.bill_id, type: 'amendment.formalised', actorId: input.user.id, subjectType: 'amendment', subjectId: a.id,
      data: { number: a.number, revision },
    });
    const note = input.note.trim();
    await notifyAuthors(tx, {
      amendmentId: a.id, type: 'formalised',
      message: note
        ? fill(msg('Le greffe a mis en forme {{amendement}} : comparez votre texte et le texte mis en forme. Note du greffe : {{note}}'), { amendement: amendmentLabel(a), note })
        : fill(msg('Le greffe a mis en forme {{amendement}} : comparez votre texte et le texte mis en forme.'), { amendement: amendmentLabel(a) }),
    });
  });
}
