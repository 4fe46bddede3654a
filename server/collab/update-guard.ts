import { AbstractType, ContentAny, ContentBinary, ContentDeleted, ContentFormat, ContentString, ContentType, Doc, GC, Item, Skip, decodeUpdate, getState } from 'yjs';
import { schema } from '../../shared/pm-schema';
import { isStorableText } from '../http/text-check';
import { checkDeletions, Deletions } from './guard-deletions';
import { Places, type Struct } from './guard-places';
import { childRole, commentAuthor, refuse, type Place } from './guard-roles';
import { TextBudget } from './guard-text';

export { RefusedUpdate } from './guard-roles';

/**
 * What a client's update may create in a live document, checked on the encoded update *before* it
 * is applied (nothing of a refused update is stored or relayed): the fragment is `doc → alinea+`,
 * `alinea → text*` as y-prosemirror writes it (Y.XmlElement('alinea') holding Y.XmlText, plain
 * strings: the schema has no marks), within TEXT_LIMITS and without NUL nor lone surrogates; the
 * `comments` array holds maps signed by the account of the connection that writes them; nothing
 * refers to, or deletes, content that neither the document nor the update holds (Yjs would keep
 * it pending and apply it later, unchecked).
 *
 * Why decode rather than apply to a clone: decoding costs what the update weighs (a keystroke is a
 * few dozen bytes), a clone costs what the whole document weighs, on every keystroke. Every check
 * is linear in the update (each item is resolved once), plus one visit of the document's structs
 * that the update deletes.
 */

/**
 * Structs (items, runs of characters typed in one go) in one update. Typing 5,000 characters one
 * by one, backwards, offline, sends 5,000 (checked in ~15 ms); pasting a whole text sends a
 * handful. Past 20,000 (~60 ms of decoding and checking, as much again to apply) the update is
 * refused (4400): what one message may cost the event loop.
 */
export const MAX_UPDATE_STRUCTS = 20_000;

const STRING_KEYS = new Set(['id', 'authorId', 'authorName', 'body', 'createdAt', 'quotedText']);
const BINARY_KEYS = new Set(['start', 'end']);
const MAX_STRING = 10_000;
const MARKS = new Set(Object.keys(schema.marks));

export interface Writer { userId: string; displayName: string }

/**
 * Throws RefusedUpdate, or tells whether the update is all news: each client's structs start where
 * the document's state of that client ends. Only then may its bytes be relayed and stored as they
 * came (live-doc.ts): a part the document already holds is skipped by Yjs unread, so its content
 * is never checked — relayed as sent, it could carry anything under another author's ids.
 */
export function checkUpdate(doc: Doc, update: Uint8Array, writer: Writer): boolean {
  const { structs, ds } = decodeUpdate(update);
  let fresh = true;
  if (structs.length > MAX_UPDATE_STRUCTS) refuse('too many structs');
  const seen = new Set<number>();
  let last: Item | GC | Skip | null = null;
  for (const s of structs) {
    if (s instanceof Skip) refuse('gap in update');
    if (s.id.client !== last?.id.client) {
      // each client once (Yjs would apply only its last group), from what the document holds:
      // a gap would leave the rest pending, applied later without this check
      if (seen.has(s.id.client)) refuse('client twice in update');
      seen.add(s.id.client);
      const held = getState(doc.store, s.id.client);
      if (s.id.clock > held) refuse('missing dependency');
      if (s.id.clock < held) fresh = false;
    } else if (s.id.clock !== last.id.clock + last.length) {
      refuse('gap in update');
    }
    last = s;
  }
  const deletions = new Deletions(ds);
  const places = new Places(doc, structs as Struct[]);
  places.resolve();
  const budget = new TextBudget(doc, places);
  const comments = new NewComments();
  structs.forEach((s, i) => {
    if (!(s instanceof Item) || !places.isNew(i)) return;
    const at = places.at(i);
    if (at !== 'gc') checkItem(s, at, { writer, deletions, budget, comments, held: getState(doc.store, s.id.client) });
  });
  comments.checkSigned(deletions);
  checkDeletions(doc, deletions, structs as Struct[], places, writer.userId, budget);
  budget.check();
  return fresh;
}

interface ItemContext { writer: Writer; deletions: Deletions; budget: TextBudget; comments: NewComments; held: number }

function checkItem(s: Item, at: Place, ctx: ItemContext): void {
  const { role, sub } = at;
  const content = s.content;
  // A comment's fields first: even a deleted value replaces the current one of its key.
  if (role === 'comment') {
    if (sub === null) refuse('invalid comment');
    const author = at.parent instanceof AbstractType ? commentAuthor(at.parent) : null; // null: made in this update
    // on an existing comment, others only (un)resolve it
    if (author !== null && author !== ctx.writer.userId && sub !== 'resolved') refuse('comment of another author');
    if (content instanceof ContentDeleted) return;
    checkCommentField(sub!, content, ctx.writer);
    if (author === null) ctx.comments.sign(at.parent, sub!);
    return;
  }
  if (content instanceof ContentDeleted) return;
  if (role === 'fragment' || role === 'alinea' || role === 'comments') {
    if (!(content instanceof ContentType) || !childRole(role, sub, content.type)) refuse(`invalid node in ${role}`);
    if (role === 'fragment' && !ctx.deletions.has(s.id)) ctx.budget.addAlinea();
    if (role === 'comments') ctx.comments.add(s);
    return;
  }
  // role === 'text'
  if (sub !== null) refuse('invalid text content');
  if (content instanceof ContentString) {
    if (!isStorableText(content.str)) refuse('forbidden character');
    // only what the document does not hold yet is added (Yjs skips the rest)
    const from = Math.max(s.id.clock, ctx.held);
    const len = s.id.clock + s.length - from;
    ctx.budget.insertChars(at.parent, len - ctx.deletions.overlap(s.id.client, from, len));
  } else if (!(content instanceof ContentFormat) || !MARKS.has(content.key)) {
    refuse('invalid text content');
  }
}

function checkCommentField(key: string, content: Item['content'], writer: Writer): void {
  const value: unknown = content instanceof ContentAny && content.arr.length === 1 ? content.arr[0] : content instanceof ContentBinary ? content.content : undefined;
  if (key === 'resolved') {
    if (typeof value !== 'boolean') refuse('invalid comment field');
  } else if (BINARY_KEYS.has(key)) {
    if (!(value instanceof Uint8Array)) refuse('invalid comment field');
  } else if (!STRING_KEYS.has(key) || typeof value !== 'string' || value.length > MAX_STRING || !isStorableText(value)) {
    refuse('invalid comment field');
  }
  if (key === 'authorId' && value !== writer.userId) refuse('forged comment author');
  if (key === 'authorName' && value !== writer.displayName) refuse('forged comment author');
}

/** Comments made in this update: each is signed (authorId, authorName) by the connection's account. */
class NewComments {
  private readonly keys = new Map<unknown, Set<string>>();

  add(comment: Item): void {
    if (!this.keys.has(comment)) this.keys.set(comment, new Set());
  }

  sign(comment: unknown, key: string): void {
    const keys = this.keys.get(comment) ?? new Set<string>();
    this.keys.set(comment, keys.add(key));
  }

  checkSigned(deletions: Deletions): void {
    for (const [comment, keys] of this.keys) {
      if (comment instanceof Item && deletions.has(comment.id)) continue;
      if (!keys.has('authorId') || !keys.has('authorName')) refuse('unsigned comment');
    }
  }
}
