/**
 * Sentences of an alinéa, for the operations that name one (« Supprimer la dernière phrase de
 * l’alinéa 3 », « Alinéa 32, première phrase ⏎ Remplacer le mot : … »). A sentence ends with
 * « . ! ? … » (and closing marks) before a space and a capital letter or an opening mark, as
 * typography.ts counts them; each piece keeps the spaces after it, so joining gives the alinéa.
 */
import { closesProvision } from './provisions';
import { ordinalValue } from './typography';

const SENTENCE_END = /(?<!(?:^|[\s(.'’-])\p{L}|\b(?:art|Art|al|cf))[.!?…]+[»”")]*\s+(?=[«“"]?\s*\p{Lu})/gu;

export function splitSentences(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = (m.index ?? 0) + m[0].length;
    pieces.push(text.slice(from, end));
    from = end;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** « première » → 1, « dernière » → -1, « avant-dernière » → -2. */
export function sentenceIndex(word: string): number | null {
  const w = word.replace(/\s+/g, '');
  if (w.startsWith('avant-dernier')) return -2;
  if (w.startsWith('dernier')) return -1;
  return ordinalValue(w) ?? null;
}

/** The piece index of sentence `n` (1-based, or negative from the end), or null when there is none. */
function pieceOf(pieces: readonly string[], n: number): number | null {
  const i = n > 0 ? n - 1 : pieces.length + n;
  return i >= 0 && i < pieces.length ? i : null;
}

/** Applies `edit` to sentence `n` of `text`; null when the alinéa has no such sentence. */
export function editSentence(whole: string, n: number, edit: (sentence: string) => string | null): string | null {
  // the marks of a quoted provision belong to the alinéa, not to its first or last sentence
  const open = /^[«"“]\s*/u.exec(whole)?.[0] ?? '';
  const close = closesProvision(whole) ? (/\s*[»"”][\s.;,]*$/u.exec(whole)?.[0] ?? '') : '';
  const text = whole.slice(open.length, whole.length - close.length);
  const pieces = splitSentences(text);
  const i = pieceOf(pieces, n);
  if (i === null) return null;
  const piece = pieces[i] ?? '';
  const trail = /\s*$/u.exec(piece)?.[0] ?? '';
  const edited = edit(piece.slice(0, piece.length - trail.length));
  if (edited === null) return null;
  pieces[i] = edited === '' ? '' : edited + trail;
  // a deleted last sentence takes the space before it
  return open + pieces.join('').trimEnd() + close;
}

export function sentenceCountOf(text: string): number {
  return splitSentences(text).length;
}
