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
}

/** Plain-data size of an input, in characters of its strings: decides inline vs worker. */
function charsOf(value: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length && n <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') n += v.length;
    else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') stack.push(...Object.values(v));
  }
  return n;
}

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
  private readonly cache: LRUCache<string, { value: unknown }>;
  /** Tasks running (at most one per thread) and waiting: our own queue, so that a task's budget
   *  starts when it runs, not while it waits behind others. */
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxThreads: number;
  private readonly maxQueue: number;
  /** Counters for benches and tests: cache hits, tasks run inline, tasks sent to a worker. */
  readonly stats = { hits: 0, inline: 0, dispatched: 0 };

  constructor(options: ComputeOptions = {}) {
    const threads = options.threads ?? Math.max(1, os.availableParallelism() - 1);
    this.maxThreads = threads;
    this.maxQueue = options.maxQueue ?? 16 * threads;
    const ts = path.extname(__filename) === '.ts';
    this.pool = new Piscina({
      filename: path.join(__dirname, `worker${ts ? '.ts' : '.js'}`),
      // from sources (tests, `npm run dev`, benches) the worker loads TypeScript through tsx
      execArgv: ts ? ['--import', 'tsx'] : [],
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
    if (inline !== undefined && charsOf(input, inline) <= inline) {
      this.stats.inline += 1;
      return (TASKS[task] as (i: unknown) => TaskOutput<N>)(input);
    }
    const useCache = opts.cache !== false;
    const key = useCache ? createHash('sha256').update(task).update('\0').update(JSON.stringify(input)).digest('base64') : '';
    const hit = useCache ? this.cache.get(key) : undefined;
    if (hit) {
      this.stats.hits += 1;
      return hit.value as TaskOutput<N>;
    }
    this.stats.dispatched += 1;
    const value = await this.dispatch(task, input, opts.budgetMs ?? COMPUTE_BUDGET_MS[TASK_BUDGET[task]]);
    // the key stands for the entry's weight: outputs are of the order of their inputs
    if (useCache) this.cache.set(key, { value }, { size: this.sizeOf(key, input) });
    return value;
  }

  private sizeOf(_key: string, input: unknown): number {
    return Math.max(1, 2 * charsOf(input, Number.POSITIVE_INFINITY));
  }

  private async dispatch<N extends TaskName>(task: N, input: TaskInput<N>, budgetMs: number): Promise<TaskOutput<N>> {
    if (this.running >= this.maxThreads) {
      if (this.waiting.length >= this.maxQueue) {
        throw new AppError('busy', 'Le serveur est très sollicité : réessayez dans un instant.', { reason: 'queue_full' });
      }
      // the slot is handed over by the task that ends (running stays the same)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), budgetMs);
    try {
      return (await this.pool.run({ task, input }, { signal: controller.signal })) as TaskOutput<N>;
    } catch (err) {
      if (isAbort(err) || isOutOfMemory(err)) throw tooLong(task, budgetMs);
      throw err;
    } finally {
      clearTimeout(timer);
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** Past its budget: a legistics computation is refused (its input is the cause); others are busy. */
function tooLong(task: TaskName, budgetMs: number): AppError {
  if (TASK_BUDGET[task] === 'legistique') {
    return new AppError('unprocessable', `Ce calcul dépasse ${budgetMs / 1000} s : texte ou dispositif trop complexe. Découpez-le en plusieurs amendements.`, { reason: 'too_complex', budgetMs });
  }
  return new AppError('busy', 'Le calcul a dépassé le temps imparti : réessayez dans un instant.', { reason: 'timeout', budgetMs });
}
