/**
 * Reading one quotation of a dispositif, as clerks and citizens write them:
 *
 * - marks « … », “ … ” or straight " … "; the spaces just inside the marks are typography, not
 *   content (any kind: space, U+00A0, U+202F);
 * - several alinéas: each line opens with the mark and only the last one closes
 *   (« first ⏎ « second ⏎ « last »); a line break NOT followed by an opening mark is a mere
 *   wrap of the same alinéa and reads as one space;
 * - nested quotations (« les mots : « X » sont… ») are balanced per alinéa, because quoted
 *   provisions reopen their own inner quotation on each alinéa too;
 * - a closing mark that ends a line and is followed by no quoted line closes the quotation even
 *   when an inner quotation is still open: « « La langue … : » quotes the first alinéa of a
 *   quoted provision, which opens an inner quotation it does not close;
 * - a closing mark followed on its line by another, unmatched one that ends the line belongs to
 *   the content: « X » » quotes « X » », « » X » quotes « » X ».
 */

import { BARE_CLOSE, BARE_OPEN, withoutBareMarks } from './bare';

export interface Quotation {
  /** One string per quoted alinéa (a quotation of words has exactly one). */
  alineas: string[];
  /** Offset of the opening mark. */
  start: number;
  /** Offset just after the closing mark (the text's length when unclosed). */
  end: number;
  closed: boolean;
}

export const CLOSING_MARK: Readonly<Record<string, string>> = { '«': '»', '“': '”', '"': '"', [BARE_OPEN]: BARE_CLOSE };

const isInlineSpace = (c: string | undefined) => c !== undefined && c !== '\n' && /\s/u.test(c);
const isBlank = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/** Reads the quotation whose opening mark is at `start` (`text` uses \n line breaks). */
export function readQuotation(text: string, start: number): Quotation {
  const open = text[start] ?? '«';
  const close = CLOSING_MARK[open] ?? '»';
  const nests = open !== close;
  const alineas: string[] = [];
  let content = '';
  let depth = 0;
  /** The last closing mark counted as an inner one: where it is, and the content before it. */
  let inner: { at: number; content: string } | null = null;
  let i = skipInlineSpaces(text, start + 1);
  const finish = (body: string, end: number): Quotation => {
    alineas.push(withoutBareMarks(body.trim()));
    return { alineas, start, end, closed: true };
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      const next = skipBlanks(text, i);
      if (text[next] === open) {
        alineas.push(withoutBareMarks(content.trim()));
        content = '';
        depth = 0;
        inner = null;
        i = skipInlineSpaces(text, next + 1);
        continue;
      }
      if (inner !== null && endsLine(text, inner.at + 1)) return finish(inner.content, inner.at + 1);
      content = `${content.trimEnd()} `;
      inner = null;
      i = next;
      continue;
    }
    if (nests && c === open) {
      depth++;
    } else if (c === close) {
      if (!nests || depth === 0) {
        if (!(nests && closedLater(text, i + 1, open, close))) return finish(content, i + 1);
      } else {
        depth--;
        inner = { at: i, content };
      }
    }
    content += c;
    i++;
  }
  if (inner !== null && endsLine(text, inner.at + 1)) return finish(inner.content, inner.at + 1);
  alineas.push(withoutBareMarks(content.trim()));
  return { alineas, start, end: text.length, closed: false };
}

/**
 * Whether the rest of the line has a closing mark of its own, unmatched and ending the line: then
 * the mark before it is content (« « » X » » quotes « » X »; « « X » les mots : « Y » » does not).
 */
function closedLater(text: string, from: number, open: string, close: string): boolean {
  let depth = 0;
  for (let i = from; i < text.length && text[i] !== '\n'; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && depth > 0) depth--;
    else if (text[i] === close && endsLine(text, i + 1)) return true;
  }
  return false;
}

/** Only final punctuation and spaces between `from` and the end of its line. */
function endsLine(text: string, from: number): boolean {
  for (let i = from; i < text.length && text[i] !== '\n'; i++) {
    if (!isBlank(text[i]) && !'.;,'.includes(text[i] as string)) return false;
  }
  return true;
}

function skipInlineSpaces(text: string, from: number): number {
  let i = from;
  while (isInlineSpace(text[i])) i++;
  return i;
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (isBlank(text[i])) i++;
  return i;
}
