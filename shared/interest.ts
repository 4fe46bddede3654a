/**
 * Interest representatives (issue 17 › 2, docs/interest-representatives.md): what an organisation
 * declares, how its register number is read, and how hearing minutes are recognised. Pure.
 */

import { msg } from './i18n';

export const INTEREST_LIMITS = {
  /** Interests declared, each a short phrase (« politique de l’eau », « enseignement supérieur »). */
  interests: 20,
  interestChars: 200,
  /** What a hearing was about, and who was heard when it was not a declared representative. */
  subjectChars: 500,
  heardChars: 200,
  /** A clerk's note on a marking. */
  noteChars: 500,
  /** A hearing's minutes: a PDF or a plain-text file of at most 5 MiB. */
  minutesBytes: 5 * 1024 * 1024,
  filenameChars: 200,
} as const;

/** Yearly spending on interest representation, in the bands the form offers (euros). */
export const BUDGET_BANDS = ['lt_10k', '10k_50k', '50k_100k', '100k_500k', '500k_1m', 'gt_1m'] as const;
export type BudgetBand = (typeof BUDGET_BANDS)[number];
export const BUDGET_LABELS_FR: Record<BudgetBand, string> = {
  lt_10k: msg('moins de 10 000 €'),
  '10k_50k': msg('de 10 000 à 50 000 €'),
  '50k_100k': msg('de 50 000 à 100 000 €'),
  '100k_500k': msg('de 100 000 à 500 000 €'),
  '500k_1m': msg('de 500 000 € à 1 M€'),
  gt_1m: msg('plus de 1 M€'),
};

/**
 * The HATVP register (« répertoire des représentants d’intérêts », repertoire.hatvp.fr) lists an
 * organisation under its national identifier: its SIREN (9 digits), its RNA number (W + 9
 * characters) or, for those with neither, an identifier of the HATVP's own (H + 9 digits, e.g.
 * H123456789). Spaces, dots and dashes are ignored and letters taken in capitals; the result is
 * bounded, whatever was typed.
 */
const REGISTER = /^(H\d{9}|\d{9}|W[0-9A-Z]{9})$/;

export function normaliseRegister(input: string): string | null {
  if (input.length > 40) return null;
  const s = input.replace(/[\s.\-\u00a0\u202f]/g, '').toUpperCase();
  return REGISTER.test(s) ? s : null;
}

export const REGISTER_HINT = msg('l’identifiant du répertoire de la HATVP : H suivi de 9 chiffres (H123456789), ou le SIREN (9 chiffres) ou le numéro RNA (W suivi de 9 caractères) sous lequel l’organisation y est inscrite');

/** The organisation's page in the HATVP register, and the register's search. */
export const hatvpUrl = (register: string): string => `https://www.hatvp.fr/fiche-organisation/?organisation=${encodeURIComponent(register)}`;
export const HATVP_SEARCH_URL = 'https://www.hatvp.fr/le-repertoire/';

/** Interests typed one per line (the form) or as a list (the API): trimmed, blank and repeated ones dropped. */
export function normaliseInterests(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const s = raw.replace(/\s+/g, ' ').trim();
    const key = s.toLocaleLowerCase('fr');
    if (s === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

export const MINUTES_TYPES = ['application/pdf', 'text/plain'] as const;
export type MinutesType = (typeof MINUTES_TYPES)[number];

const startsWith = (bytes: Uint8Array, prefix: string) => bytes.length >= prefix.length && [...prefix].every((ch, i) => bytes[i] === ch.charCodeAt(0));

function endsWithEof(bytes: Uint8Array): boolean {
  // A PDF ends with « %%EOF » (possibly followed by line ends): a cut-off upload has none.
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes('%%EOF');
}

/**
 * What a minutes file is, by its content (never by its name or declared type): a PDF (its
 * signature, and its end marker), or plain text (UTF-8, no control characters but tabs, line and
 * page breaks). Anything else — an image, an office document, a program — is refused.
 */
export function sniffMinutes(bytes: Uint8Array): { type: MinutesType } | { refused: string } {
  if (bytes.length === 0) return { refused: msg('le fichier est vide') };
  if (startsWith(bytes, '%PDF-')) return endsWithEof(bytes) ? { type: 'application/pdf' } : { refused: msg('ce PDF est incomplet (pas de marque de fin %%EOF)') };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { refused: msg('ce n’est ni un PDF ni un texte en UTF-8') };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return { refused: msg('ce texte contient des caractères de contrôle : ce n’est pas un fichier texte') };
  return { type: 'text/plain' };
}

/** A file name safe to show and to send back in a Content-Disposition header. */
export function cleanFilename(name: string, type: MinutesType): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/[^\p{L}\p{N} ._()-]/gu, '_').replace(/\s+/g, ' ').trim().slice(0, INTEREST_LIMITS.filenameChars);
  const ext = type === 'application/pdf' ? '.pdf' : '.txt';
  if (base === '' || /^[._ ]+$/.test(base)) return `compte-rendu${ext}`;
  return base.toLowerCase().endsWith(ext) ? base : `${base}${ext}`;
}
