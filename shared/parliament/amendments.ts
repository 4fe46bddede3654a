import { parse as parseCsv } from 'csv-parse/sync';
import { convert } from 'xmlbuilder2';
import { fill, msg } from '../i18n';
import { printedNumber, subAmendmentTarget } from '../legistique/sub-amendment';

/**
 * Parliamentary amendments read from the chambers' exports (pure: raw data in, list out):
 * the Assemblée's open-data XML (`<amendement>` elements) and the Sénat's CSV export
 * (« jeu complet », tab-separated, decoded to text by the caller).
 */
export type ParliamentOutcome = 'adopted' | 'rejected' | 'withdrawn' | 'fallen' | 'not_examined';

export interface ParliamentAmendment {
  /** As printed: « 123 », « 123 rect. ». */
  number: string;
  /** Signatories as text (names, not platform accounts). */
  authors: string;
  group: string | null;
  /** The article's number as the bill names it (« 9 », « 3 bis »); null when unreadable. */
  articleNumber: string | null;
  /** True for an additional article (« après l'article 8 »). */
  additional: boolean;
  /** Plain text, one alinéa a line. */
  dispositif: string;
  expose: string;
  outcome: ParliamentOutcome | null;
  /** A sous-amendement: the number of the amendment it amends, as printed (« 78 rect. »); else null. */
  parentNumber: string | null;
}

export type ParseResult = { ok: true; amendments: ParliamentAmendment[] } | { ok: false; message: string };

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: '\u00a0', laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”',
  ndash: '–', mdash: '—', hellip: '…', deg: '°', euro: '€', eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à', acirc: 'â', ccedil: 'ç',
  ocirc: 'ô', ucirc: 'û', ugrave: 'ù', icirc: 'î', iuml: 'ï', oelig: 'œ',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/** HTML of a dispositif or exposé → plain text, a line per paragraph. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|h\d)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u202f]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

const OUTCOMES: [RegExp, ParliamentOutcome][] = [
  [/^adopt/i, 'adopted'],
  [/^rejet/i, 'rejected'],
  [/^retir/i, 'withdrawn'],
  [/^tomb/i, 'fallen'],
  [/^non (soutenu|d[ée]fendu|examin|pris en compte)/i, 'not_examined'],
];

export function readOutcome(s: string | null | undefined): ParliamentOutcome | null {
  const t = (s ?? '').trim();
  return OUTCOMES.find(([re]) => re.test(t))?.[1] ?? null;
}

/** « Article 9 », « ART. 3 BIS », « Article additionnel après l'article 8 » → number and whether additional. */
export function readArticle(s: string): { articleNumber: string | null; additional: boolean } {
  const t = s.replace(/\u00a0/g, ' ').trim();
  const additional = /additionnel|apr[èe]s|avant/i.test(t);
  const m = /art(?:icle|\.)?\s*(\d+(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)\b)?)/i.exec(t);
  // numbered as the bill numbers it: article 1 is « 1er » (« 1er bis »)
  const num = m?.[1]?.replace(/\s+/g, ' ').toLowerCase().replace(/^1(?= |$)/, '1er') ?? null;
  if (/premier|1er\b/i.test(t) && num === null) return { articleNumber: '1er', additional };
  return { articleNumber: num, additional };
}

/** The amendment a dispositif sub-amends, by its first line (« Amendement n° 78 rectifié, alinéa 9 »). */
export function parentOf(dispositif: string): string | null {
  const target = subAmendmentTarget(dispositif);
  return target === null ? null : printedNumber(target);
}

type Node = Record<string, unknown> | string | null | undefined;
/** A node's text: xmlbuilder2 keeps entity references of text nodes (decoded here), CDATA ('$') as is. */
const text = (n: unknown): string => {
  if (typeof n === 'string') return decodeEntities(n);
  if (n !== null && typeof n === 'object') {
    const o = n as Record<string, unknown>;
    if (typeof o['#'] === 'string') return decodeEntities(o['#']);
    if (typeof o['$'] === 'string') return o['$'];
  }
  return '';
};
const child = (n: Node, k: string): Node => (n !== null && typeof n === 'object' ? (n[k] as Node) : undefined);
const all = (n: unknown): unknown[] => (Array.isArray(n) ? n : n === undefined ? [] : [n]);

