import type { IncrementResponse, Options as LimitOptions, Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Bus } from './bus';

/**
 * Rate limits shared by every process (cluster mode): counters in Redis (rate-limit-redis). If
 * Redis is away the limiters let requests through (`passOnStoreError`) rather than refuse
 * everyone; its scripts are loaded again once it is back (the store alone would keep the failed
 * first load for ever).
 */
class SharedStore extends RedisStore {
  constructor(bus: Bus, prefix: string) {
    super({ prefix, sendCommand: (...args: string[]) => bus.command(args) as Promise<RedisReply> });
  }

  override async init(options: LimitOptions): Promise<void> {
    this.windowMs = options.windowMs;
    this.loadScripts();
  }

  private loadScripts(): void {
    this.incrementScriptSha = this.loadIncrementScript();
    this.getScriptSha = this.loadGetScript();
    // a failed load is seen (and retried) by the next call
    this.incrementScriptSha.catch(() => undefined);
    this.getScriptSha.catch(() => undefined);
  }

  override async increment(key: string): Promise<IncrementResponse> {
    try {
      return await super.increment(key);
    } catch (err) {
      this.loadScripts();
      throw err;
    }
  }

  override async get(key: string) {
    try {
      return await super.get(key);
    } catch (err) {
      this.loadScripts();
      throw err;
    }
  }
}

/** A store per limiter (its identifier is part of its keys). */
export function sharedLimitStores(bus: Bus): (identifier: string) => Store {
  return (identifier) => new SharedStore(bus, `${bus.prefix}rl:${identifier}:`);
}
