/**
 * Inputs and outputs of examination order and reconciliation (docs/reconciliation.md).
 * Plain JSON-able data: the server reads it from its tables and serves the result as is.
 */
import type { ChangeKind } from '../similarity';

export type { ChangeKind };

/** An article of the bill as it stands when the commission starts, in text order. */
export interface BillArticle {
  id: string;
  /** Display number: « 1er », « 2 bis », « 1er A ». */
  number: string;
  alineas: readonly string[];
}

/** What both examination and reconciliation read of an amendment. */
export interface AmendmentChange {
  id: string;
  /** The article it targets; for `insert_after`, the article the new one follows. */
  articleId: string;
  kind: ChangeKind;
  /** The article text the amendment was written against. */
  base: readonly string[];
  /** modify: the whole proposed article; insert_after: the new article; delete: []. */
  alineas: readonly string[];
}

export interface ExaminedAmendment extends AmendmentChange {
  number: number;
  origin: 'citizen' | 'commission' | 'parliament';
  /** A sous-amendement: the amendment it amends (examined right before it). */
  parentId?: string | null;
}

export interface ExaminationGroup {
  /** One id, or several identical amendments decided by one vote (commission first, then by number). */
  amendmentIds: string[];
  articleId: string;
  kind: ChangeKind;
}

export interface Author {
  id: string;
  displayName: string;
}

export interface AdoptedAmendment extends AmendmentChange {
  /** Public number, used to name the amendment in the reasons others fall. */
  number?: number | null;
  authors: readonly Author[];
}

/** Contiguous words of one alinéa and the amendments they come from ([] = the initial text). */
export interface ProvenanceRun {
  text: string;
  amendments: string[];
}

/** The runs of one alinéa: their texts concatenate exactly to the alinéa. */
export type Provenance = ProvenanceRun[];

export interface ReconciledArticle {
  /** null for an article additionnel. */
  id: string | null;
  number: string;
  alineas: string[];
  provenance: Provenance[];
  origin: 'initial' | { amendmentId: string };
}

export interface FallenAmendment {
  amendmentId: string;
  /** In French, naming what made it impossible. */
  reason: string;
  /** The adopted amendment that made it impossible, when there is one. */
  by: string | null;
}

export interface Contributor {
  number: number | null;
  authors: Author[];
}

export interface ReconcileResult {
  articles: ReconciledArticle[];
  /** In the order they were applied (identical ones right after the first of them). */
  applied: string[];
  fallen: FallenAmendment[];
  /** Who wrote each applied amendment: runs name amendments, this names people, once each. */
  contributors: Record<string, Contributor>;
}

/** Whether an amendment can still be applied to the text reconciled so far. */
export type Verdict = { ok: true } | { ok: false; reason: string; by: string | null };
