/**
 * French typography and number words shared by the writer and the reader of dispositifs.
 * Generated text uses « » with no-break spaces inside, a no-break space before « : », the
 * typographic apostrophe ’ and « I. – » (no-break space, en dash) for numbered operations.
 */
import { msg } from '../i18n';

export const NBSP = '\u00A0';
export const COLON = `${NBSP}:`;

export function quote(text: string): string {
  return `«${NBSP}${text}${NBSP}»`;
}

/** One quoted alinéa per line: each opens with «, only the last one closes. */
export function quoteBlock(alineas: readonly string[], open = '«', close = '»'): string {
  return alineas.map((a, i) => `${open}${NBSP}${a}${i === alineas.length - 1 ? `${NBSP}${close}` : ''}`).join('\n');
}

/**
 * Feminine ordinals, as in « la deuxième occurrence » (index = number). Also the ranks the
 * applier's refusals name (« l’alinéa 3 n’a pas de deuxième phrase »): catalogue entries.
 */
const ORDINALS = [
  '', msg('première'), msg('deuxième'), msg('troisième'), msg('quatrième'), msg('cinquième'), msg('sixième'), msg('septième'), msg('huitième'),
  msg('neuvième'), msg('dixième'), msg('onzième'), msg('douzième'), msg('treizième'), msg('quatorzième'), msg('quinzième'), msg('seizième'),
  msg('dix-septième'), msg('dix-huitième'), msg('dix-neuvième'), msg('vingtième'),
];

export function ordinalWord(n: number): string {
  return ORDINALS[n] ?? `${n}e`;
}

/** Ordinal words as the skeleton spells them (lower case, no accents), masculine forms included. */
const ORDINAL_VALUES: ReadonlyMap<string, number> = new Map([
  ...ORDINALS.slice(1).map((w, i) => [stripAccents(w), i + 1] as const),
  ['premier', 1], ['second', 2], ['seconde', 2],
]);

/** 1-based value of a written ordinal (« deuxième », « seconde », « 3e », « 1er »), or undefined. */
export function ordinalValue(word: string): number | undefined {
  const w = stripAccents(word.toLowerCase()).replace(/\s+/g, '');
  const digits = /^(\d+)(?:er|ere|e|eme)$/.exec(w);
  if (digits?.[1] !== undefined) return Number(digits[1]);
  return ORDINAL_VALUES.get(w);
}

const COUNTS = [
  '', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze',
  'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf', 'vingt',
];

/** « deux alinéas », « vingt alinéas », « 25 alinéas ». */
export function countWord(n: number): string {
  return COUNTS[n] ?? String(n);
}

const ROMAN_DIGITS: readonly (readonly [number, string])[] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/** I, II, … MMMCMXCIX; numbers without a Roman form are written in digits. */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) return String(n);
  let rest = n;
  let out = '';
  for (const [value, digits] of ROMAN_DIGITS) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

/** « À l’alinéa 3 », « les alinéas 3 et 4 », « les alinéas 3 à 5 ». */
export function alineaPhrase(from: number, to: number): string {
  if (from === to && from < 0) return from === -1 ? 'le dernier alinéa' : 'l’avant-dernier alinéa';
  if (from === to) return `l’alinéa ${from}`;
  return `les alinéas ${from} ${to === from + 1 ? 'et' : 'à'} ${to}`;
}

/** One word (« le mot ») or several (« les mots »): a quotation with no space inside is one word. */
export function isOneWord(text: string): boolean {
  return !/\s/u.test(text);
}

/** « mot », « mots », or « signe(s) » for punctuation alone (« au signe : « ; » »). */
export function wordsNoun(text: string): { noun: string; plural: boolean } {
  const plural = !isOneWord(text);
  const sign = !/[\p{L}\p{N}]/u.test(text);
  return { noun: `${sign ? 'signe' : 'mot'}${plural ? 's' : ''}`, plural };
}

/**
 * A sentence ends with « . ! ? … » (and the closing marks after it) followed by a space and a
 * capital letter or an opening mark; « M. Dupont », « L. 123-4 », « art. L. 1 » are not ends
 * (one letter, or « art », « al », « cf », before the period).
 */
const SENTENCE_END = /(?<!(?:^|[\s(.'’-])\p{L}|\b(?:art|Art|al|cf))[.!?…]+[»”")]*\s+(?=[«“"]?\s*\p{Lu})/gu;

/** How many sentences a text holds (at least one): for « une phrase » / « deux phrases ainsi rédigées ». */
export function sentenceCount(text: string): number {
  return 1 + (text.trim().match(SENTENCE_END) ?? []).length;
}

/** Letters without their diacritics (« é » → « e »); precomposed letters stay one character. */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** `stripAccents` of one character, from a table for Latin letters (the skeleton folds every character). */
const FOLDED_LATIN: readonly string[] = Array.from({ length: 0x250 - 0xc0 }, (_, i) => stripAccents(String.fromCharCode(0xc0 + i)));

export function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0xc0) return c;
  return (code < 0x250 ? FOLDED_LATIN[code - 0xc0] : undefined) ?? stripAccents(c);
}
