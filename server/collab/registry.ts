import type { Logger } from 'pino';
import type { Db } from '../db/db';
import { loadUpdates, replaceUpdates } from '../sql/collab-updates';
import { amendmentDocName, formalisationDocName } from '../../shared/live-docs';
import { AppendBatch } from './append-batch';
import { LiveDoc, type Conn, type DocLink, type DocStore, type LiveDocOptions, type Mode } from './live-doc';
import { recheck, sessionEnded, type ConnAuthority, type DocFilter, type LiveRevocation } from './revocation';
import { readAlineas, writeAlineas } from './ydoc-text';

/** How long an appended row may wait for others to share its statement (append-batch.ts). */
export const APPEND_WINDOW_MS = 100;

/**
 * The PostgreSQL side of the persistence port. With several processes (`shared`), compaction
 * merges the rows others appended into the state it writes (this process may not hold them yet).
 * Rows appended within `APPEND_WINDOW_MS` of each other go in one statement.
 */
export function pgDocStore(db: Db, options: { shared?: boolean } = {}): DocStore {
  const batch = new AppendBatch(db, APPEND_WINDOW_MS);
  return {
    load: async (name) => (await loadUpdates(db, name)).map((r) => r.update),
    store: (name, update) => batch.append(name, update),
    compact: (name, state) => replaceUpdates(db, name, state, options.shared ?? false),
  };
}

/** What crosses processes besides documents (cluster mode): revocations and modes, as plain data. */
export type LiveEvent =
  | { t: 'revokeSession'; tokenHash: string }
  | { t: 'recheckUser'; userId: string }
  | { t: 'recheckDocs'; filter: DocFilter }
  | { t: 'setAuthorsMode'; name: string; mode: Mode }
  | { t: 'closeAuthors'; name: string; reason: string }
  | { t: 'setUserMode'; name: string; userId: string; mode: Mode };

/** The other processes (cluster mode, server/cluster/cluster.ts). */
export interface DocCluster {
  /** A document's channel (subscribed by the registry before it loads the document). */
  link(name: string): DocLink;
  /** Tells the other processes; they apply it with `DocRegistry.apply`. */
  relay(event: LiveEvent): void;
}

/** What REST commands need from live documents (reading, writing, locking a draft's text). */
export interface LiveTexts {
  /** The live text, or null when no live document was ever stored under this name. */
  read(name: string): Promise<string[] | null>;
  write(name: string, alineas: readonly string[]): Promise<void>;
  /** Authors write a draft; from its submission they only watch. */
  setAuthorsMode(name: string, mode: Mode): void;
  /** Closes authors' connections (4403) once their draft is submitted. */
  closeAuthors(name: string, reason: string): void;
  /** Changes what one person's open connections may do. */
  setUserMode(name: string, userId: string, mode: Mode): void;
}

/** What routes hand to commands: the live texts, and the revocation of connections. */
export type LiveDocs = LiveTexts & LiveRevocation;

/**
 * The loaded documents of this process. A document is loaded by its first user (a connection or
 * a REST command) and unloaded, after a final flush, when the last one leaves.
 */
export class DocRegistry implements LiveTexts, LiveRevocation {
  private readonly docs = new Map<string, { live: LiveDoc; link: DocLink | null; users: number; ready: Promise<void> }>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly options: LiveDocOptions;

  constructor(
    private readonly store: DocStore,
    logger: Logger,
    options: Partial<Omit<LiveDocOptions, 'onError'>> = {},
    /** The checks revocations re-run (none: connections are only closed by session). */
    private readonly authority: ConnAuthority | null = null,
    /** The other processes (cluster mode); none: this process holds its documents alone. */
    private readonly cluster: DocCluster | null = null,
  ) {
    this.options = {
      // a few updates per row rather than one (each row is a round trip on the event loop's thread);
      // what the server acknowledged is in PostgreSQL within a second: flushed within 900 ms, and
      // appended with other documents' rows within APPEND_WINDOW_MS more
      debounceMs: 200,
      maxWaitMs: 1000 - APPEND_WINDOW_MS,
      compactEvery: 100,
      // a stock client sends one sync step 1 per connection: more is a client asking for the
      // whole document again and again
      syncIntervalMs: 2000,
      onError: (err) => logger.error({ err }, 'live document persistence failed'),
      ...options,
    };
  }

  get loadedCount(): number {
    return this.docs.size;
  }

  /** The loaded document (loading it if needed); pair every acquire with a release. */
  async acquire(name: string): Promise<LiveDoc> {
    // A document being unloaded finishes writing before it is read again.
    await this.unloading.get(name);
    let entry = this.docs.get(name);
    if (!entry) {
      const link = this.cluster?.link(name) ?? null;
      const live = new LiveDoc(name, this.store, this.options, link);
      // subscribed first, then loaded: nothing another process accepts falls between the two
      const ready = link ? link.subscribe(live).then(() => live.load()).then(() => link.ready()) : live.load();
      entry = { live, link, users: 0, ready };
      this.docs.set(name, entry);
    }
    entry.users += 1;
    try {
      await entry.ready;
    } catch (err) {
      this.release(entry.live);
      throw err;
    }
    return entry.live;
  }

