/**
 * Import of a bill pasted as plain text, in the layout the Assemblée and the Sénat publish:
 *
 *   PROJET DE LOI relatif à …          ← first non-empty line: the bill's title
 *   TITRE Ier                          ← division heading…
 *   MISSIONS DU SERVICE PUBLIC…        ← …whose title is on the same line (after « – », « - »,
 *   Chapitre Ier – Les missions…          « : » or « . ») or on the next non-empty line
 *   Article 1er bis                    ← article heading
 *   L'article L. 111-5 … :             ← every following non-empty line is one alinéa
 *   « L'État est le garant … »
 *
 * Pure functions, no I/O: the same code runs in the server and in the browser preview.
 *
 * Headings: « TITRE », « Chapitre », « Section », « Sous-section » (keyword in any case) followed
 * by a Roman or Arabic number (« Ier »/« 1er » for one), « PRÉLIMINAIRE », « premier » or
 * « unique », then optionally an adverb (« bis ») and capital letters (« A »). Articles:
 * « Article », « ARTICLE », « Art. » followed by a bill-article number (`normaliseArticleNumber`),
 * optionally a trailing « . » / « – » / « : » and a trailing « (nouveau) » (dropped) or other
 * parenthesised note such as « (Supprimé) » (kept as the article's first alinéa). A line is a
 * heading only when it is exactly that; a line opening with a quotation mark never is, so quoted
 * provisions (« Art. L. 123-4-1. - … », « TITRE II ») stay alinéas. Prose such as « Article L.
 * 123-4 » or « Section 1 du chapitre II … » is an alinéa; a near-miss such as « Article 3a » or
 * « TITRE IIII » is reported rather than silently merged into the previous article.
 *
 * Whitespace rule (applied to the title, headings and every alinéa), see `normaliseSpaces`:
 * trim; a single space, U+00A0 or U+202F is kept as is (French typography puts no-break spaces
 * before « ; : ! ? » and after « »); any other run of whitespace (tabs, doubled spaces, a
 * no-break space doubled with other spaces) becomes one normal space — except that a doubled run
 * containing a no-break space in a typographic position (after « or before ; : ! ? ») is reduced
 * to that no-break space, so that the typography survives sloppy pastes.
 */
import type { Heading, HeadingLevel, ImportIssue, ImportResult, ParsedArticle, ParsedBill } from './bill';
import { fill, msg } from './i18n';

export const DEFAULT_MAX_CHARS = 2_000_000;

/** Past this, the person fixing the text gains nothing from more issues, and the response stays small. */
export const MAX_REPORTED_ISSUES = 100;

// ---------------------------------------------------------------------------------------------
// Whitespace
// ---------------------------------------------------------------------------------------------

const NO_BREAK_SPACES = ['\u00A0', '\u202F'];

/** Trims and collapses whitespace, keeping typographic no-break spaces (rule in the file header). */
export function normaliseSpaces(text: string): string {
  return text.trim().replace(/\s+/g, (run: string, offset: number, whole: string) =>
    collapseSpaceRun(run, whole[offset - 1], whole[offset + run.length]),
  );
}

function collapseSpaceRun(run: string, before: string | undefined, after: string | undefined): string {
  // A lone space or no-break space is already what the author meant.
  if (run === ' ' || (run.length === 1 && NO_BREAK_SPACES.includes(run))) return run;
  const noBreak = [...run].find((c) => NO_BREAK_SPACES.includes(c));
  if (noBreak !== undefined && isTypographicSpacePosition(before, after)) return noBreak;
  return ' ';
}

function isTypographicSpacePosition(before: string | undefined, after: string | undefined): boolean {
  return before === '«' || (after !== undefined && ';:!?»'.includes(after));
}

