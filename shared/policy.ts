import type { ErrorCode } from './errors';
import { msg, SAY_FR, type Say } from './i18n';
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
  anonymous: msg('visiteurs'),
  citizen: msg('personnes connectées'),
  author: msg('auteurs de l’amendement'),
  clerk: msg('greffiers'),
  clerkInCharge: msg('greffiers en charge de l’amendement'),
  commissionMember: msg('membres de la commission'),
  moderator: msg('modérateurs'),
  mediator: msg('structures de médiation'),
  reviewer: msg('modérateurs étrangers à l’affaire (ni auteurs de la décision, ni de la contribution, ni de l’appel)'),
  admin: msg('administrateurs'),
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
const reviewer = { actor: 'moderator', code: 'forbidden', why: msg('un autre modérateur, qui n’a ni pris la décision, ni écrit la contribution, ni formé l’appel, doit trancher l’appel') } as const;
/** A party to a moderation case: the author of the contribution (or the account) it is about. */
const party = { actor: 'author', code: 'forbidden', why: msg('on ne modère pas sa propre contribution ; un autre modérateur en décidera') } as const;
const inCharge = { actor: 'clerk', code: 'other_clerk_in_charge', why: msg('un autre greffier a cet amendement en charge : reprenez-le d’abord') } as const;

