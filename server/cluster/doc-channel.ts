import { randomUUID } from 'node:crypto';
import { createDecoder, readUint8, readVarString, readVarUint, readVarUint8Array } from 'lib0/decoding';
import { Encoder, createEncoder, toUint8Array, writeUint8, writeVarString, writeVarUint, writeVarUint8Array } from 'lib0/encoding';
import type { Logger } from 'pino';
import { encodeStateAsUpdate, encodeStateVector, mergeUpdates } from 'yjs';
import type { DocLink, DocStore, LiveDoc } from '../collab/live-doc';
import type { Bus } from './bus';

/**
 * One live document's Redis channel (cluster mode). Every process that holds the document
 * subscribes to it *before* loading the document from PostgreSQL, then asks the others what they
 * hold (a Yjs sync step 1 of its own): nothing falls between the load and the subscription.
 *
 * - `update`: the Yjs updates a process accepted (from its clients, a command) in one event-loop
 *   turn, in one message: the others apply them in one transaction and relay them to their
 *   connections in one message each. They are stored by that process only; it tells `stored` once
 *   they are in PostgreSQL. Updates never confirmed by a process that went silent (SIGKILL) for
 *   ORPHAN_MS are stored by the others, so that nothing its clients were sent is lost (a process
 *   that is merely late — it keeps talking — stores them itself: no duplicate rows).
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

/** Updates not confirmed stored by a process silent this long (and as old) are stored here. */
export const ORPHAN_MS = 5000;
/** How long a command waits for the other processes' answers before it reads the text anyway. */
const SYNC_WAIT_MS = 1000;

type Unconfirmed = { seq: number; updates: Uint8Array[]; at: number };

