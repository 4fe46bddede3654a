/**
 * Akoma Ntoso 3.0 building blocks shared by the bill and the liasse: the namespace, XML-safe text,
 * FRBR identification with URIs of the form `/akn/fr/<type>/<date>/<name>/fra@<date>/!main`, and
 * the TLC references (people, organisations) that `refersTo`, `source` and `href` point at.
 */
import { slug } from '../../shared/slug';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { isoDate, xmlText } from './common';
import type { ExportAmendment, ExportBill } from './types';

export { xmlText };

export const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

export interface AknOptions {
  /** Date of the Work (the bill as first published), `YYYY-MM-DD`; defaults to the export's date. */
  workDate?: string;
}

/** The platform, as the source of every metadata block and the author of the manifestations. */
export const PLATFORM = { eId: 'palimpseste', href: '/ontology/organization/fr/palimpseste', showAs: 'Palimpseste' };

/** A URI path segment: what the bill's id or an amendment's number may carry, percent-encoded. */
export function uriSegment(text: string): string {
  return encodeURIComponent(text.trim().replace(/\s+/g, '-')) || '-';
}

/** `/akn/fr/bill/2025-11-22/projet-x`: the Work; the Expression adds `/fra@<date>`. */
export function workUri(type: string, date: string, name: string): string {
  return `/akn/fr/${type}/${date}/${uriSegment(name)}`;
}

export function expressionUri(type: string, date: string, name: string, exprDate: string): string {
  return `${workUri(type, date, name)}/fra@${exprDate}`;
}

/** The URI of the bill's initial Expression, that amendments and the liasse point at (`…/!main`). */
export function billExpressionUri(bill: ExportBill, opts: AknOptions = {}): string {
  const workDate = opts.workDate ?? isoDate(bill.generatedAt);
  return `${expressionUri('bill', workDate, bill.billId, workDate)}/!main`;
}

export interface Identification {
  type: 'bill' | 'amendment' | 'amendmentList';
  name: string;
  workDate: string;
  workDateName: string;
  exprDate: string;
  exprDateName: string;
  exportDate: string;
  /** `#eId` of the author of the Work, then of the Expression. */
  workAuthor: string;
  exprAuthor: string;
  /** The platform's eId in this document (the manifestation's author and the metadata source). */
  platform: string;
  number?: string;
  title?: string;
}

/** `<identification>` with FRBRWork, FRBRExpression and FRBRManifestation, in schema order. */
export function identification(meta: XMLBuilder, id: Identification): void {
  const work = workUri(id.type, id.workDate, id.name);
  const expr = expressionUri(id.type, id.workDate, id.name, id.exprDate);
  const ident = meta.ele('identification', { source: `#${id.platform}` });

  const w = ident.ele('FRBRWork');
  w.ele('FRBRthis', { value: `${work}/!main` });
  w.ele('FRBRuri', { value: work });
  w.ele('FRBRdate', { date: id.workDate, name: id.workDateName });
  w.ele('FRBRauthor', { href: id.workAuthor });
  w.ele('FRBRcountry', { value: 'fr' });
  if (id.number !== undefined) w.ele('FRBRnumber', { value: xmlText(id.number) });
  if (id.title !== undefined) w.ele('FRBRname', { value: xmlText(id.title) });

  const e = ident.ele('FRBRExpression');
  e.ele('FRBRthis', { value: `${expr}/!main` });
  e.ele('FRBRuri', { value: expr });
  e.ele('FRBRdate', { date: id.exprDate, name: id.exprDateName });
  e.ele('FRBRauthor', { href: id.exprAuthor });
  e.ele('FRBRlanguage', { language: 'fra' });

  const m = ident.ele('FRBRManifestation');
  m.ele('FRBRthis', { value: `${expr}/!main.xml` });
  m.ele('FRBRuri', { value: `${expr}.akn` });
  m.ele('FRBRdate', { date: id.exportDate, name: 'export' });
  m.ele('FRBRauthor', { href: `#${id.platform}` });
}

type Author = ExportAmendment['authors'][number];

/** ASCII slug of a name, for ontology URIs: « Élise Dupont » → `elise-dupont`. */
export function nameSlug(text: string): string {
  return slug(text) || 'anonyme';
}

/**
 * The people and organisations of a document, one TLC reference each, with stable eIds
 * (`<prefix>pers_1`, `<prefix>org_1`) in order of first appearance.
 */
export class AuthorRefs {
  private readonly byKey = new Map<string, { eId: string; author: Author }>();
  private persons = 0;
  private organisations = 0;

  constructor(private readonly prefix = '') {}

  /** The eId of this author's reference, created on first use. */
  eId(author: Author): string {
    const key = `${author.kind}:${author.displayName}`;
    const known = this.byKey.get(key);
    if (known) return known.eId;
    const eId = author.kind === 'organisation' ? `${this.prefix}org_${++this.organisations}` : `${this.prefix}pers_${++this.persons}`;
    this.byKey.set(key, { eId, author });
    return eId;
  }

  /** Appends the TLCPerson / TLCOrganization elements to a `<references>` element. */
  appendTo(references: XMLBuilder): void {
    for (const { eId, author } of this.byKey.values()) {
      const organisation = author.kind === 'organisation';
      references.ele(organisation ? 'TLCOrganization' : 'TLCPerson', {
        eId,
        href: `/ontology/${organisation ? 'organization' : 'person'}/fr/${nameSlug(author.displayName)}`,
        showAs: xmlText(author.displayName),
      });
    }
  }
}

/** `<TLCOrganization>` for the platform, under the given eId. */
export function platformRef(references: XMLBuilder, eId: string): void {
  references.ele('TLCOrganization', { eId, href: PLATFORM.href, showAs: PLATFORM.showAs });
}

/** The textualMod type of an amendment's effect. */
export function modType(kind: ExportAmendment['kind']): 'repeal' | 'insertion' | 'substitution' {
  return kind === 'delete' ? 'repeal' : kind === 'insert_after' ? 'insertion' : 'substitution';
}
