/**
 * Locators of the grammar: alinéa numbers and lists, quoted words with their occurrence, and the
 * quoted or unquoted alinéas that follow « ainsi rédigé : ».
 */
import { fill, msg } from '../i18n';
import { Cursor, ParseFailure, pattern } from './cursor';
import { withoutBareMarks } from './bare';
import { PLACEHOLDER_OPEN, skeletonIndexAt } from './skeleton';
import { ordinalValue, stripAccents } from './typography';
import type { AlineaRange, Occurrence, QuotedWords } from './types';

const OF_THIS_ARTICLE = "(?: (?:de|du) (?:cet|ce present|le present|present) article(?![a-z]))?";
const ALINEA_BY_NUMBER = pattern(` ?(?:l'|le )?(?:(?:le |ce )?meme )?alinea (\\d+)(?: ?(?:er|e)(?![a-z]))?(?![\\d])${OF_THIS_ARTICLE}`);
const ALINEA_BY_ORDINAL = pattern(` ?(?:le |l')?{ORD} alinea(?![a-z])(?: ?\\(\\d+ ?°\\))?${OF_THIS_ARTICLE}`);
// « Alinéa 3 et 4 », as published: two alinéas under the singular
const ALINEA_PAIR = pattern(" ?alinea (\\d+) et (\\d+)(?![\\d])");
const ALINEA_LIST = pattern(" ?(?:les |l')?alineas (\\d+(?:(?: ?er)?(?: ?, ?| et | a )\\d+)*)(?: ?er)?");

/** « l’alinéa 3 », « alinéa 3 », « le deuxième alinéa ». */
export function alineaNumber(c: Cursor): number | null {
  const byNumber = c.eat(ALINEA_BY_NUMBER);
  if (byNumber !== null) return Number(byNumber[1]);
  const byOrdinal = c.eat(ALINEA_BY_ORDINAL);
  if (byOrdinal === null) return null;
  // « le dernier alinéa » is -1, « l’avant-dernier » -2: the applier counts them from the end
  const word = byOrdinal[1] ?? '';
  if (word.startsWith('avant-dernier')) return -2;
  if (word.startsWith('dernier')) return -1;
  const n = ordinalValue(word);
  if (n === undefined) throw new ParseFailure(fill(msg('alinéa illisible : « {{mots}} »'), { mots: word }));
  return n;
}

/** « l’alinéa 3 », « les alinéas 3 à 5 », « alinéas 3 et 4 », « les alinéas 2, 4 et 6 ». */
export function alineaRanges(c: Cursor): AlineaRange[] | null {
  const pair = c.eat(ALINEA_PAIR);
  if (pair !== null) {
    const [from, to] = [Number(pair[1]), Number(pair[2])];
    return to === from + 1 ? [{ from, to }] : [{ from, to: from }, { from: to, to }];
  }
  const list = c.eat(ALINEA_LIST);
  if (list === null) {
    const n = alineaNumber(c);
    return n === null ? null : [{ from: n, to: n }];
  }
  const ranges: AlineaRange[] = [];
  for (const item of (list[1] ?? '').split(/ ?(?:,| et ) ?/)) {
    const m = /^(\d+)(?: ?er)?(?: a (\d+))?$/.exec(item);
    if (m === null) throw new ParseFailure(fill(msg('liste d’alinéas illisible : « {{mots}} »'), { mots: item }));
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new ParseFailure(fill(msg('les alinéas {{de}} à {{a}} ne forment pas un intervalle'), { de: from, a: to }));
    const last = ranges[ranges.length - 1];
    // « les alinéas 3 et 4 » is one block, « les alinéas 3 et 6 » two
    if (last !== undefined && from === last.to + 1) last.to = to;
    else ranges.push({ from, to });
  }
  return ranges;
}

/** Consecutive ranges as one (« les alinéas 3 et 4 » is 3 to 4); null when they leave a gap. */
export function contiguous(ranges: readonly AlineaRange[]): AlineaRange | null {
  const first = ranges[0];
  if (first === undefined) return null;
  let to = first.to;
  for (const r of ranges.slice(1)) {
    if (r.from !== to + 1) return null;
    to = r.to;
  }
  return { from: first.from, to };
}

