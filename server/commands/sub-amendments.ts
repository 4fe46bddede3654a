import { fill, msg } from '../../shared/i18n';
import { checkAmendmentText, displayNumber, isOpen, normaliseAlineas, STATUS_LABELS_FR } from '../../shared/amendment';
import { applyDispositif, generateDispositif } from '../../shared/legistique';
import { formalisationDocName } from '../../shared/live-docs';
import { authorize } from '../authorize';
import type { LiveTexts } from '../collab/registry';
import type { Db, Queryable } from '../db/db';
import { AppError, notFound } from '../errors';
import { addAuthor, isAuthor } from '../sql/amendment-authors';
import { appendRevision, findRevision, latestRevisionNumber } from '../sql/amendment-revisions';
import {
  findAmendment, insertSubAmendment, markSubmitted, nextAmendmentNumber, openSubAmendments, rectifyAmendmentText, rewriteAmendmentText,
  setAmendmentStatus, type AmendmentRow,
} from '../sql/amendments';
import { findArticleVersion } from '../sql/articles';
import { findBill } from '../sql/bills';
import { commissionVotesOf } from '../sql/commission';
import { insertDecision } from '../sql/decisions';
import { appendEvent } from '../sql/events';
import { notifyAuthors } from '../sql/notifications';
import type { UserRow } from '../sql/users';
import { textError } from './text-error';

/**
 * Sous-amendements and rectified versions tabled on the platform (docs/sub-amendments.md).
 *
 * A sous-amendement proposes a new text for a submitted amendment under examination: its
 * `alineas` are that amendment's alinéas as it would rewrite them, written against one revision
 * of it (`parent_revision`). It is a commission amendment (COM-n), examined just before its
 * amendment, voted and decided like the others; adopted, it rewrites its amendment (a revision
 * `sub_amendment`). When the amendment is decided, falls, is withdrawn or declared inadmissible,
 * its open sous-amendements fall with the reason.
 *
 * A rectified version (« n° 12 rect. », « rect. bis ») replaces the text in place before the
 * commission decides; the history keeps every version (revision `rectification`).
 */

export const numberOf = (a: Pick<AmendmentRow, 'origin' | 'number' | 'rectification' | 'parliament_number'>) =>
  a.parliament_number ?? displayNumber(a.origin, a.number, a.rectification) ?? '?';

const sameText = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The parent may still be sous-amended: published, open, not a chamber's, not itself a sous-amendement, with a text. */
function checkParent(parent: AmendmentRow): void {
  if (parent.origin === 'parliament') throw new AppError('conflict', msg('Un amendement parlementaire n’est pas examiné par la commission : il ne se sous-amende pas ici.'));
  if (parent.parent_id !== null) throw new AppError('conflict', msg('Un sous-amendement ne se sous-amende pas : sous-amendez l’amendement lui-même.'));
  if (!isOpen(parent.status)) throw new AppError('conflict', fill(msg('L’amendement n° {{numero}} est « {{statut}} » : il ne peut plus être sous-amendé.'), { numero: numberOf(parent), statut: STATUS_LABELS_FR[parent.status] }), { status: parent.status });
  if (parent.kind === 'delete') throw new AppError('conflict', fill(msg('L’amendement n° {{numero}} supprime l’article : il n’a pas de texte à sous-amender.'), { numero: numberOf(parent) }));
}

/** Members vote on the text before them: once they have, it no longer changes under their vote. */
async function requireNoCommissionVote(tx: Queryable, a: AmendmentRow, what: string): Promise<void> {
  const votes = (await commissionVotesOf(tx, [a.id])).get(a.id) ?? [];
  if (votes.length > 0) throw new AppError('conflict', fill(msg('{{action}} : les membres de la commission ont déjà commencé à voter sur l’amendement n° {{numero}}.'), { action: what, numero: numberOf(a) }), { votes: votes.length });
}

