import { AbstractType, ContentType, createID, Doc, GC, getItem, getState, ID, Item } from 'yjs';
import { childRole, docRole, refuse, rootRole, type Place, type YType } from './guard-roles';

export type Struct = Item | GC;
/** Where an item of the update lands: a place, or nowhere ('gc': Yjs stores it as garbage). */
export type Landing = Place | 'gc';

/** A reference resolved: a struct of the document, or the index of one of the update. */
type Ref = Struct | number;

/**
 * Where each item of an update lands, resolved the way Yjs integrates it (Item.getMissing): from
 * its `parent` when it has one, else from its left neighbour (`origin`), else its right one — and
 * nowhere when a neighbour or the parent was garbage-collected.
 *
 * Everything an item refers to must be in the document or in the update, and the update must
 * integrate in one go: a reference that Yjs would wait for (it would keep the item pending and
 * apply it later, unchecked) is refused, so is a cycle. Each struct is resolved once, after what
 * it refers to (linear in the update, no recursion; structs are numbered, not hashed).
 */
export class Places {
  /** Per client of the update, the indexes of its structs (in clock order, contiguous). */
  private readonly byClient = new Map<number, number[]>();
  private readonly fresh: Uint8Array;
  private readonly landing: (Landing | undefined)[];
  /** Where the update's new types land, for those who meet them as a parent (TextBudget). */
  private readonly typeLanding = new Map<Item, Landing>();

  constructor(
    private readonly doc: Doc,
    private readonly structs: readonly Struct[],
  ) {
    this.fresh = new Uint8Array(structs.length);
    this.landing = new Array<Landing | undefined>(structs.length);
    structs.forEach((s, i) => {
      const list = this.byClient.get(s.id.client);
      if (list) list.push(i);
      else this.byClient.set(s.id.client, [i]);
      if (s.id.clock + s.length > getState(doc.store, s.id.client)) this.fresh[i] = 1;
    });
  }

  /** The update's structs of one client, in order. */
  clientStructs(client: number): readonly number[] | undefined {
    return this.byClient.get(client);
  }

  /** True when the document does not hold all of the update's struct `i` (Yjs integrates it). */
  isNew(i: number): boolean {
    return this.fresh[i] === 1;
  }

