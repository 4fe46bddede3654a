import { randomBytes } from 'node:crypto';
import { fill, msg } from '../../shared/i18n';
import { authorize } from '../authorize';
import type { Db, Queryable } from '../db/db';
import { AppError, notFound } from '../errors';
import { sortitionDrawnMessage } from '../mail/render';
import { drawPanel, replacementFor } from '../sortition/draw';
import { obviousInfeasibility, poolHash, problemOf, sha256Hex, type Problem, type Stratum, type Volunteer } from '../sortition/model';
import { findBill, type BillRow } from '../sql/bills';
import { upsertMember } from '../sql/commission';
import { appendEvent } from '../sql/events';
import { enqueueRendered } from '../sql/mail-outbox';
import { runComputation } from './sortition-compute';
import {
  commitSortitionRow, countVolunteers, deleteVolunteer, findSortition, listVolunteers, openSortitionRow, recordResponse,
  saveDraw, seatVolunteers, setReplacedBy, upsertVolunteer, type SortitionRow, type VolunteerRow,
} from '../sql/sortition';
import type { UserRow } from '../sql/users';

/**
 * The sortition of a bill's citizen college (docs/sortition.md): the admin opens a call with
 * strata and target shares; citizens volunteer; the admin closes the call and commits to a seed
 * (its SHA-256 and the pool's fingerprint are published); the lottery (LEXIMIN) is computed in a
 * worker thread; the admin reveals the seed (and a public value drawn later, e.g. a lottery
 * result); the panel is drawn; those drawn accept (they join the commission's citizen college) or
 * decline (replaced by the reproducible rule). Every step is an event of the bill's history.
 */
export interface SortitionDeps {
  db: Db;
  /** The site's address, for the links of the e-mails. */
  baseUrl: () => string;
  log?: (msg: string, err?: unknown) => void;
}

const NOT_OPEN = msg('Aucun appel à volontaires n’est ouvert pour ce texte.');

async function billFor(tx: Queryable, billId: string): Promise<BillRow> {
  const bill = await findBill(tx, billId, { forUpdate: true });
  if (!bill) throw notFound('Projet de loi introuvable.');
  return bill;
}

/** Shares in a stratum must add up to 1 (to the thousandth); names and values must be unique. */
export function checkStrata(strata: readonly Stratum[], seats: number): void {
  const names = new Set<string>();
  strata.forEach((s, i) => {
    if (names.has(s.name)) throw new AppError('validation_failed', fill(msg('Le critère « {{critere}} » apparaît deux fois.'), { critere: s.name }), [{ path: `strata.${i}.name`, message: 'nom en double' }]);
    names.add(s.name);
    const values = new Set(s.categories.map((c) => c.value));
    if (values.size !== s.categories.length) throw new AppError('validation_failed', fill(msg('« {{critere}} » : une catégorie apparaît deux fois.'), { critere: s.name }), [{ path: `strata.${i}.categories`, message: 'catégorie en double' }]);
    const sum = s.categories.reduce((n, c) => n + c.share, 0);
    if (Math.abs(sum - 1) > 0.001) {
      throw new AppError('validation_failed', fill(msg('« {{critere}} » : les parts des catégories font {{somme}} %, pas 100 %.'), { critere: s.name, somme: (sum * 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 }) }), [{ path: `strata.${i}.categories`, message: 'la somme des parts doit valoir 1' }]);
    }
  });
  if (seats < 1) throw new AppError('validation_failed', msg('Au moins un siège.'));
}

