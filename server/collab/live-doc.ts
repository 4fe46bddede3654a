import { Awareness } from 'y-protocols/awareness';
import { Doc, Transaction, applyUpdate, encodeStateAsUpdate, encodeStateVector, mergeUpdates } from 'yjs';
import { Presence, type PresencePublisher } from './presence';
import { awarenessMessage, decodeMessage, syncStep1Message, syncStep2Message, updateMessage } from './protocol';
import { checkUpdate, RefusedUpdate } from './update-guard';
import { repairFragment } from './ydoc-text';

/** Persistence is a two-function port (plus compaction): load a document, store an update. */
export interface DocStore {
  load(name: string): Promise<Uint8Array[]>;
  store(name: string, update: Uint8Array): Promise<void>;
  /** Replaces the stored rows by `state`, the whole document as this process holds it. */
  compact(name: string, state: Uint8Array): Promise<void>;
}

export type Mode = 'write' | 'read';

/** One WebSocket connection to a document. */
export interface Conn {
  mode: Mode;
  readonly userId: string;
  /** The account's display name: its comments and its presence are signed with it. */
  readonly displayName: string;
  /** The SHA-256 of the session token the connection opened with (revoked at logout). */
  readonly sessionHash: string;
  /** Closed or made readers when the amendment moves on (a draft's authors at submission; everyone
   *  in a formalisation workspace when the amendment is withdrawn or inadmissible). */
  readonly lockable: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Told, after each check, when the session ends (the connection re-checks it then). */
  sessionEndsAt?(at: Date): void;
}

export interface LiveDocOptions {
  /** Updates are appended to the database this long after the last one… */
  debounceMs: number;
  /** …or at the latest this long after the first pending one. */
  maxWaitMs: number;
  /** Rows appended after which the document's rows are merged into one. */
  compactEvery: number;
  /**
   * A connection's sync step 1 is answered (with what it lacks, up to the whole document) at most
   * this often; those that arrive sooner are answered together at the end of the interval.
   */
  syncIntervalMs: number;
  onError(err: unknown): void;
}

/**
 * The other processes holding the same document (cluster mode, server/cluster/doc-channel.ts):
 * what this process accepts is told to them; what they accepted arrives through `applyRemote`.
 */
export interface DocPeers {
  /** An update this process applied (from its client, a command, a repair): relayed. */
  update(update: Uint8Array): void;
  /** This process's presence changes (its connections' entries). */
  presence: PresencePublisher;
  /** A mark of what was relayed so far… */
  mark(): number;
  /** …told once everything up to it is in the database. */
  stored(mark: number): void;
}

/** The registry's side of a document's channel (server/cluster/doc-channel.ts). */
export interface DocLink extends DocPeers {
  /** Subscribes to the channel before the document is loaded (what arrives meanwhile waits). */
  subscribe(live: LiveDoc): Promise<void>;
  /** The document is loaded: waiting messages are applied, the other processes asked what they hold. */
  ready(): Promise<void>;
  /** Waits until the other processes told what this one lacks (before a command reads the text). */
  sync(): Promise<void>;
  /** After Redis came back: what was stored or accepted elsewhere meanwhile. */
  resync(): Promise<void>;
  /** Before the final flush: stores what the other processes sent but never confirmed storing. */
  leave(): Promise<void>;
  close(): void;
}

const LOAD_ORIGIN = Symbol('load');
/** Updates accepted by another process: relayed to this process's connections, stored by that process. */
export const REMOTE_ORIGIN = Symbol('remote');
/**
 * Up to this many connections an update is relayed at once; above, the updates of one event-loop
 * turn are merged and encoded once for all (a hot document with hundreds of readers). Waiting a
 * turn costs a small document its latency (bench:collab (a)) and saves it nothing.
 */
const IMMEDIATE_FANOUT = 16;

/**
 * A loaded live document: the Y.Doc, its awareness, its connections, and its persistence. Every
 * update is broadcast once per event-loop turn (merged when several arrive together) and appended
 * to the database after a short debounce; what the server acknowledged is durable within
 * `maxWaitMs`.
 */
