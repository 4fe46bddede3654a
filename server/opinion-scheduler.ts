import type { Logger } from 'pino';
import { computeOpinionGroupsOf } from './commands/compute-opinion-groups';
import type { Db } from './db/db';
import { OpinionVoteCache } from './opinion-vote-cache';
import { billsVotedSince, opinionWatermarks } from './sql/opinions';

export interface OpinionScheduleOptions {
  /** How often new votes are looked for (one indexed query on vote_events). */
  pollMs?: number;
  /** A bill is recomputed once its votes have been quiet this long… */
  quietMs?: number;
  /** …or at the latest this long after its first unprocessed vote (a steady stream of votes). */
  maxWaitMs?: number;
}

export const OPINION_SCHEDULE_DEFAULTS: Required<OpinionScheduleOptions> = { pollMs: 1_000, quietMs: 3_000, maxWaitMs: 30_000 };

/**
 * Recomputes opinion groups after votes change, debounced per bill: it follows `vote_events`
 * (every vote change, without the voter) from the last id it saw, marks the bills concerned, and
 * recomputes a bill once its votes are quiet (or have waited too long), one bill at a time so that
 * the compute pool keeps room for requests. A result is stored only if no newer one is (several
 * processes may run this; the work is then done twice, never wrongly).
 */
export class OpinionScheduler {
  private readonly options: Required<OpinionScheduleOptions>;
  private timer: NodeJS.Timeout | null = null;
  private after = 0;
  private started = false;
  private readonly dirty = new Map<string, { first: number; last: number }>();
  private running: Promise<void> | null = null;
  private stopped = false;
  /** The bills' vote matrices between computations: a recomputation reads only what changed. */
  readonly cache = new OpinionVoteCache();

  constructor(private readonly db: Db, private readonly logger: Logger, options: OpinionScheduleOptions = {}) {
    this.options = { ...OPINION_SCHEDULE_DEFAULTS, ...options };
  }

  start(): this {
    this.schedule();
    return this;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().catch((err: unknown) => this.logger.warn({ err }, 'opinion groups: tick failed')).finally(() => {
        this.running = null;
        this.schedule();
      });
    }, this.options.pollMs);
    this.timer.unref();
  }

  /** One poll: new vote events mark their bills; due bills are recomputed. */
  async tick(now = Date.now()): Promise<void> {
    const changed = await billsVotedSince(this.db, this.after);
    if (!this.started) {
      // first look: every bill whose stored map is older than its last vote is due
      this.started = true;
      const stored = await opinionWatermarks(this.db);
      for (const c of changed) if ((stored.get(c.billId) ?? 0) < c.last) this.dirty.set(c.billId, { first: 0, last: 0 });
    } else {
      for (const c of changed) {
        const d = this.dirty.get(c.billId);
        this.dirty.set(c.billId, { first: d?.first ?? now, last: now });
      }
    }
    for (const c of changed) this.after = Math.max(this.after, c.last);
    for (const [billId, d] of [...this.dirty]) {
      if (this.stopped) return;
      if (now - d.last < this.options.quietMs && now - d.first < this.options.maxWaitMs) continue;
      this.dirty.delete(billId);
      try {
        const run = await computeOpinionGroupsOf(this.db, billId, this.cache);
        this.logger.info({ billId, ...run }, 'opinion groups computed');
      } catch (err) {
        this.logger.warn({ err, billId }, 'opinion groups: computation failed');
        this.cache.forget(billId);
        if (!this.dirty.has(billId)) this.dirty.set(billId, { first: now, last: now });
      }
    }
  }

  /** Stops polling and waits for a computation under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
