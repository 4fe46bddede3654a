/**
 * Anchoring an annotation on a passage of an article: the alinéa (1-based), start/end offsets
 * inside it, the exact quote, and up to CONTEXT_LENGTH characters of prefix and suffix taken
 * from the same alinéa (the W3C Web Annotation TextQuoteSelector, plus a position), so the
 * annotation can be found again on a later version of the article.
 *
 * Offsets are UTF-16 code unit offsets, i.e. JavaScript string indexes (what `String.slice`
 * and the DOM Selection API use), NOT Unicode code points nor grapheme clusters: « 🇫🇷 » is 4
 * units, « é » is 1 unit when precomposed and 2 when written e + U+0301. API clients in other
 * languages must convert. A range may not cut a surrogate pair in half (a lone surrogate cannot
 * be stored as UTF-8), but may fall between a letter and its combining accent.
 *
 * Context stays inside the alinéa because alinéas are the unit of the text model and offsets
 * are relative to one alinéa.
 */

export const CONTEXT_LENGTH = 32;

export interface Selection {
  /** 1-based alinéa index. */
  alinea: number;
  /** UTF-16 offsets inside the alinéa, end exclusive. */
  start: number;
  end: number;
  quote: string;
}

export interface Anchor extends Selection {
  prefix: string;
  suffix: string;
}

export type SelectionProblem = 'no_such_alinea' | 'bad_range' | 'quote_mismatch';

export type SelectionCheck =
  | { ok: true; prefix: string; suffix: string }
  | { ok: false; reason: SelectionProblem; message: string };

export type Reanchored =
  | { alinea: number; start: number; end: number; status: 'exact' | 'moved' }
  | { status: 'orphaned' };

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** True when `index` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, index: number): boolean {
  return index > 0 && index < text.length && isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
}

/** The context on either side of [start, end), shortened by one unit rather than cutting a surrogate pair. */
function contextAround(text: string, start: number, end: number): { prefix: string; suffix: string } {
  let from = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsPair(text, from)) from += 1;
  let to = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsPair(text, to)) to -= 1;
  return { prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

export function checkSelection(alineas: readonly string[], sel: Selection): SelectionCheck {
  const text = Number.isInteger(sel.alinea) && sel.alinea >= 1 ? alineas[sel.alinea - 1] : undefined;
  if (text === undefined) {
    return {
      ok: false,
      reason: 'no_such_alinea',
      message: `L'alinéa ${sel.alinea} n'existe pas : cet article compte ${alineas.length} alinéa${alineas.length > 1 ? 's' : ''}.`,
    };
  }
  const { start, end } = sel;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start >= end || end > text.length) {
    return {
      ok: false,
      reason: 'bad_range',
      message: `La sélection [${start}, ${end}[ est invalide : il faut 0 ≤ début < fin ≤ ${text.length} (longueur de l'alinéa ${sel.alinea}).`,
    };
  }
  if (splitsPair(text, start) || splitsPair(text, end)) {
    return { ok: false, reason: 'bad_range', message: 'La sélection coupe un caractère en deux (paire de substitution UTF-16).' };
  }
  // Exact comparison, no normalisation: the quote is what re-anchoring searches for, so it must
  // be the very text the offsets designate.
  if (text.slice(start, end) !== sel.quote) {
    return {
      ok: false,
      reason: 'quote_mismatch',
      message: `Le passage cité ne correspond pas au texte de l'alinéa ${sel.alinea} entre les positions ${start} et ${end}.`,
    };
  }
  return { ok: true, ...contextAround(text, start, end) };
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How many characters of the stored prefix and suffix surround this occurrence (0 … prefix + suffix length). */
function contextScore(text: string, start: number, end: number, anchor: Anchor): number {
  const before = text.slice(Math.max(0, start - anchor.prefix.length), start);
  const after = text.slice(end, end + anchor.suffix.length);
  return commonSuffixLength(anchor.prefix, before) + commonPrefixLength(anchor.suffix, after);
}

interface Candidate {
  index: number;
  start: number;
  score: number;
}

/**
 * Finds an annotation again on a later version of the article. The best occurrence of the quote
 * is the one whose surroundings match the stored prefix/suffix best, then the one in the nearest
 * alinéa, then the nearest offset, then the first in the text. The original place counts as
 * `exact` when it still holds the quote and no other occurrence matches the context strictly
 * better: otherwise an alinéa inserted before could make an unrelated occurrence of a short
 * quote (« le », « décret ») that happens to sit at the old offsets win over the real passage.
 */
export function reanchor(alineas: readonly string[], anchor: Anchor): Reanchored {
  const { quote } = anchor;
  // An empty quote occurs everywhere and so designates nothing.
  if (quote === '') return { status: 'orphaned' };
  let best: Candidate | undefined;
  let original: Candidate | undefined;
  const better = (c: Candidate, b: Candidate): boolean => {
    if (c.score !== b.score) return c.score > b.score;
    const dc = Math.abs(c.index + 1 - anchor.alinea);
    const db = Math.abs(b.index + 1 - anchor.alinea);
    if (dc !== db) return dc < db;
    const oc = Math.abs(c.start - anchor.start);
    const ob = Math.abs(b.start - anchor.start);
    if (oc !== ob) return oc < ob;
    return c.index < b.index || (c.index === b.index && c.start < b.start);
  };
  for (const [index, text] of alineas.entries()) {
    // Step by one unit so that overlapping occurrences (« aa » in « aaa ») are all considered.
    for (let start = text.indexOf(quote); start !== -1; start = text.indexOf(quote, start + 1)) {
      const candidate = { index, start, score: contextScore(text, start, start + quote.length, anchor) };
      if (index + 1 === anchor.alinea && start === anchor.start && anchor.end === start + quote.length) original = candidate;
      if (best === undefined || better(candidate, best)) best = candidate;
    }
  }
  if (best === undefined) return { status: 'orphaned' };
  if (original !== undefined && original.score >= best.score) {
    return { alinea: anchor.alinea, start: anchor.start, end: anchor.end, status: 'exact' };
  }
  return { alinea: best.index + 1, start: best.start, end: best.start + quote.length, status: 'moved' };
}
