import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * What the processes of one deployment tell each other, through Redis pub/sub: one connection
 * publishes (and sends the rate limits' commands), one subscribes. Pub/sub delivers at most once
 * and only to those connected: whatever must survive a lost message is in PostgreSQL, and a
 * process that was cut off resyncs what it holds when Redis comes back (`onReconnect`).
 */
export interface Bus {
  /** This process, in messages (its own come back to it and are skipped by it). */
  readonly nodeId: string;
  /** Prefix of every channel and key (one deployment, or one test file, per prefix). */
  readonly prefix: string;
  /**
   * The number of subscribed connections that received it (this process's included); rejects when
   * Redis is away. `untracked`: not among the publications an HTTP reply waits for (`pending`,
   * `settled`: reply.ts) — live documents' messages, which no reply depends on.
   */
  publish(channel: string, message: Uint8Array | string, options?: { untracked?: boolean }): Promise<number>;
  /** Resolves once subscribed (or at once while Redis is away: subscribed when it returns). */
  subscribe(channel: string, handler: (message: Buffer) => void): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  /** Both connections up. */
  readonly up: boolean;
  /** Called when both connections are back after a loss (and every channel is subscribed again). */
  onReconnect(fn: () => void): void;
  /** Resolves true once both connections are up and subscribed, false after `maxMs` without them. */
  connected(maxMs: number): Promise<boolean>;
  /** Publications not yet acknowledged by Redis. */
  readonly pending: number;
  /** Resolves when what was published so far has been handed to Redis (at most `maxMs`). */
  settled(maxMs: number): Promise<void>;
  /** A raw command (rate-limit-redis). */
  command(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

export interface RedisBusOptions {
  url: string;
  prefix: string;
  logger: Logger;
}

/** Reconnects every 100 ms, then up to every second, for as long as it takes. */
const retryStrategy = (times: number) => Math.min(times * 100, 1000);

export class RedisBus implements Bus {
  readonly nodeId = randomUUID();
  readonly prefix: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, (message: Buffer) => void>();
  private readonly reconnects: (() => void)[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  /** Not (or no longer) subscribed to every channel: the next `ready` does it, and resyncs. */
  private lost = true;
  private wasUp = false;
  private readonly firstUp: Promise<void>;
  private markFirstUp!: () => void;

  constructor(private readonly options: RedisBusOptions) {
    this.prefix = options.prefix;
    this.firstUp = new Promise<void>((resolve) => (this.markFirstUp = resolve));
    const common = { retryStrategy, lazyConnect: false, connectionName: `palimpseste:${this.nodeId.slice(0, 8)}` };
    // A command waits for a reconnection once, then fails: callers go on without Redis meanwhile.
    // No auto-pipelining: it waits for the loop's check phase (setImmediate), then sends one
    // pipeline at a time, the next one queued behind the previous one's replies. The commands of
    // one callback still go in one write: see `publish`.
    this.pub = new Redis(options.url, { ...common, maxRetriesPerRequest: 1 });
    // Channels are re-subscribed by us, in `ready`, so that we know when it is done.
    this.sub = new Redis(options.url, { ...common, maxRetriesPerRequest: null, autoResubscribe: false });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.handlers.get(channel.toString())?.(message));
    for (const [name, conn] of [['publisher', this.pub], ['subscriber', this.sub]] as const) {
      conn.on('error', (err: Error) => options.logger.debug({ err: err.message, conn: name }, 'redis error'));
      conn.on('close', () => {
        if (!this.lost) options.logger.warn({ conn: name }, 'redis connection lost: serving this process’s clients alone until it returns');
        this.lost = true;
      });
      conn.on('ready', () => void this.ready());
    }
  }

  get pending(): number {
    return this.inflight.size;
  }

  get up(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  private async ready(): Promise<void> {
    if (!this.lost || !this.up) return;
    this.lost = false;
    try {
      if (this.handlers.size) await this.sub.subscribe(...this.handlers.keys());
    } catch (err) {
      this.lost = true;
      this.options.logger.warn({ err }, 'redis resubscription failed');
      return;
    }
    if (!this.wasUp) {
      this.wasUp = true;
      this.markFirstUp();
      this.options.logger.info('redis connected (cluster mode)');
      return;
    }
    this.options.logger.info({ channels: this.handlers.size }, 'redis back: resyncing live documents');
    for (const fn of this.reconnects) fn();
  }

  /**
   * Sent once the callback that published it (a socket read: one or several client messages) and
   * its microtasks are done, with every other command they issued, in one write: the socket is
   * corked until `process.nextTick`. One PUBLISH per write was, on a busy machine, the costliest
   * item of a cluster process's profile (see doc-channel.ts); waiting for the check phase of the
   * loop (auto-pipelining's setImmediate) made the first message of a busy turn wait for all the
   * others, which a client of the same process never does. Nothing waits for an earlier reply.
   */
  publish(channel: string, message: Uint8Array | string, options: { untracked?: boolean } = {}): Promise<number> {
    this.cork();
    const sent = this.pub.publish(channel, typeof message === 'string' ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength));
    if (options.untracked) return sent;
    this.inflight.add(sent);
    const done = () => this.inflight.delete(sent);
    sent.then(done, done);
    return sent;
  }

  /** The publishing socket, corked until the end of the current callback (its nextTick). */
  private corked: { uncork(): void } | null = null;

  private cork(): void {
    if (this.corked || this.pub.status !== 'ready') return;
    const stream = this.pub.stream;
    stream.cork();
    this.corked = stream;
    process.nextTick(this.uncork);
  }

  private readonly uncork = (): void => {
    const stream = this.corked;
    this.corked = null;
    stream?.uncork();
  };

  async subscribe(channel: string, handler: (message: Buffer) => void): Promise<void> {
    this.handlers.set(channel, handler);
    if (!this.up) return;
    try {
      await this.sub.subscribe(channel);
    } catch {
      // lost meanwhile: `ready` subscribes every channel again
    }
  }

  async unsubscribe(channel: string): Promise<void> {
    this.handlers.delete(channel);
    if (this.sub.status !== 'ready') return;
    await this.sub.unsubscribe(channel).catch(() => undefined);
  }

  onReconnect(fn: () => void): void {
    this.reconnects.push(fn);
  }

  async connected(maxMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), maxMs)));
    const up = await Promise.race([this.firstUp.then(() => true), timeout]);
    clearTimeout(timer);
    return up && this.up;
  }

  async settled(maxMs: number): Promise<void> {
    if (this.inflight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)));
    await Promise.race([Promise.allSettled([...this.inflight]), timeout]);
    clearTimeout(timer);
  }

  command(args: string[]): Promise<unknown> {
    this.cork();
    const [name, ...rest] = args;
    return this.pub.call(name!, ...rest);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.reconnects.length = 0;
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
