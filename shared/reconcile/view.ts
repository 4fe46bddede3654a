/**
 * Where the words an amendment was written against are in the text reconciled so far.
 *
 * When the amendment's base is the article's initial text (the usual case: every amendment is
 * tabled against the text the commission examines), its words are found by identity: each
 * alinéa and word of the live article remembers its initial index, deleted ones included. That is
 * exact even in repetitive legal prose (« de la », « du code »), and it is linear.
 *
 * Any other base (an older version of the article, or the reconciled text itself for a late
 * commission amendment) is aligned with the article's visible text by the text diff (alinéas
 * first, then words); what it cannot match counts as changed since.
 */
import { diffTexts } from '../text-diff';
import { tokenStarts } from './tokens';
import { visibleText, type LiveArticle } from './state';

export interface BaseView {
  /** For each alinéa of the base: the index of its image in `article.alineas`, -1 when it has none. */
  readonly images: Int32Array;
  /** For each token of base alinéa `i` (which has an image): the index of its cell there, -1 when none. */
  tokenImages(i: number, tokens: readonly string[]): Int32Array;
}

export function viewOf(article: LiveArticle, base: readonly string[]): BaseView {
  return sameTexts(base, article.initial) ? identityView(article, base.length) : diffView(article, base);
}

export function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, i) => text === b[i]);
}

function identityView(article: LiveArticle, n: number): BaseView {
  const images = new Int32Array(n).fill(-1);
  article.alineas.forEach((alinea, index) => {
    if (alinea.origin >= 0 && alinea.origin < n) images[alinea.origin] = index;
  });
  return {
    images,
    tokenImages(i, tokens) {
      const out = new Int32Array(tokens.length).fill(-1);
      const cells = article.alineas[images[i] ?? -1]?.cells ?? [];
      cells.forEach((cell, j) => {
        if (cell.origin >= 0 && cell.origin < tokens.length) out[cell.origin] = j;
      });
      return out;
    },
  };
}

/** Characters `len` long that are the same at `b` in the base alinéa and at `o` in the visible one. */
interface Span {
  b: number;
  o: number;
  len: number;
}

function diffView(article: LiveArticle, base: readonly string[]): BaseView {
  const visible: number[] = [];
  article.alineas.forEach((a, index) => {
    if (a.deletedBy === null) visible.push(index);
  });
  const texts = visible.map((index) => {
    const alinea = article.alineas[index];
    return alinea === undefined ? '' : visibleText(alinea);
  });
  const images = new Int32Array(base.length).fill(-1);
  const spans: Span[][] = base.map(() => []);
  for (const op of diffTexts(base, texts).ops) {
    if (op.op === 'equal') {
      images[op.before - 1] = visible[op.after - 1] ?? -1;
      spans[op.before - 1] = [{ b: 0, o: 0, len: op.text.length }];
    } else if (op.op === 'modify') {
      images[op.before - 1] = visible[op.after - 1] ?? -1;
      const own: Span[] = (spans[op.before - 1] = []);
      let b = 0;
      let o = 0;
      for (const part of op.parts) {
        const len = part.text.length;
        if (part.op === 'equal') own.push({ b, o, len });
        if (part.op !== 'insert') b += len;
        if (part.op !== 'delete') o += len;
      }
    }
  }
  return {
    images,
    tokenImages(i, tokens) {
      const out = new Int32Array(tokens.length).fill(-1);
      const cells = article.alineas[images[i] ?? -1]?.cells ?? [];
      const cellAt = new Map<number, number>();
      let offset = 0;
      cells.forEach((cell, j) => {
        if (cell.deletedBy !== null) return;
        cellAt.set(offset, j);
        offset += cell.text.length;
      });
      const starts = tokenStarts(tokens);
      let s = 0;
      const own = spans[i] ?? [];
      tokens.forEach((token, k) => {
        const start = starts[k] ?? 0;
        while (s < own.length && (own[s]?.b ?? 0) + (own[s]?.len ?? 0) <= start) s++;
        const span = own[s];
        if (span === undefined || span.b > start || start + token.length > span.b + span.len) return;
        const j = cellAt.get(span.o + start - span.b);
        // a cell boundary that does not fall on a token boundary counts as a change
        if (j !== undefined && cells[j]?.text === token) out[k] = j;
      });
      return out;
    },
  };
}
