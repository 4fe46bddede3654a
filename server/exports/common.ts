/**
 * What every export shares: French labels and dates, Akoma Ntoso eIds, the order in which the
 * adopted text is printed (deleted articles kept in place), and provenance runs made safe to print.
 */
import type { Heading } from '../../shared/bill';
import type { ExportAmendment, ExportArticle, ExportBill, Run } from './types';

/**
 * What the text is called: « Texte adopté » once the bill is adopted; before, the text as the
 * commission's decisions leave it so far — never called adopted before it is.
 */
export function textLabel(bill: Pick<ExportBill, 'status'>): string {
  return bill.status === 'adopted' ? 'Texte adopté' : 'Texte de la commission — provisoire';
}

/** « Article 2 bis ». */
export function articleLabel(number: string): string {
  return `Article ${number}`;
}

/** The amendment's target as printed above its dispositif: « ARTICLE 3 » or « APRÈS L’ARTICLE 3 ». */
export function amendmentTarget(a: Pick<ExportAmendment, 'kind' | 'articleNumber'>): string {
  return a.kind === 'insert_after' ? `APRÈS L’ARTICLE ${a.articleNumber}` : `ARTICLE ${a.articleNumber}`;
}

/** Characters an eId or a URI segment may carry: letters, digits, « - » (spaces are dropped). */
function idPart(text: string): string {
  return text.replace(/\s+/g, '').replace(/[^\p{L}\p{N}-]/gu, '-');
}

/** « 1er » → `art_1er`, « 2 bis » → `art_2bis`, « 1er A » → `art_1erA` (LEGISTIQUE.md). */
export function articleEid(number: string): string {
  return `art_${idPart(number)}`;
}

/** `art_2bis__al_3`: alinéas are numbered from 1. */
export function alineaEid(number: string, index: number): string {
  return `${articleEid(number)}__al_${index + 1}`;
}

/** A safe, readable id fragment for an amendment (« CL 12 rect. » → `CL12rect-`). */
export function amendmentSlug(displayNumber: string): string {
  return idPart(displayNumber) || 'sans-numero';
}

/** `2025-11-22` from an ISO timestamp (UTC), or the timestamp's own date part when unparsable. */
export function isoDate(iso: string): string {
  const d = new Date(iso);
  if (!Number.isNaN(d.getTime())) return d.toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '1970-01-01';
}

const FRENCH_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** « 22 novembre 2025 » (Paris time), or the raw text when it is not a date. */
export function frenchDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : FRENCH_DATE.format(d);
}

/** « Alice Martin, Association X (organisation) ». */
export function authorList(authors: ExportAmendment['authors']): string {
  return authors.map((a) => (a.kind === 'organisation' ? `${a.displayName} (organisation)` : a.displayName)).join(', ');
}

/** One article of the adopted text as printed: kept or added, or deleted (« (Supprimé) »). */
export type PrintedArticle =
  | { kind: 'article'; article: ExportArticle }
  | { kind: 'deleted'; number: string; heading: string | null; headings?: Heading[] };

/**
 * The adopted text in text order, deleted articles left where they stood (as a commission's text
 * prints « Article 3 (Supprimé) »): each goes just before the next article of the initial text that
 * survives. An initial article missing from the adopted text counts as deleted even if
 * `deletedArticles` forgot it, so that no article vanishes silently.
 */
export function printedArticles(bill: ExportBill): PrintedArticle[] {
  const kept = new Set(bill.articles.map((a) => a.number));
  const deleted = new Set(bill.deletedArticles.filter((n) => !kept.has(n)));
  for (const a of bill.initial) if (!kept.has(a.number)) deleted.add(a.number);
  const initialOf = new Map(bill.initial.map((a) => [a.number, a] as const));

  // deleted articles waiting for the next surviving initial article, keyed by that article
  const before = new Map<string, string[]>();
  const trailing: string[] = [];
  let waiting: string[] = [];
  for (const a of bill.initial) {
    if (deleted.has(a.number)) {
      waiting.push(a.number);
      continue;
    }
    if (waiting.length > 0) before.set(a.number, waiting);
    waiting = [];
  }
  trailing.push(...waiting);
  const placed = new Set(bill.initial.map((a) => a.number));
  for (const n of deleted) if (!placed.has(n)) trailing.push(n); // deleted, yet not in the initial text

  const out: PrintedArticle[] = [];
  const pushDeleted = (numbers: readonly string[]) => {
    for (const number of numbers) {
      const initial = initialOf.get(number);
      out.push({ kind: 'deleted', number, heading: initial?.heading ?? null, ...(initial?.headings ? { headings: initial.headings } : {}) });
    }
  };
  for (const article of bill.articles) {
    pushDeleted(before.get(article.number) ?? []);
    out.push({ kind: 'article', article });
  }
  pushDeleted(trailing);
  return out;
}

/**
 * The runs of one alinéa, adjacent runs from the same amendments merged and empty ones dropped.
 * When the provenance does not spell the alinéa exactly (missing, or out of step with the text),
 * the text wins and is returned as one run of unknown origin rather than print words twice.
 */
export function alineaRuns(article: ExportArticle, index: number): Run[] {
  const text = article.alineas[index] ?? '';
  const runs = article.provenance[index];
  if (runs === undefined || runs.map((r) => r.text).join('') !== text) return text === '' ? [] : [{ text, amendments: [] }];
  const out: Run[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const last = out[out.length - 1];
    if (last !== undefined && sameSet(last.amendments, run.amendments)) last.text += run.text;
    else out.push({ text: run.text, amendments: [...run.amendments] });
  }
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The amendments the adopted text owes words or articles to, in liasse order, with display data. */
export interface ProvenanceIndex {
  /** Adopted or cited amendments in liasse order; ids cited but unknown come last. */
  list: { id: string; amendment: ExportAmendment | undefined }[];
  byId: Map<string, ExportAmendment>;
}

export function provenanceIndex(bill: ExportBill): ProvenanceIndex {
  const cited = new Set<string>();
  for (const article of bill.articles) {
    for (const runs of article.provenance) for (const run of runs) for (const id of run.amendments) cited.add(id);
  }
  const byId = new Map(bill.amendments.map((a) => [a.id, a] as const));
  const list: ProvenanceIndex['list'] = [];
  for (const a of bill.amendments) if (a.status === 'adopted' || cited.has(a.id)) list.push({ id: a.id, amendment: a });
  for (const id of cited) if (!byId.has(id)) list.push({ id, amendment: undefined });
  return { list, byId };
}

/** « Amendement n° 12 » (or the raw id when the amendment is not in the liasse). */
export function amendmentName(id: string, amendment: ExportAmendment | undefined): string {
  return amendment === undefined ? `Amendement ${id}` : `Amendement n° ${amendment.displayNumber}`;
}

/** Lines of a multi-line field, trimmed, blank ones dropped. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/** The adopted amendments that deleted an article (« Supprimer cet article. »). */
export function deletingAmendments(bill: ExportBill, number: string): ExportAmendment[] {
  return bill.amendments.filter((a) => a.kind === 'delete' && a.status === 'adopted' && a.articleNumber === number);
}

// XML 1.0 forbids most control characters and lone surrogates; a pasted text may carry them
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without the characters XML 1.0 (and so AKN and Word files) cannot carry. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '');
}
