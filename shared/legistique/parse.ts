/**
 * parseDispositif: the operations of a dispositif as people and both chambers write them
 * (docs/dispositif.md). Never throws: a sentence that cannot be read is reported with its line,
 * its text and why, and reading goes on with the next sentence.
 */
import { msg } from '../i18n';
import { Cursor, ParseFailure, pattern } from './cursor';
import { LABEL, readStatement, type StatementContext } from './grammar';
import { quoteBareLines, repairVerbs, withoutBareMarks } from './bare';
import { alineasBlock } from './refs';
import { stripAccents, toRoman } from './typography';
import type { LabelledOperation, ParseError, ParseOptions, ParseResult } from './types';

const MAX_SENTENCE_CHARS = 120;
const MAX_ERRORS = 20;

export function parseDispositif(text: string, options: ParseOptions = {}): ParseResult {
  const source = text.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
  const heading = readHeading(source);
  const body = source.slice(heading.bodyStart);
  if (options.context === 'article_additionnel' || heading.after !== null) {
    return parseAdditionnel(body, options.article ?? heading.after, heading.introduced);
  }
  const target = subAmendmentTarget(body);
  const parsed = parseOperations(target?.body ?? body, source.slice(0, heading.bodyStart).split('\n').length - 1);
  return target !== null && parsed.ok ? { ...parsed, subAmendmentOf: target.amendment } : parsed;
}

const RECTIFIED = "(?:\\s+rect(?:ifié|\\.)?(?:\\s+(?:bis|ter|quater))?)?";
// « 78 », « 78 rectifié », and the platform's own numbers (« COM-3 rect. », docs/sub-amendments.md)
const SUB_PREFIX = new RegExp(`^\\s*(?:sous-)?amendement\\s+(?:n°\\s*)?((?:COM-)?\\d+${RECTIFIED})\\s*,?`, 'iu');
const SUB_OF = new RegExp(`\\s+de\\s+l['’]amendement\\s+(?:n°\\s*)?((?:COM-)?\\d+${RECTIFIED})`, 'iu');

/**
 * A sous-amendement names the amendment it amends on its first line (« Amendement n° 78
 * rectifié, alinéa 9 », « Alinéa 2 de l’amendement n° 1181 »): the rest reads as usual, the
 * naming replaced by spaces so that lines and offsets stay.
 */
function subAmendmentTarget(body: string): { amendment: string; body: string } | null {
  const firstLine = body.split('\n', 1)[0] ?? '';
  const m = SUB_PREFIX.exec(firstLine) ?? SUB_OF.exec(firstLine);
  if (m?.[1] === undefined) return null;
  return { amendment: m[1].replace(/\s+/g, ' '), body: body.slice(0, m.index) + ' '.repeat(m[0].length) + body.slice(m.index + m[0].length) };
}

