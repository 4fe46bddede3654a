/**
 * Import of a bill written in Akoma Ntoso 3.0 (OASIS LegalDocML), as the reconciled-text export
 * (server/exports/akn.ts) writes it and as parliaments publish it.
 *
 * What is read:
 * - the root `<akomaNtoso>` in the AKN 3.0 namespace, its document `<bill>` (or `<act>`);
 * - the title: `preface › docTitle`, else `preface › longTitle`, else `FRBRWork › FRBRname`;
 * - the divisions of `<body>`: `<title>`, `<chapter>`, `<section>`, `<subsection>` become the
 *   headings TITRE / Chapitre / Section / Sous-section (label from `<num>`, title from
 *   `<heading>`); `<book>`, `<part>` and other containers are read through (the bill model has no
 *   livre or partie level, as in the La Fabrique import);
 * - each `<article>`: its number from `<num>` (« Article 1er » → « 1er »), one alinéa per `<p>` in
 *   document order (inside `<alinea>`, `<paragraph>`, `<content>`, lists…; a numbered container's
 *   `<num>` opens its first alinéa, « I. – » being part of the French alinéa); an article marked
 *   `status="removed"` without text is « (Supprimé) ». An article's own `<heading>` outside any
 *   division is read as the structured import reads `heading` (a heading path, or one heading).
 *
 * Hostile XML: the text is checked by a linear scan before any parser sees it. A `<!DOCTYPE>`
 * (hence any entity declaration, external or not) is refused, as are undeclared entity
 * references, unbalanced tags and nesting deeper than MAX_DEPTH. Refusals of the XML itself are
 * `malformed` (400); a well-formed document that is not a readable AKN bill is `unreadable` (422).
 */
import { create } from 'xmlbuilder2';
import type { Heading, HeadingLevel, ImportIssue, ParsedArticle, ParsedBill } from './bill';
import { fill, msg } from './i18n';
import { excerpt, LEVEL_DEPTH, limitIssues, normaliseArticleNumber, normaliseSpaces } from './legistic-text';
import { readHeadingLine } from './structured-bill';

export const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** Real AKN bills nest about fifteen elements deep; past this the document is refused unparsed. */
export const MAX_DEPTH = 100;

export type AknImportResult =
  | { ok: true; bill: ParsedBill }
  | { ok: false; reason: 'malformed' | 'unreadable'; issues: ImportIssue[] };

// ---------------------------------------------------------------------------------------------
// Linear pre-scan: well-formed tags, no DOCTYPE, known entities only, bounded depth
// ---------------------------------------------------------------------------------------------

const NAME = /[A-Za-z_][\w.\-:]*/y;
const ATTRIBUTE = /([A-Za-z_][\w.\-:]*)\s*=\s*("[^"<]*"|'[^'<]*')/y;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/y;
const BAD_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/;

