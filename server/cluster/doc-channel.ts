import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocLink, DocStore, LiveDoc } from '../collab/live-doc';
import type { Bus } from './bus';

/**
 * One live document's Redis channel (cluster mode). Every process that holds the document
 * subscribes to it *before* loading the document from PostgreSQL, then asks the others what they
 * hold (a Yjs sync step 1 of its own): nothing falls between the load and the subscription.
 *
 * - `update`: a Yjs update a process accepted (from its client, a command): the others apply it
 *   and relay it to their connections. It is stored by that process only; it tells `stored` once
 *   in PostgreSQL. An update its process never confirms (SIGKILL) is stored by the others after
 *   ORPHAN_MS, so that nothing its clients were sent is lost.
 * - `presence`: awareness entries (checked and signed by the process of their connection) with
 *   the account behind each client id. A process that dies stops renewing them: the others drop
 *   them after the awareness timeout (30 s, y-protocols), as its clients' own documents do.
 * - `sync-request` / `sync-answer`: what a process lacks (after its load, before a command reads
 *   the text, after Redis came back).
 */
const enum Kind {
  Update = 0,
  Presence = 1,
  Stored = 2,
  SyncRequest = 3,
  SyncAnswer = 4,
}

/** An update not confirmed stored by its process this long after it arrived is stored here. */
export const ORPHAN_MS = 5000;
/** How long a command waits for the other processes' answers before it reads the text anyway. */
const SYNC_WAIT_MS = 1000;

type Unconfirmed = { seq: number; update: Uint8Array; at: number };

export class DocChannel implements DocLink {
  readonly channel: string;
  private live: LiveDoc | null = null;
  /** Messages that arrived while the document loaded, handled once it is ready. */
  private waiting: Buffer[] | null = [];
  private seq = 0;
  private storedSeq = 0;
  private readonly unconfirmed = new Map<string, Unconfirmed[]>();
  private sweep: NodeJS.Timeout | null = null;
  private readonly requests = new Map<string, { answers: number; expected: number | null; done: () => void }>();
  private closed = false;

  constructor(
    private readonly bus: Bus,
    readonly name: string,
    private readonly store: DocStore,
    private readonly logger: Logger,
  ) {
    this.channel = `${bus.prefix}doc:${name}`;
  }

  // ——— DocPeers: what the live document tells the others ———

  update(update: Uint8Array): void {
    this.seq += 1;
    this.send(Kind.Update, (e) => {
      encoding.writeVarUint(e, this.seq);
      encoding.writeVarUint8Array(e, update);
    });
  }

  presence = (update: Uint8Array, owners: [number, string][]): void => {
    this.send(Kind.Presence, (e) => {
      encoding.writeVarUint8Array(e, update);
      encoding.writeVarUint(e, owners.length);
      for (const [clientId, userId] of owners) {
        encoding.writeVarUint(e, clientId);
        encoding.writeVarString(e, userId);
      }
    });
  };

  mark(): number {
    return this.seq;
  }

  stored(mark: number): void {
    if (mark <= this.storedSeq) return;
    this.storedSeq = mark;
    this.send(Kind.Stored, (e) => encoding.writeVarUint(e, mark));
  }

  // ——— DocLink: the registry's side ———

  /** Subscribes (before the load): messages wait until `ready`. */
  async subscribe(live: LiveDoc): Promise<void> {
    this.live = live;
    await this.bus.subscribe(this.channel, (message) => {
      if (this.waiting) this.waiting.push(message);
      else this.handle(message);
    });
  }

  /** The document is loaded: what arrived meanwhile is applied, and the others are asked what they hold. */
  ready(): Promise<void> {
    const waiting = this.waiting ?? [];
    this.waiting = null;
    for (const message of waiting) this.handle(message);
    return this.sync();
  }