/** A commission member tables a sous-amendement to `parentId`: submitted at once, numbered COM-n. */
export async function tableSubAmendment(
  db: Db, input: { user: UserRow; parentId: string; alineas: string[]; rationale: string },
): Promise<{ id: string; number: number; parentId: string }> {
  const rationale = input.rationale.trim();
  if (rationale === '') throw new AppError('validation_failed', msg('Ajoutez un exposé sommaire avant de déposer le sous-amendement.'), [{ path: 'rationale', message: msg('requis pour le dépôt') }]);
  return db.transaction(async (tx) => {
    // the bill's lock first, as decisions take it (then the amendment's)
    const seen = await findAmendment(tx, input.parentId);
    if (!seen || seen.status === 'draft') throw notFound(msg('Amendement introuvable.'));
    await findBill(tx, seen.bill_id, { forUpdate: true });
    const parent = (await findAmendment(tx, input.parentId, { forUpdate: true }))!;
    await authorize(tx, 'amendment.subAmend', input.user, { amendment: parent });
    checkParent(parent);
    await requireNoCommissionVote(tx, parent, msg('Impossible de le sous-amender'));
    const revision = await latestRevisionNumber(tx, parent.id);
    if (revision === null) throw new AppError('conflict', fill(msg('L’amendement n° {{numero}} n’a pas de texte déposé.'), { numero: numberOf(parent) }));
    const alineas = normaliseAlineas(input.alineas);
    const problem = checkAmendmentText('modify', parent.alineas, alineas);
    if (problem) {
      throw textError(problem.reason === 'no_change' ? { ...problem, message: fill(msg('Le texte proposé est celui de l’amendement n° {{numero}} : le sous-amendement ne change rien.'), { numero: numberOf(parent) }) } : problem);
    }
    const id = await insertSubAmendment(tx, { parent, parentRevision: revision, origin: 'commission', alineas, rationale, createdBy: input.user.id });
    await addAuthor(tx, id, input.user.id);
    const number = await nextAmendmentNumber(tx, parent.bill_id, 'commission');
    await markSubmitted(tx, id, number);
    const dispositif = subDispositif(parent, parent.alineas, alineas);
    await appendRevision(tx, { amendmentId: id, kind: 'submission', alineas, rationale, dispositif, authorId: input.user.id });
    await appendEvent(tx, {
      billId: parent.bill_id, type: 'amendment.submitted', actorId: input.user.id, subjectType: 'amendment', subjectId: id,
      data: { number, articleId: parent.article_id, kind: parent.kind, origin: 'commission', parentId: parent.id, parentNumber: numberOf(parent) },
    });
    await notifyAuthors(tx, { amendmentId: parent.id, type: 'decided', message: fill(msg('Le sous-amendement n° COM-{{numero}} a été déposé sur l’amendement n° {{parent}} : la commission l’examinera juste avant lui.'), { numero: number, parent: numberOf(parent) }), actorId: input.user.id });
    return { id, number, parentId: parent.id };
  });
}

/**
 * The sous-amendement's dispositif, as the liasse prints it: « Amendement n° 12, alinéa 3 » then
 * the operations on the amendment's alinéas (one per line of its text).
 */
export function subDispositif(parent: AmendmentRow, before: readonly string[], after: readonly string[]): string {
  const ops = generateDispositif(before, after);
  return `Amendement n° ${numberOf(parent)}\n${ops}`;
}

/**
 * The parent's text once `sub` is adopted: the sous-amendement's text when the parent has not
 * changed since it was written; otherwise its change (generated as a dispositif against the
 * revision it was written on) applied to the parent's current text — or the refusal, never a guess.
 */
export async function textAfterSubAmendment(tx: Queryable, parent: AmendmentRow, sub: AmendmentRow): Promise<{ ok: true; alineas: string[] } | { ok: false; reason: string }> {
  if (sub.parent_revision === null) return { ok: false, reason: msg('ce sous-amendement importé ne se décide pas ici') };
  const base = await findRevision(tx, parent.id, sub.parent_revision);
  if (!base) return { ok: false, reason: msg('la version de l’amendement qu’il modifie est introuvable') };
  if (sameText(base.alineas, parent.alineas)) return { ok: true, alineas: [...sub.alineas] };
  const dispositif = generateDispositif(base.alineas, sub.alineas);
  const applied = applyDispositif(parent.alineas, dispositif);
  if (!applied.ok) return { ok: false, reason: fill(msg('l’amendement n° {{numero}} a changé depuis son dépôt et ce sous-amendement ne s’y applique plus ({{raison}})'), { numero: numberOf(parent), raison: applied.error.message }) };
  if (sameText(applied.alineas, parent.alineas)) return { ok: false, reason: fill(msg('l’amendement n° {{numero}} contient déjà ce que propose ce sous-amendement'), { numero: numberOf(parent) }) };
  return { ok: true, alineas: applied.alineas };
}

