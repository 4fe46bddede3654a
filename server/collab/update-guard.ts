import * as Y from 'yjs';
import { COMMENTS } from '../../shared/draft-comments';
import { FRAGMENT } from './ydoc-text';

/**
 * What a client's update may create in a live document, checked on the encoded update *before* it
 * is applied (nothing of a refused update is stored or relayed): the fragment is `doc → alinea+`,
 * `alinea → text*` as y-prosemirror writes it (Y.XmlElement('alinea') holding Y.XmlText), and the
 * `comments` array holds maps signed by the account of the connection that writes them.
 *
 * Why decode rather than apply to a clone: decoding costs what the update weighs (a keystroke is a
 * few dozen bytes), a clone costs what the whole document weighs, on every keystroke.
 */
export class RefusedUpdate extends Error {}

type YType = InstanceType<typeof Y.AbstractType>;
type Role = 'fragment' | 'alinea' | 'text' | 'comments' | 'comment';
/** Where an item goes: the role of its parent type, and its key when the parent is a map. */
interface Place { role: Role; sub: string | null; parent: YType | Y.Item }

const STRING_KEYS = new Set(['id', 'authorId', 'authorName', 'body', 'createdAt', 'quotedText']);
const BINARY_KEYS = new Set(['start', 'end']);
const MAX_STRING = 10_000;

export interface Writer { userId: string; displayName: string }

function childRole(parent: Role, sub: string | null, type: YType): Role | null {
  if (sub !== null) return null;
  if (parent === 'fragment' && type.constructor === Y.XmlElement && (type as Y.XmlElement).nodeName === 'alinea') return 'alinea';
  if (parent === 'alinea' && type.constructor === Y.XmlText) return 'text';
  if (parent === 'comments' && type.constructor === Y.Map) return 'comment';
  return null;
}

function rootRole(name: string): Role | null {
  return name === FRAGMENT ? 'fragment' : name === COMMENTS ? 'comments' : null;
}

/** The role of a type already in the document (null: it should not exist; the load repairs it). */
function docRole(doc: Y.Doc, type: YType): Role | null {
  const item = type._item;
  if (!item) return type === doc.share.get(FRAGMENT) ? 'fragment' : type === doc.share.get(COMMENTS) ? 'comments' : null;
  const parent = docRole(doc, item.parent as YType);
  return parent && childRole(parent, item.parentSub, type);
}

