/**
 * Three-way merge of one alinéa, word by word: base = the alinéa the amendment was written
 * against (its tokens), ours = the alinéa reconciled so far (its cells), theirs = the amendment's
 * word diff of that alinéa. Changes at different places merge; colliding ones (hunks.ts) make the
 * amendment fall, naming the adopted amendment that made the ours-side change.
 */
import type { WordPart } from '../text-diff';
import { collide, SpaceReach, type Hunk } from './hunks';
import { insertedCells, type Cell, type LiveAlinea } from './state';
import { tokenStarts } from './tokens';

/** A change made since the base: the base words [s, e) are gone, `inserted` stands in their place. */
export interface OursHunk extends Hunk {
  by: string | null;
  /** Base words it changed (empty for a pure insertion). */
  words: string;
  inserted: string;
}

interface TheirsHunk extends Hunk {
  insert: string;
}

export type WordMerge = { ok: true; alinea: LiveAlinea } | { ok: false; ours: OursHunk };

/**
 * What changed between base and ours, as hunks between the base tokens still standing (found,
 * not deleted). Who did it: whoever deleted the base words, else whoever inserted the words in
 * their place, else whoever deleted anything there; null when no amendment did (the base is an
 * older version of the article).
 */
export function oursWordHunks(cells: readonly Cell[], tokens: readonly string[], images: Int32Array): OursHunk[] {
  const isImage = new Uint8Array(cells.length);
  for (const j of images) if (j >= 0) isImage[j] = 1;
  const standing = (k: number) => {
    const j = images[k] ?? -1;
    return j >= 0 && cells[j]?.deletedBy === null;
  };
  const hunks: OursHunk[] = [];
  let prev = -1;
  let prevCell = -1;
  for (let k = 0; k <= tokens.length; k++) {
    if (k < tokens.length && !standing(k)) continue;
    const cellAt = k < tokens.length ? (images[k] ?? cells.length) : cells.length;
    let inserted = '';
    let insertedBy: string | null = null;
    let anyDeleter: string | null = null;
    for (let j = prevCell + 1; j < cellAt; j++) {
      const cell = cells[j];
      if (cell === undefined) continue;
      if (cell.deletedBy !== null) anyDeleter ??= cell.deletedBy;
      else if (isImage[j] === 0) {
        inserted += cell.text;
        insertedBy ??= cell.prov[0] ?? null;
      }
    }
    if (k > prev + 1 || inserted !== '') {
      let deleter: string | null = null;
      for (let b = prev + 1; b < k && deleter === null; b++) deleter = cells[images[b] ?? -1]?.deletedBy ?? null;
      const words = tokens.slice(prev + 1, k).join('');
      hunks.push({ s: prev + 1, e: k, by: deleter ?? insertedBy ?? anyDeleter, words, inserted });
    }
    prev = k;
    prevCell = cellAt;
  }
  return hunks;
}

/** The amendment's changes to this alinéa: runs of deleted and inserted parts between equal ones. */
function theirsWordHunks(tokens: readonly string[], parts: readonly WordPart[]): TheirsHunk[] {
  const starts = tokenStarts(tokens);
  const hunks: TheirsHunk[] = [];
  let k = 0;
  let pos = 0;
  let open: TheirsHunk | null = null;
  const advance = (len: number) => {
    pos += len;
    while (k < tokens.length && (starts[k + 1] ?? 0) <= pos) k++;
    // parts are made of whole diffWordsWithSpace tokens, which are ours (tokens.ts)
    if ((starts[k] ?? pos) !== pos) throw new Error('reconcile: a word diff part splits a token');
  };
  for (const part of parts) {
    if (part.op === 'equal') {
      open = null;
      advance(part.text.length);
      continue;
    }
    if (open === null) {
      open = { s: k, e: k, insert: '' };
      hunks.push(open);
    }
    if (part.op === 'delete') {
      advance(part.text.length);
      open.e = k;
    } else {
      open.insert += part.text;
    }
  }
  return hunks;
}

/** Applies the word diff `parts` of base alinéa `tokens` to `alinea`, or says which change of ours it collides with. */
export function mergeWords(
  alinea: LiveAlinea,
  tokens: readonly string[],
  images: Int32Array,
  parts: readonly WordPart[],
  amendmentId: string,
  prov: readonly string[],
): WordMerge {
  const theirs = theirsWordHunks(tokens, parts);
  const ours = oursWordHunks(alinea.cells, tokens, images);
  const reach = new SpaceReach(tokens);
  for (const t of theirs) {
    for (const o of ours) if (collide(t, o, reach)) return { ok: false, ours: o };
  }
  // No collision: every base word theirs touches is standing, and so is the one an insertion follows.
  const deleted = new Uint8Array(alinea.cells.length);
  const inserts = new Map<number, Cell[]>();
  for (const t of theirs) {
    for (let b = t.s; b < t.e; b++) deleted[images[b] ?? 0] = 1;
    const after = t.e > t.s ? (images[t.e - 1] ?? -1) : t.s > 0 ? (images[t.s - 1] ?? -1) : -1;
    if (t.insert !== '') inserts.set(after, insertedCells(t.insert, prov));
  }
  const cells: Cell[] = [...(inserts.get(-1) ?? [])];
  alinea.cells.forEach((cell, j) => {
    cells.push(deleted[j] === 1 ? { ...cell, deletedBy: amendmentId } : cell);
    for (const c of inserts.get(j) ?? []) cells.push(c);
  });
  return { ok: true, alinea: { ...alinea, cells } };
}
