/**
 * Check of a bill submitted already split into articles and alinéas (JSON from the API or a form).
 *
 * Numbers are normalised with the text import's `normaliseArticleNumber` (« 1 » → « 1er »,
 * « 2 BIS » → « 2 bis »); title and alinéas with its `normaliseSpaces`.
 *
 * `heading` is one line of text. When it reads as a heading path in the form `headingLine`
 * produces (« TITRE Ier – Missions… › Chapitre Ier – Les missions… », each part a valid division
 * designation, outermost first), it is parsed back into that path, so that a bill served by the
 * API can be submitted again unchanged. Otherwise it is kept verbatim as a single outermost
 * heading, {level: 'titre', label: heading, title: ''}, which `headingLine` prints back as given.
 * A missing, null or blank heading means no heading.
 */
import type { Heading, ImportIssue, ImportResult, ParsedArticle } from './bill';
import { excerpt, LEVEL_DEPTH, limitIssues, normaliseArticleNumber, normaliseSpaces, parseDivisionHeading } from './legistic-text';

export interface StructuredArticleInput {
  number: string;
  heading?: string | null;
  alineas: string[];
}

export interface StructuredBillInput {
  title: string;
  articles: StructuredArticleInput[];
}

const NEWLINE_RE = /[\r\n\u0085\u2028\u2029]/;

/** The headingLine path, or null when some part is not a division or the levels do not nest. */
function parseHeadingPath(heading: string): Heading[] | null {
  const headings: Heading[] = [];
  for (const part of heading.split('›')) {
    const parsed = parseDivisionHeading(part);
    const previous = headings[headings.length - 1];
    if (parsed === null) return null;
    if (previous !== undefined && LEVEL_DEPTH[parsed.level] <= LEVEL_DEPTH[previous.level]) return null;
    headings.push(parsed);
  }
  return headings;
}

/** An article's one-line heading as headings: a `headingLine` path, or one verbatim heading (rule above). */
export function readHeadingLine(heading: string | null | undefined): Heading[] {
  const text = normaliseSpaces(heading ?? '');
  if (text === '') return [];
  return parseHeadingPath(text) ?? [{ level: 'titre', label: text, title: '' }];
}

function checkAlineas(alineas: readonly string[], path: string, issues: ImportIssue[]): string[] {
  if (alineas.length === 0) {
    issues.push({ path: `${path}/alineas`, message: 'L\u2019article ne contient aucun alinéa.' });
  }
  return alineas.map((raw, k) => {
    const at = `${path}/alineas/${k}`;
    if (typeof raw !== 'string') issues.push({ path: at, message: 'Un alinéa doit être un texte.' });
    else if (NEWLINE_RE.test(raw)) issues.push({ path: at, message: 'Un alinéa ne peut pas contenir de retour à la ligne : chaque ligne est un alinéa distinct.' });
    else if (normaliseSpaces(raw) === '') issues.push({ path: at, message: 'Alinéa vide.' });
    return typeof raw === 'string' ? normaliseSpaces(raw) : '';
  });
}

function checkNumber(raw: string, path: string, issues: ImportIssue[]): string | null {
  const number = typeof raw === 'string' ? normaliseArticleNumber(raw) : null;
  if (number === null) {
    issues.push({ path: `${path}/number`, message: `Numéro d\u2019article non reconnu : ${excerpt(JSON.stringify(raw) ?? '')} (attendu par exemple « 1er », « 2 bis », « 1er A »).` });
  }
  return number;
}

function checkTitle(title: string, issues: ImportIssue[]): string {
  if (typeof title !== 'string' || normaliseSpaces(title) === '') {
    issues.push({ path: 'title', message: 'L\u2019intitulé du texte ne peut pas être vide.' });
    return '';
  }
  if (NEWLINE_RE.test(title)) issues.push({ path: 'title', message: 'L\u2019intitulé du texte doit tenir sur une ligne.' });
  return normaliseSpaces(title);
}

export function checkStructuredBill(input: StructuredBillInput): ImportResult {
  const issues: ImportIssue[] = [];
  const title = checkTitle(input.title, issues);
  const articles: ParsedArticle[] = [];
  const firstIndex = new Map<string, number>();
  if (!Array.isArray(input.articles) || input.articles.length === 0) {
    issues.push({ path: 'articles', message: 'Le texte doit contenir au moins un article.' });
  }
  (Array.isArray(input.articles) ? input.articles : []).forEach((article, i) => {
    const path = `articles/${i}`;
    const number = checkNumber(article.number, path, issues);
    const alineas = checkAlineas(Array.isArray(article.alineas) ? article.alineas : [], path, issues);
    if (number === null) return;
    const first = firstIndex.get(number);
    if (first !== undefined) {
      issues.push({ path: `${path}/number`, message: `L\u2019article ${number} apparaît deux fois : articles/${first} et articles/${i}.` });
      return;
    }
    firstIndex.set(number, i);
    articles.push({ number, headings: readHeadingLine(article.heading), alineas });
  });
  if (issues.length > 0) return { ok: false, issues: limitIssues(issues) };
  return { ok: true, bill: { title, articles } };
}