export class LiveDoc {
  readonly doc = new Doc();
  readonly awareness = new Awareness(this.doc);
  readonly conns = new Set<Conn>();
  private readonly presence: Presence<Conn>;
  private pending: Uint8Array[] = [];
  private outgoing: Uint8Array[] = [];
  private broadcastScheduled = false;
  private debounce: NodeJS.Timeout | null = null;
  private firstPendingAt = 0;
  /** The timer is the retry of a failed write (not pushed back by new updates). */
  private retrying = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly syncs = new Map<Conn, { last: number; timer: NodeJS.Timeout | null; stateVector: Uint8Array | null }>();
  private rowsSinceCompaction = 0;
  private compactAt: number;
  private destroyed = false;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly options: LiveDocOptions,
    private readonly peers: DocPeers | null = null,
  ) {
    this.presence = new Presence<Conn>(this.awareness, () => this.conns, peers?.presence ?? null);
    // The server is not a peer with a cursor of its own.
    this.awareness.setLocalState(null);
    this.compactAt = this.jitteredThreshold();
  }

  /** Loads the stored state; must complete before the first client message is handled. */
  async load(): Promise<void> {
    const updates = await this.store.load(this.name);
    this.doc.transact(() => {
      for (const u of updates) applyUpdate(this.doc, u);
    }, LOAD_ORIGIN);
    this.rowsSinceCompaction = updates.length;
    this.doc.on('update', this.onUpdate);
    this.doc.on('afterTransaction', this.onTransaction);
    // a document stored before updates were checked is repaired once (the repair is stored)
    const removed = repairFragment(this.doc, 'repair');
    if (removed > 0) this.options.onError(new Error(`${this.name}: ${removed} node(s) outside the schema removed`));
  }

  get hasContent(): boolean {
    return this.doc.share.size > 0 && this.doc.getXmlFragment('prosemirror').length > 0;
  }

  addConn(conn: Conn): void {
    this.conns.add(conn);
    conn.send(syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) conn.send(awarenessMessage(this.awareness, states));
  }

  removeConn(conn: Conn): void {
    this.conns.delete(conn);
    this.presence.remove(conn);
    const sync = this.syncs.get(conn);
    if (sync?.timer) clearTimeout(sync.timer);
    this.syncs.delete(conn);
  }

  /**
   * Handles one message from a connection; a read-only connection's document changes are dropped,
   * a writer's are checked first (update-guard.ts: RefusedUpdate, nothing applied).
   */
  receive(conn: Conn, data: Uint8Array): void {
    const msg = decodeMessage(data);
    switch (msg.kind) {
      case 'sync-step1':
        this.answerSync(conn, msg.stateVector);
        return;
      case 'doc-update':
        if (conn.mode !== 'write') return;
        if (checkUpdate(this.doc, msg.update, conn)) this.applyAccepted(msg.update, conn);
        else this.applyChecked(msg.update, conn);
        return;
      case 'awareness':
        this.presence.receive(conn, msg.update);
        return;
      case 'query-awareness':
        conn.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
    }
  }

  /**
   * A checked update that is all news (checkUpdate): applied without the document's `update`
   * listener, so that Yjs does not encode again what the client already encoded (a fifth of what
   * an update cost, bench:collab (a)); what it changed is then relayed, told to the other processes
   * and stored as the client sent it. One that changed nothing (already held) goes nowhere, as Yjs
   * would have emitted nothing. Should the apply stop half-way (it throws, or leaves content
   * pending: a bug of the guard), what did apply goes on as Yjs would have encoded it.
   */
  private applyAccepted(update: Uint8Array, conn: Conn): void {
    this.changed = false;
    let whole = false;
    try {
      this.unencoded(() => applyUpdate(this.doc, update, conn));
      whole = true;
    } finally {
      const pending = this.clearPending();
      if (this.changed) this.onUpdate(whole && !pending ? update : encodeStateAsUpdate(this.doc, encodeStateVector(this.before)), conn);
      if (pending) this.refusePending();
    }
  }

  /** Applies without the document's `update` listener: Yjs encodes nothing (the caller has the bytes). */
  private unencoded(apply: () => void): void {
    this.doc.off('update', this.onUpdate);
    try {
      apply();
    } finally {
      this.doc.on('update', this.onUpdate);
    }
  }

  /** A checked update that overlaps what the document holds: Yjs tells (and encodes) only what it added. */
  private applyChecked(update: Uint8Array, conn: Conn): void {
    applyUpdate(this.doc, update, conn);
    if (this.clearPending()) this.refusePending();
  }

  private refusePending(): never {
    this.options.onError(new Error(`${this.name}: an update left content pending (dropped)`));
    throw new RefusedUpdate('pending content');
  }

  /** Whether the last transaction changed the document (what Yjs checks before it emits `update`), and from what. */
  private changed = false;
  private before = new Map<number, number>();
  private onTransaction = (tr: Transaction): void => {
    this.before = tr.beforeState;
    if (tr.deleteSet.clients.size > 0) this.changed = true;
    else for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) this.changed = true;
  };

  /** Answers a sync step 1 now, or at the end of the connection's interval (the latest state vector wins). */
  private answerSync(conn: Conn, stateVector: Uint8Array): void {
    let sync = this.syncs.get(conn);
    if (!sync) this.syncs.set(conn, (sync = { last: -Infinity, timer: null, stateVector: null }));
    sync.stateVector = stateVector;
    if (sync.timer) return;
    const answer = (s: NonNullable<typeof sync>) => {
      s.timer = null;
      s.last = Date.now();
      const sv = s.stateVector;
      s.stateVector = null;
      if (sv && this.conns.has(conn)) conn.send(syncStep2Message(this.doc, sv));
    };
    const wait = sync.last + this.options.syncIntervalMs - Date.now();
    if (wait <= 0) answer(sync);
    else sync.timer = setTimeout(answer, wait, sync);
  }

  /**
   * The guard refuses whatever Yjs would keep pending (to apply it later, unchecked): content left
   * pending is a bug of the guard. It is dropped (nothing of it is applied, stored or relayed) and
   * the update refused. True when there was some.
   */
  private clearPending(): boolean {
    const store = this.doc.store;
    if (!store.pendingStructs && !store.pendingDs) return false;
    store.pendingStructs = null;
    store.pendingDs = null;
    return true;
  }

  /** Once submitted, authors' editors are told (4403) rather than silently dropping what they type. */
  closeAuthors(reason: string): void {
    for (const conn of this.conns) if (conn.lockable) conn.close(4403, reason);
  }

  /** One person's connections change mode (a clerk put in charge of, or relieved of, a workspace). */
  setUserMode(userId: string, mode: Mode): void {
    for (const conn of this.conns) if (conn.userId === userId) conn.mode = mode;
  }

  /** From submission on, authors keep watching but their changes are no longer accepted. */
  setAuthorsMode(mode: Mode): void {
    for (const conn of this.conns) if (conn.lockable) conn.mode = mode;
  }

  /**
   * Updates other processes accepted (cluster mode): applied in one transaction and relayed to
   * this process's connections in one message, not stored (their processes do). False when one
   * depends on something this process lacks (a message lost while Redis was away): nothing of
   * that one is kept, the caller resyncs.
   */
  applyRemote(updates: readonly Uint8Array[], { relayAsReceived = false } = {}): boolean {
    if (relayAsReceived) {
      // Relayed as they came (what another process accepted from its clients, each update once):
      // without an 'update' listener, Yjs does not encode again what it applied — a third of
      // what a remote update cost this process (bench:collab --processes 2).
      this.unencoded(() => this.applyRemoteUpdates(updates));
      this.relay(updates);
    } else this.applyRemoteUpdates(updates);
    return !this.clearPending();
  }

  private applyRemoteUpdates(updates: readonly Uint8Array[]): void {
    if (updates.length === 1) applyUpdate(this.doc, updates[0]!, REMOTE_ORIGIN);
    else this.doc.transact(() => updates.forEach((u) => applyUpdate(this.doc, u, REMOTE_ORIGIN)), REMOTE_ORIGIN);
  }

  /** Presence relayed by another process (checked and signed there). */
  applyRemotePresence(update: Uint8Array, owners: readonly [number, string][]): void {
    this.presence.receiveRemote(update, owners);
  }

  /** Stores an update this process holds but did not accept itself (its process went away before storing it). */
  storeOrphan(update: Uint8Array): void {
    this.queueStore(update);
  }

  private onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    if (origin !== REMOTE_ORIGIN) this.peers?.update(update);
    this.relay([update], origin);
    if (origin !== REMOTE_ORIGIN) this.queueStore(update);
  };

  /**
   * To this process's connections, in one message: at once to a few, once per turn to many. Sent
   * at once, an update does not go back to the connection it came from (its client holds it: one
   * message in four saved on a draft with four authors); merged with others, it goes to all.
   */
  private relay(updates: readonly Uint8Array[], from: unknown = null): void {
    if (this.conns.size === 0 || updates.length === 0) return;
    this.outgoing.push(...updates);
    if (this.conns.size <= IMMEDIATE_FANOUT && !this.broadcastScheduled) this.broadcast(from);
    else if (!this.broadcastScheduled) {
      this.broadcastScheduled = true;
      setImmediate(this.broadcast);
    }
  }

  private queueStore(update: Uint8Array): void {
    this.pending.push(update);
    const now = Date.now();
    if (this.pending.length === 1) this.firstPendingAt = now;
    // One timer per flush, pushed back by each update (`refresh`: no new timer, nothing allocated)
    // while that keeps it within `maxWaitMs` of the first pending update. A timer per update cost
    // an allocation each; one that fired to re-check cost a wake-up each (bench:collab (a)).
    if (!this.debounce) this.debounce = setTimeout(this.debounced, Math.min(this.options.debounceMs, this.options.maxWaitMs));
    else if (!this.retrying && now + this.options.debounceMs <= this.firstPendingAt + this.options.maxWaitMs) this.debounce.refresh();
  }

  private debounced = (): void => {
    this.debounce = null;
    void this.flush();
  };

  /** `except`: the origin of the update (a connection, or a symbol that is none). */
  private broadcast = (except: unknown = null): void => {
    this.broadcastScheduled = false;
    const updates = this.outgoing;
    this.outgoing = [];
    if (updates.length === 0) return;
    // Encoded once for every connection; several updates of one turn travel as one.
    const message = updateMessage(updates.length === 1 ? updates[0]! : mergeUpdates(updates));
    for (const conn of this.conns) if (conn !== except) conn.send(message);
  };

  /** Appends pending updates (merged into one row); resolves once they are in the database. */
  flush(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    this.retrying = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.writing;
    const mark = this.peers?.mark() ?? 0;
    this.writing = this.writing.then(async () => {
      try {
        await this.store.store(this.name, batch.length === 1 ? batch[0]! : mergeUpdates(batch));
        this.peers?.stored(mark);
        // (not once destroyed: a last retry stores its row, the next load compacts)
        if (++this.rowsSinceCompaction >= this.compactAt && !this.destroyed) {
          // From memory: encoding the loaded doc costs ~0.1 ms where re-merging 100 stored rows cost
          // ~3 ms on the event loop (bench:collab p99 16 ms → 1.6 ms).
          await this.store.compact(this.name, encodeStateAsUpdate(this.doc));
          this.rowsSinceCompaction = 1;
          this.compactAt = this.jitteredThreshold();
        }
      } catch (err) {
        // Keep the updates for the next attempt rather than lose them.
        this.pending.unshift(...batch);
        this.options.onError(err);
        if (this.debounce) clearTimeout(this.debounce);
        this.debounce = null;
        if (!this.destroyed) {
          this.debounce = setTimeout(() => void this.flush(), 1000);
          this.retrying = true;
        }
      }
    });
    return this.writing;
  }

  /**
   * Documents opened together and written at the same pace would all compact in the same instant
   * (bench:collab (a): a 10–20 ms stall every 20 s): each draws its threshold in [n, 1.5 n).
   */
  private jitteredThreshold(): number {
    const n = this.options.compactEvery;
    return n + Math.floor(Math.random() * Math.max(1, n / 2));
  }

  destroy(): void {
    this.destroyed = true;
    // (a failed last flush keeps its one retry: its updates are not dropped with the document)
    if (this.debounce && this.pending.length === 0) {
      clearTimeout(this.debounce);
      this.debounce = null;
    }
    for (const sync of this.syncs.values()) if (sync.timer) clearTimeout(sync.timer);
    this.syncs.clear();
    this.doc.off('update', this.onUpdate);
    this.doc.off('afterTransaction', this.onTransaction);
    this.presence.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
