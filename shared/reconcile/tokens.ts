/**
 * Words as reconciliation sees them: exactly the tokens of `diffWordsWithSpace` (diff 9), so that
 * the parts of a text diff always start and end on one of our token boundaries — a word (a run of
 * Latin letters and digits), a run of spaces, or any single other character (punctuation, « »).
 * Spaces are tokens of their own; rules that must not depend on where the diff put a space (which
 * changes « touch ») look through them.
 */

const WORD_CHARS =
  'a-zA-Z0-9_\\u{AD}\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2C6}\\u{2C8}-\\u{2D7}\\u{2DE}-\\u{2FF}\\u{1E00}-\\u{1EFF}';
const TOKEN_RE = new RegExp(`(?:\\r?\\n)|[${WORD_CHARS}]+|[^\\S\\n\\r]+|[^${WORD_CHARS}]`, 'gu');
const WORD_RE = new RegExp(`[${WORD_CHARS}]+`, 'gu');
const WORD_START_RE = new RegExp(`^[${WORD_CHARS}]`, 'u');
const SPACE_RE = /^\s+$/;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/** Character offset of each token, plus the text length at the end (so `starts[k + 1]` ends token k). */
export function tokenStarts(tokens: readonly string[]): Int32Array {
  const starts = new Int32Array(tokens.length + 1);
  for (let k = 0; k < tokens.length; k++) starts[k + 1] = (starts[k] ?? 0) + (tokens[k]?.length ?? 0);
  return starts;
}

export function isSpace(token: string): boolean {
  return SPACE_RE.test(token);
}

export function isWord(token: string): boolean {
  return WORD_START_RE.test(token);
}

/** Number of words (not spaces, not punctuation) in a text. */
export function countWords(text: string): number {
  return text.match(WORD_RE)?.length ?? 0;
}

/** Quotes a passage in a French reason without pasting a whole alinéa. */
export function quote(text: string, max = 60): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
