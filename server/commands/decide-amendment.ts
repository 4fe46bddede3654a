import { fill, msg } from '../../shared/i18n';
import { isOpen, STATUS_LABELS_FR } from '../../shared/amendment';
import { commissionTally, decideByRule, type CommissionTally } from '../../shared/commission';
import { groupHead } from '../../shared/reconcile/group-head';
import { formalisationDocName } from '../../shared/live-docs';
import type { LiveTexts } from '../collab/registry';
import { compute } from '../compute';
import type { Db, Queryable } from '../db/db';
import { AppError, notFound } from '../errors';
import { loadCommissionData, type CommissionData } from '../queries/commission-data';
import { findAmendment, openSubAmendments, setAmendmentStatus, type AmendmentRow } from '../sql/amendments';
import { findBill } from '../sql/bills';
import { commissionVotesOf } from '../sql/commission';
import { insertDecision } from '../sql/decisions';
import { appendEvent } from '../sql/events';
import { notifyAuthors } from '../sql/notifications';
import type { UserRow } from '../sql/users';
import { fallSubAmendments, numberOf, parentClosedReason, rewriteParent, textAfterSubAmendment } from './sub-amendments';

export interface DecisionResult {
  outcome: 'adopted' | 'rejected' | 'not_examined';
  amendmentIds: string[];
  tallies: CommissionTally;
  fallen: { amendmentId: string; reason: string }[];
}


/**
 * Why `candidate` cannot be adopted on top of what is adopted already, or null. Only its article
 * is reconciled: an adoption changes no other article (an article additionnel only adds one).
 */
async function conflict(data: CommissionData, candidate: AmendmentRow): Promise<string | null> {
  const articles = data.articles.filter((a) => a.id === candidate.article_id);
  const adopted = data.adopted([candidate]).filter((a) => a.articleId === candidate.article_id);
  const found = await compute().run('adoptionConflict', { articles, adopted, candidateId: candidate.id }, { cache: false });
  if (!found) return null;
  if (!found.with) return found.reason;
  const o = data.byId.get(found.with);
  return o
    ? fill(msg('Il est incompatible avec l’amendement n° {{numero}} déjà adopté : {{raison}}'), { numero: numberOf(o), raison: found.reason })
    : fill(msg('Il est incompatible avec un amendement déjà adopté : {{raison}}'), { raison: found.reason });
}

/** The open amendments of the same article that the adoption of `group` makes impossible. */
async function fallenAfterAdoption(data: CommissionData, group: AmendmentRow[]): Promise<{ row: AmendmentRow; reason: string; by: string | null }[]> {
  const head = group[0]!;
  const ids = new Set(group.map((g) => g.id));
  const pendingRows = data.rows.filter((r) => isOpen(r.status) && !ids.has(r.id) && r.article_id === head.article_id && r.parent_id === null);
  const articles = data.articles.filter((a) => a.id === head.article_id);
  const adopted = data.adopted(group).filter((a) => a.articleId === head.article_id);
  const pendingIds = new Set(pendingRows.map((r) => r.id));
  const pending = data.adopted(pendingRows).filter((a) => pendingIds.has(a.id));
  const fallen = await compute().run('fallenAfter', { articles, adopted, pending }, { cache: false });
  return fallen.map((f) => ({ row: data.byId.get(f.amendmentId)!, reason: f.reason, by: f.by }));
}

/**
 * The commission's decision on an amendment (and the identical ones decided with it): explicit
 * (the admin says adopted or rejected) or by the bill's rule from the commission tally. Adopting
 * one that can no longer apply is refused (409) with the reason; once one is adopted, the
 * amendments it makes impossible fall, each with a reason naming it. Every decision keeps the
 * tallies it was taken on; the authors are told.
 */