/** Quotes user input in a message without echoing a whole pasted page back. */
export function excerpt(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/**
 * Latin multiplicative adverbs used for inserted articles and divisions (« 2 bis », « 4 sexdecies »).
 * The list goes past « decies » because long bills do (up to « vicies »).
 */
export const MULTIPLICATIVE_ADVERBS: readonly string[] = [
  'bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'nonies', 'decies',
  'undecies', 'duodecies', 'terdecies', 'quaterdecies', 'quindecies', 'sexdecies', 'septdecies',
  'octodecies', 'novodecies', 'vicies',
];
/** Longest first, so that an unanchored match takes « terdecies » whole rather than « ter ». */
export const ADVERB_PATTERN = [...MULTIPLICATIVE_ADVERBS].sort((a, b) => b.length - a.length).join('|');
const ADVERB_RE = new RegExp(`^(?:${ADVERB_PATTERN})$`, 'i');

/**
 * `1`/`1er`/`premier` (at most four digits: no bill reaches article 10000), then an optional
 * adverb (glued or spaced: « 2bis » is a common paste accident), then optional capital letters
 * (« 1er A », « 3 ter B », Sénat « 1er AA »).
 * Case-insensitive so that « ARTICLE 2 BIS » works; the letters' case is checked afterwards.
 */
const ARTICLE_NUMBER_RE = new RegExp(
  `^(?:([1-9]\\d{0,3})(er)?|(premier))(?: ?(${ADVERB_PATTERN}))?(?: ([a-z]{1,2}))?$`,
  'i',
);

/** Articles that carry a word instead of a number: « Article unique », « Article liminaire ». */
const WORD_ARTICLE_NUMBERS = ['unique', 'liminaire'];

/**
 * Canonical display number of a bill article, or null when `raw` is not one.
 * « 1 » and « premier » → « 1er »; single spaces; adverbs lower case; letters must be capitals
 * (« 1er A »); « er » only after 1; no leading zero. « L. 123-4-1 » (a code article) is null.
 */
export function normaliseArticleNumber(raw: string): string | null {
  const compact = raw.trim().replace(/\s+/g, ' ');
  if (WORD_ARTICLE_NUMBERS.includes(compact.toLowerCase())) return compact.toLowerCase();
  const m = ARTICLE_NUMBER_RE.exec(compact);
  if (!m) return null;
  const [, digits, er, premier, adverb, letters] = m;
  if (letters !== undefined && letters !== letters.toUpperCase()) return null;
  const isOne = premier !== undefined || digits === '1';
  if (er !== undefined && !isOne) return null; // « 2er » is a typo, not a number
  const base = isOne ? '1er' : (digits ?? '');
  return [base, adverb?.toLowerCase(), letters].filter((p) => p !== undefined).join(' ');
}

const ROMAN_RE = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const DIVISION_WORD_RE = /^(?:pr[ée]liminaire|premier|unique)$/i;

/** « Ier », « II », « 1er », « 2 », « PRÉLIMINAIRE », each optionally followed by « bis » and/or « A ». */
function isValidDivisionNumber(tokens: readonly string[]): boolean {
  const [base, ...rest] = tokens;
  if (base === undefined || !isValidDivisionBase(base)) return false;
  let i = 0;
  if (ADVERB_RE.test(rest[i] ?? '')) i += 1;
  if (/^[A-Z]{1,2}$/.test(rest[i] ?? '')) i += 1;
  return i === rest.length;
}

function isValidDivisionBase(base: string): boolean {
  if (DIVISION_WORD_RE.test(base)) return true;
  const roman = /^([IVXLCDM]+)(er|ER)?$/.exec(base);
  if (roman?.[1] !== undefined) return ROMAN_RE.test(roman[1]) && (roman[2] === undefined || roman[1] === 'I');
  const arabic = /^([1-9]\d{0,3})(er|ER)?$/.exec(base);
  return arabic !== null && (arabic[2] === undefined || arabic[1] === '1');
}

/**
 * Whether the words after a division keyword are meant as a number (valid or not), as opposed
 * to prose that happens to start with « Section » or « Titre ». Used to report « TITRE IIII »
 * instead of silently taking it for an alinéa.
 */
function looksLikeDivisionNumber(tokens: readonly string[]): boolean {
  const [first, ...rest] = tokens;
  if (first === undefined || tokens.length > 3) return false;
  if (!/^[0-9A-ZÀ-Þ]/.test(first) && !DIVISION_WORD_RE.test(first)) return false;
  return rest.every((t) => ADVERB_RE.test(t) || /^[A-Z]{1,2}$/.test(t));
}

// ---------------------------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------------------------

const DIVISION_KEYWORD_RE = /^(titre|chapitre|section|sous[-\s]section)\s+(.+)$/i;
/** The designation ends at the first dash, colon or period; the rest is the division's title. */
const DIVISION_SPLIT_RE = /^([^–—‑:.-]+?)\s*(?:[–—‑:.-]\s*(.*))?$/;
const ARTICLE_KEYWORD_RE = /^(?:article\s+|art\.\s*|art\s+)(.+)$/i;
const TRAILING_NOTE_RE = /^(.*?)\s*\(([^()]*)\)$/;

interface DivisionLine {
  kind: 'division';
  heading: Heading;
  /** False when the title is expected on the next non-empty line. */
  hasTitle: boolean;
  validNumber: boolean;
}

interface ArticleLine {
  kind: 'article';
  /** Normalised number, or null for « Article 3a »-like lines (reported, not imported). */
  number: string | null;
  raw: string;
  /** « (Supprimé) » printed on the heading line, kept as the article's first alinéa. */
  note: string | null;
}

type ClassifiedLine = DivisionLine | ArticleLine | { kind: 'text' };

function levelOfKeyword(keyword: string): HeadingLevel {
  const k = keyword.toLowerCase();
  if (k.startsWith('sous')) return 'sous-section';
  return k === 'titre' ? 'titre' : k === 'chapitre' ? 'chapitre' : 'section';
}

/** A division heading line (« TITRE II bis – Intitulé »), or null when the line is not one. */
function classifyDivision(line: string): DivisionLine | null {
  const keyword = DIVISION_KEYWORD_RE.exec(line);
  if (keyword?.[1] === undefined || keyword[2] === undefined) return null;
  const split = DIVISION_SPLIT_RE.exec(keyword[2]);
  if (split?.[1] === undefined) return null;
  const tokens = split[1].split(/\s+/);
  if (!looksLikeDivisionNumber(tokens)) return null;
  const title = split[2]?.trim() ?? '';
  const heading: Heading = {
    level: levelOfKeyword(keyword[1]),
    label: `${keyword[1].replace(/\s+/g, '-')} ${tokens.join(' ')}`,
    title,
  };
  return { kind: 'division', heading, hasTitle: title !== '', validNumber: isValidDivisionNumber(tokens) };
}

/**
 * « Article 3. », « Article 4 – »: drops the trailing punctuation. A loop, not /[.:-]+$/, whose
 * backtracking is quadratic on a long run of dots that does not end the line.
 */
function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s.–—‑:-]/.test(text[end - 1] ?? '')) end -= 1;
  return text.slice(0, end);
}

