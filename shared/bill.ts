/**
 * The bill as the import parsers produce it and as the API serves it.
 * An article's text is an ordered list of alinéas (one per line break, per the circulaire of
 * 20 October 2000); headings are the divisions above the article, outermost first.
 */

export type HeadingLevel = 'titre' | 'chapitre' | 'section' | 'sous-section';

/** One division above an article, e.g. {level: 'chapitre', label: 'Chapitre Ier', title: 'Les missions…'}. */
export interface Heading {
  level: HeadingLevel;
  /** The division's own designation as printed: « TITRE Ier », « Chapitre II », « Section 1 ». */
  label: string;
  /** Its title (may be empty when the division has none). */
  title: string;
}

export interface ParsedArticle {
  /** Display number without the word « Article »: « 1er », « 2 bis », « 1er A ». */
  number: string;
  /** Heading path, outermost first (TITRE › Chapitre › Section › Sous-section). */
  headings: Heading[];
  alineas: string[];
}

export interface ParsedBill {
  title: string;
  articles: ParsedArticle[];
}

/** A problem in an imported text, located so that the person who pasted it can fix it. */
export interface ImportIssue {
  /** 1-based line number in the submitted text, when the problem is on a line. */
  line?: number;
  /** JSON-pointer-like path for structured imports, e.g. "articles/3/number". */
  path?: string;
  message: string;
}

export type ImportResult = { ok: true; bill: ParsedBill } | { ok: false; issues: ImportIssue[] };

/** « TITRE Ier – Missions… › Chapitre Ier – Les missions… »: the heading path as one readable line. */
export function headingLine(headings: readonly Heading[]): string | null {
  if (headings.length === 0) return null;
  return headings.map((h) => (h.title ? `${h.label} – ${h.title}` : h.label)).join(' › ');
}
