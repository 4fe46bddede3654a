/**
 * Finding quoted words in an alinéa. A dispositif is typed by people and the text comes from
 * several sources, so matching ignores what does not change the words: the kind and number of
 * spaces (U+00A0, U+202F, line breaks), the spaces just inside quotation marks and before « : ; ! ? »,
 * apostrophes (’ ‘ '), dashes (- ‑ – —) and quotation marks (« » “ ” "). Case and accents count.
 *
 * A match must not cut a word: « loi » is not found in « lois ». Occurrences are counted left to
 * right without overlap.
 */

export interface Span {
  start: number;
  end: number;
}

interface Normalised {
  text: string;
  /** For each character of `text`, the original range it stands for. */
  starts: number[];
  ends: number[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const APOSTROPHES = '’‘ʼ´`';
const DASHES = '‐‑‒–—―−';
const QUOTE_MARKS = '«»“”„"';
const OPENING_MARKS = '«“„';
const CLOSING_OR_HIGH = '»”:;!?°';

/** JavaScript's \s, without a regular expression per character (this runs on every keystroke). */
export function isSpaceCode(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

function normalise(text: string): Normalised {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) {
      let j = i + 1;
      while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
      const before = text[i - 1];
      const after = text[j];
      const dropped =
        out.length === 0 || after === undefined || (before !== undefined && OPENING_MARKS.includes(before)) || CLOSING_OR_HIGH.includes(after);
      if (!dropped) {
        out.push(' ');
        starts.push(i);
        ends.push(j);
      }
      i = j;
      continue;
    }
    const c = text[i] as string;
    out.push(code < 0x80 && code !== 34 && code !== 96 ? c : APOSTROPHES.includes(c) ? "'" : DASHES.includes(c) ? '-' : QUOTE_MARKS.includes(c) ? '"' : c);
    starts.push(i);
    ends.push(i + 1);
    i++;
  }
  return { text: out.join(''), starts, ends };
}

const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/** An alinéa prepared once for several searches (the generator tries many quotations on one text). */
export class SearchableText {
  private readonly normalised: Normalised;

  constructor(readonly text: string) {
    this.normalised = normalise(text);
  }

  /** Every place where `words` occurs, as ranges of the text. */
  findAll(words: string): Span[] {
    const needle = normalise(words).text;
    if (needle === '') return [];
    const hay = this.normalised;
    const checkStart = isWordChar(needle[0]);
    const checkEnd = isWordChar(needle[needle.length - 1]);
    const spans: Span[] = [];
    let from = 0;
    for (;;) {
      const at = hay.text.indexOf(needle, from);
      if (at < 0) return spans;
      const end = at + needle.length;
      if ((checkStart && isWordChar(hay.text[at - 1])) || (checkEnd && isWordChar(hay.text[end]))) {
        from = at + 1;
        continue;
      }
      spans.push({ start: hay.starts[at] ?? 0, end: hay.ends[end - 1] ?? 0 });
      from = end;
    }
  }
}

/** Every place where `words` occurs in `text`, as ranges of `text`. */
export function findAll(text: string, words: string): Span[] {
  return new SearchableText(text).findAll(words);
}