export async function decideAmendment(
  db: Db, live: LiveTexts,
  input: { admin: UserRow; amendmentId: string; decision?: 'adopted' | 'rejected' | 'not_examined' | undefined; reason?: string | undefined },
): Promise<DecisionResult> {
  const reason = input.reason?.trim() ?? '';
  if (reason.length > 2_000) throw new AppError('validation_failed', msg('La raison est trop longue : 2 000 caractères au plus.'), [{ path: 'reason', message: msg('trop longue') }]);
  if (input.decision === 'not_examined' && !reason) {
    throw new AppError('validation_failed', msg('Donnez la raison publique pour laquelle la commission n’examine pas cet amendement.'), [{ path: 'reason', message: msg('obligatoire') }]);
  }
  const first = await findAmendment(db, input.amendmentId);
  if (!first || first.status === 'draft') throw notFound(msg('Amendement introuvable.'));
  const result = await db.transaction(async (tx) => {
    const bill = await findBill(tx, first.bill_id, { forUpdate: true });
    if (bill?.status !== 'commission') throw new AppError('wrong_phase', msg('La commission décide pendant la phase « Commission ».'), { status: bill?.status });
    const data = await loadCommissionData(tx, bill.id);
    const a = data.byId.get(first.id);
    if (!a || !isOpen(a.status)) {
      const status = a?.status ?? first.status;
      throw new AppError('conflict', fill(msg('Cet amendement est « {{statut}} » : il n’y a plus rien à décider.'), { statut: STATUS_LABELS_FR[status] }), { status });
    }
    const group = data.groupOf(a);
    // Withdrawals, formalisations and inadmissibility lock the amendment row, not the bill: lock
    // the group's rows too and make sure nothing changed since the data was read.
    // a sous-amendement's amendment is locked before it, as withdrawals lock an amendment then its sous-amendements
    if (a.parent_id !== null) await findAmendment(tx, a.parent_id, { forUpdate: true });
    for (const g of group) {
      const now = await findAmendment(tx, g.id, { forUpdate: true });
      if (!now || !isOpen(now.status) || JSON.stringify(now.alineas) !== JSON.stringify(g.alineas)) {
        throw new AppError('conflict', fill(msg('L’amendement n° {{numero}} vient de changer : rechargez la page avant de décider.'), { numero: numberOf(g) }), { amendmentId: g.id });
      }
    }
    // Identical amendments are decided by one vote: the members vote on the head of the group.
    const head = groupHead(group)!.id;
    const tallies = commissionTally((await commissionVotesOf(tx, [head])).get(head) ?? []);
    if (input.decision === 'not_examined') {
      for (const g of group) await record(tx, { billId: bill.id, row: g, outcome: 'not_examined', rule: 'explicit', tallies, admin: input.admin, groupKey: null, reason });
      const fallenSubs: { amendmentId: string; reason: string }[] = [];
      for (const g of group) fallenSubs.push(...(await fallSubAmendments(tx, g, parentClosedReason(g, 'not_examined'), input.admin.id)));
      return { outcome: 'not_examined' as const, amendmentIds: group.map((g) => g.id), tallies, fallen: fallenSubs };
    }
    let outcome = input.decision;
    if (!outcome) {
      const byRule = decideByRule(bill.decision_rule ?? 'simple_majority', bill.quorum ?? null, tallies);
      if (!byRule.ok) throw new AppError('conflict', byRule.message, { tallies });
      outcome = byRule.outcome;
    }
    const rule = input.decision ? 'explicit' : (bill.decision_rule ?? 'simple_majority');
    if (a.parent_id !== null) return decideSubAmendment(tx, { billId: bill.id, sub: a, outcome, rule, tallies, admin: input.admin });
    if (outcome === 'adopted') {
      const why = await conflict(data, a);
      if (why) throw new AppError('conflict', fill(msg('Impossible d’adopter l’amendement n° {{numero}} : {{raison}}'), { numero: numberOf(a), raison: why }), { reason: why });
    }
    const groupKey = group.length > 1 ? a.identity_key : null;
    for (const g of group) await record(tx, { billId: bill.id, row: g, outcome, rule, tallies, admin: input.admin, groupKey });
    const fallen = outcome === 'adopted' ? await fallenAfterAdoption(data, group) : [];
    // an amendment decided or fallen takes its open sous-amendements with it
    const fallenSubs: { amendmentId: string; reason: string }[] = [];
    for (const g of group) fallenSubs.push(...(await fallSubAmendments(tx, g, parentClosedReason(g, outcome), input.admin.id)));
    for (const f of fallen) fallenSubs.push(...(await fallSubAmendments(tx, f.row, parentClosedReason(f.row, 'fallen'), input.admin.id)));
    for (const f of fallen) {
      await setAmendmentStatus(tx, f.row.id, 'fallen');
      await insertDecision(tx, { amendmentId: f.row.id, billId: bill.id, outcome: 'fallen', rule: 'consequence', reason: f.reason, byAmendmentId: f.by ?? a.id, tallies: {}, decidedBy: input.admin.id });
      await appendEvent(tx, { billId: bill.id, type: 'amendment.fallen', actorId: input.admin.id, subjectType: 'amendment', subjectId: f.row.id, data: { number: f.row.number, reason: f.reason, by: f.by ?? a.id } });
      await notifyAuthors(tx, { amendmentId: f.row.id, type: 'decided', message: fill(msg('L’amendement n° {{numero}} est tombé : {{raison}}'), { numero: numberOf(f.row), raison: f.reason }) });
    }
    return { outcome, amendmentIds: group.map((g) => g.id), tallies, fallen: [...fallen.map((f) => ({ amendmentId: f.row.id, reason: f.reason })), ...fallenSubs] };
  });
  // Decided amendments are no longer formalised: their workspaces close.
  for (const id of [...result.amendmentIds, ...result.fallen.map((f) => f.amendmentId)]) live.closeAuthors(formalisationDocName(id), 'amendement décidé');
  return result;
}


/**
 * A sous-amendement decided (docs/sub-amendments.md): adopted, it rewrites its amendment, and the
 * other open sous-amendements of that amendment that no longer apply to the new text fall. An
 * adoption that cannot apply to the amendment as it stands is refused (409) with the reason.
 */
