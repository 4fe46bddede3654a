/**
 * Numbers of articles inserted during the procedure (LEGISTIQUE.md › Structure and numbering):
 * after article N come « N bis », « N ter », … « N decies » (and on to « vicies »); before article
 * N come « N A », « N B » (Sénat practice, mostly « 1er A » before article 1er). Renumbering
 * happens only at the very end, so a number once used is never reused, not even by a deleted
 * article's successor.
 *
 * A new number is always past the family already there: if « 2 bis » exists, an insertion after
 * 2 gets « 2 ter » and goes after « 2 bis » (not a « 2 bis A » squeezed in before it), so that
 * insertions after one article keep the order in which they were decided.
 */
import { MULTIPLICATIVE_ADVERBS, normaliseArticleNumber } from '../legistic-text';

export interface ArticleNumberParts {
  /** « 1er », « 2 », or a word (« unique »). */
  base: string;
  /** 0 for none, 1 for bis, 2 for ter, … (index in MULTIPLICATIVE_ADVERBS + 1). */
  adverb: number;
  /** '' or capital letters (« A », « AA »). */
  letters: string;
}

const LETTERS_RE = /^[A-Z]{1,3}$/;

export function parseArticleNumber(raw: string): ArticleNumberParts {
  const canonical = normaliseArticleNumber(raw);
  const plain = raw.trim().replace(/\s+/g, ' ');
  if (canonical === null) return { base: plain, adverb: 0, letters: '' };
  const [base = plain, ...rest] = canonical.split(' ');
  const adverb = MULTIPLICATIVE_ADVERBS.indexOf(rest[0] ?? '') + 1;
  const letters = rest[adverb > 0 ? 1 : 0] ?? '';
  return { base, adverb, letters: LETTERS_RE.test(letters) ? letters : '' };
}

export function formatArticleNumber(n: ArticleNumberParts): string {
  const adverb = n.adverb > 0 ? MULTIPLICATIVE_ADVERBS[n.adverb - 1] : undefined;
  return [n.base, adverb, n.letters].filter((p) => p !== undefined && p !== '').join(' ');
}

/** « A » < « B » < … < « Z » < « AA »: shorter first, then alphabetical. */
function compareLetters(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The letters that come next after `letters` at the same length (« A » → « B »), or null after « Z ». */
function nextLetters(letters: string): string | null {
  const last = letters.charCodeAt(letters.length - 1);
  if (last >= 'Z'.charCodeAt(0)) return null;
  return letters.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * True when `candidate` is placed after `target` and before the article that followed `target`
 * in the initial text: for « 2 », every « 2 bis », « 2 ter A », …; for « 1er A », « 1er B », ….
 */
export function followsInFamily(target: ArticleNumberParts, candidate: ArticleNumberParts): boolean {
  if (candidate.base !== target.base) return false;
  if (target.letters === '') return candidate.adverb > target.adverb;
  return candidate.adverb === target.adverb && candidate.letters !== '' && compareLetters(candidate.letters, target.letters) > 0;
}

/**
 * The number of an article inserted after `target`, given every number the bill uses (deleted
 * articles included). Throws a RangeError when the adverbs (up to « vicies ») or letters run out.
 */
export function numberAfter(target: string, existing: Iterable<string>): string {
  const t = parseArticleNumber(target);
  const family = [...existing].map(parseArticleNumber).filter((n) => followsInFamily(t, n));
  if (t.letters !== '') {
    const last = family.reduce((max, n) => (compareLetters(n.letters, max) > 0 ? n.letters : max), t.letters);
    const letters = nextLetters(last);
    if (letters === null) throw new RangeError(`no article number left after « ${target} »`);
    return formatArticleNumber({ ...t, letters });
  }
  const adverb = family.reduce((max, n) => Math.max(max, n.adverb), t.adverb) + 1;
  if (adverb > MULTIPLICATIVE_ADVERBS.length) throw new RangeError(`no article number left after « ${target} »`);
  return formatArticleNumber({ base: t.base, adverb, letters: '' });
}

/** The number of an article inserted before `target`: « 1er » → « 1er A », then « 1er B » (placed after « 1er A »). */
export function numberBefore(target: string, existing: Iterable<string>): string {
  const t = parseArticleNumber(target);
  const prefix = t.letters;
  let last = '';
  for (const n of [...existing].map(parseArticleNumber)) {
    const child = n.base === t.base && n.adverb === t.adverb && n.letters.length === prefix.length + 1 && n.letters.startsWith(prefix);
    if (child && n.letters > last) last = n.letters;
  }
  const letters = last === '' ? `${prefix}A` : nextLetters(last);
  if (letters === null) throw new RangeError(`no article number left before « ${target} »`);
  return formatArticleNumber({ ...t, letters });
}

/** Where an article inserted after `numbers[target]` goes: past the target's family. */
export function insertionIndex(numbers: readonly string[], target: number): number {
  const t = parseArticleNumber(numbers[target] ?? '');
  let at = target + 1;
  while (at < numbers.length && followsInFamily(t, parseArticleNumber(numbers[at] ?? ''))) at++;
  return at;
}
