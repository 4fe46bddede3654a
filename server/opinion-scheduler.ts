import type { Logger } from 'pino';
import { computeOpinionGroupsOf } from './commands/compute-opinion-groups';
import type { Db } from './db/db';
import { OpinionVoteCache } from './opinion-vote-cache';
import { BACKGROUND_BUDGET_FACTOR } from './compute/pool';
import { COMPUTE_BUDGET_MS } from '../shared/limits';
import { billsVotedSince, claimOpinionComputation, opinionWatermark, opinionWatermarks, releaseOpinionComputation } from './sql/opinions';

export interface OpinionScheduleOptions {
  /** How often new votes are looked for (one indexed query on vote_events). */
  pollMs?: number;
  /** A bill is recomputed once its votes have been quiet this long… */
  quietMs?: number;
  /** …or at the latest this long after its first unprocessed vote (a steady stream of votes). */
  maxWaitMs?: number;
}

export const OPINION_SCHEDULE_DEFAULTS: Required<OpinionScheduleOptions> = { pollMs: 1_000, quietMs: 3_000, maxWaitMs: 30_000 };

/** A claim on a bill's computation lapses after this long (longer than the computation's budget, reading and storing included). */
const LEASE_MS = COMPUTE_BUDGET_MS.opinions * BACKGROUND_BUDGET_FACTOR + 60_000;

interface Dirty {
  first: number;
  last: number;
  /** The last vote event seen for the bill: a stored map that includes it makes the computation needless. */
  upTo: number;
}

/**
 * Recomputes opinion groups after votes change, debounced per bill: it follows `vote_events`
 * (every vote change, without the voter) from the last id it saw, marks the bills concerned, and
 * recomputes a bill once its votes are quiet (or have waited too long), one bill at a time, on the
 * compute pool's background thread (lowest priority: requests keep the cores).
 * Several processes run this: a bill is computed by the process that claims it; the others skip
 * it while the claim holds and once a stored map includes every vote event they saw. A result
 * is stored only if no newer one is.
 */
export class OpinionScheduler {
  private readonly options: Required<OpinionScheduleOptions>;
  private timer: NodeJS.Timeout | null = null;
  private after = 0;
  private started = false;
  private readonly dirty = new Map<string, Dirty>();
  /** Computations run by this process, and those skipped (another process had it, or had done it). */
  readonly counts = { computed: 0, skipped: 0 };
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
      for (const c of changed) if ((stored.get(c.billId) ?? 0) < c.last) this.dirty.set(c.billId, { first: 0, last: 0, upTo: c.last });
    } else {
      for (const c of changed) {
        const d = this.dirty.get(c.billId);
        this.dirty.set(c.billId, { first: d?.first ?? now, last: now, upTo: Math.max(d?.upTo ?? 0, c.last) });
      }
    }
    for (const c of changed) this.after = Math.max(this.after, c.last);
    for (const [billId, d] of [...this.dirty]) {
      if (this.stopped) return;
      if (now - d.last < this.options.quietMs && now - d.first < this.options.maxWaitMs) continue;
      this.dirty.delete(billId);
      const again = () => {
        const n = this.dirty.get(billId);
        this.dirty.set(billId, { first: n?.first ?? now, last: n?.last ?? now, upTo: Math.max(n?.upTo ?? 0, d.upTo) });
      };
      if ((await opinionWatermark(this.db, billId)) >= d.upTo) {
        this.counts.skipped += 1; // another process stored a map that includes what this one saw
        continue;
      }
      const claim = await claimOpinionComputation(this.db, billId, LEASE_MS);
      if (claim === null) {
        this.counts.skipped += 1; // another process is computing it: looked at again later
        again();
        continue;
      }
      try {
        const run = await computeOpinionGroupsOf(this.db, billId, this.cache);
        this.counts.computed += 1;
        this.logger.info({ billId, ...run }, 'opinion groups computed');
      } catch (err) {
        this.logger.warn({ err, billId }, 'opinion groups: computation failed');
        this.cache.forget(billId);
        again();
      } finally {
        await releaseOpinionComputation(this.db, billId, claim).catch((err: unknown) => this.logger.warn({ err, billId }, 'opinion groups: release failed'));
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