/** PUT /api/bills/:billId/sortition: opens the call, or changes it while nobody has answered. */
export async function openSortition(db: Db, input: { admin: UserRow; billId: string; seats: number; strata: Stratum[] }): Promise<SortitionRow> {
  checkStrata(input.strata, input.seats);
  return db.transaction(async (tx) => {
    const bill = await billFor(tx, input.billId);
    await authorize(tx, 'sortition.open', input.admin, { bill });
    const current = await findSortition(tx, bill.id, { forUpdate: true });
    if (current && current.status !== 'open') throw new AppError('conflict', msg('L’appel à volontaires est clos : l’engagement est publié, il ne peut plus changer.'));
    if (current && JSON.stringify(current.strata) !== JSON.stringify(input.strata) && (await countVolunteers(tx, bill.id)) > 0) {
      throw new AppError('conflict', msg('Des volontaires ont déjà répondu à ces critères : ils ne peuvent plus changer (le nombre de sièges, si).'));
    }
    await openSortitionRow(tx, { billId: bill.id, seats: input.seats, strata: input.strata, openedBy: input.admin.id });
    await appendEvent(tx, {
      billId: bill.id, type: current ? 'sortition.call_changed' : 'sortition.call_opened', actorId: input.admin.id, subjectType: 'bill', subjectId: bill.id,
      data: { seats: input.seats, strata: input.strata },
    });
    return (await findSortition(tx, bill.id))!;
  });
}

/** A citizen (not an organisation) volunteers, or changes their answers, while the call is open. */
export async function volunteer(db: Db, input: { user: UserRow; billId: string; answers: Record<string, string> }): Promise<{ pseudonym: string }> {
  return db.transaction(async (tx) => {
    const bill = await billFor(tx, input.billId);
    await authorize(tx, 'sortition.volunteer', input.user, { bill });
    if (input.user.kind !== 'citizen') throw new AppError('forbidden', msg('Seules les personnes (pas les organisations) peuvent être tirées au sort.'));
    const s = await findSortition(tx, bill.id, { forUpdate: true });
    if (!s) throw notFound(NOT_OPEN);
    if (s.status !== 'open') throw new AppError('conflict', msg('L’appel à volontaires est clos.'));
    const answers: Record<string, string> = {};
    const details: { path: string; message: string }[] = [];
    for (const st of s.strata) {
      const v = input.answers[st.name];
      if (v === undefined || !st.categories.some((c) => c.value === v)) details.push({ path: `answers.${st.name}`, message: fill(msg('choisissez une des catégories de « {{critere}} »'), { critere: st.name }) });
      else answers[st.name] = v;
    }
    for (const k of Object.keys(input.answers)) if (!s.strata.some((st) => st.name === k)) details.push({ path: `answers.${k}`, message: msg('critère inconnu') });
    if (details.length > 0) throw new AppError('validation_failed', fill(msg('Réponse à revoir : {{detail}}.'), { detail: details[0]!.message }), details);
    const pseudonym = await upsertVolunteer(tx, { billId: bill.id, userId: input.user.id, pseudonym: `V-${randomBytes(5).toString('hex')}`, answers });
    return { pseudonym };
  });
}

export async function withdrawVolunteer(db: Db, input: { user: UserRow; billId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const bill = await billFor(tx, input.billId);
    await authorize(tx, 'sortition.volunteer', input.user, { bill });
    const s = await findSortition(tx, bill.id, { forUpdate: true });
    if (!s) throw notFound(NOT_OPEN);
    if (s.status !== 'open') throw new AppError('conflict', msg('L’appel à volontaires est clos : le vivier publié ne change plus.'));
    if (!(await deleteVolunteer(tx, bill.id, input.user.id))) throw notFound(msg('Vous n’êtes pas volontaire pour ce texte.'));
  });
}

export const volunteersOf = (rows: readonly VolunteerRow[]): Volunteer[] => rows.map((r) => ({ pseudonym: r.pseudonym, answers: r.answers }));

const SEED_HASH = /^[0-9a-f]{64}$/;

/**
 * Closes the call: the pool is frozen (its fingerprint published) and the admin commits to a seed:
 * its SHA-256 given, or a seed the server generates (returned to the admin, kept secret until the
 * draw). Quotas that a simple count shows impossible are refused at once with the reason; the
 * lottery is then computed in a worker thread (`computation` resolves when it ends).
 */