const TARGET_HEADING = /^(?:article|art\.) *(?:\d+ *(?:er)?|premier|unique)(?: +[a-z]+)*$/;
const ADDITIONNEL_HEADING = /^(?:apres|avant) +(?:l'article|l'art\.|art\.) *(\d+ *(?:er)?(?: +[a-z]+)?)(?: *(,? *inserer (?:l'article suivant|un article additionnel ainsi redige) *:?))? *$/;

/**
 * A first line that names the article: « ARTICLE 3 » is skipped; « APRÈS L’ARTICLE 8 » (or
 * « APRÈS ART. 8 ») makes the amendment an article additionnel.
 */
function readHeading(source: string): { after: string | null; introduced: boolean; bodyStart: number } {
  const none = { after: null, introduced: false, bodyStart: 0 };
  const start = source.search(/\S/);
  if (start < 0) return none;
  const lineEnd = source.indexOf('\n', start);
  const end = lineEnd < 0 ? source.length : lineEnd;
  const line = source.slice(start, end);
  // one character for one, so that the article number can be cut from the line as written
  const plain = [...line].map((ch) => (/\s/u.test(ch) ? ' ' : /[’‘]/.test(ch) ? "'" : stripAccents(ch).toLowerCase())).join('').trimEnd();
  if (plain.length !== line.trimEnd().length) return none;
  if (TARGET_HEADING.test(plain)) return { ...none, bodyStart: end };
  const m = ADDITIONNEL_HEADING.exec(plain);
  if (m?.[1] === undefined) return none;
  const at = plain.indexOf(m[1], plain.indexOf('art'));
  return { after: line.slice(at, at + m[1].length).replace(/\s+/g, ' '), introduced: m[2] !== undefined, bodyStart: end };
}

const INSERT_NEW_ARTICLE = pattern(" ?(?:apres l'article [^,:\uE000]{1,30}? ?,? ?)?inserer (?:un|l') ?article(?![a-z])[^:\uE000]{0,60}?:");

/** The body of an article additionnel: « Insérer un article additionnel ainsi rédigé : » then the article, or the article alone. */
function parseAdditionnel(body: string, article: string | null, headingIntroduces: boolean): ParseResult {
  const c = new Cursor(body);
  try {
    const introduced = headingIntroduces || c.eat(INSERT_NEW_ARTICLE) !== null;
    const alineas = introduced ? alineasBlock(c, 'article') : body.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (alineas.length === 0) return failed([], [{ line: 1, sentence: '', message: msg('le texte de l’article additionnel manque') }]);
    c.eat(/ ?\.?/y);
    if (introduced && !c.atEnd()) return failed([], [sentenceError(c, c.pos, c.pos, msg('texte inattendu après l’article additionnel'))]);
    return { ok: true, operations: [{ label: 'I', operation: { kind: 'insert_article_after', article, alineas } }] };
  } catch (err) {
    if (!(err instanceof ParseFailure)) throw err;
    return failed([], [sentenceError(c, 0, 0, err.message)]);
  }
}

// a stray comma after the last quotation (« « par ordonnance », ⏎ II. – … ») ends the sentence too
const TERMINATOR = / ?[.;,]?/y;

function parseOperations(body: string, lineOffset: number): ParseResult {
  const c = new Cursor(quoteBareLines(repairVerbs(body)));
  const operations: LabelledOperation[] = [];
  const errors: ParseError[] = [];
  const labels: string[] = [];
  // What the locators of each label level named (0: before any label): « III. – À l’alinéa 6 : »
  // holds for « 1° », « 2° »…, and a locator inside « 1° » holds for « 1° » only.
  const located: (StatementContext | undefined)[] = [];
  // for « au même alinéa » and « Procéder à la même suppression aux alinéas 8 et 12 »
  let lastAt: StatementContext['lastAt'] = null;
  while (!c.atEnd()) {
    const start = c.pos;
    let body = start;
    try {
      const label = c.eat(LABEL);
      if (label !== null) {
        const level = label[1] !== undefined ? 1 : label[2] !== undefined ? 2 : 3;
        labels.length = level - 1;
        labels[level - 1] = label[1]?.toUpperCase() ?? (label[2] !== undefined ? `${label[2]}°` : `${label[3]})`);
        located.length = Math.min(located.length, level);
        body = c.pos;
        if (c.atEnd()) throw new ParseFailure(msg('opération annoncée mais absente'));
      }
      const inherited = [...located].reverse().find((x) => x !== undefined);
      const ctx: StatementContext = {
        at: inherited?.at ?? null, sentence: inherited?.sentence ?? null, moreSentences: inherited?.moreSentences ?? [], afterSentence: inherited?.afterSentence ?? false,
        lastAt, last: operations[operations.length - 1]?.operation ?? null,
      };
      const ops = readStatement(c, ctx);
      if (ops === null) throw new ParseFailure(msg('phrase non reconnue'));
      if (ctx.at !== (inherited?.at ?? null) || ctx.sentence !== (inherited?.sentence ?? null)) located[labels.length] = ctx;
      lastAt = ctx.at ?? lastAt;
      const name = labels.filter((l) => l !== undefined).join(', ');
      for (const operation of ops) operations.push({ label: name || toRoman(operations.length + 1), operation });
      c.eat(TERMINATOR);
    } catch (err) {
      if (!(err instanceof ParseFailure)) throw err;
      const error = sentenceError(c, start, body, err.message, lineOffset);
      errors.push(body === start ? error : { ...error, label: labels.filter((l) => l !== undefined).join(', ') });
      // past a few, the person fixing the text gains nothing, and a pasted page stays cheap
      if (errors.length === MAX_ERRORS) break;
      c.pos = sentenceEnd(c, body);
    }
  }
  if (errors.length > 0) return failed(operations, errors);
  if (operations.length === 0) return failed(operations, [{ line: 1, sentence: excerpt(body.trim()), message: msg('aucune opération') }]);
  return { ok: true, operations };
}

function failed(operations: LabelledOperation[], errors: ParseError[]): ParseResult {
  return { ok: false, operations, errors };
}

/** Where an unreadable sentence ends: its period, or a line that starts with a label. */
function sentenceEnd(c: Cursor, start: number): number {
  const text = c.text;
  for (let i = start + 1; i < text.length; i++) {
    if ((text[i] === '.' || text[i] === ';') && (text[i + 1] === ' ' || i + 1 === text.length)) return i + 1;
    if (text[i] === ' ' && c.skeleton.source.slice(c.offset(i), c.offset(i + 1)).includes('\n')) {
      LABEL.lastIndex = i;
      if (LABEL.test(text)) return i;
    }
  }
  return text.length;
}

/** The sentence that starts at `start` (its label included); its end is looked for from `body` on. */
function sentenceError(c: Cursor, start: number, body: number, message: string, lineOffset = 0): ParseError {
  const from = c.offset(start);
  const to = c.offset(sentenceEnd(c, body));
  const source = c.skeleton.source;
  const line = lineOffset + source.slice(0, from).split('\n').length;
  return { line, sentence: excerpt(withoutBareMarks(source.slice(from, to)).replace(/\s+/g, ' ').trim()), message };
}

function excerpt(text: string): string {
  return text.length <= MAX_SENTENCE_CHARS ? text : `${text.slice(0, MAX_SENTENCE_CHARS - 1)}…`;
}
