/**
 * The skeleton of a dispositif: what the grammar reads. Every quotation becomes one placeholder
 * token (\uE000<n>\uE001, n its index in `quotes`), and the rest is made easy to match: lower
 * case, no diacritics, one kind of apostrophe (') and dash (-), every run of spaces and line
 * breaks one space. `offsets` ties each skeleton character back to the text, so that content
 * (quotations, unquoted alinéas, sentences quoted in errors) is always taken from the original.
 */
import { isSpaceCode } from './match';
import { CLOSING_MARK, readQuotation, type Quotation } from './quotes';
import { foldChar } from './typography';

export interface Skeleton {
  /** The dispositif, line breaks normalised to \n. */
  source: string;
  text: string;
  /** offsets[i]: where skeleton character i comes from; offsets[text.length] = source.length. */
  offsets: number[];
  quotes: Quotation[];
}

export const PLACEHOLDER_OPEN = '\uE000';
export const PLACEHOLDER_CLOSE = '\uE001';

const APOSTROPHES = '’‘ʼ´`';
const DASHES = '‐‑‒–—―−';

export function buildSkeleton(source: string): Skeleton {
  let text = '';
  const offsets: number[] = [];
  const quotes: Quotation[] = [];
  const push = (chars: string, offset: number) => {
    text += chars;
    for (let k = 0; k < chars.length; k++) offsets.push(offset);
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (CLOSING_MARK[c] !== undefined) {
      const q = readQuotation(source, i);
      push(`${PLACEHOLDER_OPEN}${quotes.length}${PLACEHOLDER_CLOSE}`, i);
      quotes.push(q);
      // an unclosed quotation is an error where it is used, but must not swallow what follows
      i = q.closed ? q.end : i + 1;
    } else if (isSpaceCode(c.charCodeAt(0))) {
      if (text !== '' && !text.endsWith(' ')) push(' ', i);
      i++;
    } else {
      const code = c.charCodeAt(0);
      const plain = code < 0x80 ? c.toLowerCase() : APOSTROPHES.includes(c) ? "'" : DASHES.includes(c) ? '-' : foldChar(c).toLowerCase();
      push(plain, i);
      i++;
    }
  }
  offsets.push(source.length);
  return { source, text, offsets, quotes };
}

/** The first skeleton index whose source offset is at or after `offset`. */
export function skeletonIndexAt(skeleton: Skeleton, offset: number): number {
  let lo = 0;
  let hi = skeleton.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((skeleton.offsets[mid] ?? Infinity) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