export async function commitSortition(deps: SortitionDeps, input: { admin: UserRow; billId: string; seedHash?: string | undefined }): Promise<{ seedHash: string; poolHash: string; seed?: string; computation: Promise<void> }> {
  const out = await deps.db.transaction(async (tx) => {
    const bill = await billFor(tx, input.billId);
    await authorize(tx, 'sortition.commit', input.admin, { bill });
    const s = await findSortition(tx, bill.id, { forUpdate: true });
    if (!s) throw notFound(NOT_OPEN);
    if (s.status !== 'open') throw new AppError('conflict', msg('L’engagement est déjà publié.'), { seedHash: s.seed_hash });
    const volunteers = volunteersOf(await listVolunteers(tx, bill.id));
    const problem = problemOf(s.seats, s.strata, volunteers);
    const obvious = obviousInfeasibility(problem);
    if (obvious) throw new AppError('unprocessable', fill(msg('Quotas impossibles à tenir : {{raison}}'), { raison: obvious }), { reason: 'infeasible_quotas', explanation: obvious });
    let seed: string | undefined;
    let seedHash = input.seedHash?.toLowerCase();
    if (seedHash !== undefined && !SEED_HASH.test(seedHash)) throw new AppError('validation_failed', msg('L’empreinte de la graine est un SHA-256 en hexadécimal (64 caractères).'), [{ path: 'body.seedHash', message: '64 caractères hexadécimaux' }]);
    if (seedHash === undefined) {
      seed = randomBytes(32).toString('hex');
      seedHash = sha256Hex(seed);
    }
    const pool = poolHash(s.seats, s.strata, volunteers);
    await commitSortitionRow(tx, { billId: bill.id, seedHash, seedSecret: seed ?? null, poolHash: pool });
    await appendEvent(tx, {
      billId: bill.id, type: 'sortition.committed', actorId: input.admin.id, subjectType: 'bill', subjectId: bill.id,
      data: { seedHash, poolHash: pool, volunteers: volunteers.length, seats: s.seats },
    });
    return { seedHash, poolHash: pool, ...(seed ? { seed } : {}) };
  });
  return { ...out, computation: runComputation(deps, input.billId) };
}

/**
 * The draw: the seed must hash to the committed SHA-256; with the public value it picks one panel
 * of the published lottery and its members (server/sortition/draw.ts). Those drawn are told by
 * e-mail and on the page, and asked to accept or decline.
 */
export async function drawSortition(deps: SortitionDeps, input: { admin: UserRow; billId: string; seed: string; publicValue?: string | undefined }): Promise<{ panel: string[]; pseudonyms: string[]; probabilities: Record<string, number> }> {
  return deps.db.transaction(async (tx) => {
    const bill = await billFor(tx, input.billId);
    await authorize(tx, 'sortition.draw', input.admin, { bill });
    const s = await findSortition(tx, bill.id, { forUpdate: true });
    if (!s) throw notFound(NOT_OPEN);
    if (s.status === 'open') throw new AppError('conflict', msg('Publiez d’abord l’engagement (clôture de l’appel et empreinte de la graine).'));
    if (s.status === 'computing') throw new AppError('conflict', msg('La loterie est en cours de calcul : le tirage sera possible à la fin du calcul.'), { progress: s.progress });
    if (s.status === 'failed') throw new AppError('unprocessable', fill(msg('Tirage impossible : {{raison}}'), { raison: s.failure ?? msg('le calcul a échoué') }), { reason: 'computation_failed', explanation: s.failure });
    if (s.status === 'drawn') throw new AppError('conflict', msg('Le tirage a déjà eu lieu.'));
    if (sha256Hex(input.seed) !== s.seed_hash) {
      throw new AppError('unprocessable', msg('Cette graine ne correspond pas à l’empreinte publiée : le tirage doit utiliser la graine annoncée.'), { reason: 'seed_mismatch', seedHash: s.seed_hash });
    }
    const rows = await listVolunteers(tx, bill.id);
    const problem = problemOf(s.seats, s.strata, volunteersOf(rows));
    const publicValue = input.publicValue ?? null;
    const { members } = drawPanel(problem, s.distribution!.panels, { seed: input.seed, publicValue });
    await saveDraw(tx, { billId: bill.id, seed: input.seed, publicValue, drawnBy: input.admin.id, drawn: members });
    await seatVolunteers(tx, bill.id, members);
    await appendEvent(tx, {
      billId: bill.id, type: 'sortition.drawn', actorId: input.admin.id, subjectType: 'bill', subjectId: bill.id,
      data: { seed: input.seed, publicValue, seedHash: s.seed_hash, panel: members, file: `/api/bills/${bill.id}/sortition` },
    });
    const byPseudonym = new Map(rows.map((r) => [r.pseudonym, r]));
    for (const m of members) await inviteDrawn(tx, deps, bill, byPseudonym.get(m)!, false);
    const probabilities = probabilitiesByPseudonym(problem, s.distribution!.probabilities);
    return { panel: members.map((m) => byPseudonym.get(m)!.user_id), pseudonyms: members, probabilities };
  });
}