  /** The struct holding `id`: the document's first, else the update's; refused when neither has it. */
  private ref(id: ID): Ref {
    if (id.clock < getState(this.doc.store, id.client)) return getItem(this.doc.store, id) as Struct;
    const list = this.byClient.get(id.client);
    let lo = 0;
    let hi = (list?.length ?? 0) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.structs[list![mid]!]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return list![mid]!;
    }
    return refuse('reference to unknown content');
  }

  /** A reference of `item`: an item follows its own client's earlier items, never a later one. */
  private refOf(item: Item, id: ID | null): Ref | null {
    if (!id) return null;
    if (id.client === item.id.client && id.clock >= item.id.clock) refuse('reference ahead of its item');
    return this.ref(id);
  }

  /**
   * Checks that the update integrates without anything pending, and resolves where each of its
   * new items lands (items the document holds entirely are only checked for their references).
   */
  resolve(): void {
    const state = new Uint8Array(this.structs.length); // 1: being visited, 2: done
    const stack: number[] = [];
    for (let start = 0; start < this.structs.length; start++) {
      if (state[start] === 2) continue;
      if (!this.isNew(start)) {
        // already held: Yjs skips it, but still looks up what it refers to
        const s = this.structs[start]!;
        if (s instanceof Item) this.dependency(s, -1, state);
        state[start] = 2;
        continue;
      }
      stack.push(start);
      while (stack.length > 0) {
        const i = stack[stack.length - 1]!;
        if (state[i] === 2) {
          stack.pop();
          continue;
        }
        state[i] = 1;
        const s = this.structs[i]!;
        const before = this.previous(i);
        const wait = s instanceof Item ? this.dependency(s, i, state) : -1;
        const next = wait >= 0 ? wait : before >= 0 && state[before] !== 2 && this.isNew(before) ? before : -1;
        if (next >= 0) {
          if (state[next] === 1) refuse('cyclic references');
          stack.push(next);
          continue;
        }
        if (s instanceof Item) this.settle(i, s);
        state[i] = 2;
        stack.pop();
      }
    }
  }

  /** The first new struct of the update that `item` refers to and that is not resolved yet (-1: none). */
  private dependency(item: Item, self: number, state: Uint8Array): number {
    const a = this.pending(this.refOf(item, item.origin), self, state);
    if (a >= 0) return a;
    const b = this.pending(this.refOf(item, item.rightOrigin), self, state);
    return b >= 0 ? b : this.pending(this.refOf(item, item.parent instanceof ID ? item.parent : null), self, state);
  }

  private pending(r: Ref | null, self: number, state: Uint8Array): number {
    return typeof r === 'number' && r !== self && state[r] !== 2 && this.isNew(r) ? r : -1;
  }

  /** The update's struct before `i` of the same client (-1: none); a client's structs are contiguous. */
  private previous(i: number): number {
    return i > 0 && this.structs[i - 1]!.id.client === this.structs[i]!.id.client ? i - 1 : -1;
  }

  private settle(i: number, item: Item): void {
    const at = this.land(item);
    this.landing[i] = at;
    if (item.content instanceof ContentType) this.typeLanding.set(item, at);
  }

  /** Where the update's struct `i` lands (resolve() first). */
  at(i: number): Landing {
    return this.landing[i] ?? 'gc';
  }

  /** Where a new type of the update lands. */
  ofType(item: Item): Landing {
    return this.typeLanding.get(item) ?? 'gc';
  }

  private of(r: Ref): Landing {
    if (typeof r === 'number') return this.structs[r] instanceof GC ? 'gc' : this.at(r);
    if (!(r instanceof Item) || !(r.parent instanceof AbstractType)) return 'gc';
    const role = docRole(this.doc, r.parent);
    return role ? { role, sub: r.parentSub, parent: r.parent } : refuse('unknown parent');
  }

  private land(item: Item): Landing {
    const parent = item.parent as YType | ID | string | null;
    let at: Landing;
    if (typeof parent === 'string') {
      const role = rootRole(parent) ?? refuse(`unknown root ${parent}`);
      at = { role, sub: item.parentSub, parent: (this.doc.share.get(parent) as YType | undefined) ?? parent };
    } else if (parent instanceof ID) {
      at = this.inside(this.ref(parent), item.parentSub);
    } else {
      const left = item.origin ? this.ref(item.origin) : null;
      const right = item.rightOrigin ? this.ref(item.rightOrigin) : null;
      if (left === null && right === null) return refuse('item without a place');
      const l = left === null ? null : this.of(left);
      const r = right === null ? null : this.of(right);
      if (l === 'gc' || r === 'gc') return 'gc';
      // Yjs takes the parent from the left neighbour and walks towards the right one: both must
      // be in the same place (a stock client never writes otherwise)
      if (l && r && (l.parent !== r.parent || l.sub !== r.sub)) refuse('neighbours in different places');
      at = (l ?? r)!;
    }
    if (at !== 'gc' && item.id.clock < getState(this.doc.store, item.id.client)) this.checkContinuation(item, at);
    return at;
  }

  /** Inside the type held by `holder`: the document's type, or one this update creates. */
  private inside(holder: Ref, sub: string | null): Landing {
    const item = typeof holder === 'number' ? this.structs[holder]! : holder;
    if (!(item instanceof Item) || !(item.content instanceof ContentType)) return 'gc';
    const type = item.content.type;
    if (typeof holder !== 'number') {
      const role = docRole(this.doc, type);
      return role ? { role, sub, parent: type } : refuse('unknown parent');
    }
    const at = this.at(holder);
    if (at === 'gc') return 'gc';
    const role = childRole(at.role, at.sub, type) ?? refuse('unknown parent');
    return { role, sub, parent: item };
  }

  /**
   * An item whose beginning the document already holds continues it: Yjs puts the rest after
   * that beginning, but in the parent the item names. Both must agree.
   */
  private checkContinuation(item: Item, at: Place): void {
    const held = getItem(this.doc.store, createID(item.id.client, getState(this.doc.store, item.id.client) - 1));
    if (!(held instanceof Item) || held.parent !== at.parent || held.parentSub !== at.sub) refuse('continuation elsewhere');
  }
}
