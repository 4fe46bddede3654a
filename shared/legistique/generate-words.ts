/**
 * The word operations that turn one alinéa into its new version, as a clerk would quote them.
 * Each change (a run of the word diff) becomes one operation, tried from the most natural form
 * to the most general, and kept only when the applier's own rules (words.ts) give exactly the
 * wanted text and its quotations read back unchanged:
 *
 * - an insertion: « Compléter l’alinéa par une phrase ainsi rédigée » when it adds sentences
 *   after the alinéa's own (`addedSentences`), « Compléter l’alinéa par les mots » at the end,
 *   « Au début de l’alinéa » at the start, else « après les mots : « X », insérer » (X = the
 *   words just before), else « avant »;
 * - a deletion: « après les mots : « X », supprimer la fin de cet alinéa » when it runs to the end
 *   and is at least DELETE_END_MIN_WORDS words, else « supprimer les mots : « X » »;
 * - otherwise, and as the last resort for the two others, a substitution.
 *
 * A quotation must say where: it is extended with neighbouring words (up to MAX_CONTEXT_UNITS on
 * each side) until it occurs once in the alinéa; failing that, the occurrence is named (« la
 * deuxième occurrence du mot »). A deletion is never extended (that would delete more): it names
 * the occurrence first.
 */
import type { WordPart } from '../text-diff';
import { SearchableText, type Span } from './match';
import { bestPlacement } from './placement';
import { readQuotation } from './quotes';
import { NBSP } from './typography';
import type { QuotedWords } from './types';
import { closesProvision } from './provisions';
import { appendSentences, choose, editAlinea, finalPunctuationStart, quotedWordsOf, type WordsOperation } from './words';

/** Neighbouring words (or punctuation signs) a quotation may borrow on each side to become unique. */
export const MAX_CONTEXT_UNITS = 4;
/** A deletion that runs to the end of the alinéa is written « supprimer la fin » from this many words on. */
export const DELETE_END_MIN_WORDS = 4;
/** Changes separated by at most this many words are quoted as one (« la commune de Paris »). */
export const MERGE_GAP_WORDS = 1;

/** A word operation before its alinéa is set. */
type WordsDraft = WordsOperation extends infer T ? (T extends WordsOperation ? Omit<T, 'alinea'> : never) : never;

interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

const UNIT = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The operations, in text order; null when some change cannot be written as one, or when more
 * than `max` would be needed (the caller then rewrites the alinéa).
 */
export function wordOperations(old: string, now: string, parts: readonly WordPart[], alinea: number, max: number): WordsOperation[] | null {
  const ops: WordsOperation[] = [];
  let current = old;
  let shift = 0; // how much longer the current text is than `old` before the next hunk
  const hunks = hunksOf(old, parts);
  if (hunks.length > max) return null;
  for (const [i, h] of hunks.entries()) {
    const next = hunks[i + 1];
    const limit = next === undefined ? current.length : next.oldStart + shift;
    const { start, end, replacement } = bestPlacement(current, h.oldStart + shift, h.oldEnd + shift, now.slice(h.newStart, h.newEnd), limit);
    const target = current.slice(0, start) + replacement + current.slice(end);
    const op = new Change(current, start, end, replacement, target, alinea).operation();
    if (op === null) return null;
    ops.push(op);
    current = target;
    shift += replacement.length - (end - start);
  }
  return ops;
}

function hunksOf(old: string, parts: readonly WordPart[]): Hunk[] {
  const hunks: Hunk[] = [];
  let o = 0;
  let n = 0;
  let open: Hunk | null = null;
  for (const part of parts) {
    if (part.op === 'equal') {
      if (open !== null) hunks.push(open);
      open = null;
      o += part.text.length;
      n += part.text.length;
      continue;
    }
    open ??= { oldStart: o, oldEnd: o, newStart: n, newEnd: n };
    if (part.op === 'delete') open.oldEnd = o += part.text.length;
    else open.newEnd = n += part.text.length;
  }
  if (open !== null) hunks.push(open);
  const merged: Hunk[] = [];
  for (const h of hunks) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (old.slice(last.oldEnd, h.oldStart).match(WORD) ?? []).length <= MERGE_GAP_WORDS) {
      last.oldEnd = h.oldEnd;
      last.newEnd = h.newEnd;
    } else {
      merged.push({ ...h });
    }
  }
  return merged;
}

/** One change: `current[start, end)` becomes `replacement`, giving `target`. */
class Change {
  private readonly search: SearchableText;
  private readonly units: Span[];
  private readonly core: Span;
  private readonly added: string;