const DATIVE_WORDS = pattern(
  " ?(?:a la {ORD} occurr?ence (?:du|des|de la|de l'|d') ?{NOUN}|(?:au|aux|a la|a l') ?{NOUN})(?: ?\\((?:deux|trois|quatre|cinq) fois\\))? ?:? ?{Q}(?: ?\\({ORD} occurr?ence\\))?",
);
const DIRECT_WORDS = pattern(
  " ?(?:(?:la|le) {ORD} occurr?ence (?:du|des|de la|de l'|d') ?{NOUN}|(?:le|les|la|l') ?{NOUN}(?: ?\\((?:deux|trois|quatre|cinq) fois\\))?)? ?:? ?{Q}(?: ?\\({ORD} occurr?ence\\))?",
);
// « substituer au mot : « X », le mot : « Y » »: the Assemblée's comma between the two quotations
const NEW_WORDS = pattern(" ?,? ?(?:(?:le|les|la|l') ?{NOUN}(?: suivante?s?)?)? ?:? ?{Q}");

/** « aux mots : « X » », « à la deuxième occurrence du mot : « X » » (what is replaced). */
export function dativeWords(c: Cursor): QuotedWords | null {
  const m = c.eat(DATIVE_WORDS);
  return m === null ? null : withTimes(quotedWords(c, m[2], m[1] ?? m[3]), m[0]);
}

/** « les mots : « X » », « la première occurrence du mot : « X » », « le mot : « X » (deuxième occurrence) ». */
export function directWords(c: Cursor): QuotedWords | null {
  const m = c.eat(DIRECT_WORDS);
  return m === null ? null : withTimes(quotedWords(c, m[2], m[1] ?? m[3]), m[0]);
}

const TIMES: Readonly<Record<string, number>> = { deux: 2, trois: 3, quatre: 4, cinq: 5 };

/** « les mots (trois fois) : « X » »: every occurrence, which must be that many. */
export function withTimes(words: QuotedWords, written: string): QuotedWords {
  const m = /\((deux|trois|quatre|cinq) fois\)/.exec(written);
  const times = m?.[1] === undefined ? undefined : TIMES[m[1]];
  if (times === undefined) return words;
  if (words.occurrence !== undefined) throw new ParseFailure(msg('une occurrence et « (deux fois) » ne vont pas ensemble'));
  return { ...words, times };
}

/** The words a substitution or an insertion brings: « les mots : « Y » » (may be empty for a substitution). */
export function newWords(c: Cursor): string | null {
  const m = c.eat(NEW_WORDS);
  return m === null ? null : oneAlinea(c, m[1]);
}

function quotedWords(c: Cursor, index: string | undefined, ordinal: string | undefined): QuotedWords {
  const text = oneAlinea(c, index);
  if (text === '') throw new ParseFailure(msg('les mots cités sont vides'));
  if (ordinal === undefined) return { text };
  return { text, occurrence: occurrenceOf(ordinal) };
}

function occurrenceOf(ordinal: string): Occurrence {
  if (ordinal.startsWith('dernier')) return 'last';
  const n = ordinalValue(ordinal);
  if (n === undefined || n < 1) throw new ParseFailure(fill(msg('occurrence illisible : « {{mots}} »'), { mots: ordinal }));
  return n;
}

function oneAlinea(c: Cursor, index: string | undefined): string {
  const q = c.quotation(index);
  if (q.alineas.length !== 1) throw new ParseFailure(msg('des mots cités ne peuvent pas s’étendre sur plusieurs alinéas'));
  return q.alineas[0] ?? '';
}

const QUOTE_HERE = pattern(' ?{Q}');
const TERMINATOR = pattern(' ?[.;]');

/**
 * The quotation(s) here, when they end the sentence: followed by the end of the text or of the
 * line. Otherwise the text is unquoted and merely starts with a quotation (« « Art. … » est… »).
 */
function quotedAlineas(c: Cursor): string[] | null {
  if (c.text[c.pos] !== PLACEHOLDER_OPEN) return null;
  // a quoted provision opened and never closed: its lines as written, opening marks kept
  const first = /^\uE000(\d+)\uE001/.exec(c.text.slice(c.pos, c.pos + 12));
  if (first !== null && c.skeleton.quotes[Number(first[1])]?.closed === false) return null;
  const alineas: string[] = [];
  for (let m = c.eat(QUOTE_HERE); m !== null; m = c.eat(QUOTE_HERE)) alineas.push(...c.quotation(m[1]).alineas);
  const end = c.pos;
  c.eat(TERMINATOR);
  c.skipSpace();
  const endsLine = c.pos >= c.text.length || c.skeleton.source.slice(c.offset(end), c.offset(c.pos)).includes('\n');
  c.pos = end;
  return endsLine ? alineas : null;
}

