import { AbstractType, ContentType, Doc, ID, Item, XmlText, decodeUpdate, findIndexSS, getState } from 'yjs';
import { commentAuthor, docRole, refuse, type YType } from './guard-roles';
import type { Places, Struct } from './guard-places';
import type { TextBudget } from './guard-text';

/**
 * Delete ranges an update may carry once merged (adjacent and overlapping ranges of one client
 * count once). Deleting every other character of a 100,000-character text takes 50,000; a stock
 * client sends its whole delete set when it reconnects, merged the same way.
 */
export const MAX_DELETE_RANGES = 50_000;

type DeleteSet = ReturnType<typeof decodeUpdate>['ds'];
interface Range { clock: number; end: number }

/** An update's delete set, sorted and merged per client: lookups are binary searches. */
export class Deletions {
  readonly byClient = new Map<number, Range[]>();

  constructor(ds: DeleteSet) {
    let count = 0;
    for (const [client, items] of ds.clients) {
      const sorted = items.filter((d) => d.len > 0).map((d) => ({ clock: d.clock, end: d.clock + d.len })).sort((a, b) => a.clock - b.clock);
      const merged: Range[] = [];
      for (const r of sorted) {
        const last = merged[merged.length - 1];
        if (last && r.clock <= last.end) last.end = Math.max(last.end, r.end);
        else merged.push(r);
      }
      count += merged.length;
      if (count > MAX_DELETE_RANGES) refuse('too many deletions');
      if (merged.length) this.byClient.set(client, merged);
    }
  }

  /** How many of [clock, clock + len) of `client` this update deletes. */
  overlap(client: number, clock: number, len: number): number {
    const ranges = this.byClient.get(client);
    if (!ranges) return 0;
    const end = clock + len;
    let n = 0;
    for (let i = firstEndingAfter(ranges, clock); i < ranges.length && ranges[i]!.clock < end; i++) {
      n += Math.min(end, ranges[i]!.end) - Math.max(clock, ranges[i]!.clock);
    }
    return n;
  }

  has(id: ID): boolean {
    return this.overlap(id.client, id.clock, 1) > 0;
  }
}

/** Index of the first range ending after `clock`. */
function firstEndingAfter(ranges: readonly Range[], clock: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.end <= clock) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What the update deletes must exist (in the document or in the update: Yjs would keep a deletion
 * of anything else pending and apply it later, unchecked); other people's comments stay (but
 * « résolu »); what leaves the text is counted. Each struct of the document is visited once per
 * range that covers it.
 */
export function checkDeletions(doc: Doc, deletions: Deletions, structs: readonly Struct[], places: Places, writer: string, budget: TextBudget): void {
  for (const [client, ranges] of deletions.byClient) {
    const held = getState(doc.store, client);
    const mine = places.clientStructs(client);
    const sent = mine ? structs[mine[mine.length - 1]!] : undefined;
    const known = Math.max(held, sent ? sent.id.clock + sent.length : 0);
    if (ranges[ranges.length - 1]!.end > known) refuse('deletion of unknown content');
    const list = doc.store.clients.get(client);
    if (!list) continue;
    let i = 0;
    for (const range of ranges) {
      if (range.clock >= held) break;
      i = Math.max(i, findIndexSS(list, range.clock));
      for (; i < list.length && list[i]!.id.clock < range.end; i++) visit(doc, list[i]!, range, deletions, writer, budget);
      // the last struct may reach into the next range
      i = Math.max(0, i - 1);
    }
  }
}

function visit(doc: Doc, item: Struct, range: Range, deletions: Deletions, writer: string, budget: TextBudget): void {
  if (!(item instanceof Item) || item.deleted || !(item.parent instanceof AbstractType)) return;
  const parent = item.parent;
  const role = docRole(doc, parent);
  const type = item.content instanceof ContentType ? item.content.type : null;
  const gone = (t: YType) => !t._item || t._item.deleted || deletions.has(t._item.id);
  switch (role) {
    case 'comment':
      if (item.parentSub !== 'resolved' && commentAuthor(parent) !== writer) refuse('comment of another author');
      return;
    case 'comments':
      if (type && commentAuthor(type) !== writer) refuse('comment of another author');
      return;
    case 'fragment':
      if (type) budget.removeAlinea(type);
      return;
    case 'alinea':
      // a text node leaves its alinéa (unless the alinéa leaves with it)
      if (type instanceof XmlText && !gone(parent)) budget.removeChars(parent, type.length);
      return;
    case 'text': {
      const alinea = parent._item?.parent;
      if (!item.countable || !(alinea instanceof AbstractType) || gone(parent) || gone(alinea)) return;
      const from = Math.max(range.clock, item.id.clock);
      budget.removeChars(alinea, Math.min(range.end, item.id.clock + item.length) - from);
    }
  }
}