  constructor(
    private readonly current: string,
    private readonly start: number,
    private readonly end: number,
    private readonly replacement: string,
    private readonly target: string,
    private readonly alinea: number,
  ) {
    this.search = new SearchableText(current);
    this.units = [...current.matchAll(UNIT)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const removed = current.slice(start, end);
    const lead = removed.length - removed.trimStart().length;
    this.core = removed.trim() === '' ? { start, end: start } : { start: start + lead, end: start + removed.trimEnd().length };
    this.added = replacement.trim();
  }

  operation(): WordsOperation | null {
    const removing = this.core.start < this.core.end;
    const candidates = !removing && this.added !== '' ? this.insertions() : removing && this.added === '' ? this.deletions() : [];
    for (const op of candidates) if (this.works(op)) return op;
    for (const op of this.substitutions()) if (this.works(op)) return op;
    return null;
  }

  private *insertions(): Generator<WordsOperation> {
    const words = this.added;
    const sentences = addedSentences(this.current, this.target);
    if (sentences !== null) yield this.op({ kind: 'append_sentences', text: sentences });
    if (finalPunctuationStart(this.current) <= this.end) yield this.op({ kind: 'insert_words', at: { position: 'end' }, words });
    if (this.current.slice(0, this.start).trim() === '') yield this.op({ kind: 'insert_words', at: { position: 'start' }, words });
    for (const anchor of this.quotations(this.core.start, 'left')) yield this.op({ kind: 'insert_words', at: { position: 'after', anchor }, words });
    for (const anchor of this.quotations(this.core.end, 'right')) yield this.op({ kind: 'insert_words', at: { position: 'before', anchor }, words });
  }

  private *deletions(): Generator<WordsOperation> {
    const removed = this.current.slice(this.core.start, this.core.end);
    const toEnd = finalPunctuationStart(this.current) <= this.core.end;
    if (toEnd && (removed.match(WORD) ?? []).length >= DELETE_END_MIN_WORDS) yield* this.deleteEnd();
    const spans = this.search.findAll(removed);
    const at = spans.findIndex((s) => s.start === this.core.start);
    if (at >= 0) yield this.op({ kind: 'delete_words', words: spans.length === 1 ? { text: removed } : { text: removed, occurrence: at + 1 } });
    if (toEnd) yield* this.deleteEnd();
  }

  private *deleteEnd(): Generator<WordsOperation> {
    for (const after of this.quotations(this.core.start, 'left')) yield this.op({ kind: 'delete_end_of_alinea', after });
  }

  /** The changed words with growing context, then with their occurrence named. */
  private *substitutions(): Generator<WordsOperation> {
    const empty = this.core.start === this.core.end;
    for (let total = empty ? 1 : 0; total <= 2 * MAX_CONTEXT_UNITS; total++) {
      for (let left = Math.min(total, MAX_CONTEXT_UNITS); left >= 0 && total - left <= MAX_CONTEXT_UNITS; left--) {
        const sub = this.substitution(left, total - left);
        if (sub === null) continue;
        const spans = this.search.findAll(sub.text);
        if (spans.length === 1) yield this.op({ kind: 'substitute_words', words: { text: sub.text }, replacement: sub.replacement });
      }
    }
    const plain = this.substitution(empty ? 1 : 0, 0) ?? this.substitution(0, 1);
    if (plain === null) return;
    const spans = this.search.findAll(plain.text);
    const at = spans.findIndex((s) => s.start === plain.from);
    if (at >= 0) yield this.op({ kind: 'substitute_words', words: { text: plain.text, occurrence: at + 1 }, replacement: plain.replacement });
  }

  /** The quoted old words with `left`/`right` neighbouring units, and what replaces them. */
  private substitution(left: number, right: number): { text: string; replacement: string; from: number } | null {
    const from = left === 0 ? this.core.start : this.unitStart(this.core.start, left);
    const to = right === 0 ? this.core.end : this.unitEnd(this.core.end, right);
    if (from === null || to === null || from >= to) return null;
    let replacement = this.replacement;
    if (from > this.start) replacement = replacement.trimStart();
    if (to < this.end) replacement = replacement.trimEnd();
    const text = this.current.slice(from, to);
    return { text, replacement: this.current.slice(from, Math.max(from, this.start)) + replacement + this.current.slice(Math.min(to, this.end), to), from };
  }

  /** Anchors that end just before `pos` (growing leftwards) or start just after it (growing rightwards). */
  private *quotations(pos: number, side: 'left' | 'right'): Generator<QuotedWords> {
    let fallback: QuotedWords | null = null;
    for (let k = 1; k <= MAX_CONTEXT_UNITS; k++) {
      const from = side === 'left' ? this.unitStart(pos, k) : this.unitStart(pos, -1);
      const to = side === 'left' ? this.unitEnd(pos, -1) : this.unitEnd(pos, k);
      if (from === null || to === null || from >= to) return;
      const text = this.current.slice(from, to);
      if (!/[\p{L}\p{N}]/u.test(text)) continue; // « après le signe : « , » » says little: borrow a word
      const spans = this.search.findAll(text);
      if (spans.length === 1) {
        yield { text };
        return;
      }
      const at = spans.findIndex((s) => s.start === from);
      if (fallback === null && at >= 0) fallback = { text, occurrence: at + 1 };
    }
    if (fallback !== null) yield fallback;
  }

  /** Start of the k-th unit left of `pos` (k ≥ 1); for k = -1, of the first unit at or right of it. */
  private unitStart(pos: number, k: number): number | null {
    if (k < 0) return this.units.find((u) => u.start >= pos)?.start ?? null;
    const before = this.units.filter((u) => u.end <= pos);
    return before[before.length - k]?.start ?? null;
  }

  /** End of the k-th unit right of `pos` (k ≥ 1); for k = -1, of the last unit at or left of it. */
  private unitEnd(pos: number, k: number): number | null {
    if (k < 0) {
      const before = this.units.filter((u) => u.end <= pos);
      return before[before.length - 1]?.end ?? null;
    }
    return this.units.filter((u) => u.start >= pos)[k - 1]?.end ?? null;
  }

  private op(draft: WordsDraft): WordsOperation {
    return { ...draft, alinea: this.alinea };
  }

  private works(op: WordsOperation): boolean {
    if (!quotationsReadBack(op)) return false;
    const words = quotedWordsOf(op);
    const found = words === null ? null : choose(this.search.findAll(words.text), words.occurrence);
    if (found !== null && !found.ok) return false;
    return editAlinea(this.current, op, found?.span ?? null) === this.target;
  }
}

/** The alinéa ends a sentence (« . ! ? ; … », possibly before closing marks). */
const ENDS_SENTENCE = /[.!?;…](?:\s*[»”"')])*$/u;
/** What starts a sentence: a capital letter, or an opening mark. */
const STARTS_SENTENCE = /^[\p{Lu}«“"]/u;

/**
 * When `now` is `old` followed by new sentences (after one plain space, `old` ending a sentence,
 * the addition starting one): those sentences, for « Compléter l’alinéa par une phrase ainsi
 * rédigée ». Otherwise null.
 */
export function addedSentences(old: string, now: string): string | null {
  // the last alinéa of a quoted provision takes them inside its closing mark (words.ts)
  const closing = closesProvision(old) ? /\s*[»"”][\s.;,]*$/u.exec(old) : null;
  const head = closing === null ? old : old.slice(0, closing.index);
  const tail = closing === null ? '' : old.slice(closing.index);
  if (head === '' || !now.startsWith(head) || !now.endsWith(tail) || !ENDS_SENTENCE.test(head)) return null;
  const added = now.slice(head.length + 1, now.length - tail.length);
  // exactly what the applier does: one plain space, then the sentences
  if (now[head.length] !== ' ' || added.trim() !== added || !STARTS_SENTENCE.test(added) || !readsBack(added)) return null;
  return appendSentences(old, added) === now ? added : null;
}

/** Every quoted text of the operation reads back unchanged once written between « ». */
function quotationsReadBack(op: WordsOperation): boolean {
  const texts: string[] = [];
  if (op.kind === 'substitute_words') texts.push(op.words.text, op.replacement);
  else if (op.kind === 'delete_words') texts.push(op.words.text);
  else if (op.kind === 'delete_end_of_alinea') texts.push(op.after.text);
  else if (op.kind === 'append_sentences') texts.push(op.text);
  else {
    texts.push(op.words);
    if (op.at.position === 'after' || op.at.position === 'before') texts.push(op.at.anchor.text);
  }
  return texts.every(readsBack);
}

/** The text reads back unchanged once written between « ». */
function readsBack(t: string): boolean {
  if (t !== t.trim() || t.includes('\n')) return false;
  const written = `«${NBSP}${t}${NBSP}»`;
  const q = readQuotation(written, 0);
  return q.closed && q.end === written.length && q.alineas.length === 1 && q.alineas[0] === t;
}