async function decideSubAmendment(
  tx: Queryable,
  d: { billId: string; sub: AmendmentRow; outcome: 'adopted' | 'rejected'; rule: 'explicit' | 'simple_majority' | 'double_majority'; tallies: CommissionTally; admin: UserRow },
): Promise<DecisionResult> {
  const { sub } = d;
  const parent = await findAmendment(tx, sub.parent_id!, { forUpdate: true });
  if (!parent) throw new AppError('conflict', msg('L’amendement que ce sous-amendement modifie est introuvable.'));
  const fallen: { amendmentId: string; reason: string }[] = [];
  if (d.outcome === 'adopted') {
    if (!isOpen(parent.status)) throw new AppError('conflict', fill(msg('Impossible d’adopter l’amendement n° {{numero}} : l’amendement n° {{parent}} est « {{statut}} ».'), { numero: numberOf(sub), parent: numberOf(parent), statut: STATUS_LABELS_FR[parent.status] }), { status: parent.status });
    const next = await textAfterSubAmendment(tx, parent, sub);
    if (!next.ok) throw new AppError('conflict', fill(msg('Impossible d’adopter l’amendement n° {{numero}} : {{raison}}.'), { numero: numberOf(sub), raison: next.reason }), { reason: next.reason });
    await record(tx, { billId: d.billId, row: sub, outcome: 'adopted', rule: d.rule, tallies: d.tallies, admin: d.admin, groupKey: null });
    await rewriteParent(tx, parent, sub, next.alineas, d.admin);
    const rewritten = { ...parent, alineas: next.alineas };
    for (const other of await openSubAmendments(tx, parent.id)) {
      const still = await textAfterSubAmendment(tx, rewritten, other);
      if (still.ok) continue;
      const reason = fill(msg('depuis l’adoption du sous-amendement n° {{numero}}, il ne s’applique plus à l’amendement n° {{parent}} : {{raison}}.'), { numero: numberOf(sub), parent: numberOf(parent), raison: still.reason });
      await setAmendmentStatus(tx, other.id, 'fallen');
      await insertDecision(tx, { amendmentId: other.id, billId: d.billId, outcome: 'fallen', rule: 'consequence', reason, byAmendmentId: sub.id, tallies: {}, decidedBy: d.admin.id });
      await appendEvent(tx, { billId: d.billId, type: 'amendment.fallen', actorId: d.admin.id, subjectType: 'amendment', subjectId: other.id, data: { number: other.number, reason, by: sub.id } });
      await notifyAuthors(tx, { amendmentId: other.id, type: 'decided', message: fill(msg('L’amendement n° {{numero}} est tombé : {{raison}}'), { numero: numberOf(other), raison: reason }) });
      fallen.push({ amendmentId: other.id, reason });
    }
  } else {
    await record(tx, { billId: d.billId, row: sub, outcome: d.outcome, rule: d.rule, tallies: d.tallies, admin: d.admin, groupKey: null });
  }
  return { outcome: d.outcome, amendmentIds: [sub.id], tallies: d.tallies, fallen };
}

async function record(
  tx: Queryable,
  d: {
    billId: string; row: AmendmentRow; outcome: 'adopted' | 'rejected' | 'not_examined'; rule: 'explicit' | 'simple_majority' | 'double_majority';
    tallies: CommissionTally; admin: UserRow; groupKey: string | null; reason?: string;
  },
): Promise<void> {
  await setAmendmentStatus(tx, d.row.id, d.outcome);
  await insertDecision(tx, { amendmentId: d.row.id, billId: d.billId, outcome: d.outcome, rule: d.rule, reason: d.reason ?? null, tallies: d.tallies, decidedBy: d.admin.id, groupKey: d.groupKey });
  await appendEvent(tx, {
    billId: d.billId, type: 'amendment.decided', actorId: d.admin.id, subjectType: 'amendment', subjectId: d.row.id,
    data: { number: d.row.number, outcome: d.outcome, rule: d.rule, tallies: d.tallies, ...(d.reason ? { reason: d.reason } : {}) },
  });
  if (d.outcome === 'not_examined') {
    await notifyAuthors(tx, { amendmentId: d.row.id, type: 'decided', message: fill(msg('La commission a clos l’amendement n° {{numero}} sans l’examiner : {{raison}}'), { numero: numberOf(d.row), raison: d.reason ?? '' }) });
    return;
  }
  const t = d.tallies.all;
  const how = { explicit: msg('sur décision de sa présidence'), simple_majority: msg('à la majorité simple'), double_majority: msg('à la double majorité (dans chaque collège)') }[d.rule];
  const key = d.outcome === 'adopted'
    ? t.total ? msg('La commission a adopté l’amendement n° {{numero}} {{comment}} ; votes de ses membres : pour {{pour}}, contre {{contre}}, abstentions {{abstentions}}.') : msg('La commission a adopté l’amendement n° {{numero}} {{comment}}.')
    : t.total ? msg('La commission a rejeté l’amendement n° {{numero}} {{comment}} ; votes de ses membres : pour {{pour}}, contre {{contre}}, abstentions {{abstentions}}.') : msg('La commission a rejeté l’amendement n° {{numero}} {{comment}}.');
  await notifyAuthors(tx, {
    amendmentId: d.row.id, type: 'decided',
    message: fill(key, { numero: numberOf(d.row), comment: how, pour: t.for, contre: t.against, abstentions: t.abstain }),
  });
}
