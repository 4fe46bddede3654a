import { fill, msg } from './i18n';
/**
 * Amendment rules that both the server and the browser apply: kinds, statuses, what a valid
 * proposed text is, and what may happen in which status.
 */
export const AMENDMENT_KINDS = ['modify', 'delete', 'insert_after'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

export const AMENDMENT_STATUSES = ['draft', 'submitted', 'formalised', 'inadmissible', 'withdrawn', 'adopted', 'rejected', 'fallen', 'not_examined'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export type AmendmentOrigin = 'citizen' | 'commission' | 'parliament';

export const ORIGIN_LABELS_FR: Record<AmendmentOrigin, string> = {
  citizen: msg('Amendement citoyen'),
  commission: msg('Amendement déposé en commission'),
  parliament: msg('Amendement parlementaire'),
};

export const KIND_LABELS_FR: Record<AmendmentKind, string> = {
  modify: msg('Modification'),
  delete: msg('Suppression'),
  insert_after: msg('Article additionnel'),
};

export const STATUS_LABELS_FR: Record<AmendmentStatus, string> = {
  draft: msg('Brouillon'),
  submitted: msg('Déposé'),
  formalised: msg('Mis en forme'),
  inadmissible: msg('Irrecevable'),
  withdrawn: msg('Retiré'),
  adopted: msg('Adopté'),
  rejected: msg('Rejeté'),
  fallen: msg('Tombé'),
  not_examined: msg('Non examiné'),
};

/** Grounds on which a clerk declares an amendment inadmissible (LEGISTIQUE.md › Admissibility). */
export const INADMISSIBLE_GROUNDS = ['article_40', 'article_41', 'article_45', 'out_of_scope', 'duplicate', 'abusive', 'other'] as const;
export type InadmissibleGround = (typeof INADMISSIBLE_GROUNDS)[number];

export const GROUND_LABELS_FR: Record<InadmissibleGround, string> = {
  article_40: msg('Article 40 de la Constitution (charge publique ou perte de recettes)'),
  article_41: msg('Article 41 de la Constitution (hors du domaine de la loi)'),
  article_45: msg('Article 45 de la Constitution (sans lien avec le texte)'),
  out_of_scope: msg('Hors du champ du texte'),
  duplicate: msg('Doublon d’un autre amendement'),
  abusive: msg('Contenu abusif'),
  other: msg('Autre motif'),
};

/** Published and still open: it can be voted on, argued about, withdrawn. */
export const OPEN_STATUSES: readonly AmendmentStatus[] = ['submitted', 'formalised'];

export function isOpen(status: AmendmentStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Citizen amendments are numbered 1, 2, 3…; the commission's own COM-1, COM-2…; parliamentary
 * ones carry their printed number (`parliament_number`), this one being only their import order.
 */
export function displayNumber(origin: AmendmentOrigin, number: number | null, rectification = 0): string | null {
  if (number === null) return null;
  return (origin === 'commission' ? `COM-${number}` : origin === 'parliament' ? `P-${number}` : String(number)) + rectifiedSuffix(rectification);
}

const RECTIFICATION_LEVELS = ['', ' bis', ' ter', ' quater', ' quinquies', ' sexies', ' septies', ' octies', ' novies', ' decies'];

/** « rect. », « rect. bis »… after a number; '' for a version never rectified. */
export function rectifiedSuffix(rectification: number): string {
  if (rectification <= 0) return '';
  return ` rect.${RECTIFICATION_LEVELS[rectification - 1] ?? ` ${rectification}`}`;
}

/** The number of a row as shown: a chamber's printed number, else ours with its rectification. */
export function rowNumber(a: { origin: AmendmentOrigin; number: number | null; rectification?: number; parliament_number?: string | null }): string | null {
  return a.parliament_number ?? displayNumber(a.origin, a.number, a.rectification ?? 0);
}

/** « Amendement parlementaire n° 123 rect. (groupe CRCE) » */
export function parliamentLabel(number: string, group: string | null): string {
  return `Amendement parlementaire n° ${number}${group ? ` (${group})` : ''}`;
}

export type TextProblem =
  | { reason: 'missing_text'; message: string }
  | { reason: 'unexpected_text'; message: string }
  | { reason: 'empty_alinea'; index: number; message: string }
  | { reason: 'no_change'; message: string };

/** Trims each alinéa; a proposed text never carries leading or trailing blanks. */
export function normaliseAlineas(alineas: readonly string[]): string[] {
  return alineas.map((a) => a.trim());
}

/**
 * What a kind requires of its text: `delete` has none; `modify` is the whole new article and must
 * change something; `insert_after` is the new article's text. No alinéa may be empty.
 */
export function checkAmendmentText(kind: AmendmentKind, base: readonly string[], alineas: readonly string[] | undefined): TextProblem | null {
  if (kind === 'delete') {
    return alineas && alineas.length > 0 ? { reason: 'unexpected_text', message: msg('Un amendement de suppression ne propose pas de texte.') } : null;
  }
  if (!alineas || alineas.length === 0) {
    return { reason: 'missing_text', message: msg('Proposez le texte de l’article (au moins un alinéa).') };
  }
  const empty = alineas.findIndex((a) => a.trim() === '');
  if (empty >= 0) return { reason: 'empty_alinea', index: empty, message: fill(msg('L’alinéa {{n}} est vide.'), { n: empty + 1 }) };
  if (kind === 'modify' && sameText(base, normaliseAlineas(alineas))) {
    return { reason: 'no_change', message: msg('Le texte proposé est identique au texte de l’article : l’amendement ne change rien.') };
  }
  return null;
}

function sameText(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** « Amendement n° 3 », « Amendement n° COM-2 », or a draft, which has no number yet. */
export function amendmentTitle(displayNumber: string | null, parliament?: { label: string } | null): string {
  if (parliament) return parliament.label;
  return displayNumber === null ? 'Brouillon d’amendement' : `Amendement n° ${displayNumber}`;
}