/** Adopting `sub` rewrites its parent: the new text, a `sub_amendment` revision, the authors told. */
export async function rewriteParent(tx: Queryable, parent: AmendmentRow, sub: AmendmentRow, alineas: string[], admin: UserRow): Promise<void> {
  await rewriteAmendmentText(tx, parent, alineas);
  await appendRevision(tx, {
    amendmentId: parent.id, kind: 'sub_amendment', alineas, rationale: parent.rationale, authorId: admin.id,
    note: `Réécrit par le sous-amendement n° ${numberOf(sub)}, adopté.`,
  });
  await appendEvent(tx, {
    billId: parent.bill_id, type: 'amendment.rewritten', actorId: admin.id, subjectType: 'amendment', subjectId: parent.id,
    data: { number: parent.number, by: sub.id, byNumber: numberOf(sub) },
  });
  await notifyAuthors(tx, { amendmentId: parent.id, type: 'decided', message: fill(msg('La commission a adopté le sous-amendement n° {{numero}} : l’amendement n° {{parent}} est réécrit en conséquence (son historique garde la version précédente).'), { numero: numberOf(sub), parent: numberOf(parent) }) });
}

/**
 * The open sous-amendements of `parent` fall with `reason` (its decision, withdrawal,
 * inadmissibility). Returns what fell. Callers hold the bill's or the parent's lock.
 */
export async function fallSubAmendments(
  tx: Queryable, parent: Pick<AmendmentRow, 'id' | 'bill_id' | 'origin' | 'number' | 'rectification' | 'parliament_number'>, reason: string, actorId: string | null,
): Promise<{ amendmentId: string; reason: string }[]> {
  const out: { amendmentId: string; reason: string }[] = [];
  for (const sub of await openSubAmendments(tx, parent.id)) {
    await setAmendmentStatus(tx, sub.id, 'fallen');
    await insertDecision(tx, { amendmentId: sub.id, billId: parent.bill_id, outcome: 'fallen', rule: 'consequence', reason, byAmendmentId: parent.id, tallies: {}, decidedBy: actorId });
    await appendEvent(tx, { billId: parent.bill_id, type: 'amendment.fallen', actorId, subjectType: 'amendment', subjectId: sub.id, data: { number: sub.number, reason, by: parent.id } });
    await notifyAuthors(tx, { amendmentId: sub.id, type: 'decided', message: fill(msg('Le sous-amendement n° {{numero}} est tombé : {{raison}}'), { numero: numberOf(sub), raison: reason }) });
    out.push({ amendmentId: sub.id, reason });
  }
  return out;
}

/** Why the sous-amendements of an amendment fall when it leaves the examination in `status`. */
export function parentClosedReason(parent: Pick<AmendmentRow, 'origin' | 'number' | 'rectification' | 'parliament_number'>, status: 'adopted' | 'rejected' | 'fallen' | 'not_examined' | 'withdrawn' | 'inadmissible'): string {
  const what = { adopted: msg('a été adopté avant lui'), rejected: msg('a été rejeté'), fallen: msg('est tombé'), not_examined: msg('a été clos sans examen'), withdrawn: msg('a été retiré'), inadmissible: msg('a été déclaré irrecevable') }[status];
  return fill(msg('L’amendement n° {{numero}}, qu’il modifiait, {{issue}}.'), { numero: numberOf(parent), issue: what });
}

/**
 * The authors of an open amendment (or the clerk in charge) publish a rectified version before the
 * commission decides: it replaces the text in place (« n° 12 rect. »), the history keeps both.
 */