/** A line that only locates (Sénat style): it ends an unquoted block of alinéas. */
const LOCATOR_LINE = /^(?:[ivxlcdm]+ ?(?:\.|(?= ?-)) ?-? ?)?(?:alineas? \d+(?:(?: ?er)?(?: ?, ?| et | a )\d+)*(?: ?er)?(?: ?, ?\S+ phrase)?|(?:apres|avant) l'alinea \d+(?: ?er)?)$/;
/** A line that starts a new operation of the dispositif (« 2° Alinéa 19 », « II. – Après l’alinéa 4, insérer… »). */
const OPERATION_LINE =
  /^(?:(?:[ivxlcdm]+ ?(?:\.|(?= ?-))|\d+ ?°|[a-h] ?\)) ?-? ?)?(?:en consequence,? )?(?:alineas? \d|(?:apres|avant) l'alinea \d|(?:a|aux?) (?:l'|les )?alineas? \d|(?:remplacer|supprimer|substituer|inserer|rediger (?:ainsi|comme suit)|completer) (?:cet|ces|ce|les?|la|l'|aux?|a)(?![a-z]))/;

const COUNTS: Readonly<Record<string, number>> = { un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10 };
const ANNOUNCED = /(?:^|[ ,])(un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+) (?:nouvel |nouveaux )?alineas?(?![a-z])/;

/** How many alinéas an introduction announces (« insérer deux alinéas ainsi rédigés : »), when it says. */
export function announcedAlineas(intro: string): number | null {
  const m = ANNOUNCED.exec(intro);
  if (m?.[1] === undefined) return null;
  return COUNTS[m[1]] ?? Number(m[1]);
}

function plainLine(line: string): string {
  return stripAccents(withoutBareMarks(line)).toLowerCase().replace(/[’‘]/g, "'").replace(/[‑–—]/g, '-').replace(/\s+/g, ' ').trim();
}

/**
 * The alinéas after « ainsi rédigé : »: the following quotation(s), or else (Sénat style) the
 * unquoted lines: as many as announced, else up to a line that locates or starts an operation
 * (« Alinéa 9 », « 2° Après l’alinéa 4 »), or to the end for a whole article. A quotation that
 * holds another number of alinéas than announced is refused: what was meant is unclear.
 */
export function alineasBlock(c: Cursor, scope: 'article' | 'alinea', announced: number | null = null): string[] {
  c.skipSpace();
  const quoted = c.attempt(() => quotedAlineas(c));
  if (quoted !== null) {
    if (announced !== null && quoted.length !== announced) throw new ParseFailure(fill(msg('{{annonces}} alinéa(s) annoncé(s), {{cites}} cité(s)'), { annonces: announced, cites: quoted.length }));
    return quoted;
  }
  if (c.pos >= c.text.length) throw new ParseFailure(msg('le texte annoncé par « : » manque'));
  const { source } = c.skeleton;
  const from = c.offset();
  let to = source.length;
  if (scope === 'alinea') {
    let count = 0;
    for (let lineStart = source.indexOf('\n', from); lineStart >= 0; lineStart = source.indexOf('\n', lineStart + 1)) {
      if (source.slice(from, lineStart).trim() !== '') count++;
      const lineEnd = source.indexOf('\n', lineStart + 1);
      const line = plainLine(source.slice(lineStart + 1, lineEnd < 0 ? source.length : lineEnd));
      if (line === '') continue;
      if (announced !== null ? count >= announced : LOCATOR_LINE.test(line) || OPERATION_LINE.test(line)) {
        to = lineStart;
        break;
      }
    }
  }
  c.pos = skeletonIndexAt(c.skeleton, to);
  const lines = source.slice(from, to).split('\n').map((l) => withoutBareMarks(l).trim()).filter((l) => l !== '');
  if (announced !== null && lines.length !== announced) throw new ParseFailure(fill(msg('{{annonces}} alinéa(s) annoncé(s), {{ecrits}} écrit(s)'), { annonces: announced, ecrits: lines.length }));
  return lines;
}
