import type { ErrorCode } from './errors';
import { BILL_STATUSES, STATUS_LABELS_FR, type BillStatus } from './phases';

/**
 * The one table of who may do what, in which phase of the bill. Every JSON route, every HTML
 * form and the WebSocket door ask `decide()`; nothing else states a role or a phase rule.
 *
 * An actor is a quality a person holds towards a resource (one person usually holds several: a
 * citizen who co-wrote the amendment and sits on the commission is `citizen`, `author` and
 * `commissionMember`). Adding an actor is adding it to `ACTORS` and `ACTOR_LABELS`, then to the
 * rows that let it act.
 */
export const ACTORS = ['anonymous', 'citizen', 'author', 'clerk', 'clerkInCharge', 'commissionMember', 'moderator', 'reviewer', 'mediator', 'admin'] as const;
export type Actor = (typeof ACTORS)[number];

/** « réservé aux … » */
export const ACTOR_LABELS: Record<Actor, string> = {
  anonymous: 'visiteurs',
  citizen: 'personnes connectées',
  author: 'auteurs de l’amendement',
  clerk: 'greffiers',
  clerkInCharge: 'greffiers en charge de l’amendement',
  commissionMember: 'membres de la commission',
  moderator: 'modérateurs',
  mediator: 'structures de médiation',
  reviewer: 'modérateurs étrangers à l’affaire (ni auteurs de la décision, ni de la contribution, ni de l’appel)',
  admin: 'administrateurs',
};

export type Phase = BillStatus;
const ALL: readonly Phase[] = BILL_STATUSES;
const PUBLIC: readonly Phase[] = ['consultation', 'commission', 'adopted'];
const CONSULTATION: readonly Phase[] = ['consultation'];
const DESK: readonly Phase[] = ['consultation', 'commission'];
const BEFORE_ADOPTION: readonly Phase[] = ['draft', 'consultation', 'commission'];

export interface Rule {
  /** What the operation is, as the start of a sentence: « Déposer un amendement : … ». */
  verb: string;
  /** Per actor, the phases of the bill in which it may act. An actor absent from the row may not. */
  allow: Partial<Record<Actor, readonly Phase[]>>;
  /** Reads: a refusal is a 404, as if the thing did not exist (drafts do not leak). */
  hidden?: true;
  /** A refusal code for an actor who holds `actor` but no allowed quality (the clerk not in charge). */
  otherwise?: { actor: Actor; code: ErrorCode; why: string };
  /**
   * A quality that bars the operation even to an allowed actor: one is not judge of one's own
   * case (a moderator who wrote the contribution does not moderate it).
   */
  barred?: { actor: Actor; code: ErrorCode; why: string };
  /**
   * With EMAIL_VERIFICATION=required, only accounts with a confirmed e-mail address or a verified
   * identity may do it (`email_unverified` otherwise): votes and deposits, where one person must
   * count once. Reading and drafting stay open to everyone signed in.
   */
  verified?: true;
  /**
   * A suspended account (docs/moderation.md) may still do it: reading, its own account, and the
   * appeal of a decision. Every other operation is refused with `account_suspended`.
   */
  whileSuspended?: true;
}

const anyone = (phases: readonly Phase[]): Partial<Record<Actor, readonly Phase[]>> =>
  Object.fromEntries(ACTORS.map((a) => [a, phases]));
const reviewer = { actor: 'moderator', code: 'forbidden', why: 'un autre modérateur, qui n’a ni pris la décision, ni écrit la contribution, ni formé l’appel, doit trancher l’appel' } as const;
/** A party to a moderation case: the author of the contribution (or the account) it is about. */
const party = { actor: 'author', code: 'forbidden', why: 'on ne modère pas sa propre contribution ; un autre modérateur en décidera' } as const;
const inCharge = { actor: 'clerk', code: 'other_clerk_in_charge', why: 'un autre greffier a cet amendement en charge : reprenez-le d’abord' } as const;

