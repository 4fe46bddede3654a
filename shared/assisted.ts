/**
 * Assisted and collective contributions (issue 16 › 3): what a mediator files on behalf of a
 * person or for a workshop, and how it is said in public. Pure: the server and the pages use it.
 */

/** Bounds of what a mediator declares (the zod schemas and the migration say the same). */
export const ASSISTED_LIMITS = {
  personName: 80,
  place: 120,
  minParticipants: 2,
  maxParticipants: 1000,
  mediatorName: 120,
  town: 120,
} as const;

export type OnBehalfOf =
  | { kind: 'person'; displayName: string; consent: true }
  | { kind: 'workshop'; place: string; date: string; participants: number };

/** Where a contribution came from, as published (never the claim code). */
export type Provenance = {
  mediator: { name: string; town: string };
  /** The person took it into their own account with the code the mediator gave them. */
  claimed: boolean;
} & ({ kind: 'person'; displayName: string } | { kind: 'workshop'; place: string; date: string; participants: number });

/** « 6 décembre 2026 », « 1er mars 2026 » for a `YYYY-MM-DD` day (no time zone: a workshop's day is a calendar day). */
export function frenchCalendarDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  const text = date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return d === 1 ? text.replace(/^1 /, '1er ') : text;
}

const collectedBy = (p: Provenance) => `recueilli par ${p.mediator.name} (${p.mediator.town})`;

/**
 * The mark a collected contribution carries wherever it is shown: « recueilli par Centre social
 * des Aubiers (Bordeaux) », or for a workshop « Atelier du 6 décembre 2026 à Médiathèque Flora
 * Tristan, 12 participants, recueilli par … ».
 */
export function provenanceLabel(p: Provenance): string {
  if (p.kind === 'workshop') {
    return `Atelier du ${frenchCalendarDay(p.date)} à ${p.place}, ${p.participants} participant${p.participants > 1 ? 's' : ''}, ${collectedBy(p)}`;
  }
  return `Au nom de ${p.displayName}, ${collectedBy(p)}`;
}

/**
 * Claim codes: 25 characters of Crockford's base 32 (125 bits), shown in groups of five. A person
 * may type them in lower case, with spaces or dashes, and confuse O/0 and I/L/1.
 */
export const CLAIM_CODE_CHARS = 25;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The code from random bytes (at least 16): what the mediator hands over. */
export function formatClaimCode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < CLAIM_CODE_CHARS) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{1,5}/g)!.join('-');
}

/** What a person typed, as the canonical code; null when it cannot be one. */
export function normaliseClaimCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CLAIM_CODE_CHARS || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return s.match(/.{1,5}/g)!.join('-');
}
