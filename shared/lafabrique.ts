/**
 * Import of a bill in the JSON format of La Fabrique de la Loi (regardscitoyens/the-law-factory-parser):
 *
 *   { titre, sections: [{id: "T1C1", titre, type_section}],
 *     articles: [{type: "article", titre: "1er bis", section: "T1C1", order: 1, statut,
 *                 alineas: {"001": "…", "002": "…"}}] }
 *
 * Choices:
 * - Article numbers come from `titre` (the number during the procedure), normalised like the text
 *   import; `newtitre` (the final renumbering) is ignored, as renumbering happens only at the end.
 * - Entries whose `type` is not "article" (sections, "dots", "echec", annexes) are skipped.
 * - A section id is a chain of parts, each a kind letter and a number: T (titre), C (chapitre),
 *   S (section), SS (sous-section), with « L » for préliminaire and suffixes such as « T3 bis ».
 *   The heading path is built from its prefixes (T4C1S2 → T4, T4C1, T4C1S2); labels are derived
 *   from the id (« TITRE III bis », « Chapitre Ier », « Section 2 »), titles looked up in `sections`
 *   (empty when a prefix is missing there). Parts for livre/partie/volume (L, P, V) have no
 *   HeadingLevel and are left out.
 * - Alinéas are read in numeric key order and whitespace-normalised like the text import; quotes
 *   are kept as given. A deleted article (statut « supprimé », whose only alinéa is empty, as the
 *   parser writes it) becomes the single alinéa « (Supprimé) », as printed in the text version.
 */