/*
 * Why messages are batched (bench:collab -- --processes 2, load (a): 50 documents × 4 writers,
 * each document's writers on both processes): one PUBLISH per update was one write to the Redis
 * socket per update — on a busy machine the biggest item of the process's profile (15 % of its
 * CPU, more than the WebSocket writes) — and each remote update was one transaction, one
 * encoding, one WebSocket message per connection. A process that fell behind (a CPU-starved
 * second) then paid the full price for every late message and never caught up: seconds of
 * backlog, confirmations so late that the other process stored the same updates again. Batched
 * per turn, a process that is behind handles its backlog in big, cheap batches; one that is not
 * sends and applies exactly what it did before (batches of one), without waiting for anything.
 */

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
  /** Updates this process accepted in this turn, published together at its end. */
  private outbox: Uint8Array[] = [];
  /** Updates other processes sent, received in this turn, applied together at its end. */
  private inbox: Uint8Array[] = [];
  /** When each other process was last heard on this channel (a silent one may have died). */
  private readonly heard = new Map<string, number>();
  /** One sync request at a time for missing updates; another after it when more went missing. */
  private syncing = false;
  private syncAgain = false;

  constructor(
    private readonly bus: Bus,
    readonly name: string,
    private readonly store: DocStore,
    private readonly logger: Logger,
    /** ORPHAN_MS (tests shorten it). */
    private readonly orphanMs = ORPHAN_MS,
  ) {
    this.channel = `${bus.prefix}doc:${name}`;
    const e = createEncoder();
    writeVarString(e, bus.nodeId);
    this.self = Buffer.from(toUint8Array(e));
  }

  /** This process's id as its messages carry it (after their kind, one byte). */
  private readonly self: Buffer;

  // ——— DocPeers: what the live document tells the others ———

  update(update: Uint8Array): void {
    this.outbox.push(update);
    if (this.outbox.length === 1) queueMicrotask(this.publishOutbox);
  }

  /** The updates of this turn, in one message (before anything that refers to them: a mark, a sync answer). */
  private publishOutbox = (): void => {
    const updates = this.outbox;
    if (updates.length === 0) return;
    this.outbox = [];
    this.seq += 1;
    const seq = this.seq;
    this.send(Kind.Update, (e) => {
      writeVarUint(e, seq);
      writeVarUint(e, updates.length);
      for (const u of updates) writeVarUint8Array(e, u);
    });
  };

  presence = (update: Uint8Array, owners: [number, string][]): void => {
    this.send(Kind.Presence, (e) => {
      writeVarUint8Array(e, update);
      writeVarUint(e, owners.length);
      for (const [clientId, userId] of owners) {
        writeVarUint(e, clientId);
        writeVarString(e, userId);
      }
    });
  };

  mark(): number {
    this.publishOutbox();
    return this.seq;
  }

  stored(mark: number): void {
    if (mark <= this.storedSeq) return;
    this.storedSeq = mark;
    this.send(Kind.Stored, (e) => writeVarUint(e, mark));
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
    this.applyInbox();
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
        writeVarString(e, id);
        writeUint8(e, pushBack ? 1 : 0);
        writeVarUint8Array(e, encodeStateVector(live.doc));
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
    live.applyRemote(await this.store.load(this.name));
    await this.sync(true);
  }

  /**
   * Before the final flush of an unloaded document: waits (at most ORPHAN_MS) for the others to
   * confirm what they sent, and stores what they did not.
   */
  async leave(): Promise<void> {
    this.applyInbox();
    const deadline = Date.now() + this.orphanMs;
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
    // this process's own messages come back to it (Redis echoes to every subscriber): skipped unread
    if (message.length > this.self.length && message.compare(this.self, 0, this.self.length, 1, this.self.length + 1) === 0) return;
    try {
      const d = createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      const kind = readVarUint(d) as Kind;
      const origin = readVarString(d);
      if (origin === this.bus.nodeId) return;
      this.heard.set(origin, Date.now());
      if (kind === Kind.Update) {
        // applied at the end of this turn, with the others that arrived in it (one transaction)
        const seq = readVarUint(d);
        const updates: Uint8Array[] = [];
        for (let n = readVarUint(d); n > 0; n--) updates.push(readVarUint8Array(d));
        this.track(origin, seq, updates);
        if (this.inbox.length === 0) queueMicrotask(this.applyInbox);
        this.inbox.push(...updates);
        return;
      }
      // whatever else comes after the updates that arrived before it
      this.applyInbox();
      switch (kind) {
        case Kind.Presence: {
          const update = readVarUint8Array(d);
          const owners: [number, string][] = [];
          for (let n = readVarUint(d); n > 0; n--) owners.push([readVarUint(d), readVarString(d)]);
          live.applyRemotePresence(update, owners);
          return;
        }
        case Kind.Stored: {
          const seq = readVarUint(d);
          const list = this.unconfirmed.get(origin);
          if (!list) return;
          const rest = list.filter((u) => u.seq > seq);
          if (rest.length) this.unconfirmed.set(origin, rest);
          else this.unconfirmed.delete(origin);
          return;
        }
        case Kind.SyncRequest: {
          const id = readVarString(d);
          const pushBack = readUint8(d) === 1;
          const stateVector = readVarUint8Array(d);
          this.publishOutbox();
          void this.publish(Kind.SyncAnswer, (e) => {
            writeVarString(e, origin);
            writeVarString(e, id);
            // what this process accepted but has not stored yet is in the answer: tracked as its own
            writeVarUint(e, this.seq > this.storedSeq ? this.seq : 0);
            writeVarUint8Array(e, encodeStateAsUpdate(live.doc, stateVector));
            writeVarUint8Array(e, pushBack ? encodeStateVector(live.doc) : new Uint8Array(0));
          }).catch(() => undefined);
          return;
        }
        case Kind.SyncAnswer: {
          const to = readVarString(d);
          if (to !== this.bus.nodeId) return;
          const id = readVarString(d);
          const seq = readVarUint(d);
          const diff = readVarUint8Array(d);
          const theirs = readVarUint8Array(d);
          if (seq > 0) this.track(origin, seq, [diff]);
          live.applyRemote([diff]);
          // they lack what this process accepted while Redis was away: relayed as this process's own
          if (theirs.length > 0) {
            this.update(encodeStateAsUpdate(live.doc, theirs));
            // stored by this process already (or pending here): confirmed with its next flush
            this.stored(this.mark());
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

  /** The updates of this turn from other processes, in one transaction (one message to each connection). */
  private applyInbox = (): void => {
    const updates = this.inbox;
    if (updates.length === 0) return;
    this.inbox = [];
    const live = this.live;
    if (!live || this.closed) return;
    try {
      if (!live.applyRemote(updates, { relayAsReceived: true })) this.requestSync();
    } catch (err) {
      this.logger.error({ err, doc: this.name }, 'bad cluster update (ignored)');
    }
  };

  /** Something another process sent depends on what this one lacks (a message lost while Redis was away). */
  private requestSync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    void this.sync().finally(() => {
      this.syncing = false;
      if (!this.syncAgain || this.closed) return;
      this.syncAgain = false;
      this.requestSync();
    });
  }

  private track(origin: string, seq: number, updates: Uint8Array[]): void {
    const list = this.unconfirmed.get(origin) ?? [];
    list.push({ seq, updates, at: Date.now() });
    this.unconfirmed.set(origin, list);
    if (!this.sweep) {
      this.sweep = setInterval(() => this.storeOrphans(Date.now() - this.orphanMs), Math.min(1000, this.orphanMs));
      this.sweep.unref();
    }
  }

  /**
   * Stores what arrived before `before` and was never confirmed by its process, if that process
   * has been silent on this channel since (`Infinity`: whatever is left, this process unloads).
   */
  private storeOrphans(before: number): void {
    const orphans: Uint8Array[] = [];
    for (const [origin, list] of this.unconfirmed) {
      if (before !== Infinity && (this.heard.get(origin) ?? 0) > before) continue;
      const old = list.filter((u) => u.at <= before);
      if (old.length === 0) continue;
      for (const u of old) orphans.push(...u.updates);
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
      this.live.storeOrphan(mergeUpdates(orphans));
    }
  }

  private pendingCount(): number {
    let n = 0;
    for (const list of this.unconfirmed.values()) n += list.length;
    return n;
  }

  private send(kind: Kind, body: (e: Encoder) => void): void {
    this.publish(kind, body).catch(() => undefined);
  }

  private publish(kind: Kind, body: (e: Encoder) => void): Promise<number> {
    const e = createEncoder();
    writeVarUint(e, kind);
    writeVarString(e, this.bus.nodeId);
    body(e);
    // no HTTP reply waits for a document's messages (reply.ts): a REST write's reply is not held
    // by the traffic of every live document (a command reads the others' state with `sync`)
    return this.bus.publish(this.channel, toUint8Array(e), { untracked: true });
  }
}
