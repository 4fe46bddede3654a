/**
 * The moderation charter and the vocabulary of the queue (docs/moderation.md). A rule's `id` is
 * stable: reports and decisions store it, links point to `/charte-de-moderation#<id>`. Rules may
 * be reworded; an id is never reused for another rule.
 */
import { msg } from './i18n';

export interface CharterRule {
  id: string;
  title: string;
  text: string;
}

export const CHARTER: readonly CharterRule[] = [
  { id: 'respect', title: msg('Respect des personnes'), text: msg('Pas d’injure, de menace, de harcèlement ni d’attaque personnelle : on discute les idées, pas les gens.') },
  { id: 'haine', title: msg('Pas de propos haineux ni discriminatoires'), text: msg('Aucun propos incitant à la haine, à la violence ou à la discrimination en raison de l’origine, du sexe, de la religion, de l’orientation sexuelle, du handicap ou de toute autre caractéristique protégée.') },
  { id: 'vie-privee', title: msg('Vie privée et données personnelles'), text: msg('Ne publiez pas d’informations personnelles sur autrui (adresse, téléphone, santé…) ni de contenu qui permette de l’identifier sans son accord.') },
  { id: 'hors-sujet', title: msg('Rester dans le sujet'), text: msg('Une contribution porte sur le texte, l’article ou l’amendement où elle est publiée.') },
  { id: 'spam', title: msg('Pas de spam ni de publicité'), text: msg('Pas de message répété à l’identique, de publicité, de lien promotionnel ni de campagne automatisée.') },
  { id: 'illegal', title: msg('Respect de la loi'), text: msg('Aucun contenu manifestement illicite : apologie de crimes, contrefaçon, diffamation, appel à commettre une infraction.') },
  { id: 'usurpation', title: msg('Pas d’usurpation d’identité'), text: msg('On ne se fait pas passer pour une autre personne, une institution ou une organisation.') },
  { id: 'comptes-multiples', title: msg('Une personne, une voix'), text: msg('Un seul compte par personne ; pas de comptes multiples pour peser davantage dans les votes ou les débats.') },
];

export const CHARTER_RULE_IDS = CHARTER.map((r) => r.id) as [string, ...string[]];
/** Reports filed before the charter existed (migration 028): their free text became the comment. */
export const LEGACY_RULE = 'sans-regle';

export const charterRule = (id: string | null | undefined): CharterRule | undefined => CHARTER.find((r) => r.id === id);
/** A rule's title, or what a report before the charter is called. */
export const ruleTitle = (id: string | null | undefined): string =>
  charterRule(id)?.title ?? (id === LEGACY_RULE ? msg('Signalement antérieur à la charte') : id ? `Règle « ${id} »` : msg('Sans règle'));

/** The causes of automatic flags, and how the queue says them. */
export const FLAG_CAUSES = ['duplicate_text', 'new_account_burst', 'many_links'] as const;
export type FlagCause = (typeof FLAG_CAUSES)[number];
export const FLAG_LABELS: Record<FlagCause, string> = {
  duplicate_text: msg('Même texte publié plusieurs fois'),
  new_account_burst: msg('Rafale de contributions d’un compte récent'),
  many_links: msg('Nombreux liens'),
};

/** The thresholds of the automatic flags (a flag only asks a moderator to look). */
export const FLAG_RULES = {
  /** The same normalised text, this many times in `duplicateWindowHours`, flags every copy. */
  duplicateCount: 3,
  duplicateWindowHours: 24 * 7,
  /** An account younger than this… */
  newAccountHours: 48,
  /** …posting this many contributions within `burstMinutes` is flagged. */
  burstCount: 5,
  burstMinutes: 10,
  /** This many links in one contribution. */
  linkCount: 3,
} as const;

/**
 * The text that duplicates compare: case, accents, punctuation and spacing removed, so that
 * « Votez NON ! » and « votez non » are the same message.
 */
export function normaliseForHash(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Links in a text: http(s) addresses and bare « www. » ones. */
export const countLinks = (text: string): number => (text.match(/\bhttps?:\/\/\S+|\bwww\.[^\s.]+\.\S+/giu) ?? []).length;

/** The queue's actions on several items at once. */
export const BULK_ACTIONS = ['hide', 'keep', 'dismiss'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_ACTION_LABELS: Record<BulkAction, string> = { hide: msg('Masquer'), keep: msg('Conserver (conforme à la charte)'), dismiss: msg('Classer sans suite') };
export const MODERATION_LIMITS = { bulkItems: 50, appealChars: 2000, reasonChars: 1000, commentChars: 1000, queuePage: 25 } as const;

/** Every decision of the public log, in words. */
export const ACTION_LABELS: Record<string, string> = {
  hide: msg('Masquée'), restore: msg('Rétablie'), keep: msg('Conservée'), dismiss: msg('Classée sans suite'), uphold: msg('Décision confirmée en appel'),
  suspend: msg('Compte suspendu'), lift: msg('Suspension levée'),
};

/** The queue's age filter: items waiting at least this long. */
export const QUEUE_AGES = { '1h': 3600, '24h': 86_400, '7j': 7 * 86_400, '30j': 30 * 86_400 } as const;
export type QueueAge = keyof typeof QUEUE_AGES;
export const QUEUE_AGE_LABELS: Record<QueueAge, string> = { '1h': msg('depuis plus d’une heure'), '24h': msg('depuis plus de 24 h'), '7j': msg('depuis plus de 7 jours'), '30j': msg('depuis plus de 30 jours') };