import type { Heading, HeadingLevel, ImportIssue, ImportResult, ParsedArticle } from './bill';
import { fill, msg } from './i18n';
import { ADVERB_PATTERN, excerpt, LEVEL_DEPTH, limitIssues, normaliseArticleNumber, normaliseSpaces } from './legistic-text';
import { toRoman } from './legistique/typography';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON-pointer escaping, so that an odd alinéa key cannot make the path ambiguous. */
function pointerPart(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const NEWLINE_RE = /[\r\n\u0085\u2028\u2029]/;

// ---------------------------------------------------------------------------------------------
// Section ids → headings
// ---------------------------------------------------------------------------------------------

/** One part of a section id: kind letters then number (« 3 », « 3 bis », « 1 A », « L »). */
const SECTION_ID_PART_SOURCE = `(SS|[TCSPLV])(L|\\d{1,4}(?: ?(?:${ADVERB_PATTERN}))?(?: [A-Z]{1,2}(?=$|[TCSPLV]))?)`;
/** Livre › partie › volume › titre › chapitre › section › sous-section: no real id is longer. */
const MAX_SECTION_ID_PARTS = 7;

const LEVEL_OF_KIND: Readonly<Record<string, HeadingLevel>> = {
  T: 'titre',
  C: 'chapitre',
  S: 'section',
  SS: 'sous-section',
};

interface SectionIdPart {
  /** The id up to and including this part: the key of this division in `sections`. */
  prefix: string;
  kind: string;
  number: string;
}

function splitSectionId(id: string): SectionIdPart[] | null {
  const re = new RegExp(SECTION_ID_PART_SOURCE, 'y'); // sticky: the parts must tile the whole id
  const parts: SectionIdPart[] = [];
  while (re.lastIndex < id.length) {
    if (parts.length === MAX_SECTION_ID_PARTS) return null;
    const m = re.exec(id);
    if (m?.[1] === undefined || m[2] === undefined) return null;
    parts.push({ prefix: id.slice(0, re.lastIndex), kind: m[1], number: m[2] });
  }
  return parts.length > 0 ? parts : null;
}

const KEYWORD_OF_LEVEL: Record<HeadingLevel, string> = {
  titre: 'TITRE',
  chapitre: 'Chapitre',
  section: 'Section',
  'sous-section': 'Sous-section',
};

/** « TITRE Ier », « Chapitre III bis », « Section 2 », « TITRE PRÉLIMINAIRE », as printed in bills. */
function divisionLabel(level: HeadingLevel, number: string): string {
  const keyword = KEYWORD_OF_LEVEL[level];
  if (number === 'L') return `${keyword} ${level === 'titre' ? 'PRÉLIMINAIRE' : 'préliminaire'}`;
  const m = /^(\d+) ?([a-z]+)? ?([A-Z]{1,2})?$/.exec(number);
  if (m?.[1] === undefined) return `${keyword} ${number}`;
  const n = Number(m[1]);
  // Titres and chapitres are numbered in Roman numerals, sections in Arabic ones.
  const base = level === 'titre' || level === 'chapitre' ? `${toRoman(n)}${n === 1 ? 'er' : ''}` : String(n);
  return [keyword, base, m[2], m[3]].filter((p) => p !== undefined).join(' ');
}

function headingsForSection(id: string, titles: ReadonlyMap<string, string>): Heading[] | null {
  const parts = splitSectionId(id);
  if (parts === null) return null;
  const headings: Heading[] = [];
  for (const part of parts) {
    const level = LEVEL_OF_KIND[part.kind];
    if (level === undefined) continue;
    const previous = headings[headings.length - 1];
    // « T1T2 » or « C1T1 » describe no real division tree: a mistyped id, better reported.
    if (previous !== undefined && LEVEL_DEPTH[level] <= LEVEL_DEPTH[previous.level]) return null;
    headings.push({ level, label: divisionLabel(level, part.number), title: titles.get(part.prefix) ?? '' });
  }
  return headings;
}

// ---------------------------------------------------------------------------------------------
// Shape validation
// ---------------------------------------------------------------------------------------------

function readBillTitle(json: JsonObject, issues: ImportIssue[]): string {
  const title = json['titre'];
  if (typeof title === 'string' && normaliseSpaces(title) !== '') return normaliseSpaces(title);
  issues.push({ path: 'titre', message: msg('Le champ « titre » (intitulé du texte) doit être un texte non vide.') });
  return '';
}

/** Section id → title. */
function readSections(value: unknown, issues: ImportIssue[]): Map<string, string> {
  const titles = new Map<string, string>();
  if (value === undefined) return titles;
  if (!Array.isArray(value)) {
    issues.push({ path: 'sections', message: msg('Le champ « sections » doit être une liste.') });
    return titles;
  }
  value.forEach((section: unknown, i) => {
    if (!isObject(section) || typeof section['id'] !== 'string') {
      issues.push({ path: `sections/${i}/id`, message: msg('Chaque division doit avoir un identifiant « id » textuel.') });
      return;
    }
    const title = section['titre'];
    if (title !== undefined && typeof title !== 'string') {
      issues.push({ path: `sections/${i}/titre`, message: msg('L\u2019intitulé « titre » d\u2019une division doit être un texte.') });
    }
    titles.set(section['id'], typeof title === 'string' ? normaliseSpaces(title) : '');
  });
  return titles;
}

function isDeleted(statut: unknown): boolean {
  return typeof statut === 'string' && /^suppr|^sup$/i.test(statut.trim());
}

function readAlineas(article: JsonObject, path: string, issues: ImportIssue[]): string[] | null {
  const value = article['alineas'];
  if (!isObject(value)) {
    issues.push({ path: `${path}/alineas`, message: msg('Le champ « alineas » doit être un objet {"001": "…", "002": "…"}.') });
    return null;
  }
  const before = issues.length;
  const keys = Object.keys(value);
  for (const key of keys) {
    const text = value[key];
    const at = `${path}/alineas/${pointerPart(key)}`;
    if (!/^\d+$/.test(key)) issues.push({ path: at, message: fill(msg('Clé d\u2019alinéa non numérique : « {{cle}} ».'), { cle: excerpt(key) }) });
    else if (typeof text !== 'string') issues.push({ path: at, message: msg('Un alinéa doit être un texte.') });
    else if (NEWLINE_RE.test(text)) issues.push({ path: at, message: msg('Un alinéa ne peut pas contenir de retour à la ligne : chaque ligne est un alinéa distinct.') });
  }
  if (issues.length > before) return null;
  // Numeric order: « 010 » after « 009 », whatever order the keys were written in.
  const texts = keys.sort((a, b) => Number(a) - Number(b)).map((k) => normaliseSpaces(String(value[k])));
  if (texts.every((t) => t === '') && isDeleted(article['statut'])) return ['(Supprimé)'];
  return checkAlineaTexts(texts, keys, path, issues);
}

function checkAlineaTexts(texts: string[], keys: string[], path: string, issues: ImportIssue[]): string[] | null {
  if (texts.length === 0) {
    issues.push({ path: `${path}/alineas`, message: msg('L\u2019article ne contient aucun alinéa.') });
    return null;
  }
  const before = issues.length;
  texts.forEach((t, i) => {
    if (t === '') issues.push({ path: `${path}/alineas/${pointerPart(keys[i] ?? String(i))}`, message: msg('Alinéa vide.') });
  });
  return issues.length > before ? null : texts;
}

function readHeadings(article: JsonObject, path: string, titles: ReadonlyMap<string, string>, issues: ImportIssue[]): Heading[] | null {
  const section = article['section'];
  if (section === undefined || section === null || section === '') return [];
  const headings = typeof section === 'string' ? headingsForSection(section, titles) : null;
  if (headings === null) {
    issues.push({ path: `${path}/section`, message: fill(msg('Identifiant de division non reconnu : {{valeur}} (attendu par exemple « T1C2 », « T3 bis », « T4C1S2 »).'), { valeur: excerpt(JSON.stringify(section) ?? '') }) });
  }
  return headings;
}

interface ArticleEntry {
  index: number;
  order: number;
  article: ParsedArticle;
}

function readArticle(article: JsonObject, index: number, titles: ReadonlyMap<string, string>, issues: ImportIssue[]): ArticleEntry | null {
  const path = `articles/${index}`;
  const raw = article['titre'];
  const number = typeof raw === 'string' ? normaliseArticleNumber(raw) : null;
  if (number === null) {
    issues.push({ path: `${path}/titre`, message: fill(msg('Numéro d\u2019article non reconnu : {{valeur}} (attendu par exemple « 1er », « 2 bis », « 1er A »).'), { valeur: excerpt(JSON.stringify(raw ?? null) ?? '') }) });
  }
  const order = article['order'];
  if (typeof order !== 'number' || !Number.isFinite(order)) {
    issues.push({ path: `${path}/order`, message: msg('Le champ « order » doit être un nombre.') });
  }
  const headings = readHeadings(article, path, titles, issues);
  const alineas = readAlineas(article, path, issues);
  if (number === null || typeof order !== 'number' || headings === null || alineas === null) return null;
  return { index, order, article: { number, headings, alineas } };
}

interface ReadArticles {
  entries: ArticleEntry[];
  /** Entries of type « article », valid or not: zero means there is no article at all. */
  articleCount: number;
}

function readArticles(value: unknown, titles: ReadonlyMap<string, string>, issues: ImportIssue[]): ReadArticles {
  const result: ReadArticles = { entries: [], articleCount: 0 };
  if (!Array.isArray(value)) {
    issues.push({ path: 'articles', message: msg('Le champ « articles » doit être une liste.') });
    return result;
  }
  value.forEach((item: unknown, index) => {
    if (!isObject(item)) {
      issues.push({ path: `articles/${index}`, message: msg('Chaque élément de « articles » doit être un objet.') });
      return;
    }
    if (item['type'] !== 'article') return;
    result.articleCount += 1;
    const entry = readArticle(item, index, titles, issues);
    if (entry !== null) result.entries.push(entry);
  });
  return result;
}

function checkDuplicates(entries: readonly ArticleEntry[], issues: ImportIssue[]): void {
  const firstIndex = new Map<string, number>();
  for (const { index, article } of entries) {
    const first = firstIndex.get(article.number);
    if (first === undefined) firstIndex.set(article.number, index);
    else issues.push({ path: `articles/${index}/titre`, message: fill(msg('L\u2019article {{numero}} apparaît deux fois : articles/{{premier}} et articles/{{index}}.'), { numero: article.number, premier: first, index }) });
  }
}

export function parseLaFabriqueJson(json: unknown): ImportResult {
  if (!isObject(json)) {
    return { ok: false, issues: [{ message: msg('Le document doit être un objet JSON au format de La Fabrique de la Loi.') }] };
  }
  const issues: ImportIssue[] = [];
  const title = readBillTitle(json, issues);
  const titles = readSections(json['sections'], issues);
  const { entries, articleCount } = readArticles(json['articles'], titles, issues);
  checkDuplicates(entries, issues);
  if (Array.isArray(json['articles']) && articleCount === 0) {
    issues.push({ path: 'articles', message: msg('Aucun article : la liste ne contient aucun élément de type « article ».') });
  }
  if (issues.length > 0) return { ok: false, issues: limitIssues(issues) };
  // Stable: entries with the same order keep their position in the list.
  const sorted = [...entries].sort((a, b) => a.order - b.order || a.index - b.index);
  return { ok: true, bill: { title, articles: sorted.map((e) => e.article) } };
}
