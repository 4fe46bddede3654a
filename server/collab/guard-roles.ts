import { AbstractType, ContentType, Doc, Item, Map as YMap, XmlElement, XmlText } from 'yjs';
import { COMMENTS } from '../../shared/draft-comments';
import { FRAGMENT } from './ydoc-text';

/**
 * The shapes a live document may take, shared by the parts of the update guard: the fragment is
 * `doc → alinea+`, `alinea → text*` as y-prosemirror writes it (Y.XmlElement('alinea') holding
 * Y.XmlText), and the `comments` array holds maps.
 */
export class RefusedUpdate extends Error {}

export const refuse = (why: string): never => {
  throw new RefusedUpdate(why);
};

export type YType = InstanceType<typeof AbstractType>;
export type Role = 'fragment' | 'alinea' | 'text' | 'comments' | 'comment';
/**
 * A parent: a type of the document, the item of a type created by the update being checked, or
 * the name of a root type the document does not hold yet.
 */
export type Parent = YType | Item | string;
/** Where an item goes: the role of its parent, its key when the parent is a map, the parent. */
export interface Place { role: Role; sub: string | null; parent: Parent }

export function childRole(parent: Role, sub: string | null, type: YType): Role | null {
  if (sub !== null) return null;
  if (parent === 'fragment' && type.constructor === XmlElement && (type as XmlElement).nodeName === 'alinea') return 'alinea';
  if (parent === 'alinea' && type.constructor === XmlText) return 'text';
  if (parent === 'comments' && type.constructor === YMap) return 'comment';
  return null;
}

export function rootRole(name: string): Role | null {
  return name === FRAGMENT ? 'fragment' : name === COMMENTS ? 'comments' : null;
}

/** A type's role never changes (a type never moves): remembered for as long as the type lives. */
const roles = new WeakMap<YType, Role | null>();

/** The role of a type already in the document (null: it should not exist; the load repairs it). */
export function docRole(doc: Doc, type: YType): Role | null {
  // iterative: up to a type whose role is known (or the root), then down again
  const chain: YType[] = [];
  let role: Role | null = null;
  for (let t: YType | null = type; t; ) {
    const known = roles.get(t);
    if (known !== undefined) {
      role = known;
      break;
    }
    chain.push(t);
    const item: Item | null = t._item;
    if (!item) {
      chain.pop();
      role = t === doc.share.get(FRAGMENT) ? 'fragment' : t === doc.share.get(COMMENTS) ? 'comments' : null;
      roles.set(t, role);
      break;
    }
    t = item.parent instanceof AbstractType ? item.parent : null;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const t = chain[i]!;
    role = role && childRole(role, t._item!.parentSub, t);
    roles.set(t, role);
  }
  return role;
}

/** The author of an existing comment (a map of the document), as it signed it. */
export function commentAuthor(comment: YType): string {
  return String((comment as YMap<unknown>).get('authorId'));
}

/** Characters of an alinéa of the document: its text nodes' lengths. */
export function alineaChars(alinea: YType): number {
  let n = 0;
  for (let it = alinea._start; it; it = it.right) {
    if (!it.deleted && it.content instanceof ContentType && it.content.type instanceof XmlText) n += it.content.type.length;
  }
  return n;
}

/** Characters of the whole text of the document (its alinéas'). */
export function textChars(doc: Doc): number {
  let n = 0;
  for (let it = doc.getXmlFragment(FRAGMENT)._start; it; it = it.right) {
    if (!it.deleted && it.content instanceof ContentType) n += alineaChars(it.content.type);
  }
  return n;
}