export const POLICY = {
  // reads whose refusal is a 404
  'bill.read': { verb: msg('Consulter ce projet de loi'), allow: { ...anyone(PUBLIC), clerk: ALL, admin: ALL }, hidden: true, whileSuspended: true },
  'amendment.readDraft': { verb: msg('Consulter ce brouillon'), allow: { author: ALL }, hidden: true, whileSuspended: true },
  'desk.read': { verb: msg('Ouvrir le bureau du greffe'), allow: { clerk: ALL, admin: ALL }, whileSuspended: true },
  'moderation.read': { verb: msg('Lire les signalements'), allow: { moderator: ALL, admin: ALL }, whileSuspended: true },
  'admin.console': { verb: msg('Ouvrir l’administration'), allow: { admin: ALL }, whileSuspended: true },
  // bills and accounts
  'bill.import': { verb: msg('Importer un projet de loi'), allow: { admin: ALL, clerk: ALL } },
  'amendment.importParliament': { verb: msg('Importer des amendements parlementaires'), allow: { admin: DESK, clerk: DESK } },
  'bill.memorandum': { verb: msg('Écrire l’exposé des motifs'), allow: { admin: ALL, clerk: ALL } },
  'article.summary': { verb: msg('Écrire ce que change l’article'), allow: { admin: ALL, clerk: ALL } },
  'bill.move': { verb: msg('Changer la phase du texte'), allow: { admin: ALL } },
  'user.setRoles': { verb: msg('Attribuer des rôles'), allow: { admin: ALL } },
  'account.delete': { verb: msg('Supprimer son compte'), allow: { citizen: ALL }, whileSuspended: true },
  'account.manage': { verb: msg('Gérer son compte (adresse, mot de passe, courriels)'), allow: { citizen: ALL }, whileSuspended: true },
  'mail.read': { verb: msg('Lire les courriels envoyés'), allow: { admin: ALL }, whileSuspended: true },
  'mail.resend': { verb: msg('Renvoyer un courriel'), allow: { admin: ALL } },
  'notification.read': { verb: msg('Marquer ses notifications comme lues'), allow: { citizen: ALL }, whileSuspended: true },
  // the consultation
  'amendment.create': { verb: msg('Proposer un amendement'), allow: { citizen: CONSULTATION, commissionMember: ['commission'] } },
  'amendment.edit': { verb: msg('Modifier un amendement'), allow: { author: DESK } },
  'amendment.submit': { verb: msg('Déposer un amendement'), allow: { author: DESK }, verified: true },
  'amendment.withdraw': { verb: msg('Retirer un amendement'), allow: { author: DESK } },
  'amendment.addCoauthor': { verb: msg('Ajouter un co-auteur'), allow: { author: DESK } },
  'amendment.removeCoauthor': { verb: msg('Retirer un co-auteur'), allow: { author: ALL } },
  'amendment.invite': { verb: msg('Inviter un co-auteur'), allow: { author: DESK } },
  'invitation.accept': { verb: msg('Rejoindre la rédaction d’un brouillon'), allow: { citizen: ALL } },
  'draft.comment': { verb: msg('Commenter le brouillon'), allow: { author: DESK } },
  'vote.article': { verb: msg('Voter sur un article'), allow: { citizen: CONSULTATION }, verified: true },
  'vote.amendment': { verb: msg('Voter sur un amendement'), allow: { citizen: CONSULTATION }, verified: true },
  'vote.argument': { verb: msg('Voter sur un argument'), allow: { citizen: CONSULTATION }, verified: true },
  'argument.post': { verb: msg('Argumenter'), allow: { citizen: CONSULTATION } },
  'annotation.create': { verb: msg('Annoter'), allow: { citizen: CONSULTATION } },
  'annotation.reply': { verb: msg('Répondre'), allow: { citizen: CONSULTATION } },
  'amendment.cosign': { verb: msg('Cosigner un amendement'), allow: { citizen: CONSULTATION }, verified: true },
  'amendment.uncosign': { verb: msg('Retirer sa cosignature'), allow: { citizen: CONSULTATION } },
  'contribution.report': { verb: msg('Signaler une contribution'), allow: { citizen: ALL } },
  'contribution.moderate': { verb: msg('Modérer une contribution'), allow: { moderator: ALL, admin: ALL }, barred: party },
  // moderation at scale (docs/moderation.md)
  'moderation.appeal': { verb: msg('Faire appel d’une décision de modération'), allow: { author: ALL }, whileSuspended: true },
  'moderation.decideAppeal': { verb: msg('Trancher un appel'), allow: { reviewer: ALL }, otherwise: reviewer },
  'account.suspend': { verb: msg('Suspendre un compte'), allow: { moderator: ALL, admin: ALL } },
  'account.lift': { verb: msg('Lever une suspension'), allow: { moderator: ALL, admin: ALL } },
  // the clerks' desk
  'amendment.assign': { verb: msg('Prendre en charge un amendement'), allow: { clerk: DESK } },
  'amendment.formalise': { verb: msg('Mettre en forme'), allow: { clerkInCharge: DESK }, otherwise: inCharge },
  'amendment.respond': { verb: msg('Répondre à l’amendement'), allow: { clerkInCharge: DESK }, otherwise: inCharge },
  'amendment.declareInadmissible': { verb: msg('Déclarer irrecevable'), allow: { clerkInCharge: DESK }, otherwise: inCharge },
  'workspace.write': { verb: msg('Rédiger la mise en forme'), allow: { author: DESK, clerkInCharge: DESK } },
  'workspace.watch': { verb: msg('Suivre la mise en forme'), allow: { author: ALL, clerk: ALL } },
  // the commission
  'commission.appoint': { verb: msg('Nommer un membre de la commission'), allow: { admin: BEFORE_ADOPTION } },
  'commission.remove': { verb: msg('Retirer un membre de la commission'), allow: { admin: BEFORE_ADOPTION } },
  'commission.rule': { verb: msg('Choisir la règle de décision'), allow: { admin: BEFORE_ADOPTION } },
  'commission.vote': { verb: msg('Voter en commission'), allow: { commissionMember: ['commission'] } },
  'amendment.decide': { verb: msg('Décider en commission'), allow: { admin: ['commission'] } },
  // sous-amendements and rectified versions (docs/sub-amendments.md)
  'amendment.subAmend': { verb: msg('Déposer un sous-amendement'), allow: { commissionMember: ['commission'] }, verified: true },
  'amendment.rectify': { verb: msg('Rectifier un amendement'), allow: { author: ['commission'], clerkInCharge: ['commission'] }, otherwise: inCharge },
  // the sortition of the citizen college (docs/sortition.md)
  'sortition.open': { verb: msg('Ouvrir l’appel à volontaires du tirage au sort'), allow: { admin: BEFORE_ADOPTION } },
  'sortition.volunteer': { verb: msg('Se porter volontaire pour le tirage au sort'), allow: { citizen: DESK }, verified: true },
  'sortition.commit': { verb: msg('Clore l’appel à volontaires et publier l’engagement'), allow: { admin: BEFORE_ADOPTION } },
  'sortition.draw': { verb: msg('Tirer au sort le collège citoyen'), allow: { admin: BEFORE_ADOPTION } },
  'sortition.respond': { verb: msg('Répondre au tirage au sort'), allow: { citizen: DESK } },
  // assisted and collective contributions (docs/mediators.md): never a vote on anyone's behalf
  'mediator.declare': { verb: msg('Déclarer une structure de médiation'), allow: { admin: ALL } },
  'contribution.onBehalf': { verb: msg('Contribuer pour une personne ou un atelier'), allow: { mediator: CONSULTATION } },
  'contribution.claim': { verb: msg('Récupérer ses contributions'), allow: { citizen: ALL } },
  // interest representatives and the legislative footprint (docs/interest-representatives.md);
  // that only organisations declare is the command's check (a property of the account, not a role)
  'interest.declare': { verb: msg('Se déclarer représentant d’intérêts'), allow: { citizen: ALL } },
  'amendment.markInspiration': { verb: msg('Signaler l’inspiration d’un amendement par un représentant d’intérêts'), allow: { clerk: ALL, admin: ALL } },
  'hearing.manage': { verb: msg('Tenir l’agenda des auditions'), allow: { admin: ALL, clerk: ALL, commissionMember: DESK } },
} as const satisfies Record<string, Rule>;