export function checkUpdate(doc: Y.Doc, update: Uint8Array, writer: Writer): void {
  const { structs, ds } = Y.decodeUpdate(update);
  const refuse: (why: string) => never = (why) => {
    throw new RefusedUpdate(why);
  };
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client) ?? [];
    if (list.length === 0) {
      byClient.set(s.id.client, list);
      // a gap would leave the rest pending, applied later without this check
      if (s.id.clock > Y.getState(doc.store, s.id.client)) refuse('missing dependency');
    }
    if (s instanceof Y.Skip) refuse('gap in update');
    list.push(s);
  }
  const inUpdate = (id: Y.ID): Y.Item | Y.GC | null => {
    const list = byClient.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s as Y.Item | Y.GC;
    }
    return null;
  };
  const inDoc = (id: Y.ID): Y.Item | Y.GC | null => (id.clock < Y.getState(doc.store, id.client) ? (Y.getItem(doc.store, id) as Y.Item | Y.GC) : null);

  const newRoles = new Map<Y.Item, Role | null>();
  /** Role of the type that `item` (in the document or in the update) holds. */
  const typeRole = (item: Y.Item): Role | null => {
    if (!(item.content instanceof Y.ContentType)) return null;
    if (item.content.type._item === item) return docRole(doc, item.content.type);
    if (!newRoles.has(item)) {
      const p = placeOf(item);
      newRoles.set(item, p && p !== 'gc' ? childRole(p.role, p.sub, item.content.type) : null);
    }
    return newRoles.get(item)!;
  };
  const placeOfRef = (ref: Y.ID): Place | 'gc' | null => {
    const s = inDoc(ref) ?? inUpdate(ref);
    if (!s) return null;
    return s instanceof Y.Item ? placeOf(s) : 'gc';
  };
  function placeOf(item: Y.Item): Place | 'gc' | null {
    const parent = item.parent as YType | Y.ID | string | null;
    if (parent instanceof Y.AbstractType) {
      const role = docRole(doc, parent);
      return role && { role, sub: item.parentSub, parent };
    }
    if (typeof parent === 'string') {
      const role = rootRole(parent);
      return role ? { role, sub: item.parentSub, parent: (doc.share.get(parent) as YType | undefined) ?? item } : refuse(`unknown root ${parent}`);
    }
    if (parent) {
      const p = inDoc(parent) ?? inUpdate(parent);
      if (!p) return null;
      if (!(p instanceof Y.Item)) return 'gc';
      const role = typeRole(p);
      return role && { role, sub: item.parentSub, parent: p.content instanceof Y.ContentType && p.content.type._item === p ? p.content.type : p };
    }
    const ref = item.origin ?? item.rightOrigin;
    return ref ? placeOfRef(ref) : null;
  }

  const signatures = new Map<unknown, Set<string>>();
  const authorOf = (parent: Place['parent']): string | null => {
    if (parent instanceof Y.Map) return String(parent.get('authorId'));
    return null; // a comment created in this very update
  };
  let newAlineas = 0;
  for (const s of structs) {
    if (!(s instanceof Y.Item) || s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    const place = placeOf(s);
    if (place === 'gc') continue;
    if (!place) return refuse('unknown parent');
    const { role, sub } = place;
    const content = s.content;
    if (content instanceof Y.ContentDeleted) continue;
    if (role === 'fragment' || role === 'alinea' || role === 'comments') {
      if (!(content instanceof Y.ContentType) || !childRole(role, sub, content.type)) refuse(`invalid node in ${role}`);
      if (role === 'fragment' && !Y.isDeleted(ds, s.id)) newAlineas += 1;
    } else if (role === 'text') {
      if (sub !== null || !(content instanceof Y.ContentString || content instanceof Y.ContentFormat)) refuse('invalid text content');
    } else {
      checkCommentField(place, content, writer, authorOf(place.parent), refuse);
      const keys = signatures.get(place.parent) ?? new Set<string>();
      signatures.set(place.parent, keys.add(sub ?? ''));
    }
  }
  // a comment made in this update is signed by the connection's account
  for (const [parent, keys] of signatures) {
    if (!(parent instanceof Y.Map) && (!keys.has('authorId') || !keys.has('authorName'))) refuse('unsigned comment');
  }
  checkDeletions(doc, ds, writer, newAlineas, refuse);
}

function checkCommentField(place: Place, content: Y.Item['content'], writer: Writer, author: string | null, refuse: (why: string) => never): void {
  const key = place.sub;
  if (key === null) refuse('invalid comment');
  // on an existing comment, others only (un)resolve it
  if (author !== null && author !== writer.userId && key !== 'resolved') refuse('comment of another author');
  const value: unknown = content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : content instanceof Y.ContentBinary ? content.content : undefined;
  if (key === 'resolved') {
    if (typeof value !== 'boolean') refuse('invalid comment field');
  } else if (BINARY_KEYS.has(key!)) {
    if (!(value instanceof Uint8Array)) refuse('invalid comment field');
  } else if (!STRING_KEYS.has(key!) || typeof value !== 'string' || value.length > MAX_STRING) {
    refuse('invalid comment field');
  }
  if (key === 'authorId' && value !== writer.userId) refuse('forged comment author');
  if (key === 'authorName' && value !== writer.displayName) refuse('forged comment author');
}

/** Deletions keep at least one alinéa, and leave other people's comments alone (but « résolu »). */
function checkDeletions(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>['ds'], writer: Writer, newAlineas: number, refuse: (why: string) => never): void {
  const fragment = doc.getXmlFragment(FRAGMENT);
  let removedAlineas = 0;
  for (const [client, ranges] of ds.clients) {
    const list = doc.store.clients.get(client);
    if (!list) continue;
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= known) continue;
      for (let i = Y.findIndexSS(list, clock); i < list.length && list[i]!.id.clock < clock + len; i++) {
        const item = list[i];
        if (!(item instanceof Y.Item) || item.deleted) continue;
        const parent = item.parent as YType;
        if (parent === fragment) removedAlineas += 1;
        const role = docRole(doc, parent);
        if (role === 'comment' && item.parentSub !== 'resolved' && String((parent as Y.Map<unknown>).get('authorId')) !== writer.userId) refuse('comment of another author');
        if (role === 'comments' && item.content instanceof Y.ContentType && String((item.content.type as Y.Map<unknown>).get('authorId')) !== writer.userId) {
          refuse('comment of another author');
        }
      }
    }
  }
  if (removedAlineas > 0 && fragment.length > 0 && fragment.length - removedAlineas + newAlineas <= 0) refuse('no alinéa left');
}