  release(live: LiveDoc): void {
    const entry = this.docs.get(live.name);
    if (!entry || entry.live !== live) return;
    entry.users -= 1;
    if (entry.users > 0) return;
    this.docs.delete(live.name);
    const link = entry.link;
    // its own updates first (the others wait for that confirmation as it waits for theirs)
    const done = (link ? live.flush().then(() => link.leave()) : Promise.resolve()).then(() => live.flush()).finally(() => {
      link?.close();
      live.destroy();
      this.unloading.delete(live.name);
    });
    this.unloading.set(live.name, done);
  }

  async withDoc<T>(name: string, fn: (live: LiveDoc) => T): Promise<T> {
    const live = await this.acquire(name);
    try {
      // what the other processes accepted until now is read and written over too
      await this.docs.get(name)?.link?.sync();
      const result = fn(live);
      await live.flush();
      return result;
    } finally {
      this.release(live);
    }
  }

  read(name: string): Promise<string[] | null> {
    return this.withDoc(name, (live) => (live.hasContent ? readAlineas(live.doc) : null));
  }

  async write(name: string, alineas: readonly string[]): Promise<void> {
    await this.withDoc(name, (live) => writeAlineas(live.doc, alineas, 'rest'));
  }

  // Both are revocations: a connection checked before them but joining after re-checks itself.
  setAuthorsMode(name: string, mode: Mode): void {
    this.apply({ t: 'setAuthorsMode', name, mode });
    this.cluster?.relay({ t: 'setAuthorsMode', name, mode });
  }

  closeAuthors(name: string, reason: string): void {
    this.apply({ t: 'closeAuthors', name, reason });
    this.cluster?.relay({ t: 'closeAuthors', name, reason });
  }

  setUserMode(name: string, userId: string, mode: Mode): void {
    this.apply({ t: 'setUserMode', name, userId, mode });
    this.cluster?.relay({ t: 'setUserMode', name, userId, mode });
  }

  /**
   * Applies a revocation or a change of mode to this process's connections (the methods of this
   * class call it, then relay the event; other processes call it with what they relay).
   */
  apply = (event: LiveEvent): Promise<void> => {
    switch (event.t) {
      case 'setAuthorsMode':
        this.epoch += 1;
        this.docs.get(event.name)?.live.setAuthorsMode(event.mode);
        return Promise.resolve();
      case 'closeAuthors':
        this.epoch += 1;
        this.docs.get(event.name)?.live.closeAuthors(event.reason);
        return Promise.resolve();
      case 'setUserMode':
        this.docs.get(event.name)?.live.setUserMode(event.userId, event.mode);
        return Promise.resolve();
      case 'revokeSession':
        this.epoch += 1;
        for (const { conn } of this.connections()) if (conn.sessionHash === event.tokenHash) conn.close(sessionEnded.code, sessionEnded.reason);
        return Promise.resolve();
      case 'recheckUser':
        this.epoch += 1;
        return this.recheck(this.connections().filter(({ conn }) => conn.userId === event.userId));
      case 'recheckDocs':
        return this.recheckMatching(event.filter);
    }
  };

  /** After Redis came back: every loaded document catches up with what others stored or hold. */
  async resyncAll(): Promise<void> {
    await Promise.all([...this.docs.values()].map((e) => e.ready.then(() => e.link?.resync())));
  }

  /**
   * Bumped by every revocation: a connection checked before a revocation but added to its document
   * after it re-checks itself (server.ts), so that none slips between the two.
   */
  epoch = 0;

  revokeSession(tokenHash: string): void {
    void this.apply({ t: 'revokeSession', tokenHash });
    this.cluster?.relay({ t: 'revokeSession', tokenHash });
  }

  async recheckUser(userId: string): Promise<void> {
    this.cluster?.relay({ t: 'recheckUser', userId });
    await this.apply({ t: 'recheckUser', userId });
  }

  async recheckDocs(filter: DocFilter): Promise<void> {
    this.cluster?.relay({ t: 'recheckDocs', filter });
    await this.apply({ t: 'recheckDocs', filter });
  }

  private async recheckMatching(filter: DocFilter): Promise<void> {
    this.epoch += 1;
    const names = 'amendmentId' in filter
      ? [amendmentDocName(filter.amendmentId), formalisationDocName(filter.amendmentId)]
      : await (this.authority?.docsOfBill(filter.billId, [...this.docs.keys()]) ?? []);
    await this.recheck(names.flatMap((name) => this.connections(name)));
  }

  /** Re-checks one connection (its session's end, or a revocation while it connected). */
  recheckConn(docName: string, conn: Conn): Promise<void> {
    return this.recheck([{ docName, conn }]);
  }

  private recheck(targets: { docName: string; conn: Conn }[]): Promise<void> {
    return this.authority && targets.length ? recheck(this.authority, targets) : Promise.resolve();
  }

  private connections(name?: string): { docName: string; conn: Conn }[] {
    const entries = name === undefined ? [...this.docs.values()] : [this.docs.get(name)].filter((e) => e !== undefined);
    return entries.flatMap(({ live }) => [...live.conns].map((conn) => ({ docName: live.name, conn })));
  }

  /** Writes everything pending (graceful shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...[...this.docs.values()].map((e) => e.live.flush()), ...this.unloading.values()]);
  }
}