/** Each volunteer's selection probability under the published lottery (their profile's). */
export function probabilitiesByPseudonym(problem: Problem, byProfile: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  problem.profiles.forEach((p, t) => { for (const m of p.members) out[m] = byProfile[t]!; });
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function inviteDrawn(tx: Queryable, deps: SortitionDeps, bill: Pick<BillRow, 'id' | 'title'>, v: VolunteerRow, replacement: boolean): Promise<void> {
  const m = sortitionDrawnMessage({ base: deps.baseUrl(), displayName: v.display_name, billTitle: bill.title, url: `${deps.baseUrl()}/textes/${bill.id}/tirage#reponse`, replacement, lang: v.lang ?? undefined });
  await enqueueRendered(tx, { kind: 'sortition', userId: v.user_id, to: v.email, subject: m.subject, text: m.text, html: m.html });
}

/**
 * A person drawn accepts (they join the commission's citizen college) or declines (the seat goes
 * to a replacement by the rule of server/sortition/draw.ts › replacementFor, told in turn).
 */
export async function respondToDraw(deps: SortitionDeps, input: { user: UserRow; billId: string; response: 'accepted' | 'declined' }): Promise<{ replacement: string | null }> {
  return deps.db.transaction(async (tx) => {
    const bill = await billFor(tx, input.billId);
    await authorize(tx, 'sortition.respond', input.user, { bill });
    const s = await findSortition(tx, bill.id, { forUpdate: true });
    if (!s || s.status !== 'drawn') throw notFound('Aucun tirage au sort n’a eu lieu pour ce texte.');
    const rows = await listVolunteers(tx, bill.id);
    const me = rows.find((r) => r.user_id === input.user.id);
    if (!me || !me.seated_at) throw new AppError('forbidden', msg('Vous n’avez pas été tiré au sort pour ce texte.'));
    if (me.response) throw new AppError('conflict', me.response === 'accepted' ? msg('Vous avez déjà accepté.') : msg('Vous avez déjà décliné.'));
    const k = await recordResponse(tx, bill.id, input.user.id, input.response);
    if (input.response === 'accepted') {
      await upsertMember(tx, { billId: bill.id, userId: input.user.id, college: 'citizen', appointedBy: s.drawn_by ?? input.user.id });
      await appendEvent(tx, { billId: bill.id, type: 'sortition.accepted', actorId: input.user.id, subjectType: 'user', subjectId: input.user.id, data: { pseudonym: me.pseudonym, displayName: me.display_name } });
      await appendEvent(tx, { billId: bill.id, type: 'commission.member_appointed', actorId: s.drawn_by, subjectType: 'user', subjectId: input.user.id, data: { college: 'citizen', displayName: me.display_name, sortition: true } });
      return { replacement: null };
    }
    const problem = problemOf(s.seats, s.strata, volunteersOf(rows));
    const panel = rows.filter((r) => r.seated_at && r.response !== 'declined' && r.user_id !== input.user.id).map((r) => r.pseudonym);
    const everDrawn = new Set(rows.filter((r) => r.seated_at).map((r) => r.pseudonym));
    const replacement = replacementFor(problem, { seed: s.seed!, publicValue: s.public_value }, k!, { panel: [...panel, me.pseudonym], everDrawn, declined: me.pseudonym });
    if (replacement) {
      await seatVolunteers(tx, bill.id, [replacement]);
      await setReplacedBy(tx, bill.id, input.user.id, replacement);
      await inviteDrawn(tx, deps, bill, rows.find((r) => r.pseudonym === replacement)!, true);
    }
    await appendEvent(tx, { billId: bill.id, type: 'sortition.declined', actorId: null, subjectType: 'bill', subjectId: bill.id, data: { pseudonym: me.pseudonym, rank: k, replacement } });
    return { replacement };
  });
}
