import type { Logger } from 'pino';
import type { Db } from '../db/db';
import { appendUpdate, loadUpdates, replaceUpdates } from '../sql/collab-updates';
import { LiveDoc, type DocStore, type LiveDocOptions, type Mode } from './live-doc';
import { readAlineas, writeAlineas } from './ydoc-text';

/** The PostgreSQL side of the persistence port. */
export function pgDocStore(db: Db): DocStore {
  return {
    load: async (name) => (await loadUpdates(db, name)).map((r) => r.update),
    store: (name, update) => appendUpdate(db, name, update),
    compact: (name, state) => replaceUpdates(db, name, state),
  };
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

/**
 * The loaded documents of this process. A document is loaded by its first user (a connection or
 * a REST command) and unloaded, after a final flush, when the last one leaves.
 */
export class DocRegistry implements LiveTexts {
  private readonly docs = new Map<string, { live: LiveDoc; users: number; ready: Promise<void> }>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly options: LiveDocOptions;

  constructor(
    private readonly store: DocStore,
    logger: Logger,
    options: Partial<Omit<LiveDocOptions, 'onError'>> = {},
  ) {
    this.options = {
      // a few updates per row rather than one (each row is a round trip on the event loop's thread);
      // what the server acknowledged is in PostgreSQL within a second
      debounceMs: 200,
      maxWaitMs: 1000,
      compactEvery: 100,
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
      const live = new LiveDoc(name, this.store, this.options);
      entry = { live, users: 0, ready: live.load() };
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
    const done = live.flush().finally(() => {
      live.destroy();
      this.unloading.delete(live.name);
    });
    this.unloading.set(live.name, done);
  }

  async withDoc<T>(name: string, fn: (live: LiveDoc) => T): Promise<T> {
    const live = await this.acquire(name);
    try {
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

  setAuthorsMode(name: string, mode: Mode): void {
    this.docs.get(name)?.live.setAuthorsMode(mode);
  }

  closeAuthors(name: string, reason: string): void {
    this.docs.get(name)?.live.closeAuthors(reason);
  }

  setUserMode(name: string, userId: string, mode: Mode): void {
    this.docs.get(name)?.live.setUserMode(userId, mode);
  }

  /** Writes everything pending (graceful shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...[...this.docs.values()].map((e) => e.live.flush()), ...this.unloading.values()]);
  }
}
