/**
 * What the export renderers take: a bill's initial text, its reconciled (adopted) text with
 * word-level provenance, and its liasse of amendments. The server builds it from the database and
 * the reconciliation engine; every renderer in this folder is a function of it alone.
 */

import type { Heading } from '../../shared/bill';

/** A stretch of an alinéa and the adopted amendments its words come from ([] = initial text). */
export interface Run { text: string; amendments: string[] }            // amendments: [] = initial text

/**
 * `heading`: one printable line above the article. `headings`: the divisions around it (TITRE ›
 * Chapitre › …), when known: the Akoma Ntoso export nests the article in them; undefined (an
 * article added by amendment) keeps it in the divisions of the article before it.
 */
export interface ExportArticle { number: string; heading: string | null; headings?: Heading[]; alineas: string[]; provenance: Run[][]; isNew: boolean }

export interface ExportAmendment {
  id: string; displayNumber: string; articleNumber: string; kind: 'modify' | 'delete' | 'insert_after';
  authors: { displayName: string; kind: 'citizen' | 'organisation' }[]; origin: 'citizen' | 'commission' | 'parliament';
  dispositif: string;            // French dispositif, one operation or quoted alinéa per line
  rationale: string;             // exposé sommaire
  status: string; outcomeFr: string | null;   // « Adopté », « Rejeté », « Tombé », « Irrecevable », « Retiré » or null
  submittedAt: string | null;
}

export interface ExportBill {
  billId: string; title: string; status: string; generatedAt: string;  // ISO
  initial: { number: string; heading: string | null; headings?: Heading[]; alineas: string[] }[];   // the bill as first published (text order)
  articles: ExportArticle[];          // the reconciled / adopted text (deleted articles absent)
  deletedArticles: string[];          // numbers of articles deleted by adopted amendments
  amendments: ExportAmendment[];      // in examination order (the liasse order)
}
