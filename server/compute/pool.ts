import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import { Piscina } from 'piscina';
import { COMPUTE_BUDGET_MS } from '../../shared/limits';
import { AppError } from '../errors';
import { INLINE_MAX_CHARS, TASK_BUDGET, TASKS, type TaskInput, type TaskName, type TaskOutput } from './tasks';

export interface ComputeOptions {
  /** Worker threads; default: one less than the cores (at least one), so the event loop keeps one. */
  threads?: number;
  /** Tasks waiting for a thread; past it, 503 `busy` at once. */
  maxQueue?: number;
  /** Results kept (all tasks are pure functions of their input), in characters of JSON. */
  cacheChars?: number;
}

export interface RunOptions {
  /** Overrides the task's budget (tests). */
  budgetMs?: number;
  /** Skips the cache (the input carries a timestamp, say). */
  cache?: boolean;
  /**
   * `public`: a request anyone may send without an account (the legistics service). It waits
   * behind the platform's own work (reads, formalisation, exports) and has a shorter queue, so
   * that a flood of it never starves the rest.
   * `background`: work nobody waits for (the opinion groups after votes change). It runs one task
   * at a time on a thread of its own whose scheduling priority is the lowest (nice 19, Linux
   * threads have their own), so that requests and the database get the cores first; its budget is
   * BACKGROUND_BUDGET_FACTOR times the task's, since it may wait for the cores.
   */
  lane?: 'platform' | 'public' | 'background';
}

/** A background task may wait for the cores behind everything else: its budget is this many times its task's. */
export const BACKGROUND_BUDGET_FACTOR = 4;
/** The background thread's nice value (the lowest priority; raising it back would need a privilege, so the thread keeps it). */
export const BACKGROUND_NICE = 19;

/**
 * Plain-data weight of an input: characters of its strings plus ten per value (alinéas are aligned
 * pairwise, so 500 one-letter alinéas cost far more than 500 letters); stops counting past `limit`.
 * Decides inline vs worker, and weighs cache entries.
 */
function weightOf(value: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length && n <= limit) {
    const v = stack.pop();
    n += 10;
    if (typeof v === 'string') n += v.length;
    // a typed array (a vote matrix): its bytes, without walking a hundred thousand numbers
    else if (ArrayBuffer.isView(v)) n += v.byteLength;
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return n;
}

/** How long a refusal for being too complex is remembered (the same input is refused at once). */
const REFUSAL_TTL_MS = 10 * 60_000;
/** Public tasks waiting at most, per thread (the platform's own work may queue 16 per thread). */
const PUBLIC_QUEUE_PER_THREAD = 4;
/** Longest wait for a thread; past it, 503 busy rather than a request that hangs. */
const MAX_WAIT_MS = 30_000;
const busy = () => new AppError('busy', 'Le serveur est très sollicité : réessayez dans un instant.', { reason: 'queue_full' });

const isAbort = (err: unknown) => err instanceof Error && err.name === 'AbortError';
const isOutOfMemory = (err: unknown) => typeof err === 'object' && err !== null && 'code' in err && err.code === 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * The compute pool: the CPU-heavy, pure computations (dispositifs, diffs, reconciliation, exports,
 * imports) run in worker threads (piscina) so that no request freezes the event loop, each with a
 * time budget (shared/limits.ts); past it the worker is stopped and replaced. Results are cached
 * by a hash of the task and its input. Small inputs run inline (cheaper than a round trip).
 */
export class ComputePool {
  private readonly pool: Piscina;
  /** The background lane's thread (created on first use), and the chain that runs its tasks one at a time. */
  private background: Piscina | null = null;
  private backgroundChain: Promise<unknown> = Promise.resolve();
  private readonly workerFile: string;
  private readonly execArgv: string[];
  private readonly cache: LRUCache<string, { value: unknown } | { refusal: AppError; until: number }>;
  /** Tasks running (at most one per thread) and waiting: our own queues, so that a task's budget
   *  starts when it runs, not while it waits behind others, and the platform's work goes first. */
  private running = 0;
  private readonly waiting: Record<'platform' | 'public', (() => void)[]> = { platform: [], public: [] };
  private readonly maxThreads: number;
  private readonly maxQueue: number;
  /**
   * Resolved once a worker has loaded the code: a task's budget is for its computation, not for
   * starting a thread (from sources, tsx compiles the whole domain in it). Reset when a worker is
   * stopped (past a budget) or the threads went idle.
   */
  private warm: Promise<void> | undefined;
  /** Counters for benches and tests: cache hits, tasks run inline, tasks sent to a worker. */
  readonly stats = { hits: 0, inline: 0, dispatched: 0 };

  constructor(options: ComputeOptions = {}) {
    const threads = options.threads ?? Math.max(1, os.availableParallelism() - 1);
    this.maxThreads = threads;
    this.maxQueue = options.maxQueue ?? 16 * threads;
    const ts = path.extname(__filename) === '.ts';
    this.workerFile = path.join(__dirname, `worker${ts ? '.ts' : '.js'}`);
    // from sources (tests, `npm run dev`, benches) the worker loads TypeScript through tsx
    this.execArgv = ts ? ['--import', 'tsx'] : [];
    this.pool = new Piscina({
      filename: this.workerFile,
      execArgv: this.execArgv,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      // a pathological input exhausts its worker's heap, not the server's
      resourceLimits: { maxOldGenerationSizeMb: 768 },
    });
    this.cache = new LRUCache({ maxSize: options.cacheChars ?? 50_000_000, sizeCalculation: (_v, key) => Math.max(1, key.length) });
  }