export type Operation = keyof typeof POLICY;
export const OPERATIONS = Object.keys(POLICY) as Operation[];

/**
 * A refusal carries its stable code, its French `message` (the API's, API.md) and `explain`, the
 * same message in another language for the pages (`explain(SAY_FR)` is `message`).
 */
export type Decision = { ok: true } | { ok: false; code: ErrorCode; message: string; explain: (say: Say) => string };

const refusal = (code: ErrorCode, explain: (say: Say) => string): Decision => ({ ok: false, code, message: explain(SAY_FR), explain });

/** « a, b ou c » */
const list = ({ t }: Say, items: readonly string[]) => (items.length < 2 ? (items[0] ?? '') : t('{{debut}} ou {{fin}}', { debut: items.slice(0, -1).join(', '), fin: items.at(-1)! }));
const phaseName = ({ t }: Say, p: Phase) => t('« {{phase}} »', { phase: t(STATUS_LABELS_FR[p]) });
const actorsSaid = (say: Say, actors: readonly Actor[]) => list(say, actors.map((a) => say.t(ACTOR_LABELS[a])));
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
  const because = (code: ErrorCode, why: string) => refusal(code, ({ t }) => t('{{action}} : {{raison}}.', { action: t(rule.verb), raison: t(why) }));
  const notFound = () => refusal('not_found', ({ t }) => t('Ressource introuvable.'));
  if (rule.barred && actors.has(rule.barred.actor)) return because(rule.barred.code, rule.barred.why);
  const mine = [...actors].filter((a) => rule.allow[a] !== undefined);
  if (mine.length === 0) {
    if (rule.hidden) return notFound();
    if (rule.otherwise && actors.has(rule.otherwise.actor)) return because(rule.otherwise.code, rule.otherwise.why);
    if (!actors.has('citizen')) return refusal('unauthenticated', ({ t }) => t('{{action}} : connectez-vous d’abord.', { action: t(rule.verb) }));
    const who = Object.keys(rule.allow) as Actor[];
    return refusal('forbidden', (say) => {
      const { t } = say;
      return t('{{action}} : réservé aux {{qui}}.', { action: t(rule.verb), qui: actorsSaid(say, who) });
    });
  }
  if (phase === null) return { ok: true };
  const phases = allowedPhases(op, mine);
  if (phases.includes(phase)) return { ok: true };
  if (rule.hidden) return notFound();
  const others = (Object.entries(rule.allow) as [Actor, readonly Phase[]][]).filter(([, ps]) => ps.includes(phase)).map(([a]) => a);
  return refusal('wrong_phase', (say) => {
    const { t } = say;
    const vars = { action: t(rule.verb), phase: t(STATUS_LABELS_FR[phase]) };
    if (others.length > 0) return t('{{action}} : pendant la phase « {{phase}} », réservé aux {{qui}}.', { ...vars, qui: actorsSaid(say, others) });
    return phases.length > 0
      ? t('{{action}} : impossible en phase « {{phase}} », seulement en phase {{phases}}.', { ...vars, phases: list(say, phases.map((p) => phaseName(say, p))) })
      : t('{{action}} : impossible en phase « {{phase}} ».', vars);
  });
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
  return refusal('email_unverified', ({ t }) => t('{{action}} : confirmez d’abord votre adresse électronique, avec le lien qui vous a été envoyé (« Mon compte » pour le recevoir à nouveau).', { action: t(rule.verb) }));
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

const UNTIL = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }),
};

/**
 * The suspension rule: may this account do `op` while suspended? Checked after `decide()` by the
 * server, for every door (JSON, forms, WebSocket), like the verification rule.
 */
export function decideSuspension(op: Operation, account: Suspension, now: Date): Decision {
  if (rowOf(op).whileSuspended || !isSuspended(account, now)) return { ok: true };
  const until = account.suspendedUntil;
  return refusal('account_suspended', ({ t, lang }) => (until
    ? t('{{action}} : votre compte est suspendu jusqu’au {{date}} (raison publique dans le journal de la modération ; vous pouvez faire appel).', { action: t(rowOf(op).verb), date: UNTIL[lang].format(until) })
    : t('{{action}} : votre compte est suspendu définitivement (raison publique dans le journal de la modération ; vous pouvez faire appel).', { action: t(rowOf(op).verb) })));
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
