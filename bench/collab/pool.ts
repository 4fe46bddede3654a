/**
 * The client worker threads of one measured run (fresh ones each time, so that nothing carries
 * over), and the requests the main thread sends them all at once.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConnectReply, ConnectRequest, FromWorker, Report, ToWorker } from './messages';

const WORKER_FILE = path.join(__dirname, 'worker.ts');

export class ClientPool {
  private readonly workers: Worker[];
  private readonly waiting: ((m: FromWorker) => void)[][];

  constructor(n: number) {
    // The worker is TypeScript: load it through tsx's CommonJS hook, as the main thread is.
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(WORKER_FILE)});`;
    this.workers = Array.from({ length: n }, () => new Worker(code, { eval: true }));
    this.waiting = this.workers.map(() => []);
    this.workers.forEach((w, i) => {
      w.on('message', (m: FromWorker) => {
        if (m.type === 'error') {
          console.error(`client worker ${i}: ${m.message}`);
          return;
        }
        this.waiting[i]!.shift()?.(m);
      });
      w.on('error', (err) => console.error(`client worker ${i} crashed:`, err));
    });
  }

  get size(): number {
    return this.workers.length;
  }

  private ask<R extends FromWorker>(i: number, m: ToWorker, transfer: ArrayBuffer[] = []): Promise<R> {
    return new Promise((resolve) => {
      this.waiting[i]!.push((r) => resolve(r as R));
      this.workers[i]!.postMessage(m, transfer);
    });
  }

  /** Client i goes to worker i mod n: a document's clients are spread over the workers. */
  async connect(opts: Omit<ConnectRequest, 'type'>): Promise<{ ok: number; failures: string[]; ms: number }> {
    const parts = this.workers.map((_, i) => opts.clients.filter((_c, k) => k % this.workers.length === i));
    const replies = await Promise.all(
      parts.map((clients, i) => this.ask<ConnectReply>(i, { ...opts, type: 'connect', clients })),
    );
    return { ok: replies.reduce((s, r) => s + r.ok, 0), failures: replies.flatMap((r) => r.failures), ms: Math.max(...replies.map((r) => r.ms)) };
  }

  start(at: number, periodMs: number, count: number, warmup: number): void {
    for (const w of this.workers) w.postMessage({ type: 'start', at, periodMs, count, warmup } satisfies ToWorker);
  }

  report(): Promise<Report[]> {
    return Promise.all(this.workers.map((_, i) => this.ask<Report>(i, { type: 'report' })));
  }

  /** Closes every client (the server sees them all leave), then ends the threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((_, i) => this.ask(i, { type: 'close' })));
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
