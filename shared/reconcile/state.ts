/**
 * The text reconciled so far, kept as an immutable value (like ProseMirror's EditorState): an
 * application returns a new state sharing every article it did not touch, so that refusing an
 * amendment is just not keeping the state it would have produced.
 *
 * Nothing is ever removed from an article: deleted words, alinéas and articles stay as
 * tombstones that remember who deleted them. That is what lets a later amendment, written against
 * the initial text, find each of its words (by identity, not by searching) and name the adopted
 * amendment that changed them.
 */
import { tokenize } from './tokens';
import type { Author, BillArticle, ReconciledArticle } from './types';

/** One token of an alinéa. */
export interface Cell {
  readonly text: string;
  /** Its index among the tokens of the article's initial alinéa, -1 when an amendment inserted it. */
  readonly origin: number;
  /** Amendments that introduced it ([] for the initial text); shared by all cells of one application. */
  readonly prov: readonly string[];
  readonly deletedBy: string | null;
}

export interface LiveAlinea {
  /** Its index among the article's initial alinéas, -1 when an amendment inserted it. */
  readonly origin: number;
  readonly cells: readonly Cell[];
  readonly insertedBy: string | null;
  readonly deletedBy: string | null;
}

/** An applied amendment, kept in the article it changed (or created). */
export interface AppliedRecord {
  readonly number: number | null;
  readonly authors: readonly Author[];
  /** Identical amendments decided with it, credited alongside it. */
  readonly twins: readonly string[];
}

/**
 * Records live in the article they concern, not in one bill-wide map: applying an amendment
 * then copies one article's bookkeeping, not everything applied so far.
 */
export interface LiveArticle {
  readonly id: string | null;
  readonly number: string;
  readonly origin: ReconciledArticle['origin'];
  /** The text the cells' origins refer to: amendments written against it are matched by identity. */
  readonly initial: readonly string[];
  readonly alineas: readonly LiveAlinea[];
  readonly deletedBy: string | null;
  /** Amendments applied to it (for an article additionnel: the one that created it, first). */
  readonly applied: ReadonlyMap<string, AppliedRecord>;
  /** Identity key (similarity.ts) → the first applied amendment with that key, for amendments on this article and after it. */
  readonly identities: ReadonlyMap<string, string>;
}

/** Applied amendment ids, newest first: appending is O(1) and old states stay valid. */
export interface AppliedLog {
  readonly id: string;
  readonly prev: AppliedLog | null;
}

export interface ReconcileState {
  /** Article keys in text order, deleted ones included (their numbers stay taken). */
  readonly order: readonly string[];
  /** By key: the bill article's id, or for an article additionnel the id of the amendment that created it. */
  readonly articles: ReadonlyMap<string, LiveArticle>;
  readonly log: AppliedLog | null;
}

export const NO_PROVENANCE: readonly string[] = Object.freeze([]);

/** An alinéa an amendment inserts into an existing article: all its words are the amendment's. */
export function insertedAlinea(text: string, by: string, prov: readonly string[]): LiveAlinea {
  return { origin: -1, cells: insertedCells(text, prov), insertedBy: by, deletedBy: null };
}

export function insertedCells(text: string, prov: readonly string[]): Cell[] {
  return tokenize(text).map((t): Cell => ({ text: t, origin: -1, prov, deletedBy: null }));
}

/** An article whose current text is its initial text (a bill article, or a new one as adopted). */
export function liveArticle(id: string | null, number: string, alineas: readonly string[], origin: LiveArticle['origin'], prov = NO_PROVENANCE): LiveArticle {
  const insertedBy = origin === 'initial' ? null : origin.amendmentId;
  const live = alineas.map((text, i): LiveAlinea => {
    const cells = tokenize(text).map((t, k): Cell => ({ text: t, origin: k, prov, deletedBy: null }));
    return { origin: i, cells, insertedBy, deletedBy: null };
  });
  return { id, number, origin, initial: alineas, alineas: live, deletedBy: null, applied: new Map(), identities: new Map() };
}

export function initialState(articles: readonly BillArticle[]): ReconcileState {
  const map = new Map<string, LiveArticle>();
  for (const a of articles) {
    if (map.has(a.id)) throw new Error(`reconcile: article ${a.id} appears twice`);
    map.set(a.id, liveArticle(a.id, a.number, a.alineas, 'initial'));
  }
  return { order: articles.map((a) => a.id), articles: map, log: null };
}

export function visibleText(alinea: LiveAlinea): string {
  let text = '';
  for (const c of alinea.cells) if (c.deletedBy === null) text += c.text;
  return text;
}

/** « l’amendement n° 12 », or its id when it has no number; `id` was applied to `article`. */
export function amendmentLabel(article: LiveArticle, id: string): string {
  const n = article.applied.get(id)?.number;
  return n === null || n === undefined ? `l’amendement ${id}` : `l’amendement n° ${n}`;
}