/** An article heading line (« Article 2 bis », « ART. 3. », « Article 4 (nouveau) »), or null. */
function classifyArticle(line: string): ArticleLine | null {
  const keyword = ARTICLE_KEYWORD_RE.exec(line);
  if (keyword?.[1] === undefined) return null;
  let core = trimTrailingPunctuation(keyword[1]);
  let note: string | null = null;
  const noted = TRAILING_NOTE_RE.exec(core);
  if (noted?.[1] !== undefined && noted[2] !== undefined) {
    core = trimTrailingPunctuation(noted[1]);
    // « (nouveau) » only tells that the article was added; anything else (« (Supprimé) ») is content.
    const text = noted[2].trim();
    if (text !== '' && !/^(?:nouveau|nouvelle)$/i.test(text)) note = `(${text})`;
  }
  const number = normaliseArticleNumber(core);
  if (number !== null) return { kind: 'article', number, raw: core, note };
  // « Article 3a » is a mistyped heading; « Article L. 123-4-1 » or « Article 3 du code … » is prose.
  if (/^\d\S*$/.test(core)) return { kind: 'article', number: null, raw: core, note };
  return null;
}

/** Lines opening with a quotation mark are quoted provisions: never headings, whatever follows. */
function classifyLine(line: string): ClassifiedLine {
  if (/^[«"“‘'„]/.test(line)) return { kind: 'text' };
  return classifyDivision(line) ?? classifyArticle(line) ?? { kind: 'text' };
}

/**
 * Parses « TITRE Ier – Missions… » (as written by `headingLine`) into a Heading; null when the
 * text does not start with a valid division designation.
 */
export function parseDivisionHeading(text: string): Heading | null {
  const division = classifyDivision(normaliseSpaces(text));
  return division?.validNumber ? division.heading : null;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/** Nesting depth of each division level, outermost first. */
export const LEVEL_DEPTH: Readonly<Record<HeadingLevel, number>> = { titre: 0, chapitre: 1, section: 2, 'sous-section': 3 };

interface OpenArticle {
  number: string | null;
  line: number;
  headings: Heading[];
  alineas: string[];
}

/** One pass over the lines; each line kind has its own small handler. */
class BillTextReader {
  readonly issues: ImportIssue[] = [];
  readonly articles: ParsedArticle[] = [];
  title: string | null = null;
  sawArticleHeading = false;
  private readonly divisions: (Heading | undefined)[] = [];
  private sawHeading = false;
  /** Division whose title is still expected on the next non-empty line. */
  private awaitingTitle: Heading | null = null;
  private article: OpenArticle | null = null;
  private readonly firstLineOf = new Map<string, number>();

  /** `titleGiven`: the title comes with the text (an import form's field), so the text may start with its first division or article. */
  constructor(private readonly titleGiven = false) {}

  read(rawLine: string, line: number): void {
    const text = normaliseSpaces(rawLine);
    if (text === '') return;
    if (this.title === null) return this.readTitleLine(text, line);
    this.readBodyLine(text, line);
  }

  finish(): void {
    this.closeArticle();
  }

  private readTitleLine(text: string, line: number): void {
    const classified = classifyLine(text);
    if (classified.kind === 'text') {
      this.title = text;
      return;
    }
    this.title = '';
    if (this.titleGiven) return this.readBodyLine(text, line);
    this.issues.push({
      line,
      message: msg('La première ligne doit être l\u2019intitulé du texte (par exemple « PROJET DE LOI relatif à … »), pas une division ni un article.'),
    });
    this.readBodyLine(text, line);
  }

  private readBodyLine(text: string, line: number): void {
    const classified = classifyLine(text);
    const awaiting = this.awaitingTitle;
    this.awaitingTitle = null;
    if (classified.kind === 'division') return this.readDivision(classified, text, line);
    if (classified.kind === 'article') return this.readArticleHeading(classified, line);
    if (awaiting !== null) {
      awaiting.title = text;
      return;
    }
    this.readAlinea(text, line);
  }

  private readDivision(division: DivisionLine, text: string, line: number): void {
    this.closeArticle();
    this.sawHeading = true;
    if (!division.validNumber) {
      this.issues.push({ line, message: fill(msg('Numéro de division non reconnu : « {{texte}} » (attendu par exemple « TITRE II », « Chapitre Ier », « Section 2 bis »).'), { texte: excerpt(text) }) });
    }
    const depth = LEVEL_DEPTH[division.heading.level];
    // A new division closes every deeper one: a new TITRE leaves no Chapitre open.
    this.divisions.length = depth;
    this.divisions[depth] = division.heading;
    if (!division.hasTitle) this.awaitingTitle = division.heading;
  }

  private readArticleHeading(heading: ArticleLine, line: number): void {
    this.closeArticle();
    this.sawHeading = true;
    this.sawArticleHeading = true;
    if (heading.number === null) {
      this.issues.push({ line, message: fill(msg('Numéro d\u2019article non reconnu : « {{texte}} » (attendu par exemple « 1er », « 2 bis », « 1er A »).'), { texte: excerpt(heading.raw) }) });
    } else {
      this.checkDuplicate(heading.number, line);
    }
    this.article = {
      number: heading.number,
      line,
      // Copies: later title lines must not rewrite the headings of articles already read.
      headings: this.divisions.filter((h): h is Heading => h !== undefined).map((h) => ({ ...h })),
      alineas: heading.note === null ? [] : [heading.note],
    };
  }

  private checkDuplicate(number: string, line: number): void {
    const first = this.firstLineOf.get(number);
    if (first === undefined) {
      this.firstLineOf.set(number, line);
      return;
    }
    this.issues.push({ line, message: fill(msg('L\u2019article {{numero}} apparaît deux fois : lignes {{premiere}} et {{ligne}}.'), { numero: number, premiere: first, ligne: line }) });
  }

  private readAlinea(text: string, line: number): void {
    if (this.article !== null) {
      this.article.alineas.push(text);
      return;
    }
    const message = this.sawHeading
      ? msg('Texte inattendu entre l\u2019intitulé d\u2019une division et le premier article qui la suit : chaque alinéa doit appartenir à un article (un intitulé de division tient sur une ligne).')
      : msg('Texte inattendu avant la première division ou le premier article : l\u2019intitulé du texte doit tenir sur la première ligne.');
    this.issues.push({ line, message });
  }

  private closeArticle(): void {
    const article = this.article;
    this.article = null;
    if (article === null || article.number === null) return;
    if (article.alineas.length === 0) {
      this.issues.push({ line: article.line, message: fill(msg('L\u2019article {{numero}} ne contient aucun alinéa.'), { numero: article.number }) });
      return;
    }
    this.articles.push({ number: article.number, headings: article.headings, alineas: article.alineas });
  }
}

/** \r\n (Windows), \r (old Mac) and \n all end a line. */
function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Issues in line order (line-less ones last), capped at MAX_REPORTED_ISSUES with a summary. */
export function limitIssues(issues: readonly ImportIssue[]): ImportIssue[] {
  const rank = (issue: ImportIssue) => issue.line ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...issues].sort((a, b) => rank(a) - rank(b)); // stable: same-line issues keep their order
  if (sorted.length <= MAX_REPORTED_ISSUES) return sorted;
  const hidden = sorted.length - (MAX_REPORTED_ISSUES - 1);
  return [...sorted.slice(0, MAX_REPORTED_ISSUES - 1), { message: fill(msg('… et {{n}} autres problèmes, non détaillés.'), { n: hidden }) }];
}

/**
 * `titleGiven`: the caller has the bill's title apart (`POST /api/bills {title, text}`), so the
 * text may begin with its title line or directly with its first division or article.
 */
export function parseLegisticText(text: string, options: { maxChars?: number; titleGiven?: boolean } = {}): ImportResult {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (text.length > maxChars) {
    return { ok: false, issues: [{ message: fill(msg('Le texte est trop long : {{n}} caractères, pour {{max}} au plus.'), { n: text.length, max: maxChars }) }] };
  }
  const reader = new BillTextReader(options.titleGiven);
  splitLines(text).forEach((line, index) => reader.read(line, index + 1));
  reader.finish();
  if (reader.title === null) return { ok: false, issues: [{ message: msg('Le texte est vide.') }] };
  const issues = [...reader.issues];
  if (!reader.sawArticleHeading) {
    issues.push({ message: msg('Aucun article trouvé : chaque article doit commencer par une ligne « Article 1er », « Article 2 », …') });
  }
  if (issues.length > 0) return { ok: false, issues: limitIssues(issues) };
  const bill: ParsedBill = { title: reader.title, articles: reader.articles };
  return { ok: true, bill };
}
