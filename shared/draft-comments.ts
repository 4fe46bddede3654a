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
}

/** The text node of the alinéa at `index` (created empty if the alinéa has none yet). */
function alineaText(doc: Y.Doc, index: number): Y.XmlText {
  const alinea = doc.getXmlFragment(FRAGMENT).get(index);
  if (!(alinea instanceof Y.XmlElement)) throw new RangeError(`no alinéa ${index + 1}`);
  const first = alinea.get(0);
  if (first instanceof Y.XmlText) return first;
  const text = new Y.XmlText();
  alinea.insert(0, [text]);
  return text;
}

export function addComment(
  doc: Y.Doc,
  c: { id: string; authorId: string; authorName: string; body: string; alinea: number; start: number; end: number; createdAt?: string },
): void {
  doc.transact(() => {
    const text = alineaText(doc, c.alinea);
    if (c.start < 0 || c.end <= c.start || c.end > text.length) throw new RangeError('bad comment range');
    const entry = new Y.Map<unknown>();
    entry.set('id', c.id);
    entry.set('authorId', c.authorId);
    entry.set('authorName', c.authorName);
    entry.set('body', c.body);
    entry.set('createdAt', c.createdAt ?? new Date().toISOString());
    entry.set('resolved', false);
    // assoc ≥ 0 sticks to the character after; the end sticks to the character before (assoc < 0),
    // so text typed right at either edge stays outside the passage.
    entry.set('start', Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, c.start, 0)));
    entry.set('end', Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, c.end, -1)));
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

function locate(doc: Y.Doc, entry: Y.Map<unknown>): Pick<DraftComment, 'state' | 'alinea' | 'start' | 'end' | 'quote'> {
  const orphaned = { state: 'orphaned' as const, alinea: null, start: null, end: null, quote: '' };
  const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(entry.get('start') as Uint8Array), doc);
  const end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(entry.get('end') as Uint8Array), doc);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText) || start.type._item?.deleted) return orphaned;
  const alinea = alineaIndexOf(doc, start.type);
  if (alinea < 0) return orphaned;
  const quote = start.type.toString().slice(start.index, end.index);
  return { state: end.index > start.index ? 'active' : 'collapsed', alinea, start: start.index, end: Math.max(start.index, end.index), quote };
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
    ...locate(doc, entry),
  }));
}
