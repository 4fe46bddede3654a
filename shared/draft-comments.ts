import * as Y from 'yjs';

/**
 * Comments that co-authors anchor on a passage of a live draft. They live in the draft's Y.Doc
 * (array `comments`), so they sync and persist with it, and their anchors are Yjs *relative*
 * positions on the alinéa's text: they follow concurrent edits instead of pointing at stale
 * offsets. A comment is `active` while its passage exists, `collapsed` when the passage was
 * deleted (both ends meet), `orphaned` when its whole alinéa is gone; `resolved` is a flag.
 */
export const COMMENTS = 'comments';
const FRAGMENT = 'prosemirror';

export type CommentState = 'active' | 'collapsed' | 'orphaned';

export interface DraftComment {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
  resolved: boolean;
  state: CommentState;
  /** Where the passage is now (0-based alinéa, UTF-16 offsets), when it still exists. */
  alinea: number | null;
  start: number | null;
  end: number | null;
  quote: string;
  /** The passage as it read when the comment was made ('' for comments made before it was kept). */
  quotedText: string;
}

/** The text node of the alinéa at `index`, or null when the alinéa is empty (it has none yet). */
function alineaText(doc: Y.Doc, index: number): Y.XmlText | null {
  const alinea = doc.getXmlFragment(FRAGMENT).get(index);
  if (!(alinea instanceof Y.XmlElement)) throw new RangeError(`no alinéa ${index + 1}`);
  const first = alinea.get(0);
  return first instanceof Y.XmlText ? first : null;
}

/** A passage held by Yjs relative positions: it follows every later edit, local or remote. */
export interface PassageAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  /** The passage as it read when it was anchored. */
  quote: string;
}

/** Anchors [start, end) of alinéa `alinea` (0-based, UTF-16 offsets); throws RangeError when out of range. */
export function anchorPassage(doc: Y.Doc, alinea: number, start: number, end: number): PassageAnchor {
  const text = alineaText(doc, alinea);
  // an empty alinéa has no text node and no passage: nothing to create for a range that cannot fit
  if (!text || start < 0 || end <= start || end > text.length) throw new RangeError('bad comment range');
  return {
    // assoc ≥ 0 sticks to the character after; the end sticks to the character before (assoc < 0),
    // so text typed right at either edge stays outside the passage.
    start: Y.createRelativePositionFromTypeIndex(text, start, 0),
    end: Y.createRelativePositionFromTypeIndex(text, end, -1),
    quote: text.toString().slice(start, end),
  };
}

export function addComment(
  doc: Y.Doc,
  c: { id: string; authorId: string; authorName: string; body: string; alinea: number; start: number; end: number; createdAt?: string },
): void {
  const anchor = anchorPassage(doc, c.alinea, c.start, c.end);
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('id', c.id);
    entry.set('authorId', c.authorId);
    entry.set('authorName', c.authorName);
    entry.set('body', c.body);
    entry.set('createdAt', c.createdAt ?? new Date().toISOString());
    entry.set('resolved', false);
    entry.set('start', Y.encodeRelativePosition(anchor.start));
    entry.set('end', Y.encodeRelativePosition(anchor.end));
    // kept so that a comment whose passage was deleted can still say what it was about
    entry.set('quotedText', anchor.quote);
    doc.getArray<Y.Map<unknown>>(COMMENTS).push([entry]);
  });
}

export function setResolved(doc: Y.Doc, id: string, resolved: boolean): boolean {
  const entry = doc.getArray<Y.Map<unknown>>(COMMENTS).toArray().find((m) => m.get('id') === id);
  if (!entry) return false;
  entry.set('resolved', resolved);
  return true;
}

function alineaIndexOf(doc: Y.Doc, text: Y.XmlText): number {
  const parent = text.parent;
  return doc.getXmlFragment(FRAGMENT).toArray().findIndex((el) => el === parent);
}

export type PassagePlace = Pick<DraftComment, 'state' | 'alinea' | 'start' | 'end' | 'quote'>;

/** Where an anchored passage is now. */
export function locatePassage(doc: Y.Doc, anchor: Pick<PassageAnchor, 'start' | 'end'>): PassagePlace {
  const orphaned = { state: 'orphaned' as const, alinea: null, start: null, end: null, quote: '' };
  const start = Y.createAbsolutePositionFromRelativePosition(anchor.start, doc);
  const end = Y.createAbsolutePositionFromRelativePosition(anchor.end, doc);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText) || start.type._item?.deleted) return orphaned;
  const alinea = alineaIndexOf(doc, start.type);
  if (alinea < 0) return orphaned;
  const quote = start.type.toString().slice(start.index, end.index);
  return { state: end.index > start.index ? 'active' : 'collapsed', alinea, start: start.index, end: Math.max(start.index, end.index), quote };
}

function locate(doc: Y.Doc, entry: Y.Map<unknown>): PassagePlace {
  return locatePassage(doc, {
    start: Y.decodeRelativePosition(entry.get('start') as Uint8Array),
    end: Y.decodeRelativePosition(entry.get('end') as Uint8Array),
  });
}

/** Every comment with where its passage is now. */
export function listComments(doc: Y.Doc): DraftComment[] {
  return doc.getArray<Y.Map<unknown>>(COMMENTS).toArray().map((entry) => ({
    id: String(entry.get('id')),
    authorId: String(entry.get('authorId')),
    authorName: String(entry.get('authorName')),
    body: String(entry.get('body')),
    createdAt: String(entry.get('createdAt')),
    resolved: entry.get('resolved') === true,
    quotedText: typeof entry.get('quotedText') === 'string' ? String(entry.get('quotedText')) : '',
    ...locate(doc, entry),
  }));
}