function lineAt(xml: string, index: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < index; i = xml.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** The first reason why `xml` is not safe, well-formed XML, or null. Linear in its length. */
export function scanXml(xml: string): { message: string; index: number } | null {
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const fail = (message: string, index: number) => ({ message, index });
  const special = /[<&]/g;
  for (;;) {
    special.lastIndex = i;
    const m = special.exec(xml);
    const text = xml.slice(i, m ? m.index : xml.length);
    if (stack.length === 0 && text.trim() !== '') return fail(msg('Du texte se trouve hors de l’élément racine.'), i);
    if (!m) break;
    const at = m.index;
    if (xml[at] === '&') {
      ENTITY.lastIndex = at;
      if (!ENTITY.test(xml)) return fail(msg('Référence d’entité inconnue : seules &amp; &lt; &gt; &quot; &apos; et les références numériques sont admises.'), at);
      i = ENTITY.lastIndex;
      continue;
    }
    const skipTo = (open: number, close: string, unclosed: string): number | { message: string; index: number } => {
      const end = xml.indexOf(close, open);
      return end === -1 ? fail(unclosed, at) : end + close.length;
    };
    let next: number | { message: string; index: number };
    if (xml.startsWith('<!--', at)) next = skipTo(at + 4, '-->', msg('Commentaire non fermé.'));
    else if (xml.startsWith('<![CDATA[', at)) {
      if (stack.length === 0) return fail(msg('Section CDATA hors de l’élément racine.'), at);
      next = skipTo(at + 9, ']]>', msg('Section CDATA non fermé.'));
    } else if (xml.startsWith('<?', at)) next = skipTo(at + 2, '?>', msg('Instruction de traitement non fermé.'));
    else if (xml.startsWith('<!', at)) {
      return fail(msg('Les déclarations <!DOCTYPE> et <!ENTITY> sont refusées : un document Akoma Ntoso n’en a pas besoin.'), at);
    } else {
      if (stack.length === 0 && xml[at + 1] !== '/') roots += 1;
      next = scanTag(xml, at, stack);
      if (roots > 1) return fail(msg('Le document a plusieurs éléments racines.'), at);
      if (stack.length > MAX_DEPTH) return fail(fill(msg('Imbrication trop profonde : plus de {{n}} éléments.'), { n: MAX_DEPTH }), at);
    }
    if (typeof next !== 'number') return next;
    i = next;
  }
  if (stack.length > 0) return fail(fill(msg('Élément <{{element}}> non fermé.'), { element: stack[stack.length - 1] ?? '' }), xml.length);
  if (roots === 0) return fail(msg('Le document ne contient aucun élément.'), 0);
  return null;
}

/** One start or end tag at `at` (its attributes read one by one, never backtracking). */
function scanTag(xml: string, at: number, stack: string[]): number | { message: string; index: number } {
  const closing = xml[at + 1] === '/';
  NAME.lastIndex = at + (closing ? 2 : 1);
  const name = NAME.exec(xml)?.[0];
  if (name === undefined) return { message: msg('Caractère « < » qui n’ouvre aucune balise (écrire &lt;).'), index: at };
  let j = NAME.lastIndex;
  for (;;) {
    while (j < xml.length && /\s/.test(xml[j] ?? '')) j += 1;
    if (xml[j] === '>') {
      j += 1;
      if (!closing) stack.push(name);
      else if (stack.pop() !== name) return { message: fill(msg('Balise fermante </{{element}}> sans balise ouvrante correspondante.'), { element: name }), index: at };
      return j;
    }
    if (!closing && xml[j] === '/' && xml[j + 1] === '>') return j + 2;
    if (closing) return { message: fill(msg('Balise fermante </{{element}}> mal formée.'), { element: name }), index: at };
    ATTRIBUTE.lastIndex = j;
    const attribute = ATTRIBUTE.exec(xml);
    if (!attribute) return { message: fill(msg('Attribut mal formé dans <{{element}}>.'), { element: name }), index: j };
    if (BAD_ENTITY.test(attribute[2] ?? '')) return { message: fill(msg('Référence d’entité inconnue dans un attribut de <{{element}}>.'), { element: name }), index: j };
    j = ATTRIBUTE.lastIndex;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the DOM
// ---------------------------------------------------------------------------------------------

/** The few DOM members used here (xmlbuilder2's DOM implements them). */
interface DomNode {
  nodeType: number;
  localName?: string | null;
  namespaceURI?: string | null;
  data?: string;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}
const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

function elements(node: DomNode): DomNode[] {
  const out: DomNode[] = [];
  for (let k = 0; k < node.childNodes.length; k++) {
    const c = node.childNodes[k];
    if (c !== undefined && c.nodeType === ELEMENT && c.namespaceURI === AKN_NS) out.push(c);
  }
  return out;
}
const childNamed = (node: DomNode, name: string): DomNode | undefined => elements(node).find((c) => c.localName === name);

/** Text of a node, `<eol/>` and `<br/>` read as a space, notes (`authorialNote`) left out. */
function textOf(node: DomNode): string {
  let out = '';
  for (let k = 0; k < node.childNodes.length; k++) {
    const c = node.childNodes[k];
    if (c === undefined) continue;
    if (c.nodeType === TEXT || c.nodeType === CDATA) out += c.data ?? '';
    else if (c.nodeType === ELEMENT && c.namespaceURI === AKN_NS) {
      if (c.localName === 'eol' || c.localName === 'br') out += ' ';
      else if (c.localName !== 'authorialNote') out += textOf(c);
    }
  }
  return out;
}
const cleanText = (node: DomNode | undefined): string => (node === undefined ? '' : normaliseSpaces(textOf(node)));

const LEVEL_OF_ELEMENT: Readonly<Record<string, HeadingLevel>> = { title: 'titre', chapter: 'chapitre', section: 'section', subsection: 'sous-section' };
const KEYWORD: Readonly<Record<HeadingLevel, string>> = { titre: 'TITRE', chapitre: 'Chapitre', section: 'Section', 'sous-section': 'Sous-section' };
/** Containers read through: their articles keep the headings around them. */
const TRANSPARENT = new Set(['book', 'part', 'subpart', 'subtitle', 'subchapter', 'division', 'subdivision', 'hcontainer', 'container', 'level', 'tome', 'clause', 'subclause', 'rule', 'subrule']);
/** Elements whose text is never an alinéa of the article. */
const NOT_ALINEAS = new Set(['num', 'heading', 'subheading', 'authorialNote', 'componentRef', 'documentRef']);

/** « Article 1er », « ART. 2 BIS. », « 3 » → the article's number, or null. */
function articleNumber(num: string): string | null {
  const core = num.replace(/^(?:article|art\.?)\s*/i, '').replace(/[\s.–—:-]+$/, '');
  return normaliseArticleNumber(core);
}

/** The article's alinéas: one per `<p>` (or `<heading>` of a nested part), in document order. */
function readAlineas(article: DomNode): string[] {
  const alineas: string[] = [];
  let pending = ''; // numbers of the containers entered since the last alinéa (« II. – 1° »)
  const emit = (text: string): void => {
    const alinea = normaliseSpaces(`${pending} ${text}`);
    pending = '';
    if (alinea !== '') alineas.push(alinea);
  };
  const walk = (node: DomNode, isArticle: boolean): void => {
    if (!isArticle) pending = normaliseSpaces(`${pending} ${cleanText(childNamed(node, 'num'))}`);
    for (const c of elements(node)) {
      const name = c.localName ?? '';
      if (name === 'p' || (!isArticle && (name === 'heading' || name === 'subheading'))) emit(textOf(c));
      else if (!NOT_ALINEAS.has(name)) walk(c, false);
    }
  };
  walk(article, true);
  if (pending !== '') emit(''); // a numbered part with no text: its number is the alinéa
  return alineas;
}

interface Reader {
  issues: ImportIssue[];
  articles: ParsedArticle[];
  seen: Map<string, string>;
}

function readArticle(el: DomNode, headings: readonly Heading[], path: string, r: Reader): void {
  const num = cleanText(childNamed(el, 'num'));
  const number = num === '' ? null : articleNumber(num);
  if (number === null) {
    r.issues.push({ path: `${path}/num`, message: num === '' ? msg('Article sans numéro (<num>).') : fill(msg('Numéro d’article non reconnu : « {{texte}} » (attendu par exemple « Article 1er », « Article 2 bis »).'), { texte: excerpt(num) }) });
    return;
  }
  const first = r.seen.get(number);
  if (first !== undefined) {
    r.issues.push({ path, message: fill(msg('L’article {{numero}} apparaît deux fois : {{premier}} et {{chemin}}.'), { numero: number, premier: first, chemin: path }) });
    return;
  }
  r.seen.set(number, path);
  let alineas = readAlineas(el);
  if (alineas.length === 0 && el.getAttribute?.('status') === 'removed') alineas = ['(Supprimé)'];
  if (alineas.length === 0) {
    r.issues.push({ path, message: fill(msg('L’article {{numero}} ne contient aucun alinéa (<p>).'), { numero: number }) });
    return;
  }
  const own = cleanText(childNamed(el, 'heading'));
  const path2 = headings.length === 0 && own !== '' ? readHeadingLine(own) : [...headings];
  r.articles.push({ number, headings: path2, alineas });
}

function readContainer(node: DomNode, headings: readonly Heading[], path: string, r: Reader): void {
  const counts = new Map<string, number>();
  for (const c of elements(node)) {
    const name = c.localName ?? '';
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    const at = `${path}/${name}[${n}]`;
    const level = LEVEL_OF_ELEMENT[name];
    if (name === 'article') readArticle(c, headings, at, r);
    else if (level !== undefined) {
      const previous = headings[headings.length - 1];
      if (previous !== undefined && LEVEL_DEPTH[level] <= LEVEL_DEPTH[previous.level]) {
        r.issues.push({ path: at, message: fill(msg('Un élément <{{element}}> ne peut pas se trouver dans une division de niveau {{niveau}}.'), { element: name, niveau: previous.level }) });
        continue;
      }
      const num = cleanText(childNamed(c, 'num'));
      const title = cleanText(childNamed(c, 'heading'));
      const heading: Heading = num !== '' ? { level, label: num, title } : { level, label: title || KEYWORD[level], title: '' };
      readContainer(c, [...headings, heading], at, r);
    } else if (TRANSPARENT.has(name)) readContainer(c, headings, at, r);
  }
}

function readTitle(doc: DomNode): string {
  const preface = childNamed(doc, 'preface');
  if (preface !== undefined) {
    const found: DomNode[] = [];
    const find = (n: DomNode): void => {
      for (const c of elements(n)) {
        if (c.localName === 'docTitle') found.push(c);
        else find(c);
      }
    };
    find(preface);
    const docTitle = found.map(cleanText).find((t) => t !== '');
    if (docTitle) return docTitle;
    const longTitle = cleanText(childNamed(preface, 'longTitle'));
    if (longTitle) return longTitle;
  }
  const work = childNamed(childNamed(childNamed(doc, 'meta') ?? doc, 'identification') ?? doc, 'FRBRWork');
  const name = work === undefined ? undefined : childNamed(work, 'FRBRname');
  return normaliseSpaces(name?.getAttribute?.('value') ?? '');
}

/** Why the XML cannot be read: one of `scanXml`'s reasons (a sentence of the catalogue, read back on pages), or the XML library's own. */
const XML_MALFORMED = msg('XML mal formé : {{raison}}');

export function parseAknBill(xml: string, opts: { maxChars: number; titleGiven?: boolean }): AknImportResult {
  const malformed = (message: string, line?: number): AknImportResult => ({ ok: false, reason: 'malformed', issues: [{ ...(line ? { line } : {}), message }] });
  const unreadable = (issues: ImportIssue[]): AknImportResult => ({ ok: false, reason: 'unreadable', issues: limitIssues(issues) });
  if (xml.length > opts.maxChars) return malformed(fill(msg('Le document dépasse {{max}} caractères.'), { max: opts.maxChars }));
  const source = xml.replace(/^\uFEFF/, '');
  const problem = scanXml(source);
  if (problem) return malformed(fill(XML_MALFORMED, { raison: problem.message }), lineAt(source, problem.index));
  let root: DomNode;
  try {
    root = create(source).root().node as unknown as DomNode;
  } catch (e) {
    return malformed(fill(XML_MALFORMED, { raison: excerpt((e as Error).message, 200) }));
  }
  if (root.localName !== 'akomaNtoso' || root.namespaceURI !== AKN_NS) {
    // the namespace is AKN_NS, written out: a catalogue key is a literal (test/unit/imports-i18n.test.ts checks they agree)
    return unreadable([{ path: '/', message: root.namespaceURI
      ? fill(msg('Élément racine attendu : <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"> (Akoma Ntoso 3.0), trouvé <{{element}}> dans l’espace de noms {{espace}}.'), { element: root.localName ?? '?', espace: root.namespaceURI })
      : fill(msg('Élément racine attendu : <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"> (Akoma Ntoso 3.0), trouvé <{{element}}>.'), { element: root.localName ?? '?' }) }]);
  }
  const doc = elements(root)[0];
  if (doc === undefined || (doc.localName !== 'bill' && doc.localName !== 'act')) {
    return unreadable([{ path: '/akomaNtoso', message: doc ? fill(msg('Document attendu : <bill> (projet ou proposition de loi), trouvé <{{element}}>.'), { element: doc.localName ?? '?' }) : msg('Document attendu : <bill> (projet ou proposition de loi), trouvé aucun.') }]);
  }
  const base = `/akomaNtoso/${doc.localName ?? ''}`;
  const body = childNamed(doc, 'body');
  if (body === undefined) return unreadable([{ path: base, message: msg('Le document n’a pas de <body>.') }]);
  const r: Reader = { issues: [], articles: [], seen: new Map() };
  readContainer(body, [], `${base}/body`, r);
  if (r.articles.length === 0 && r.issues.length === 0) r.issues.push({ path: `${base}/body`, message: msg('Le document ne contient aucun article (<article>).') });
  const title = readTitle(doc);
  if (title === '' && !opts.titleGiven) r.issues.push({ path: `${base}/preface`, message: msg('Intitulé introuvable (<docTitle> ou <longTitle> dans <preface>) : donnez un intitulé.') });
  if (r.issues.length > 0) return unreadable(r.issues);
  return { ok: true, bill: { title, articles: r.articles } };
}
