/**
 * The text diff of an article: one list of alinéa operations, used by the visual diff, the
 * generated dispositif, reconciliation and provenance (format documented in docs/diff-format.md).
 *
 *   ops: AlineaOp[] in document order. Every alinéa of the old text appears exactly once, in order,
 *        as `equal`, `delete` or `modify` (`before`, 1-based); every alinéa of the new text appears
 *        exactly once, in order, as `equal`, `insert` or `modify` (`after`, 1-based).
 *   modify.parts: the word diff of one alinéa; equal+delete parts concatenate to the old alinéa,
 *        equal+insert parts to the new one; no part is empty and adjacent parts differ in `op`.
 *   stats: how many ops of each kind (`unchanged` counts `equal`).
 *   fallback: 'alinea-level' when a bound (maxEditLength, timeout, pairing size) was hit and part
 *        of the diff was left coarser than usual: still exact, so applyTextDiff still rebuilds the
 *        new text, but changed alinéas show as delete + insert instead of word-level modify.
 */
import { diffArrays, diffWordsWithSpace } from 'diff';

export type WordPart = { op: 'equal' | 'insert' | 'delete'; text: string };

export type AlineaOp =
  | { op: 'equal'; before: number; after: number; text: string }
  | { op: 'insert'; after: number; text: string }
  | { op: 'delete'; before: number; text: string }
  | { op: 'modify'; before: number; after: number; parts: WordPart[] };

export interface TextDiffStats {
  inserted: number;
  deleted: number;
  modified: number;
  unchanged: number;
}

export interface TextDiff {
  ops: AlineaOp[];
  stats: TextDiffStats;
  fallback?: 'alinea-level';
}

export interface DiffTextsOptions {
  /** Largest edit distance tried by each `diff` call (alinéas when aligning, tokens inside one). */
  maxEditLength?: number;
  /** Time budget for the whole call; once spent, what is left is diffed at alinéa level. */
  timeoutMs?: number;
}

/** Word-overlap (Dice) similarity at or above which a removed and an added alinéa are one edit. */
export const SIMILARITY_THRESHOLD = 0.5;
export const DEFAULT_MAX_EDIT_LENGTH = 5000;
export const DEFAULT_TIMEOUT_MS = 200;
/** Largest removed × added run for which pairs are scored (each cell is one similarity). */
const MAX_PAIRING_CELLS = 10_000;

interface Bounds {
  maxEditLength: number;
  deadline: number;
}

interface Numbered {
  index: number; // 1-based
  text: string;
}

/** A stretch between equal anchors: what the old text lost and the new text gained there. */
interface Run {
  removed: Numbered[];
  added: Numbered[];
}

type Segment = { kind: 'equal'; before: number; after: number; text: string } | ({ kind: 'run' } & Run);

/** A piece of work that either stayed exact or gave up on detail to respect a bound. */
interface Outcome<T> {
  value: T;
  degraded: boolean;
}

