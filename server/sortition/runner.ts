import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Distribution, Progress } from './leximin';
import type { Stratum, Volunteer } from './model';

/**
 * Runs the lottery's computation (LEXIMIN, seconds to minutes) in a worker thread of its own, so
 * that the server keeps answering; one at a time per process (they are queued), each stopped past
 * its budget. Progress is reported as the worker sends it.
 */
export type Outcome = { ok: true; distribution: Distribution } | { ok: false; infeasible: boolean; reason: string };

let chain: Promise<unknown> = Promise.resolve();

export function computeLottery(input: { seats: number; strata: Stratum[]; volunteers: Volunteer[] }, opts: { budgetMs: number; onProgress?: (p: Progress) => void }): Promise<Outcome> {
  const run = () => new Promise<Outcome>((resolve) => {
    const ts = path.extname(__filename) === '.ts';
    // from sources (tests, `npm run dev`, benches) the worker loads TypeScript through tsx's require hook
    const file = path.join(__dirname, `worker${ts ? '.ts' : '.js'}`);
    const worker = new Worker(`${ts ? "require('tsx/cjs');" : ''}require(${JSON.stringify(file)});`, {
      eval: true,
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let settled = false;
    const settle = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(o);
    };
    const timer = setTimeout(() => settle({ ok: false, infeasible: false, reason: `Le calcul a dépassé ${Math.round(opts.budgetMs / 1000)} s : relancez-le quand le serveur est moins chargé.` }), opts.budgetMs);
    worker.on('message', (m: { type: 'progress'; progress: Progress } | { type: 'done'; distribution: Distribution } | { type: 'infeasible'; reason: string } | { type: 'error'; message: string }) => {
      if (m.type === 'progress') opts.onProgress?.(m.progress);
      else if (m.type === 'done') settle({ ok: true, distribution: m.distribution });
      else if (m.type === 'infeasible') settle({ ok: false, infeasible: true, reason: m.reason });
      else settle({ ok: false, infeasible: false, reason: `Le calcul a échoué : ${m.message}` });
    });
    worker.on('error', (err) => settle({ ok: false, infeasible: false, reason: `Le calcul a échoué : ${err.message}` }));
    worker.on('exit', (code) => settle({ ok: false, infeasible: false, reason: `Le calcul s’est arrêté (code ${code}).` }));
  });
  const next = chain.then(run, run);
  chain = next;
  return next;
}