  get threads(): number {
    return this.maxThreads;
  }

  async run<N extends TaskName>(task: N, input: TaskInput<N>, opts: RunOptions = {}): Promise<TaskOutput<N>> {
    const inline = INLINE_MAX_CHARS[task];
    if (inline !== undefined && weightOf(input, inline) <= inline) {
      this.stats.inline += 1;
      return (TASKS[task] as (i: unknown) => TaskOutput<N>)(input);
    }
    const useCache = opts.cache !== false;
    const key = useCache ? createHash('sha256').update(task).update('\0').update(JSON.stringify(input)).digest('base64') : '';
    const hit = useCache ? this.cache.get(key) : undefined;
    if (hit && 'value' in hit) {
      this.stats.hits += 1;
      return hit.value as TaskOutput<N>;
    }
    if (hit && hit.until > Date.now()) throw hit.refusal;
    this.stats.dispatched += 1;
    // the input stands for the entry's weight: outputs are of the order of their inputs
    const size = () => Math.max(1, 2 * weightOf(input, Number.POSITIVE_INFINITY));
    try {
      const budget = opts.budgetMs ?? COMPUTE_BUDGET_MS[TASK_BUDGET[task]];
      const value = opts.lane === 'background'
        ? await this.inBackground(task, input, opts.budgetMs ?? budget * BACKGROUND_BUDGET_FACTOR)
        : await this.dispatch(task, input, budget, opts.lane ?? 'platform');
      if (useCache) this.cache.set(key, { value }, { size: size() });
      return value;
    } catch (err) {
      // too complex is a property of the input: the same one is refused at once for a while
      if (useCache && err instanceof AppError && err.code === 'unprocessable') this.cache.set(key, { refusal: err, until: Date.now() + REFUSAL_TTL_MS }, { size: size() });
      throw err;
    }
  }

  private async dispatch<N extends TaskName>(task: N, input: TaskInput<N>, budgetMs: number, lane: 'platform' | 'public'): Promise<TaskOutput<N>> {
    if (this.running >= this.maxThreads) {
      const limit = lane === 'public' ? PUBLIC_QUEUE_PER_THREAD * this.maxThreads : this.maxQueue;
      const queue = this.waiting[lane];
      if (queue.length >= limit) throw busy();
      // the slot is handed over by the task that ends (running stays the same)
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          queue.splice(queue.indexOf(take), 1);
          reject(busy());
        }, MAX_WAIT_MS);
        const take = () => {
          clearTimeout(timer);
          resolve();
        };
        queue.push(take);
      });
    } else this.running += 1;
    if (this.pool.threads.length === 0) this.warm = undefined;
    await (this.warm ??= this.pool.run({ task: 'ping', input: null }).then(() => undefined, () => {
      this.warm = undefined;
    }));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), budgetMs);
    try {
      return (await this.pool.run({ task, input }, { signal: controller.signal })) as TaskOutput<N>;
    } catch (err) {
      if (isAbort(err) || isOutOfMemory(err)) {
        this.warm = undefined; // its worker is replaced: the next one loads the code again
        throw tooLong(task, budgetMs);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      const next = this.waiting.platform.shift() ?? this.waiting.public.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Runs a task on the background thread, after the background tasks before it; its budget starts when it runs. */
  private inBackground<N extends TaskName>(task: N, input: TaskInput<N>, budgetMs: number): Promise<TaskOutput<N>> {
    const run = async (): Promise<TaskOutput<N>> => {
      this.background ??= new Piscina({
        filename: this.workerFile, execArgv: this.execArgv, minThreads: 0, maxThreads: 1, idleTimeout: 60_000,
        resourceLimits: { maxOldGenerationSizeMb: 768 }, workerData: { nice: BACKGROUND_NICE },
      });
      const pool = this.background;
      // a fresh thread loads the code before the budget starts (as the request threads do)
      if (pool.threads.length === 0) await pool.run({ task: 'ping', input: null });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), budgetMs);
      try {
        return (await pool.run({ task, input }, { signal: controller.signal })) as TaskOutput<N>;
      } catch (err) {
        if (isAbort(err) || isOutOfMemory(err)) throw tooLong(task, budgetMs);
        throw err;
      } finally {
        clearTimeout(timer);
      }
    };
    const result = this.backgroundChain.then(run, run);
    this.backgroundChain = result.catch(() => undefined);
    return result;
  }

  /** The background thread's nice value as the system reports it (tests), or null when it has not started. */
  async backgroundNice(): Promise<number | null> {
    if (!this.background) return null;
    return (await this.background.run({ task: 'threadNice', input: null })) as number | null;
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.destroy(), this.background?.destroy()]);
  }
}

/** Past its budget: a legistics computation is refused (its input is the cause); others are busy. */
function tooLong(task: TaskName, budgetMs: number): AppError {
  if (TASK_BUDGET[task] === 'legistique') {
    return new AppError('unprocessable', `Ce calcul dépasse ${budgetMs / 1000} s : texte ou dispositif trop complexe. Découpez-le en plusieurs amendements.`, { reason: 'too_complex', budgetMs });
  }
  return new AppError('busy', 'Le calcul a dépassé le temps imparti : réessayez dans un instant.', { reason: 'timeout', budgetMs });
}