export function diffTexts(
  before: readonly string[],
  after: readonly string[],
  opts: DiffTextsOptions = {},
): TextDiff {
  const bounds: Bounds = {
    maxEditLength: opts.maxEditLength ?? DEFAULT_MAX_EDIT_LENGTH,
    deadline: Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
  // alinéas are aligned before words, so that an inserted, deleted or moved alinéa is not
  // reported as a rewrite of its neighbours
  const aligned = alignAlineas(before, after, bounds);
  let degraded = aligned.degraded;
  const ops: AlineaOp[] = [];
  for (const segment of aligned.value) {
    if (segment.kind === 'equal') {
      ops.push({ op: 'equal', before: segment.before, after: segment.after, text: segment.text });
      continue;
    }
    // a coarse alignment already gave up on detail: its runs are not worth scoring
    const run = resolveRun(segment, bounds, !aligned.degraded);
    for (const op of run.value) ops.push(op); // not push(...): a run can outgrow the call stack
    degraded ||= run.degraded;
  }
  const diff: TextDiff = { ops, stats: countOps(ops) };
  if (degraded) diff.fallback = 'alinea-level';
  return diff;
}

function remainingMs(bounds: Bounds): number {
  return Math.max(0, bounds.deadline - Date.now());
}

function alignAlineas(before: readonly string[], after: readonly string[], bounds: Bounds): Outcome<Segment[]> {
  const changes = diffArrays([...before], [...after], {
    maxEditLength: bounds.maxEditLength,
    timeout: remainingMs(bounds),
  });
  if (changes === undefined) return { value: trimAlign(before, after), degraded: true };
  const segments: Segment[] = [];
  let run: Run = { removed: [], added: [] };
  let b = 0;
  let a = 0;
  for (const change of changes) {
    for (const text of change.value) {
      if (change.removed) run.removed.push({ index: ++b, text });
      else if (change.added) run.added.push({ index: ++a, text });
      else {
        pushRun(segments, run);
        run = { removed: [], added: [] };
        segments.push({ kind: 'equal', before: ++b, after: ++a, text });
      }
    }
  }
  pushRun(segments, run);
  return { value: segments, degraded: false };
}

function pushRun(segments: Segment[], run: Run): void {
  if (run.removed.length > 0 || run.added.length > 0) segments.push({ kind: 'run', ...run });
}

/** Bounded alignment when the real one gave up: common head and tail kept, the middle replaced. */
function trimAlign(before: readonly string[], after: readonly string[]): Segment[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  const equalAt = (b: number, a: number): Segment => ({ kind: 'equal', before: b + 1, after: a + 1, text: after[a] ?? '' });
  const segments: Segment[] = [];
  for (let i = 0; i < head; i++) segments.push(equalAt(i, i));
  const numbered = (text: string, i: number): Numbered => ({ index: head + i + 1, text });
  pushRun(segments, {
    removed: before.slice(head, before.length - tail).map(numbered),
    added: after.slice(head, after.length - tail).map(numbered),
  });
  for (let i = tail; i > 0; i--) segments.push(equalAt(before.length - i, after.length - i));
  return segments;
}

/** Turns one run into ops: similar alinéas, paired in order, become `modify`; the rest delete/insert. */
function resolveRun(run: Run, bounds: Bounds, tryPairing: boolean): Outcome<AlineaOp[]> {
  const pairs = tryPairing ? pairSimilar(run.removed, run.added, bounds) : undefined;
  let degraded = pairs === undefined && tryPairing;
  const ops: AlineaOp[] = [];
  let r = 0;
  let a = 0;
  for (const [pr, pa] of [...(pairs ?? []), [run.removed.length, run.added.length] as const]) {
    for (; r < pr; r++) ops.push(deleteOp(run.removed[r]));
    for (; a < pa; a++) ops.push(insertOp(run.added[a]));
    const old = run.removed[r];
    const now = run.added[a];
    if (old === undefined || now === undefined) break; // the end sentinel
    const modified = modifyOps(old, now, bounds);
    ops.push(...modified.value);
    degraded ||= modified.degraded;
    r++;
    a++;
  }
  return { value: ops, degraded };
}

function deleteOp(alinea: Numbered | undefined): AlineaOp {
  if (alinea === undefined) throw new Error('text-diff: run index out of range');
  return { op: 'delete', before: alinea.index, text: alinea.text };
}

function insertOp(alinea: Numbered | undefined): AlineaOp {
  if (alinea === undefined) throw new Error('text-diff: run index out of range');
  return { op: 'insert', after: alinea.index, text: alinea.text };
}

function modifyOps(old: Numbered, now: Numbered, bounds: Bounds): Outcome<AlineaOp[]> {
  if (old.text === now.text) {
    return { value: [{ op: 'equal', before: old.index, after: now.index, text: now.text }], degraded: false };
  }
  const parts = wordParts(old.text, now.text, bounds);
  if (parts === undefined) return { value: [deleteOp(old), insertOp(now)], degraded: true };
  return { value: [{ op: 'modify', before: old.index, after: now.index, parts }], degraded: false };
}

/** The word diff of two alinéas, or undefined when the `diff` package gave up on a bound. */
function wordParts(old: string, now: string, bounds: Bounds): WordPart[] | undefined {
  const changes = diffWordsWithSpace(old, now, { maxEditLength: bounds.maxEditLength, timeout: remainingMs(bounds) });
  if (changes === undefined) return undefined;
  const parts: WordPart[] = [];
  for (const change of changes) {
    const op = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    if (change.value === '') continue;
    const last = parts[parts.length - 1];
    if (last !== undefined && last.op === op) last.text += change.value;
    else parts.push({ op, text: change.value });
  }
  return parts;
}

/**
 * The order-keeping pairing of removed with added alinéas that maximises total similarity, using
 * only pairs at or above the threshold (a weighted LCS). Undefined when the run is too large or
 * the time budget runs out: the caller then reports the run at alinéa level.
 */
function pairSimilar(removed: Numbered[], added: Numbered[], bounds: Bounds): Array<readonly [number, number]> | undefined {
  const m = removed.length;
  const n = added.length;
  if (m === 0 || n === 0) return [];
  if (m * n > MAX_PAIRING_CELLS) return undefined;
  const addedBags = added.map((x) => wordBag(x.text));
  const sim = new Float64Array(m * n);
  const best = new Float64Array((m + 1) * (n + 1));
  const at = (i: number, j: number) => best[i * (n + 1) + j] ?? 0;
  for (let i = 1; i <= m; i++) {
    if (Date.now() > bounds.deadline) return undefined;
    const bag = wordBag(removed[i - 1]?.text ?? '');
    for (let j = 1; j <= n; j++) {
      const s = similarity(bag, addedBags[j - 1] ?? emptyBag);
      sim[(i - 1) * n + (j - 1)] = s;
      const paired = s >= SIMILARITY_THRESHOLD ? at(i - 1, j - 1) + s : -1;
      best[i * (n + 1) + j] = Math.max(at(i - 1, j), at(i, j - 1), paired);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  for (let i = m, j = n; i > 0 && j > 0; ) {
    const s = sim[(i - 1) * n + (j - 1)] ?? 0;
    if (s >= SIMILARITY_THRESHOLD && at(i, j) === at(i - 1, j - 1) + s) pairs.push([--i, --j]);
    else if (at(i, j) === at(i - 1, j)) i--;
    else j--;
  }
  return pairs.reverse();
}

interface WordBag {
  counts: Map<string, number>;
  size: number;
}

const emptyBag: WordBag = { counts: new Map(), size: 0 };

/** Words compared case-insensitively; punctuation and spacing do not make alinéas similar. */
function wordBag(text: string): WordBag {
  const counts = new Map<string, number>();
  let size = 0;
  for (const [word] of text.toLocaleLowerCase('fr').matchAll(/[\p{L}\p{N}]+/gu)) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
    size++;
  }
  return { counts, size };
}

/** Dice coefficient on word multisets: 2·|common| / (|a| + |b|), in [0, 1]. */
function similarity(a: WordBag, b: WordBag): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let common = 0;
  for (const [word, count] of small.counts) common += Math.min(count, large.counts.get(word) ?? 0);
  return (2 * common) / (a.size + b.size);
}

function countOps(ops: readonly AlineaOp[]): TextDiffStats {
  const stats: TextDiffStats = { inserted: 0, deleted: 0, modified: 0, unchanged: 0 };
  for (const op of ops) {
    if (op.op === 'insert') stats.inserted++;
    else if (op.op === 'delete') stats.deleted++;
    else if (op.op === 'modify') stats.modified++;
    else stats.unchanged++;
  }
  return stats;
}

/** The old alinéa a word diff was computed from (its equal and deleted parts). */
export function oldText(parts: readonly WordPart[]): string {
  return parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('');
}

/** The new alinéa a word diff leads to (its equal and inserted parts). */
export function newText(parts: readonly WordPart[]): string {
  return parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('');
}

/**
 * Rebuilds the new text from the old one and a diff. Throws when the diff was not computed from
 * this old text (an alinéa missing, extra, out of order or different), rather than guess.
 */
export function applyTextDiff(before: readonly string[], diff: TextDiff): string[] {
  const out: string[] = [];
  let next = 1; // the next alinéa of `before` the diff must account for
  const consume = (index: number, text: string): void => {
    if (index !== next || before[index - 1] !== text) {
      throw new Error(`text-diff: the diff does not fit the text at alinéa ${next} (op on alinéa ${index})`);
    }
    next++;
  };
  const produce = (index: number, text: string): void => {
    if (index !== out.length + 1) throw new Error(`text-diff: new alinéa ${index} out of order`);
    out.push(text);
  };
  for (const op of diff.ops) {
    if (op.op !== 'insert') consume(op.before, op.op === 'modify' ? oldText(op.parts) : op.text);
    if (op.op !== 'delete') produce(op.after, op.op === 'modify' ? newText(op.parts) : op.text);
  }
  if (next !== before.length + 1) throw new Error(`text-diff: the diff stops before alinéa ${next} of ${before.length}`);
  return out;
}
