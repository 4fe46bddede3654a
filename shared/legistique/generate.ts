/**
 * generateDispositif: the dispositif a clerk would write to turn `before` into `after` (the
 * alinéas of one article), choosing the most precise operations.
 *
 * Thresholds (docs/dispositif.md):
 * - an alinéa is rewritten (« Rédiger ainsi l’alinéa 3 : ») rather than edited word by word when
 *   less than ALINEA_KEPT_MIN of its characters stay, when it would take more than
 *   MAX_WORD_OPERATIONS word operations, or when they would be longer to read than the rewrite;
 * - the whole article is rewritten (« Rédiger ainsi cet article : ») when less than
 *   ARTICLE_KEPT_MIN of its characters stay, when every alinéa is replaced, or when the precise
 *   dispositif would be longer than the rewrite.
 * « Kept » is 2 × unchanged characters / (old + new characters), from the text diff.
 *
 * Whatever it writes is checked: the dispositif is read back and applied to `before`, and must
 * give exactly `after`; otherwise a coarser form is used (alinéa-level, then the whole article,
 * then the whole article as unquoted lines, Sénat style, then one quotation per alinéa).
 * Alinéas are expected as the importers give them: one line each, trimmed, not empty.
 */
import { diffTexts, newText, oldText, type AlineaOp, type TextDiff, type WordPart } from '../text-diff';
import { applyDispositif } from './apply';
import { addedSentences, wordOperations } from './generate-words';
import { formatDispositif, formatOperation } from './render';
import { COLON } from './typography';
import type { AlineaRange, Chamber, Operation } from './types';

export const ALINEA_KEPT_MIN = 0.5;
export const ARTICLE_KEPT_MIN = 0.5;
export const MAX_WORD_OPERATIONS = 3;

export function generateDispositif(before: readonly string[], after: readonly string[], options: { chamber?: Chamber } = {}): string {
  const format = (ops: readonly Operation[]) => formatDispositif(ops, options);
  if (sameAlineas(before, after)) return '';
  if (after.length === 0) return format([{ kind: 'delete_article' }]);
  const rewrite = format([{ kind: 'rewrite_article', alineas: [...after] }]);
  if (before.length > 0) {
    const diff = diffTexts(before, after);
    if (keptShare(diff, before, after) >= ARTICLE_KEPT_MIN) {
      for (const words of [true, false]) {
        const ops = planOperations(diff, before.length, words);
        if (ops === null) break;
        const text = format(ops);
        if (text.length <= rewrite.length && gives(before, text, after)) return text;
      }
    }
  }
  if (gives(before, rewrite, after)) return rewrite;
  // No quotation marks read these alinéas back together (unbalanced marks of every kind):
  // unquoted lines (Sénat style) do, unless the first one opens a quotation; else one quotation
  // per alinéa, each with the marks it needs.
  const unquoted = [`Rédiger ainsi cet article${COLON}`, ...after].join('\n');
  if (gives(before, unquoted, after)) return unquoted;
  const [first = '', ...rest] = after;
  return format([
    { kind: 'rewrite_article', alineas: [first] },
    ...rest.map((a): Operation => ({ kind: 'complete_article', alineas: [a] })),
  ]);
}