function anAmendment(a: Node): ParliamentAmendment {
  const division = child(a, 'division');
  const where = readArticle(text(child(division, 'titre')) || text(child(division, 'divisionDesignation')));
  const additional = where.additional || text(child(division, 'articleAdditionnel')).trim() === '1' || /APR[ÈE]S|AVANT/i.test(text(child(division, 'divisionDesignation')));
  const authors = htmlToText(text(child(a, 'listeDesSignataires')));
  const dispositif = htmlToText(text(child(a, 'dispositif')));
  // the open data names the parent in some vintages (« numeroParent », « amendementParent »)
  const parentField = (text(child(a, 'numeroParent')) || text(child(a, 'amendementParent')) || text(child(a, 'parentNumero'))).trim();
  return {
    number: (text(child(a, 'numeroLong')) || text(child(a, 'numero'))).trim(),
    authors,
    group: null,
    articleNumber: where.articleNumber,
    additional,
    dispositif,
    expose: htmlToText(text(child(a, 'exposeSommaire'))),
    outcome: readOutcome(text(child(a, 'sortEnSeance'))),
    parentNumber: /^\d/.test(parentField) ? parentField : parentOf(dispositif),
  };
}

/** One or several `<amendement>` (alone, or under any root). */
export function parseAnXml(xml: string): ParseResult {
  let doc: Record<string, unknown>;
  try {
    doc = convert(xml, { format: 'object' }) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, message: fill(msg('XML illisible : {{raison}}'), { raison: (e as Error).message.slice(0, 200) }) };
  }
  const found: unknown[] = [];
  const walk = (n: unknown, depth: number): void => {
    if (depth > 4 || n === null || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
      if (k === 'amendement') found.push(...all(v));
      else if (!k.startsWith('@')) for (const x of all(v)) walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  const amendments = found.map((a) => anAmendment(a as Node)).filter((a) => a.number !== '');
  if (amendments.length === 0) return { ok: false, message: msg('Aucun élément <amendement> avec un numéro.') };
  return { ok: true, amendments };
}

const norm = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\uFFFD/g, '').trim().toLowerCase();

/** The Sénat's CSV (« sep=\t » first line, then a header row: Nature, Numéro, Subdivision, …). */
export function parseSenatCsv(csv: string): ParseResult {
  let rows: string[][];
  try {
    const body = csv.replace(/^\uFEFF?sep=.*\r?\n/, '');
    rows = parseCsv(body, { delimiter: '\t', relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    return { ok: false, message: fill(msg('CSV illisible : {{raison}}'), { raison: (e as Error).message.slice(0, 200) }) };
  }
  const header = (rows[0] ?? []).map(norm);
  const col = (name: string): number => header.findIndex((h) => h.startsWith(name));
  const c = { number: col('num'), sub: col('subdivision'), author: col('auteur'), group: col('au nom de'), dispositif: col('dispositif'), objet: col('objet'), sort: col('sort') };
  if (c.number < 0 || c.sub < 0 || c.dispositif < 0) return { ok: false, message: msg('En-tête attendu : Numéro, Subdivision, Dispositif (export CSV du Sénat).') };
  const amendments = rows.slice(1).filter((r) => (r[c.number] ?? '').trim() !== '').map((r): ParliamentAmendment => {
    const cell = (i: number): string => (i < 0 ? '' : (r[i] ?? '').trim());
    const where = readArticle(cell(c.sub));
    const dispositif = htmlToText(cell(c.dispositif));
    return {
      number: cell(c.number),
      authors: cell(c.author),
      group: cell(c.group) || null,
      articleNumber: where.articleNumber,
      additional: where.additional,
      dispositif,
      expose: htmlToText(cell(c.objet)),
      outcome: readOutcome(cell(c.sort)),
      parentNumber: parentOf(dispositif),
    };
  });
  if (amendments.length === 0) return { ok: false, message: msg('Aucune ligne d’amendement.') };
  return { ok: true, amendments };
}