export async function rectifyAmendment(
  db: Db, live: LiveTexts, input: { user: UserRow; amendmentId: string; alineas?: string[] | undefined; rationale?: string | undefined },
): Promise<{ rectification: number; displayNumber: string }> {
  const result = await db.transaction(async (tx) => {
    // the bill's lock first, as decisions take it (then the amendment's)
    const seen = await findAmendment(tx, input.amendmentId);
    if (!seen || seen.status === 'draft') throw notFound(msg('Amendement introuvable.'));
    await findBill(tx, seen.bill_id, { forUpdate: true });
    const a = (await findAmendment(tx, input.amendmentId, { forUpdate: true }))!;
    await authorize(tx, 'amendment.rectify', input.user, { amendment: a });
    if (a.origin === 'parliament') throw new AppError('conflict', msg('Un amendement parlementaire est rectifié par sa chambre : importez sa version rectifiée.'));
    if (!isOpen(a.status)) throw new AppError('conflict', fill(msg('Cet amendement est « {{statut}} » : il ne peut plus être rectifié.'), { statut: STATUS_LABELS_FR[a.status] }), { status: a.status });
    await requireNoCommissionVote(tx, a, msg('Impossible de le rectifier'));
    const alineas = a.kind === 'delete' ? [] : normaliseAlineas(input.alineas ?? a.alineas);
    const rationale = input.rationale?.trim() ?? a.rationale;
    if (rationale === '') throw new AppError('validation_failed', msg('L’exposé sommaire ne peut pas être vide.'), [{ path: 'rationale', message: msg('requis') }]);
    if (a.kind === 'delete' && input.alineas !== undefined && input.alineas.length > 0) {
      throw new AppError('validation_failed', msg('Un amendement de suppression ne propose pas de texte.'), [{ path: 'alineas', message: msg('inattendu') }]);
    }
    // checked against what it amends: the article (as written against), or its amendment's text
    const parent = a.parent_id === null ? null : await findAmendment(tx, a.parent_id);
    // a sous-amendement's text is its amendment's text rewritten: that text must be the one it was written on
    const written = parent && a.parent_revision !== null ? await findRevision(tx, parent.id, a.parent_revision) : null;
    if (parent && (!written || !sameText(written.alineas, parent.alineas))) {
      throw new AppError('conflict', fill(msg('L’amendement n° {{numero}} a changé depuis le dépôt de ce sous-amendement : déposez plutôt un nouveau sous-amendement sur sa version actuelle.'), { numero: numberOf(parent) }));
    }
    const base = parent ? parent.alineas : ((await findArticleVersion(tx, a.article_id, a.base_version))?.alineas ?? []);
    const problem = checkAmendmentText(parent ? 'modify' : a.kind, base, a.kind === 'delete' ? undefined : alineas);
    if (problem) throw textError(problem);
    if (sameText(alineas, a.alineas) && rationale === a.rationale) {
      throw new AppError('validation_failed', msg('La version rectifiée est identique à la version en vigueur.'), [{ path: 'alineas', message: msg('aucun changement') }]);
    }
    const level = await rectifyAmendmentText(tx, a, alineas, rationale);
    const number = displayNumber(a.origin, a.number, level) ?? '?';
    const byClerk = !(await isAuthor(tx, a.id, input.user.id));
    await appendRevision(tx, {
      amendmentId: a.id, kind: 'rectification', alineas, rationale, authorId: input.user.id,
      dispositif: parent ? subDispositif(parent, parent.alineas, alineas) : null,
      note: `Version rectifiée : n° ${number}${byClerk ? ', publiée par le greffe' : ''}.`,
    });
    await appendEvent(tx, {
      billId: a.bill_id, type: 'amendment.rectified', actorId: input.user.id, subjectType: 'amendment', subjectId: a.id,
      data: { number: a.number, rectification: level, displayNumber: number },
    });
    if (byClerk) await notifyAuthors(tx, { amendmentId: a.id, type: 'formalised', message: fill(msg('Le greffe a publié une version rectifiée de l’amendement : n° {{numero}}.'), { numero: number }), actorId: input.user.id });
    return { rectification: level, displayNumber: number };
  });
  // the formal text being written was for the earlier version
  live.closeAuthors(formalisationDocName(input.amendmentId), 'amendement rectifié');
  return result;
}

