/**
 * Word operations inside one alinéa, with the spacing conventions the applier and the generator
 * share (the generator keeps an operation only when these rules give exactly the wanted text):
 *
 * - substitution replaces exactly the matched words; the text's own characters around them stay;
 * - deletion also removes one space next to the words: the plain space after them when there are
 *   spaces on both sides (so that « X\u00A0: » keeps its no-break space), the space before them
 *   when they end the alinéa or are followed by « , . ; : ) », the space after them otherwise;
 * - inserted words are separated by one plain space from the words they follow (none when they
 *   start with « , . ; : ) ») and from the words they precede (none when they end with an
 *   apostrophe or « ( »);
 * - « the end of the alinéa » is before its final punctuation (« . ; : ! ? … » » and the spaces
 *   before them): « Compléter l’alinéa par les mots » inserts there, and « supprimer la fin de
 *   cet alinéa » keeps it;
 * - added sentences (« Compléter l’alinéa par une phrase ainsi rédigée ») go after everything,
 *   final punctuation and closing marks included, separated by one space.
 */
import { findAll, type Span } from './match';
import { closesProvision } from './provisions';
import type { Occurrence, Operation, QuotedWords } from './types';

export type WordsOperation = Extract<Operation, { kind: 'substitute_words' | 'delete_words' | 'delete_end_of_alinea' | 'insert_words' | 'append_sentences' }>;

export type Located = { ok: true; span: Span } | { ok: false; reason: 'words_absent' | 'words_ambiguous'; found: number };

const SPACE = /\s/u;
const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);
const ATTACHES_LEFT = /^[,.;:)\]…]/u;
const ATTACHES_RIGHT = /['’([]$/u;
const FINAL_PUNCTUATION = '.;:!?…»”"';

/** The quoted words' place among `spans` (all their occurrences in the alinéa or the article). */
export function choose(spans: readonly Span[], occurrence: Occurrence | undefined): Located {
  if (occurrence === undefined) {
    const only = spans[0];
    if (spans.length === 1 && only !== undefined) return { ok: true, span: only };
    return { ok: false, reason: spans.length === 0 ? 'words_absent' : 'words_ambiguous', found: spans.length };
  }
  const span = occurrence === 'last' ? spans[spans.length - 1] : spans[occurrence - 1];
  return span === undefined ? { ok: false, reason: 'words_absent', found: spans.length } : { ok: true, span };
}

/** The quoted words the operation needs to find, if any. */
export function quotedWordsOf(op: WordsOperation): QuotedWords | null {
  switch (op.kind) {
    case 'substitute_words':
    case 'delete_words':
      return op.words;
    case 'delete_end_of_alinea':
      return op.after;
    case 'insert_words':
      return op.at.position === 'after' || op.at.position === 'before' ? op.at.anchor : null;
    case 'append_sentences':
      return null;
  }
}

export function locate(text: string, words: QuotedWords): Located {
  return choose(findAll(text, words.text), words.occurrence);
}

/** Performs the operation on one alinéa; `span` is where its quoted words are (null when none). */
export function editAlinea(text: string, op: WordsOperation, span: Span | null): string {
  const s = span ?? { start: 0, end: 0 };
  switch (op.kind) {
    case 'substitute_words':
      return op.replacement === '' ? deleteSpan(text, s) : text.slice(0, s.start) + op.replacement + text.slice(s.end);
    case 'delete_words':
      return deleteSpan(text, s);
    case 'append_sentences':
      return appendSentences(text, op.text);
    case 'delete_end_of_alinea': {
      if (op.text !== undefined) return insertAt(text.slice(0, s.end), s.end, op.text);
      const end = finalPunctuationStart(text);
      return text.slice(0, s.end) + (end >= s.end ? text.slice(end) : '');
    }
    case 'insert_words':
      switch (op.at.position) {
        case 'after':
          return insertAt(text, s.end, op.words);
        case 'end':
          return insertAt(text, finalPunctuationStart(text), op.words);
        case 'before':
          return text.slice(0, s.start) + op.words + (ATTACHES_RIGHT.test(op.words) ? '' : ' ') + text.slice(s.start);
        case 'start':
          return text === '' ? op.words : op.words + (ATTACHES_RIGHT.test(op.words) ? '' : ' ') + text;
      }
  }
}

/** Locates then performs: the alinéa's new text, or why the quoted words do not say where. */
export function applyWords(text: string, op: WordsOperation): { ok: true; text: string } | Extract<Located, { ok: false }> {
  const words = quotedWordsOf(op);
  if (words === null) return { ok: true, text: editAlinea(text, op, null) };
  if (words.times !== undefined) {
    // « (deux fois) »: every occurrence, from the last so that the earlier places stay put
    const spans = findAll(text, words.text);
    if (spans.length !== words.times) return { ok: false, reason: spans.length < words.times ? 'words_absent' : 'words_ambiguous', found: spans.length };
    return { ok: true, text: spans.reduceRight((out, span) => editAlinea(out, op, span), text) };
  }
  const found = locate(text, words);
  return found.ok ? { ok: true, text: editAlinea(text, op, found.span) } : found;
}

/** New sentences after the alinéa's last character, one space between (none more if it already ends with a space). */
export function appendSentences(text: string, sentences: string): string {
  if (text === '') return sentences;
  // the last alinéa of a quoted provision: the sentences go inside its closing mark
  const closing = closesProvision(text) ? /\s*[»"”][\s.;,]*$/u.exec(text) : null;
  if (closing !== null) return `${text.slice(0, closing.index)} ${sentences}${text.slice(closing.index)}`;
  return text + (isSpace(text[text.length - 1]) ? '' : ' ') + sentences;
}

function insertAt(text: string, at: number, words: string): string {
  if (text === '') return words;
  const separator = at === 0 || ATTACHES_LEFT.test(words) ? '' : ' ';
  return text.slice(0, at) + separator + words + text.slice(at);
}

function deleteSpan(text: string, { start, end }: Span): string {
  const before = text[start - 1];
  const after = text[end];
  // words between commas (« en vue, notamment, de ») go with them: no « ,, » is left
  if (before === ' ' && text[start - 2] === ',' && after === ',') return text.slice(0, start - 2) + text.slice(end + 1);
  if (isSpace(before) && isSpace(after)) {
    return after === ' ' ? text.slice(0, start) + text.slice(end + 1) : text.slice(0, start - 1) + text.slice(end);
  }
  if (isSpace(before) && (after === undefined || ATTACHES_LEFT.test(after))) return text.slice(0, start - 1) + text.slice(end);
  if (isSpace(after)) return text.slice(0, start) + text.slice(end + 1);
  return text.slice(0, start) + text.slice(end);
}

/** Where the alinéa's final punctuation (and the spaces before it) begins; its length when none. */
export function finalPunctuationStart(text: string): number {
  let i = text.length;
  while (i > 0 && (isSpace(text[i - 1]) || FINAL_PUNCTUATION.includes(text[i - 1] as string))) i--;
  return i;
}