function sameAlineas(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function gives(before: readonly string[], dispositif: string, after: readonly string[]): boolean {
  const result = applyDispositif(before, dispositif);
  return result.ok && result.newArticle === undefined && sameAlineas(result.alineas, after);
}

function length(alineas: readonly string[]): number {
  return alineas.reduce((sum, a) => sum + a.length, 0);
}

function keptShare(diff: TextDiff, before: readonly string[], after: readonly string[]): number {
  const total = length(before) + length(after);
  if (total === 0) return 1;
  let kept = 0;
  for (const op of diff.ops) {
    if (op.op === 'equal') kept += 2 * op.text.length;
    else if (op.op === 'modify') kept += 2 * equalLength(op.parts);
  }
  return kept / total;
}

function equalLength(parts: readonly WordPart[]): number {
  return parts.reduce((sum, p) => sum + (p.op === 'equal' ? p.text.length : 0), 0);
}

/** Alinéa-level operations from the diff, in text order, then merged; null when it rewrites everything. */
function planOperations(diff: TextDiff, count: number, words: boolean): Operation[] | null {
  const ops: Operation[] = [];
  let deleted: number[] = [];
  let inserted: string[] = [];
  let last = 0; // the last original alinéa passed
  const flush = () => {
    const first = deleted[0];
    if (first !== undefined) {
      const range = { from: first, to: first + deleted.length - 1 };
      ops.push(inserted.length > 0 ? { kind: 'rewrite_alinea', range, alineas: inserted } : { kind: 'delete_alineas', range });
    } else if (inserted.length > 0) {
      ops.push({ kind: 'insert_alineas_after', after: last, alineas: inserted });
    }
    deleted = [];
    inserted = [];
  };
  for (const op of diff.ops) {
    if (op.op === 'insert') {
      inserted.push(op.text);
      continue;
    }
    if (op.op === 'delete') {
      if (inserted.length > 0 && deleted.length === 0) flush();
      deleted.push(op.before);
    } else {
      flush();
      if (op.op === 'modify') ops.push(...alineaEdit(op, words));
    }
    last = op.before;
  }
  flush();
  const merged = mergeAlineaOperations(ops, count);
  const only = merged[0];
  if (merged.length === 1 && only?.kind === 'rewrite_alinea' && only.range.from === 1 && only.range.to === count) return null;
  return merged;
}

function alineaEdit(op: Extract<AlineaOp, { op: 'modify' }>, words: boolean): Operation[] {
  const now = newText(op.parts);
  const rewrite: Operation = { kind: 'rewrite_alinea', range: { from: op.before, to: op.before }, alineas: [now] };
  if (!words) return [rewrite];
  const old = oldText(op.parts);
  // sentences added at the end: « Compléter l’alinéa par une phrase ainsi rédigée », however
  // the word diff aligned them and however much they add (the quotation is shorter than the rewrite's)
  const sentences = addedSentences(old, now);
  if (sentences !== null) {
    const append: Operation = { kind: 'append_sentences', alinea: op.before, text: sentences };
    if (formatOperation(append).length <= formatOperation(rewrite).length) return [append];
  }
  if ((2 * equalLength(op.parts)) / (old.length + now.length) < ALINEA_KEPT_MIN) return [rewrite];
  const edits = wordOperations(old, now, op.parts, op.before, MAX_WORD_OPERATIONS);
  if (edits === null) return [rewrite];
  const editsLength = edits.reduce((sum, e) => sum + formatOperation(e).length, 0);
  return editsLength <= formatOperation(rewrite).length ? edits : [rewrite];
}

/** An alinéa-level operation as « original alinéas from..to become these » (an insertion covers none). */
interface Block {
  range: AlineaRange;
  alineas: string[];
}

function blockOf(op: Operation): Block | null {
  switch (op.kind) {
    case 'rewrite_alinea':
      return { range: op.range, alineas: op.alineas };
    case 'delete_alineas':
      return { range: op.range, alineas: [] };
    case 'insert_alineas_after':
      return { range: { from: op.after + 1, to: op.after }, alineas: op.alineas };
    default:
      return null;
  }
}

function operationOf(block: Block, count: number): Operation {
  const { from, to } = block.range;
  if (from > to) {
    return from - 1 === count && count > 0
      ? { kind: 'complete_article', alineas: block.alineas }
      : { kind: 'insert_alineas_after', after: from - 1, alineas: block.alineas };
  }
  return block.alineas.length === 0 ? { kind: 'delete_alineas', range: block.range } : { kind: 'rewrite_alinea', range: block.range, alineas: block.alineas };
}

/** Adjacent alinéa-level operations become one (« Supprimer l’alinéa 3 » + « Après l’alinéa 3, insérer » = « Rédiger ainsi l’alinéa 3 »). */
function mergeAlineaOperations(ops: readonly Operation[], count: number): Operation[] {
  const out: Operation[] = [];
  let pending: Block | null = null;
  for (const op of ops) {
    const block = blockOf(op);
    if (block !== null && pending !== null && block.range.from === pending.range.to + 1) {
      pending = { range: { from: pending.range.from, to: block.range.to }, alineas: [...pending.alineas, ...block.alineas] };
      continue;
    }
    if (pending !== null) out.push(operationOf(pending, count));
    pending = block;
    if (block === null) out.push(op);
  }
  if (pending !== null) out.push(operationOf(pending, count));
  return out;
}
