import type { Queryable } from '../db/db';
import { appendUpdate, appendUpdates } from '../sql/collab-updates';

/**
 * Rows that live documents append within one window go to PostgreSQL together, in one statement:
 * fifty documents being typed in flush fifty rows a second, each a round trip through the pool and
 * a commit of its own (bench:collab (a): 8 % of the server's CPU, and most of PostgreSQL's). The
 * windows are aligned on the clock (every `windowMs` ms past the epoch), so documents whose
 * flushes fall in the same window share the statement whenever they were opened. A row waits at
 * most `windowMs` (the registry's `maxWaitMs` leaves room for it).
 *
 * Should a statement fail, its rows are tried one by one, so that one row the database refuses
 * fails its own document only (LiveDoc keeps that document's updates and tries again).
 */
export class AppendBatch {
  private queue: { docName: string; update: Uint8Array; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly windowMs: number,
  ) {}

  append(docName: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docName, update, resolve, reject });
      this.timer ??= setTimeout(this.write, this.windowMs - (Date.now() % this.windowMs));
    });
  }

  private write = (): void => {
    this.timer = null;
    const rows = this.queue;
    this.queue = [];
    appendUpdates(this.db, rows).then(
      () => rows.forEach((r) => r.resolve()),
      (err: unknown) => {
        if (rows.length === 1) return rows[0]!.reject(err);
        for (const r of rows) appendUpdate(this.db, r.docName, r.update).then(r.resolve, r.reject);
      },
    );
  };
}