export const POLICY = {
  // reads whose refusal is a 404
  'bill.read': { verb: 'Consulter ce projet de loi', allow: { ...anyone(PUBLIC), clerk: ALL, admin: ALL }, hidden: true, whileSuspended: true },
  'amendment.readDraft': { verb: 'Consulter ce brouillon', allow: { author: ALL }, hidden: true, whileSuspended: true },
  'desk.read': { verb: 'Ouvrir le bureau du greffe', allow: { clerk: ALL, admin: ALL }, whileSuspended: true },
  'moderation.read': { verb: 'Lire les signalements', allow: { moderator: ALL, admin: ALL }, whileSuspended: true },
  'admin.console': { verb: 'Ouvrir l’administration', allow: { admin: ALL }, whileSuspended: true },
  // bills and accounts
  'bill.import': { verb: 'Importer un projet de loi', allow: { admin: ALL, clerk: ALL } },
  'amendment.importParliament': { verb: 'Importer des amendements parlementaires', allow: { admin: DESK, clerk: DESK } },
  'bill.memorandum': { verb: 'Écrire l’exposé des motifs', allow: { admin: ALL, clerk: ALL } },
  'article.summary': { verb: 'Écrire ce que change l’article', allow: { admin: ALL, clerk: ALL } },
  'bill.move': { verb: 'Changer la phase du texte', allow: { admin: ALL } },
  'user.setRoles': { verb: 'Attribuer des rôles', allow: { admin: ALL } },
  'account.delete': { verb: 'Supprimer son compte', allow: { citizen: ALL }, whileSuspended: true },
  'account.manage': { verb: 'Gérer son compte (adresse, mot de passe, courriels)', allow: { citizen: ALL }, whileSuspended: true },
  'mail.read': { verb: 'Lire les courriels envoyés', allow: { admin: ALL }, whileSuspended: true },
  'mail.resend': { verb: 'Renvoyer un courriel', allow: { admin: ALL } },
  'notification.read': { verb: 'Marquer ses notifications comme lues', allow: { citizen: ALL }, whileSuspended: true },
  // the consultation
  'amendment.create': { verb: 'Proposer un amendement', allow: { citizen: CONSULTATION, commissionMember: ['commission'] } },
  'amendment.edit': { verb: 'Modifier un amendement', allow: { author: DESK } },
  'amendment.submit': { verb: 'Déposer un amendement', allow: { author: DESK }, verified: true },
  'amendment.withdraw': { verb: 'Retirer un amendement', allow: { author: DESK } },
  'amendment.addCoauthor': { verb: 'Ajouter un co-auteur', allow: { author: DESK } },
  'amendment.removeCoauthor': { verb: 'Retirer un co-auteur', allow: { author: ALL } },
  'amendment.invite': { verb: 'Inviter un co-auteur', allow: { author: DESK } },
  'invitation.accept': { verb: 'Rejoindre la rédaction d’un brouillon', allow: { citizen: ALL } },
  'draft.comment': { verb: 'Commenter le brouillon', allow: { author: DESK } },
  'vote.article': { verb: 'Voter sur un article', allow: { citizen: CONSULTATION }, verified: true },
  'vote.amendment': { verb: 'Voter sur un amendement', allow: { citizen: CONSULTATION }, verified: true },
  'vote.argument': { verb: 'Voter sur un argument', allow: { citizen: CONSULTATION }, verified: true },
  'argument.post': { verb: 'Argumenter', allow: { citizen: CONSULTATION } },
  'annotation.create': { verb: 'Annoter', allow: { citizen: CONSULTATION } },
  'annotation.reply': { verb: 'Répondre', allow: { citizen: CONSULTATION } },
  'amendment.cosign': { verb: 'Cosigner un amendement', allow: { citizen: CONSULTATION }, verified: true },
  'amendment.uncosign': { verb: 'Retirer sa cosignature', allow: { citizen: CONSULTATION } },
  'contribution.report': { verb: 'Signaler une contribution', allow: { citizen: ALL } },
  'contribution.moderate': { verb: 'Modérer une contribution', allow: { moderator: ALL, admin: ALL }, barred: party },
  // moderation at scale (docs/moderation.md)
  'moderation.appeal': { verb: 'Faire appel d’une décision de modération', allow: { author: ALL }, whileSuspended: true },
  'moderation.decideAppeal': { verb: 'Trancher un appel', allow: { reviewer: ALL }, otherwise: reviewer },
  'account.suspend': { verb: 'Suspendre un compte', allow: { moderator: ALL, admin: ALL } },
  'account.lift': { verb: 'Lever une suspension', allow: { moderator: ALL, admin: ALL } },
  // the clerks' desk
  'amendment.assign': { verb: 'Prendre en charge un amendement', allow: { clerk: DESK } },
  'amendment.formalise': { verb: 'Mettre en forme', allow: { clerkInCharge: DESK }, otherwise: inCharge },
  'amendment.respond': { verb: 'Répondre à l’amendement', allow: { clerkInCharge: DESK }, otherwise: inCharge },
  'amendment.declareInadmissible': { verb: 'Déclarer irrecevable', allow: { clerkInCharge: DESK }, otherwise: inCharge },
  'workspace.write': { verb: 'Rédiger la mise en forme', allow: { author: DESK, clerkInCharge: DESK } },
  'workspace.watch': { verb: 'Suivre la mise en forme', allow: { author: ALL, clerk: ALL } },
  // the commission
  'commission.appoint': { verb: 'Nommer un membre de la commission', allow: { admin: BEFORE_ADOPTION } },
  'commission.remove': { verb: 'Retirer un membre de la commission', allow: { admin: BEFORE_ADOPTION } },
  'commission.rule': { verb: 'Choisir la règle de décision', allow: { admin: BEFORE_ADOPTION } },
  'commission.vote': { verb: 'Voter en commission', allow: { commissionMember: ['commission'] } },
  'amendment.decide': { verb: 'Décider en commission', allow: { admin: ['commission'] } },
  // sous-amendements and rectified versions (docs/sub-amendments.md)
  'amendment.subAmend': { verb: 'Déposer un sous-amendement', allow: { commissionMember: ['commission'] }, verified: true },
  'amendment.rectify': { verb: 'Rectifier un amendement', allow: { author: ['commission'], clerkInCharge: ['commission'] }, otherwise: inCharge },
  // the sortition of the citizen college (docs/sortition.md)
  'sortition.open': { verb: 'Ouvrir l’appel à volontaires du tirage au sort', allow: { admin: BEFORE_ADOPTION } },
  'sortition.volunteer': { verb: 'Se porter volontaire pour le tirage au sort', allow: { citizen: DESK }, verified: true },
  'sortition.commit': { verb: 'Clore l’appel à volontaires et publier l’engagement', allow: { admin: BEFORE_ADOPTION } },
  'sortition.draw': { verb: 'Tirer au sort le collège citoyen', allow: { admin: BEFORE_ADOPTION } },
  'sortition.respond': { verb: 'Répondre au tirage au sort', allow: { citizen: DESK } },
  // assisted and collective contributions (docs/mediators.md): never a vote on anyone's behalf
  'mediator.declare': { verb: 'Déclarer une structure de médiation', allow: { admin: ALL } },
  'contribution.onBehalf': { verb: 'Contribuer pour une personne ou un atelier', allow: { mediator: CONSULTATION } },
  'contribution.claim': { verb: 'Récupérer ses contributions', allow: { citizen: ALL } },
  // interest representatives and the legislative footprint (docs/interest-representatives.md);
  // that only organisations declare is the command's check (a property of the account, not a role)
  'interest.declare': { verb: 'Se déclarer représentant d’intérêts', allow: { citizen: ALL } },
  'amendment.markInspiration': { verb: 'Signaler l’inspiration d’un amendement par un représentant d’intérêts', allow: { clerk: ALL, admin: ALL } },
  'hearing.manage': { verb: 'Tenir l’agenda des auditions', allow: { admin: ALL, clerk: ALL, commissionMember: DESK } },
} as const satisfies Record<string, Rule>;

