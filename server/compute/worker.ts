import os from 'node:os';
import { workerData } from 'node:worker_threads';
import { TASKS, type TaskName } from './tasks';

/*
 * The background lane's thread lowers its own scheduling priority once (server/compute/pool.ts ›
 * `background`): on Linux a thread has its own nice value, so the server's event loop and the
 * request workers keep theirs. Where the system refuses, the thread runs at normal priority.
 */
const nice = (workerData as { nice?: number } | null | undefined)?.nice;
if (typeof nice === 'number') {
  try {
    os.setPriority(nice);
  } catch {
    // not permitted here: normal priority
  }
}

/** The worker-thread side of the compute pool: one task, plain data in and out. */
export default function run({ task, input }: { task: TaskName; input: unknown }): unknown {
  return (TASKS[task] as (i: unknown) => unknown)(input);
}
