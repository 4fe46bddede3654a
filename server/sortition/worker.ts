import { parentPort, workerData } from 'node:worker_threads';
import { InfeasibleQuotas, leximin } from './leximin';
import { problemOf, type Stratum, type Volunteer } from './model';

/**
 * The worker thread that computes a sortition's lottery (runner.ts starts it): progress messages
 * while it works, then the distribution, or the reason the quotas cannot be met.
 */
interface Input {
  seats: number;
  strata: Stratum[];
  volunteers: Volunteer[];
}

const input = workerData as Input;
const port = parentPort!;
leximin(problemOf(input.seats, input.strata, input.volunteers), { onProgress: (progress) => port.postMessage({ type: 'progress', progress }) })
  .then((distribution) => port.postMessage({ type: 'done', distribution }))
  .catch((err: unknown) => {
    if (err instanceof InfeasibleQuotas) port.postMessage({ type: 'infeasible', reason: err.reason });
    else port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