export type Operation = keyof typeof POLICY;
export const OPERATIONS = Object.keys(POLICY) as Operation[];

export type Decision = { ok: true } | { ok: false; code: ErrorCode; message: string };

const list = (items: readonly string[]) => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ou ${items.at(-1)!}`);
const phaseNames = (phases: readonly Phase[]) => list(phases.map((p) => `« ${STATUS_LABELS_FR[p]} »`));
const rowOf = (op: Operation): Rule => POLICY[op];

/** The phases in which one holding `actors` may do `op` (what SQL fast paths check too). */
export function allowedPhases(op: Operation, actors: Iterable<Actor>): Phase[] {
  const allow = rowOf(op).allow;
  const out = new Set<Phase>();
  for (const a of actors) for (const p of allow[a] ?? []) out.add(p);
  return BILL_STATUSES.filter((p) => out.has(p));
}

/**
 * May one holding the qualities `actors` do `op` while the bill is in `phase`? A refusal carries
 * the stable code and a French message naming the operation. `phase` is null for operations
 * outside any bill (roles, accounts, imports): only the actor is checked.
 */
export function decide(op: Operation, actors: ReadonlySet<Actor>, phase: Phase | null): Decision {
  const rule = rowOf(op);
  if (rule.barred && actors.has(rule.barred.actor)) return { ok: false, code: rule.barred.code, message: `${rule.verb} : ${rule.barred.why}.` };
  const mine = [...actors].filter((a) => rule.allow[a] !== undefined);
  if (mine.length === 0) {
    if (rule.hidden) return { ok: false, code: 'not_found', message: 'Ressource introuvable.' };
    if (rule.otherwise && actors.has(rule.otherwise.actor)) return { ok: false, code: rule.otherwise.code, message: `${rule.verb} : ${rule.otherwise.why}.` };
    if (!actors.has('citizen')) return { ok: false, code: 'unauthenticated', message: `${rule.verb} : connectez-vous d’abord.` };
    const who = Object.keys(rule.allow).map((a) => ACTOR_LABELS[a as Actor]);
    return { ok: false, code: 'forbidden', message: `${rule.verb} : réservé aux ${list(who)}.` };
  }
  if (phase === null) return { ok: true };
  const phases = allowedPhases(op, mine);
  if (phases.includes(phase)) return { ok: true };
  if (rule.hidden) return { ok: false, code: 'not_found', message: 'Ressource introuvable.' };
  const others = (Object.entries(rule.allow) as [Actor, readonly Phase[]][]).filter(([, ps]) => ps.includes(phase)).map(([a]) => ACTOR_LABELS[a]);
  const message = others.length > 0
    ? `${rule.verb} : pendant la phase « ${STATUS_LABELS_FR[phase]} », réservé aux ${list(others)}.`
    : `${rule.verb} : impossible en phase « ${STATUS_LABELS_FR[phase]} »${phases.length > 0 ? `, seulement en phase ${phaseNames(phases)}` : ''}.`;
  return { ok: false, code: 'wrong_phase', message };
}

/** Whether an account counts as verified: a confirmed e-mail address, or an identity a provider vouched for. */
export const isVerifiedAccount = (a: { emailVerified: boolean; assurance: 'none' | 'verified' }): boolean => a.emailVerified || a.assurance === 'verified';

/**
 * The e-mail verification rule (EMAIL_VERIFICATION): may this account do `op`, as far as its
 * verification goes? Checked after `decide()` by the server, for every door.
 */
export function decideVerification(op: Operation, account: { emailVerified: boolean; assurance: 'none' | 'verified' }, mode: 'optional' | 'required'): Decision {
  const rule = rowOf(op);
  if (mode === 'optional' || !rule.verified || isVerifiedAccount(account)) return { ok: true };
  return {
    ok: false, code: 'email_unverified',
    message: `${rule.verb} : confirmez d’abord votre adresse électronique, avec le lien qui vous a été envoyé (« Mon compte » pour le recevoir à nouveau).`,
  };
}

/** An account's suspension (users.suspended_at / suspended_until, migration 030). */
export interface Suspension {
  suspendedAt: Date | null;
  /** Null with `suspendedAt`: permanent. */
  suspendedUntil: Date | null;
}

/** Whether the account is suspended at `now` (a temporary suspension ends by itself). */
export const isSuspended = (s: Suspension, now: Date): boolean =>
  s.suspendedAt !== null && (s.suspendedUntil === null || s.suspendedUntil.getTime() > now.getTime());

const untilFr = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * The suspension rule: may this account do `op` while suspended? Checked after `decide()` by the
 * server, for every door (JSON, forms, WebSocket), like the verification rule.
 */
export function decideSuspension(op: Operation, account: Suspension, now: Date): Decision {
  if (rowOf(op).whileSuspended || !isSuspended(account, now)) return { ok: true };
  const until = account.suspendedUntil ? `jusqu’au ${untilFr.format(account.suspendedUntil)}` : 'définitivement';
  return {
    ok: false, code: 'account_suspended',
    message: `${rowOf(op).verb} : votre compte est suspendu ${until} (raison publique dans le journal de la modération ; vous pouvez faire appel).`,
  };
}

/** The phase a draft belongs to: citizens' drafts to the consultation, members' to the commission. */
export const draftPhaseOf = (origin: 'citizen' | 'commission' | 'parliament'): Phase => (origin === 'commission' ? 'commission' : 'consultation');

/** Who may do `op`, in words, for the API documentation: « membres de la commission (Commission) ». */
export function describe(op: Operation): string {
  const rule = rowOf(op);
  return (Object.entries(rule.allow) as [Actor, readonly Phase[]][])
    .map(([a, ps]) => `${ACTOR_LABELS[a]}${ps.length === ALL.length ? '' : ` (${ps.map((p) => STATUS_LABELS_FR[p]).join(', ')})`}`)
    .join(' ; ');
}