  /**
   * Asks every other process holding the document for what this one lacks and waits for their
   * answers (at most SYNC_WAIT_MS): a command then reads what every process accepted until now.
   * `pushBack`: also sends them what they lack (after Redis came back, both sides may have news).
   */
  async sync(pushBack = false): Promise<void> {
    const live = this.live;
    if (!live || this.closed || !this.bus.up) return;
    const id = randomUUID();
    let done!: () => void;
    const answered = new Promise<void>((resolve) => (done = resolve));
    this.requests.set(id, { answers: 0, expected: null, done });
    let receivers: number;
    try {
      receivers = await this.publish(Kind.SyncRequest, (e) => {
        encoding.writeVarString(e, id);
        encoding.writeUint8(e, pushBack ? 1 : 0);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(live.doc));
      });
    } catch {
      this.requests.delete(id);
      return;
    }
    const request = this.requests.get(id);
    if (!request) return;
    // every subscriber but this process answers (those still loading, once loaded)
    request.expected = receivers - 1;
    if (request.answers >= request.expected) done();
    const timer = setTimeout(done, SYNC_WAIT_MS);
    await answered;
    clearTimeout(timer);
    this.requests.delete(id);
  }

  /** After Redis came back: what others stored meanwhile (PostgreSQL), then what they hold in memory. */
  async resync(): Promise<void> {
    const live = this.live;
    if (!live || this.waiting || this.closed) return;
    for (const update of await this.store.load(this.name)) live.applyRemote(update);
    await this.sync(true);
  }

  /**
   * Before the final flush of an unloaded document: waits (at most ORPHAN_MS) for the others to
   * confirm what they sent, and stores what they did not.
   */
  async leave(): Promise<void> {
    const deadline = Date.now() + ORPHAN_MS;
    while (this.pendingCount() > 0 && Date.now() < deadline && this.bus.up) await new Promise((r) => setTimeout(r, 50));
    this.storeOrphans(Infinity);
  }

  close(): void {
    this.closed = true;
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    for (const r of this.requests.values()) r.done();
    this.requests.clear();
    void this.bus.unsubscribe(this.channel);
  }

  // ——— messages ———

  private handle(message: Buffer): void {
    const live = this.live;
    if (!live || this.closed) return;
    try {
      const d = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      const kind = decoding.readVarUint(d) as Kind;
      const origin = decoding.readVarString(d);
      if (origin === this.bus.nodeId) return;
      switch (kind) {
        case Kind.Update: {
          const seq = decoding.readVarUint(d);
          const update = decoding.readVarUint8Array(d);
          this.track(origin, seq, update);
          if (!live.applyRemote(update)) void this.sync();
          return;
        }
        case Kind.Presence: {
          const update = decoding.readVarUint8Array(d);
          const owners: [number, string][] = [];
          for (let n = decoding.readVarUint(d); n > 0; n--) owners.push([decoding.readVarUint(d), decoding.readVarString(d)]);
          live.applyRemotePresence(update, owners);
          return;
        }
        case Kind.Stored: {
          const seq = decoding.readVarUint(d);
          const list = this.unconfirmed.get(origin);
          if (!list) return;
          const rest = list.filter((u) => u.seq > seq);
          if (rest.length) this.unconfirmed.set(origin, rest);
          else this.unconfirmed.delete(origin);
          return;
        }
        case Kind.SyncRequest: {
          const id = decoding.readVarString(d);
          const pushBack = decoding.readUint8(d) === 1;
          const stateVector = decoding.readVarUint8Array(d);
          void this.publish(Kind.SyncAnswer, (e) => {
            encoding.writeVarString(e, origin);
            encoding.writeVarString(e, id);
            // what this process accepted but has not stored yet is in the answer: tracked as its own
            encoding.writeVarUint(e, this.seq > this.storedSeq ? this.seq : 0);
            encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(live.doc, stateVector));
            encoding.writeVarUint8Array(e, pushBack ? Y.encodeStateVector(live.doc) : new Uint8Array(0));
          }).catch(() => undefined);
          return;
        }
        case Kind.SyncAnswer: {
          const to = decoding.readVarString(d);
          if (to !== this.bus.nodeId) return;
          const id = decoding.readVarString(d);
          const seq = decoding.readVarUint(d);
          const diff = decoding.readVarUint8Array(d);
          const theirs = decoding.readVarUint8Array(d);
          if (seq > 0) this.track(origin, seq, diff);
          live.applyRemote(diff);
          // they lack what this process accepted while Redis was away: relayed as this process's own
          if (theirs.length > 0) {
            this.seq += 1;
            const back = Y.encodeStateAsUpdate(live.doc, theirs);
            this.send(Kind.Update, (e) => {
              encoding.writeVarUint(e, this.seq);
              encoding.writeVarUint8Array(e, back);
            });
            // stored by this process already (or pending here): confirmed with its next flush
            this.stored(this.seq);
          }
          const request = this.requests.get(id);
          if (request && ++request.answers >= (request.expected ?? Infinity)) request.done();
          return;
        }
      }
    } catch (err) {
      this.logger.error({ err, doc: this.name }, 'bad cluster message (ignored)');
    }
  }

  private track(origin: string, seq: number, update: Uint8Array): void {
    const list = this.unconfirmed.get(origin) ?? [];
    list.push({ seq, update, at: Date.now() });
    this.unconfirmed.set(origin, list);
    if (!this.sweep) {
      this.sweep = setInterval(() => this.storeOrphans(Date.now() - ORPHAN_MS), 1000);
      this.sweep.unref();
    }
  }

  /** Stores what arrived before `before` and was never confirmed by its process. */
  private storeOrphans(before: number): void {
    const orphans: Uint8Array[] = [];
    for (const [origin, list] of this.unconfirmed) {
      const old = list.filter((u) => u.at <= before);
      if (old.length === 0) continue;
      orphans.push(...old.map((u) => u.update));
      const rest = list.filter((u) => u.at > before);
      if (rest.length) this.unconfirmed.set(origin, rest);
      else this.unconfirmed.delete(origin);
    }
    if (this.unconfirmed.size === 0 && this.sweep) {
      clearInterval(this.sweep);
      this.sweep = null;
    }
    if (orphans.length && this.live) {
      this.logger.warn({ doc: this.name, updates: orphans.length }, 'updates not confirmed by their process: stored here');
      this.live.storeOrphan(Y.mergeUpdates(orphans));
    }
  }

  private pendingCount(): number {
    let n = 0;
    for (const list of this.unconfirmed.values()) n += list.length;
    return n;
  }

  private send(kind: Kind, body: (e: encoding.Encoder) => void): void {
    this.publish(kind, body).catch(() => undefined);
  }

  private publish(kind: Kind, body: (e: encoding.Encoder) => void): Promise<number> {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, kind);
    encoding.writeVarString(e, this.bus.nodeId);
    body(e);
    return this.bus.publish(this.channel, encoding.toUint8Array(e));
  }
}
